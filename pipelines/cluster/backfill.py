"""Cluster mode: the backfill's per-document steps on Dagster's Celery executor (dagster-celery)
with a Redis (or RabbitMQ) broker; the publish stays one step.

The job ``cluster_backfill`` is one Dagster run:

    plan_batches ─┬─► extract_batch (text steps, mapped) ──┬─► publish_from_store
    (scan, skip   └─► ocr_batch (scan steps, mapped) ──────┘   one step: gather, check, publish
    stored, split)     read, extract, store on a worker

Every step is a Celery task of the broker's ``dagster`` queue, except two. Documents with scanned
pages (PDF pages that are images without text, found by a cheap look at the first pages,
``sources.ocr.has_scan_pages``) go in steps of their own, ``ocr_batch``, on the ``ocr`` queue, so
a deployment routes them to GPU workers (or to more CPU cores) and everything else to CPU
workers; the op's tags say so to Celery (``dagster-celery/queue``) and to Kubernetes
(``dagster-k8s/config``: a node selector ``cstats/ocr: "true"``, docs/deploy.md). Any worker can
read any document, so the split only routes: a scan in a text step, or the reverse, is read the
same. The publish goes to the ``cstats_publish`` queue, so a deployment routes it to the worker
on the host that owns the warehouse volume. Workers share nothing but the document store (``CSTATS_STORE``: a shared folder
or ``s3://bucket/prefix``), the sources folder, and the Dagster instance (``DAGSTER_HOME``:
SQLite on one host, Postgres on several) with its step outputs (the instance's storage folder).

Fault tolerance comes from Celery, configured here: a task is acknowledged after it ran
(``task_acks_late``), a task whose worker died is put back (``task_reject_on_worker_lost``), and
Redis hands an unacknowledged task to another worker after ``visibility_timeout`` seconds. A step
that runs twice writes the same store files again (atomic, keyed by content), so redelivery is
harmless. Settings (environment, the same for the coordinator and every worker):

| variable | default |
|---|---|
| CSTATS_BROKER | redis://127.0.0.1:6379/0 (``pyamqp://user:pass@host//`` for RabbitMQ) |
| CSTATS_RESULT_BACKEND | the broker URL when it is Redis, else ``rpc://`` |
| CSTATS_VISIBILITY_TIMEOUT | 3600 s (Redis: must exceed the longest step) |
| CSTATS_DOCUMENTS_PER_STEP | 16 |
| CSTATS_SCANS_PER_STEP | 1 (documents with scanned pages: seconds of OCR each) |
"""

import os
import warnings
from pathlib import Path

import dagster as dg
from dagster_celery import celery_executor
from dagster_celery.tags import DAGSTER_CELERY_QUEUE_TAG

from pipelines.defs.jobs import OWNERS
from pipelines.defs.resources import StatsPaths
from pipelines.run import paths
from pipelines.run.collect import store_document, survey_sources
from pipelines.run.logs import quiet_libraries
from pipelines.run.staging import BlockedPublish, publish_streaming
from sources.archive import split_member
from sources.ocr import has_scan_pages
from sources.scan import by_content
from sources.sniff import Sniffed

EXTRACT_QUEUE = "dagster"  # dagster-celery's default queue
OCR_QUEUE = "ocr"  # documents with scanned pages: GPU workers where there are some
PUBLISH_QUEUE = "cstats_publish"
OCR_NODE_SELECTOR = {"cstats/ocr": "true"}  # label of the Kubernetes nodes that take OCR steps
OCR_TAGS = {
    DAGSTER_CELERY_QUEUE_TAG: OCR_QUEUE,
    "cstats/device": "gpu",
    # dagster-k8s (k8s_job_executor, celery_k8s_job_executor): the step's pod goes to an OCR node,
    # with a GPU, and reads on it (sources/ocr.py falls back to the CPU where there is none)
    "dagster-k8s/config": {
        "pod_spec_config": {"node_selector": OCR_NODE_SELECTOR},
        "container_config": {
            "resources": {"limits": {"nvidia.com/gpu": "1"}},
            "env": [{"name": "CSTATS_OCR_DEVICE", "value": "cuda"}],
        },
    },
}
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
DEFAULT_DOCUMENTS_PER_STEP = 16
# A scan costs seconds of OCR (a text document tens of milliseconds), so its steps hold fewer
# documents: with 16 to a step, 20 scans made a 16-scan step and a 4-scan one, and one of two OCR
# workers waited. One scan a step keeps every OCR worker busy; a task's overhead (~0.1 s) is a few
# percent of one page.
DEFAULT_SCANS_PER_STEP = 1


def broker_url() -> str:
    return os.environ.get("CSTATS_BROKER", DEFAULT_BROKER)


def celery_config() -> dict:
    """The ``celery`` executor's config: the same for the coordinator (run config) and the
    workers (``pipelines.cluster.celery_app``), or the workers would listen elsewhere."""
    broker = broker_url()
    backend = os.environ.get("CSTATS_RESULT_BACKEND") or (broker if broker.startswith("redis") else "rpc://")
    visibility = int(os.environ.get("CSTATS_VISIBILITY_TIMEOUT", "3600"))
    return {
        "broker": broker,
        "backend": backend,
        "config_source": {
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            "broker_connection_retry_on_startup": True,
            "broker_transport_options": {
                "visibility_timeout": visibility,
                # dagster-celery's own defaults for reconnecting to the broker:
                "max_retries": 3,
                "interval_start": 0,
                "interval_step": 0.2,
                "interval_max": 0.5,
            },  # fmt: skip
            "result_backend_transport_options": {"visibility_timeout": visibility},
            "result_expires": 7 * 24 * 3600,
        },
    }


def documents_per_step() -> int:
    return max(1, int(os.environ.get("CSTATS_DOCUMENTS_PER_STEP", DEFAULT_DOCUMENTS_PER_STEP)))


def scans_per_step() -> int:
    return max(1, int(os.environ.get("CSTATS_SCANS_PER_STEP", DEFAULT_SCANS_PER_STEP)))


def needs_ocr(folder: Path, rel: str, kind: Sniffed | None) -> bool:
    """Whether the document ``rel`` goes to an OCR step: a PDF (by content) with scanned pages.
    Archive members go to text steps (their bytes are inside the archive; any worker reads them)."""
    if kind is None or kind.kind != "pdf" or split_member(rel) is not None:
        return False
    return has_scan_pages(Path(folder) / rel)


def split_by_step(folder: Path, todo: list[list[str]], kinds: dict[str, Sniffed]):
    """``(text documents, scan documents)`` of the ``[sha, rel]`` pairs to read."""
    text, scans = [], []
    for item in todo:
        (scans if needs_ocr(folder, item[1], kinds.get(item[1])) else text).append(item)
    return text, scans


@dg.op(
    out={"text": dg.DynamicOut(list), "scans": dg.DynamicOut(list)},
    config_schema={
        "documents_per_step": dg.Field(int, default_value=DEFAULT_DOCUMENTS_PER_STEP),
        "scans_per_step": dg.Field(int, default_value=DEFAULT_SCANS_PER_STEP),
    },
    description="Scan the sources folder; batch the documents without a stored output for the "
    "current extraction key (quarantined ones are tried again): documents with scanned pages "
    "in OCR steps, the rest in text steps.",
)
def plan_batches(context: dg.OpExecutionContext, stats_paths: StatsPaths):
    quiet_libraries()
    store = stats_paths.store
    found = survey_sources(stats_paths.sources, store)
    by_sha = by_content(found.entries)
    todo = []
    for sha, rels in sorted(by_sha.items(), key=lambda kv: kv[1][0]):
        stored = store.load(sha, mentions=False)
        if stored is None or not stored.loaded:
            todo.append([sha, rels[0]])
    text, scans = split_by_step(stats_paths.sources, todo, found.kinds)
    size, ocr_size = context.op_config["documents_per_step"], context.op_config["scans_per_step"]
    text_batches = [text[i : i + size] for i in range(0, len(text), size)] or [[]]  # the publish runs
    scan_batches = [scans[i : i + ocr_size] for i in range(0, len(scans), ocr_size)]
    context.log.warning(
        f"plan: {len(by_sha)} documents, {len(by_sha) - len(todo)} stored, "
        f"{len(text_batches)} text steps, {len(scan_batches)} OCR steps ({len(scans)} documents with scans)"
    )
    for i, batch in enumerate(text_batches):
        yield dg.DynamicOutput(batch, mapping_key=f"b{i:06d}", output_name="text")
    for i, batch in enumerate(scan_batches):
        yield dg.DynamicOutput(batch, mapping_key=f"s{i:06d}", output_name="scans")


def _extract(context: dg.OpExecutionContext, stats_paths: StatsPaths, batch: list) -> dict:
    quiet_libraries()
    store = stats_paths.store
    counts = {"extracted": 0, "reused": 0, "quarantined": 0}
    for sha, rel in batch:
        result, reused = store_document(stats_paths.sources, store, sha, rel, stats_paths.document_seconds)
        counts["reused" if reused else "extracted" if result.loaded else "quarantined"] += 1
    context.add_output_metadata(counts)
    return counts


@dg.op(description="Read, extract and store one batch of documents (a Celery task on any worker).")
def extract_batch(context: dg.OpExecutionContext, stats_paths: StatsPaths, batch: list) -> dict:
    return _extract(context, stats_paths, batch)


@dg.op(
    tags=OCR_TAGS,
    description="Read (OCR), extract and store one batch of documents with scanned pages: a Celery "
    "task of the ocr queue (GPU workers where a deployment has them).",
)
def ocr_batch(context: dg.OpExecutionContext, stats_paths: StatsPaths, batch: list) -> dict:
    return _extract(context, stats_paths, batch)


@dg.op(
    tags={DAGSTER_CELERY_QUEUE_TAG: PUBLISH_QUEUE},
    description="Gather every stored output (streamed through a Parquet spool), run the blocking "
    "checks, publish the warehouse: one step, the only writer of the DuckDB file.",
)
def publish_from_store(
    context: dg.OpExecutionContext, stats_paths: StatsPaths, counts: list, scan_counts: list
) -> dict:
    quiet_libraries()
    try:
        result, staged = publish_streaming(
            stats_paths.sources, stats_paths.store, stats_paths.document_seconds, stats_paths.warehouse
        )
    except BlockedPublish as e:
        raise dg.Failure(str(e)) from e
    summary = {
        "documents": result.documents,
        "mentions": result.mentions,
        "quarantined": result.quarantined,
        "facts": result.facts,
        "extracted": sum(c["extracted"] for c in counts + scan_counts),
        "quarantined_now": sum(c["quarantined"] for c in counts + scan_counts),
        "ocr_steps": len(scan_counts),
        "processed_while_gathering": staged.processed_now,
        "path": str(result.path),
    }
    context.log_event(dg.AssetMaterialization(asset_key="warehouse", metadata=summary))
    return summary


@dg.job(
    executor_def=celery_executor,
    resource_defs={"stats_paths": StatsPaths.configure_at_launch()},
    owners=OWNERS,
    description="The whole backfill on Celery workers: extract every document not yet stored, publish once.",
)
def cluster_backfill():
    text, scans = plan_batches()
    publish_from_store(text.map(extract_batch).collect(), scans.map(ocr_batch).collect())


def run_config(
    sources: Path,
    warehouse: Path,
    store: str | Path,
    *,
    per_step: int | None = None,
    ocr_per_step: int | None = None,
    document_seconds=None,
) -> dict:
    return {
        "execution": {"config": celery_config()},
        "resources": {
            "stats_paths": {
                "config": {
                    "sources_dir": str(Path(sources).resolve()),
                    "warehouse_path": str(Path(warehouse).resolve()),
                    "store_dir": str(store) if "://" in str(store) else str(Path(store).resolve()),
                    "document_seconds": document_seconds or paths.document_seconds(),
                }
            }
        },
        "ops": {
            "plan_batches": {
                "config": {
                    "documents_per_step": per_step or documents_per_step(),
                    "scans_per_step": ocr_per_step or scans_per_step(),
                }
            }
        },
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
    }


def interrupted(events) -> bool:
    """Whether a run failed because it was interrupted (Ctrl-C or SIGTERM): Dagster replaces the
    caller's SIGINT handler while the job runs and ends the run as a failure with
    DagsterExecutionInterruptedError, so the caller's own KeyboardInterrupt never comes."""
    return any(
        e.is_run_failure
        and (error := getattr(e.event_specific_data, "error", None)) is not None
        and error.cls_name == "DagsterExecutionInterruptedError"
        for e in events
    )


def run_backfill(
    sources: Path, warehouse: Path, store: str | Path, *, instance: dg.DagsterInstance | None = None, **kw
) -> dict:
    """Run ``cluster_backfill`` through the Celery executor (workers must be running) and return
    the publish summary; raises RuntimeError with the failing steps' errors when the run fails,
    KeyboardInterrupt when it was interrupted (the run is recorded as failed, nothing published)."""
    instance = instance or dg.DagsterInstance.get()  # persistent (DAGSTER_HOME): workers open it too
    config = run_config(sources, warehouse, store, **kw)
    # dagster-celery re-registers its step task for every submission; celery warns each time.
    warnings.filterwarnings("ignore", message="Task name 'execute_plan' is already registered")
    with dg.execute_job(
        dg.reconstructable(cluster_backfill), instance=instance, run_config=config, raise_on_error=False
    ) as result:
        if not result.success:
            if interrupted(result.all_events):
                raise KeyboardInterrupt(f"cluster run {result.run_id} interrupted")
            failures = [
                e.event_specific_data.error.message.strip() for e in result.all_events if e.is_step_failure
            ]
            raise RuntimeError(
                f"cluster run {result.run_id} failed: " + " | ".join(failures or ["see its events"])
            )
        return {**result.output_for_node("publish_from_store"), "run_id": result.run_id}
