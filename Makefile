# committee-stats: `make run` and `make test` are the contract (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export DAGSTER_HOME := $(CURDIR)/dagster_home

.PHONY: install run test lint format dev dashboard lock bench clean samples cluster-demo cluster-rehearsal sql kill-drill

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "committee-stats needs Python >= 3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e . --config-settings editable_mode=compat
	@mkdir -p dagster_home
	@rm -f $(VENV)/.installed-* && touch $@

# CSTATS_DIE_WITH_PARENT=1: the run and the dashboard end with make (a killed make leaves nothing).
run: install
	CSTATS_DIE_WITH_PARENT=1 $(BIN)/cstats run
	CSTATS_DIE_WITH_PARENT=1 $(BIN)/cstats dashboard

test: install lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Dagster UI + daemon (inbox sensor, nightly schedule) on http://127.0.0.1:3000; see docs/orchestration.md.
dev: install
	@mkdir -p $(DAGSTER_HOME) sources/inbox
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p $${DAGSTER_PORT:-3000}

dashboard: install
	CSTATS_DIE_WITH_PARENT=1 $(BIN)/cstats dashboard

# One SQL query on the warehouse, read-only: make sql Q="SELECT count(*) FROM v_figure" (no Q: stdin).
sql: install
	@$(BIN)/cstats sql $(if $(Q),"$(Q)")

# The cluster mode on this machine: redis-server on a loopback port, two Celery workers, the backfill of
# CSTATS_SOURCES (default: the samples) through Dagster's Celery executor, one publish; stops what it
# started. State under .cache/cluster-demo/ (a second run is all store hits). See docs/deploy.md.
cluster-demo: install
	$(BIN)/python -m pipelines.cluster.demo

# Regenerate the bundled sample corpus and its truth (sources/samples) from sources/corpus/.
samples: install
	$(BIN)/python -m sources.corpus.generate

# Stop `cstats run` with SIGTERM and SIGKILL at 10 moments over the samples and 2,000 generated
# documents, count the processes left, rerun, compare every table with a clean run; fill the disk
# at several points (tmpfs as root, else RLIMIT_FSIZE). One table (docs/orchestration.md). Long:
# about an hour on two cores; KILL_DRILL_ARGS="--generated 0 --moments 3" for a quick look.
kill-drill: install
	nice $(BIN)/python bench/kill_drill.py $(KILL_DRILL_ARGS)

bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Re-pin every dependency (developers only; needs network access to the package index).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache warehouse/*.duckdb

# The cluster across hosts, rehearsed with Linux network namespaces (root only; others get a skip line):
# broker, S3 store (moto), two workers, coordinator+publisher each in a namespace of its own; drills:
# a worker's link cut mid-step, the broker restarted, the store paused 20 s. See docs/deploy.md.
cluster-rehearsal: install
	$(BIN)/python -m pipelines.cluster.rehearsal
