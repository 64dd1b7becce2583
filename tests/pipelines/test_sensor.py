"""The inbox sensor against a temporary inbox: new, unchanged, renamed, copied, changed, deleted."""

import hashlib

import dagster as dg

from pipelines.defs.assets import ALL_ASSETS, SOURCE_PATH_TAG
from pipelines.defs.jobs import extract_job
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import StatsPaths
from pipelines.defs.sensors import inbox_sensor
from pipelines.run.store import DocumentStore

from .conftest import REPORTS


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Daemon:
    """Evaluates the sensor as the Dagster daemon does: applies its partition requests, keeps its cursor."""

    def __init__(self, instance, settings):
        self.instance = instance
        self.cursor = None
        self.resources = {"stats_paths": settings}
        self.defs = dg.Definitions(
            assets=ALL_ASSETS, jobs=[extract_job], sensors=[inbox_sensor], resources={"stats_paths": settings}
        )

    def tick(self) -> dg.SensorResult:
        ctx = dg.build_sensor_context(
            instance=self.instance, definitions=self.defs, cursor=self.cursor, resources=self.resources
        )
        result = inbox_sensor(ctx)
        for req in result.dynamic_partitions_requests or []:
            if isinstance(req, dg.AddDynamicPartitionsRequest):
                self.instance.add_dynamic_partitions(req.partitions_def_name, req.partition_keys)
            else:
                for key in req.partition_keys:
                    self.instance.delete_dynamic_partition(req.partitions_def_name, key)
        self.cursor = result.cursor
        return result

    @property
    def partitions(self) -> set[str]:
        return set(self.instance.get_dynamic_partitions(DOCUMENTS_PARTITION))


def requested(result: dg.SensorResult) -> dict[str, str]:
    return {r.partition_key: r.tags[SOURCE_PATH_TAG] for r in result.run_requests}


def changes(result: dg.SensorResult) -> tuple[list, list]:
    added, deleted = [], []
    for req in result.dynamic_partitions_requests or []:
        (added if isinstance(req, dg.AddDynamicPartitionsRequest) else deleted).extend(req.partition_keys)
    return sorted(added), sorted(deleted)


def run_requested(daemon, result, settings):
    """Materialize what the sensor asked for (the runs the daemon would launch)."""
    for r in result.run_requests:
        dg.materialize(
            ALL_ASSETS[:1], partition_key=r.partition_key, instance=daemon.instance,
            resources={"stats_paths": settings}, tags=r.tags,
        )  # fmt: skip


def test_sensor_follows_the_inbox_by_content(instance, settings, inbox):
    daemon = Daemon(instance, settings)
    helan, huinong, yongning = (inbox / n for n in sorted(REPORTS))
    keys = {p.name: sha(p) for p in (helan, huinong, yongning)}

    # New documents: one partition and one run each, tagged with the file.
    first = daemon.tick()
    assert changes(first) == (sorted(keys.values()), [])
    assert requested(first) == {k: name for name, k in keys.items()}
    assert len({r.run_key for r in first.run_requests}) == 3
    run_requested(daemon, first, settings)

    # Nothing changed: nothing to do.
    quiet = daemon.tick()
    assert changes(quiet) == ([], []) and requested(quiet) == {}

    # A renamed file and a copy keep their content hash: not new documents.
    helan.rename(inbox / "helan_2024_renamed.txt")
    (inbox / "copies").mkdir()
    (inbox / "copies" / "huinong_copy.txt").write_bytes(huinong.read_bytes())
    moved = daemon.tick()
    assert changes(moved) == ([], []) and requested(moved) == {}
    assert daemon.partitions == set(keys.values())

    # A changed file is a new document; its old content's partition goes.
    yongning.write_text(REPORTS["yongning_2024.txt"].replace("73件", "75件"), encoding="utf-8")
    changed = daemon.tick()
    new_key = sha(yongning)
    assert changes(changed) == ([new_key], [keys["yongning_2024.txt"]])
    assert requested(changed) == {new_key: "yongning_2024.txt"}
    run_requested(daemon, changed, settings)

    # A deleted file's partition is removed; a copy left behind keeps its document.
    huinong.unlink()
    (inbox / "helan_2024_renamed.txt").unlink()
    deleted = daemon.tick()
    assert changes(deleted) == ([], [keys["helan_2024.txt"]])
    assert requested(deleted) == {}
    assert daemon.partitions == {keys["huinong_2023.txt"], new_key}


def test_sensor_requests_runs_again_after_an_extractor_change(instance, settings, inbox, monkeypatch):
    daemon = Daemon(instance, settings)
    first = daemon.tick()
    run_requested(daemon, first, settings)
    assert requested(daemon.tick()) == {}

    from pipelines.run import store as store_module

    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "next-version")
    again = daemon.tick()
    assert changes(again) == ([], [])
    assert set(requested(again)) == daemon.partitions
    new_key = DocumentStore(settings.store_dir).key
    assert all(r.run_key.endswith(new_key) for r in again.run_requests)
    assert {r.run_key for r in again.run_requests}.isdisjoint({r.run_key for r in first.run_requests})


def test_sensor_skips_when_the_inbox_is_missing(instance, settings, tmp_path):
    missing = StatsPaths(
        sources_dir=str(tmp_path / "none"),
        warehouse_path=settings.warehouse_path,
        store_dir=settings.store_dir,
    )
    daemon = Daemon(instance, missing)
    result = daemon.tick()
    assert result.skip_reason and "not found" in str(result.skip_reason.skip_message)
