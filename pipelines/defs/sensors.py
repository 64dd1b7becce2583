"""The inbox sensor: new or changed documents, once settled, become partitions and batch runs;
deleted ones go.

Documents are keyed by content hash, so a renamed or copied file is not a new document. The
per-file state lives in a SQLite index beside the document store (pipelines/run/inbox.py); the
cursor is a high-water mark. A tick costs a ``stat`` per unchanged file, a hash per changed one,
and one store call for the changed documents' outputs. New documents run as batches of
``documents_per_run`` (job ``extract_documents``), at most as many as the run queue has room for;
the rest wait in the index for the next tick.
"""

from datetime import UTC, datetime

import dagster as dg

from pipelines.defs.jobs import DOCUMENTS_TAG, OWNERS, batch_run_config, extract_documents
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import StatsPaths
from pipelines.run import inbox
from warehouse.inbox_status import write_status

INTERVAL_SECONDS = 30
LISTED_IN_LOG = 20  # waiting files named in a tick's log line


def queued_runs(instance: dg.DagsterInstance) -> int:
    """Runs of ``extract_documents`` not started yet (one indexed query)."""
    statuses = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED]
    return instance.get_runs_count(dg.RunsFilter(job_name=extract_documents.name, statuses=statuses))


@dg.sensor(
    job=extract_documents,
    minimum_interval_seconds=INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    owners=OWNERS,
    description="Watches the sources folder (CSTATS_INBOX, default sources/inbox/). A file is picked "
    "up once settled (unwritten for CSTATS_SETTLE_SECONDS, default 10, and not named as a partial "
    "copy: .part, .tmp, .crdownload, ~$); each new or changed document by content hash gets a "
    "partition, and they run in batches of CSTATS_DOCUMENTS_PER_RUN (default 50) while the run "
    "queue has room; deleted documents' partitions go. What waits is logged and shown on the "
    "dashboard's data-quality page.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, stats_paths: StatsPaths) -> dg.SensorResult:
    folder = stats_paths.sources
    if not folder.is_dir():
        return dg.SensorResult(skip_reason=f"sources folder not found: {folder}")
    store = stats_paths.store
    room = max(0, stats_paths.max_queued_runs - queued_runs(context.instance))
    index = inbox.InboxIndex(inbox.index_path(store, folder))
    try:
        found = inbox.tick(
            folder, store, index, inbox.Cursor.load(context.cursor),
            per_run=stats_paths.documents_per_run, max_runs=room, settle=stats_paths.settle_seconds,
        )  # fmt: skip
    finally:
        index.close()
    run_requests = [
        dg.RunRequest(
            run_key=inbox.run_key(batch, store.key),
            run_config=batch_run_config(batch),
            tags={DOCUMENTS_TAG: str(len(batch))},
        )
        for batch in found.batches
    ]
    partition_requests = []
    if found.added:
        partition_requests.append(dg.AddDynamicPartitionsRequest(DOCUMENTS_PARTITION, found.added))
    if found.removed:
        partition_requests.append(dg.DeleteDynamicPartitionsRequest(DOCUMENTS_PARTITION, found.removed))
    if found.changed or found.removed or found.batches or found.held:
        context.log.info(found.summary())
    if found.held:
        context.log.info(
            f"run queue full (room for {room} runs): {found.held} documents wait for the next tick"
        )
    if found.waiting:
        names = ", ".join(f"{w['source_path']} ({w['reason']})" for w in found.waiting[:LISTED_IN_LOG])
        more = f" and {len(found.waiting) - LISTED_IN_LOG} more" if len(found.waiting) > LISTED_IN_LOG else ""
        context.log.info(f"waiting: {len(found.waiting)} files not settled: {names}{more}")
    write_status(
        stats_paths.warehouse,
        {"checked_at": datetime.now(UTC).isoformat(timespec="seconds"), "settle_seconds": stats_paths.settle_seconds,
         "waiting": found.waiting, "held": found.held, "deferred": found.deferred},
    )  # fmt: skip
    return dg.SensorResult(
        run_requests=run_requests, dynamic_partitions_requests=partition_requests, cursor=found.cursor.dump()
    )
