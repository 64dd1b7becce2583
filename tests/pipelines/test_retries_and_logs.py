"""Only transient errors are retried, with backoff; logs are JSON lines, quiet by default."""

import errno
import io
import json
import logging

import dagster as dg
import duckdb
import pytest

from pipelines.defs.assets import documents
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.run import retries
from pipelines.run.logs import DEFAULT_LEVEL, json_handler
from sources.errors import CorruptDocument, ReadTimeout


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (OSError(errno.EBUSY, "device busy"), True),
        (OSError(errno.ESTALE, "stale file handle"), True),
        (ConnectionResetError(), True),
        (TimeoutError(), True),
        (duckdb.IOException('Could not set lock on file "w.duckdb": Conflicting lock is held'), True),
        (FileNotFoundError(errno.ENOENT, "gone"), False),
        (PermissionError(errno.EACCES, "denied"), False),
        (ReadTimeout("took too long"), False),  # quarantined, never retried
        (CorruptDocument("bad xref"), False),
        (ValueError("a bug"), False),
    ],
)
def test_only_transient_errors_are_retried(exc, transient):
    assert retries.is_transient(exc) is transient


def test_backoff_doubles():
    assert [retries.backoff_seconds(n) for n in range(3)] == [2.0, 4.0, 8.0]


def test_a_non_transient_failure_is_quarantined_at_once(settings, monkeypatch, instance):
    """A bug in extraction is not retried: one attempt, then that document is quarantined as
    extraction_error and the partition succeeds (one document never stops the others)."""
    import hashlib

    from pipelines.run import collect

    calls = []

    def broken(doc):
        calls.append(doc.doc_id)
        raise KeyError("a bug")

    monkeypatch.setattr(collect, "extract_mentions", broken)
    key = hashlib.sha256((settings.sources / "helan_2024.txt").read_bytes()).hexdigest()
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, [key])
    result = dg.materialize(
        [documents],
        partition_key=key,
        instance=instance,
        resources={"stats_paths": settings},
        raise_on_error=False,
    )
    assert result.success and calls == ["helan_2024"]
    meta = result.asset_materializations_for_node("documents")[0].metadata
    assert meta["reason"].value == "extraction_error" and "KeyError" in meta["message"].value


def test_logs_are_json_lines():
    stream = io.StringIO()
    log = logging.Logger("cstats-test", level=DEFAULT_LEVEL)
    log.addHandler(json_handler(stream))
    log.info("not shown by default")
    log.warning("quarantined source_path=%s reason=%s", "a.pdf", "encrypted")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert (
        record["level"] == "WARNING" and record["message"] == "quarantined source_path=a.pdf reason=encrypted"
    )


def test_a_transient_failure_is_retried_with_backoff(settings, monkeypatch, instance):
    import hashlib

    from pipelines.run import collect

    real = collect.extract_mentions
    calls = []

    def flaky(doc):
        calls.append(doc.doc_id)
        if len(calls) == 1:
            raise OSError(errno.EBUSY, "store busy")
        return real(doc)

    monkeypatch.setattr(collect, "extract_mentions", flaky)
    monkeypatch.setattr(retries, "BASE_DELAY_SECONDS", 0.01)
    key = hashlib.sha256((settings.sources / "helan_2024.txt").read_bytes()).hexdigest()
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, [key])
    result = dg.materialize(
        [documents], partition_key=key, instance=instance, resources={"stats_paths": settings}
    )
    assert result.success and calls == ["helan_2024", "helan_2024"]
    assert result.asset_materializations_for_node("documents")[0].metadata["status"].value == "loaded"
