"""Materialize everything without a daemon (``cstats run``, tests): register a partition for every
document of the sources folder, materialize each, then gather, check and publish.

Documents are extracted in batches (pipelines/run/batches.py): one run of the ``extract_documents``
job per batch of up to ``documents_per_run`` documents, so Dagster's run bookkeeping is paid per
batch, not per document; each document keeps its store keys, its outcome (a materialization of its
partition) and its own retry. ``workers`` processes run batches at once (default: one per CPU),
each on an ephemeral Dagster instance of its own, to which it adds its batch's partitions; the
per-document store writes are atomic, so workers never contend. The publish runs once, here,
after every document is stored. ``workers=1`` (or a caller's own ``instance``) runs every batch
one after the other in this process, on one instance.
"""

import multiprocessing as mp
import os
import pickle
import sys
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from functools import cache
from pathlib import Path

import dagster as dg

from pipelines.defs.assets import ALL_ASSETS
from pipelines.defs.checks import ALL_CHECKS
from pipelines.defs.jobs import batch_run_config, extract_documents, extract_job, publish_job
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import StatsPaths
from pipelines.run.batches import documents_per_run, split
from pipelines.run.collect import scan_sources
from pipelines.run.logs import json_lines_logger
from sources.guarded import process_context

SILENT = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
# Imported once by the fork server, so each worker starts as a fork, not a fresh interpreter.
_WORKER_PRELOAD = ["pipelines.run.materialize", "sources.readers", "sources.pdf.reader", "pdfplumber"]


class PublishBlocked(Exception):
    """A blocking asset check failed: the warehouse was not published (the last one stays)."""


def default_workers() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="documents", unit="doc", file=sys.stderr, dynamic_ncols=True)


@cache
def _definitions(settings: tuple) -> dg.Definitions:
    return dg.Definitions(
        assets=ALL_ASSETS, asset_checks=ALL_CHECKS, jobs=[extract_documents, extract_job, publish_job],
        resources={"stats_paths": StatsPaths(**dict(settings))}, loggers={"console": json_lines_logger},
    )  # fmt: skip


def _extract(defs: dg.Definitions, instance: dg.DagsterInstance, batch: list[tuple[str, str]]) -> None:
    defs.resolve_job_def(extract_documents.name).execute_in_process(
        instance=instance, run_config=batch_run_config(batch)
    )


@cache
def _worker_instance() -> dg.DagsterInstance:
    # One per worker process, not one per document: creating an instance costs about 0.05 s of CPU.
    return dg.DagsterInstance.ephemeral()


def _extract_in_worker(settings: tuple, batch: list[tuple[str, str]]) -> int:
    """One batch of documents, in a worker process, on the worker's own ephemeral instance."""
    try:
        instance = _worker_instance()
        instance.add_dynamic_partitions(DOCUMENTS_PARTITION, [sha for sha, _ in batch])
        _extract(_definitions(settings), instance, batch)
    except Exception as e:
        raise portable(e) from None  # the worker's traceback still comes back with it
    return len(batch)


def portable(exc: Exception) -> Exception:
    """``exc`` itself when it survives the trip back to the main process, else a RuntimeError
    with its class and message (an exception that cannot be unpickled would break the pool)."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{exc.__class__.__name__}: {exc}")
    return exc


def _pool_context() -> mp.context.BaseContext:
    # Workers are not daemonic, so the per-document time limit (sources.guarded.read_with_limit)
    # can still start its reader child inside them.
    return process_context(_WORKER_PRELOAD)


def _extract_in_parallel(settings: tuple, batches: list, workers: int, bar) -> None:
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        pending: set[Future] = {pool.submit(_extract_in_worker, settings, batch) for batch in batches}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in done:
                    done_now = (
                        future.result()
                    )  # a worker's error is raised here, as the sequential path raises it
                    if bar is not None:
                        bar.update(done_now)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def materialize_all(
    sources: Path,
    warehouse_path: Path,
    *,
    store: Path | None = None,
    document_seconds: float | None = None,
    instance: dg.DagsterInstance | None = None,
    progress: bool = False,
    workers: int | None = None,
    per_run: int | None = None,
) -> dict:
    """Run every document's partition, then mentions -> warehouse; return the warehouse's metadata.

    ``workers``: processes extracting documents at once (default: the CPU count, at most the
    number of documents; 1 = one after the other in this process). ``per_run``: documents per
    batch run (default CSTATS_DOCUMENTS_PER_RUN, 50; smaller batches when that gives each worker
    several, so the workers finish together). With a caller's ``instance``
    every run is recorded on it, so the documents run one after the other in this process.

    Raises PublishBlocked when a blocking check fails.
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if instance is not None and (workers or 1) > 1:
        raise ValueError("a caller's instance records every run in this process: use workers=1")
    settings = {"sources_dir": str(sources), "warehouse_path": str(warehouse_path)}
    if store is not None:
        settings["store_dir"] = str(store)
    if document_seconds is not None:
        settings["document_seconds"] = document_seconds
    paths = StatsPaths(**settings)
    frozen = tuple(sorted(settings.items()))
    defs = _definitions(frozen)
    instance = instance or dg.DagsterInstance.ephemeral()

    by_sha = scan_sources(Path(sources), paths.store)
    keys = sorted(by_sha, key=lambda sha: by_sha[sha][0])
    workers = min(workers or default_workers(), max(len(keys), 1))
    size = per_run or documents_per_run()
    if workers > 1:
        size = max(1, min(size, -(-len(keys) // (workers * 4))))
    batches = split([(sha, by_sha[sha][0]) for sha in keys], size) if keys else []
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, keys)
    bar = _progress(len(keys), progress)
    try:
        if workers == 1:
            for batch in batches:
                _extract(defs, instance, batch)
                if bar is not None:
                    bar.update(len(batch))
        else:
            _extract_in_parallel(frozen, batches, workers, bar)
    finally:
        if bar is not None:
            bar.close()

    # A failed publish is raised below with its reason; its step logs would only repeat it.
    result = defs.resolve_job_def(publish_job.name).execute_in_process(
        instance=instance, raise_on_error=False, run_config=SILENT
    )
    failed = [
        f"{e.check_name}: {e.description}"
        for e in result.get_asset_check_evaluations()
        if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR
    ]
    if failed:
        raise PublishBlocked("publish stopped by blocking checks: " + "; ".join(failed))
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        raise RuntimeError(failure.event_specific_data.error.to_string() if failure else "publish run failed")
    meta = result.asset_materializations_for_node("warehouse")[0].metadata
    return {k: v.value for k, v in meta.items()}
