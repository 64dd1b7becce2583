"""Jobs: extract documents in batches (the inbox sensor's and `cstats run`'s runs), extract one
document (a partition, from the UI), publish the warehouse."""

import time
import warnings

import dagster as dg

from pipelines.defs.assets import documents, mentions, warehouse
from pipelines.defs.resources import StatsPaths
from pipelines.run.batches import BatchFailed, Done, store_batch
from pipelines.run.logs import quiet_libraries

ROLE_TAG = "cstats/role"  # dagster_home/dagster.yaml limits publish runs to one at a time by this tag
DOCUMENTS_TAG = "cstats/documents"  # documents in a batch run
DONE_TAG = "cstats/documents_done"  # its progress, "done/total", updated while it runs
OWNERS = ["team:data-engineering"]  # shown by the UI on the jobs, the sensor and the schedule
# `owners` on jobs, sensors and schedules is marked beta in dagster 1.13: known, wanted, not worth a warning.
warnings.filterwarnings("ignore", message="Parameter `owners`", category=dg.BetaWarning)
# Structured, quiet logs (pipelines/run/logs.py): the run config the sensor, the schedule and `cstats run`
# give their runs. (Runs launched without it use Dagster's console logger at the instance's
# python_log_level, WARNING in dagster_home/dagster.yaml.)
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
PROGRESS_SECONDS = 2.0  # how often a batch run updates its documents-done tag

extract_job = dg.define_asset_job(
    "extract_document",
    selection=dg.AssetSelection.assets(documents),
    tags={ROLE_TAG: "extract"},
    owners=OWNERS,
    description="Read one document (a partition of `documents`) and extract its mentions into the "
    "document store. Batches of new documents run as `extract_documents`.",
)

publish_job = dg.define_asset_job(
    "publish_warehouse",
    selection=dg.AssetSelection.assets(mentions, warehouse),
    tags={ROLE_TAG: "publish"},
    owners=OWNERS,
    description="Gather every document's stored output, run the blocking checks, publish the warehouse.",
)


def document_metadata(item: Done, store_key: str) -> dict:
    result = item.result
    meta = {"status": result.status, "source_path": item.source_path, "sha256": item.sha256,
            "extraction_key": store_key, "reused": item.reused, "retries": item.retries}  # fmt: skip
    if result.loaded:
        meta["pages"] = (result.document or {}).get("pages") or 0
        meta["mentions"] = (result.document or {}).get("mentions") or 0
    else:
        meta |= {"reason": result.quarantine["reason"], "message": result.quarantine["message"]}
    return meta


@dg.op(
    config_schema={
        "documents": dg.Field([[str]], description="[content hash, relative path] pairs"),
        "partition_events": dg.Field(
            bool,
            default_value=True,
            description="record each document as a materialization of its `documents` partition "
            "(false: only the batch's counts, for an instance nobody reads after the run)",
        ),
    },
    description="Read, extract and store a batch of documents; each one is recorded as a "
    "materialization of its `documents` partition, with its outcome. Progress: the run's "
    f"`{DONE_TAG}` tag (documents done / in the batch).",
)
def extract_documents_op(context: dg.OpExecutionContext, stats_paths: StatsPaths) -> dict:
    quiet_libraries()
    store = stats_paths.store
    batch = [(sha, rel) for sha, rel in context.op_config["documents"]]
    partition_events = context.op_config["partition_events"]
    counts = {"documents": len(batch), "extracted": 0, "reused": 0, "quarantined": 0}
    last = [time.monotonic()]

    def on_done(item: Done) -> None:
        kind = "reused" if item.reused else "extracted" if item.result.loaded else "quarantined"
        counts[kind] += 1
        if partition_events:  # a few milliseconds of event storage per document
            context.log_event(
                dg.AssetMaterialization(
                    asset_key=documents.key,
                    partition=item.sha256,
                    metadata=document_metadata(item, store.key),
                    tags={"cstats/status": item.result.status},
                )  # fmt: skip
            )
        if not item.result.loaded:
            q = item.result.quarantine
            context.log.warning(
                f"quarantined source_path={item.source_path} reason={q['reason']}: {q['message']}"
            )
        done = counts["extracted"] + counts["reused"] + counts["quarantined"]
        if done == len(batch) or time.monotonic() - last[0] >= PROGRESS_SECONDS:
            last[0] = time.monotonic()
            context.instance.add_run_tags(context.run_id, {DONE_TAG: f"{done}/{len(batch)}"})

    try:
        with stats_paths.reading_limits():
            store_batch(stats_paths.sources, store, batch, stats_paths.document_seconds, on_done=on_done)
    except BatchFailed as e:
        for sha, rel, exc in e.failures:
            context.log.error(f"failed source_path={rel} sha256={sha}: {exc.__class__.__name__}: {exc}")
        # the first document's own error (as one document's run raised it), the batch's list as its cause
        raise e.failures[0][2] from e
    context.add_output_metadata(counts)
    return counts


@dg.job(
    tags={ROLE_TAG: "extract"},
    owners=OWNERS,
    description="Read, extract and store a batch of documents (the inbox sensor's runs and "
    "`cstats run`'s): Dagster's run bookkeeping is paid per batch; each document keeps its store "
    "keys, its outcome (a materialization of its `documents` partition) and its retry.",
)
def extract_documents():
    extract_documents_op()


def batch_run_config(
    batch: list[tuple[str, str]], logs: dict = QUIET_LOGS, *, partition_events: bool = True
) -> dict:
    config: dict = {"documents": [list(p) for p in batch]}
    if not partition_events:  # (the default, true, is left out: the sensor's runs keep their config)
        config["partition_events"] = False
    return {"ops": {"extract_documents_op": {"config": config}}, **logs}
