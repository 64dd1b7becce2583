"""The inbox sensor: new or changed documents become partitions and runs; deleted ones go.

Documents are keyed by content hash, so a renamed or copied file is not a new document. The
cursor keeps each file's size, mtime and hash, so a tick re-hashes only files that changed.
"""

import json

import dagster as dg

from pipelines.defs.assets import SOURCE_PATH_TAG
from pipelines.defs.jobs import QUIET_LOGS, extract_job
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import StatsPaths
from sources.scan import FileEntry, by_content, scan_folder

INTERVAL_SECONDS = 30


def _load_cursor(cursor: str | None) -> dict[str, FileEntry]:
    if not cursor:
        return {}
    try:
        return {rel: FileEntry.from_json(v) for rel, v in json.loads(cursor).items()}
    except (ValueError, TypeError, IndexError):
        return {}


@dg.sensor(
    job=extract_job,
    minimum_interval_seconds=INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the sources folder (CSTATS_INBOX, default sources/inbox/): adds a partition and "
    "requests a run for each new or changed document by content hash; removes deleted ones.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, stats_paths: StatsPaths) -> dg.SensorResult:
    folder = stats_paths.sources
    if not folder.is_dir():
        return dg.SensorResult(skip_reason=f"sources folder not found: {folder}")
    previous = _load_cursor(context.cursor)
    entries = scan_folder(folder, previous)
    current = by_content(entries)
    known = set(context.instance.get_dynamic_partitions(DOCUMENTS_PARTITION))
    added = sorted(set(current) - known)
    removed = sorted(known - set(current))
    store = stats_paths.store
    # New documents, and known ones without output for the current extraction key (extractor changed).
    # The run key makes each (document, extraction key) run once, however many ticks see it.
    to_run = sorted(sha for sha in current if sha in added or not store.has(sha))
    run_requests = [
        dg.RunRequest(
            partition_key=sha,
            run_key=f"{sha}:{store.key}",
            tags={SOURCE_PATH_TAG: current[sha][0]},
            run_config=QUIET_LOGS,
        )
        for sha in to_run
    ]
    partition_requests = []
    if added:
        partition_requests.append(dg.AddDynamicPartitionsRequest(DOCUMENTS_PARTITION, added))
    if removed:
        partition_requests.append(dg.DeleteDynamicPartitionsRequest(DOCUMENTS_PARTITION, removed))
    moved = sorted(
        rel
        for rel, e in entries.items()
        if rel not in previous and e.sha256 in known and e.sha256 not in added
    )
    if added or removed or moved:
        context.log.info(
            f"documents added={len(added)} removed={len(removed)} renamed_or_copied={len(moved)}"
        )
    cursor = json.dumps({rel: e.to_json() for rel, e in sorted(entries.items())}, separators=(",", ":"))
    return dg.SensorResult(
        run_requests=run_requests, dynamic_partitions_requests=partition_requests, cursor=cursor
    )
