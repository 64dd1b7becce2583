"""Materialize everything without a daemon (``cstats run``, tests): register a partition for every
document of the sources folder, materialize each, then gather, check and publish.

Documents are extracted in batches (pipelines/run/batches.py): one run of the ``extract_documents``
job per batch of up to ``documents_per_run`` documents, so Dagster's run bookkeeping is paid per
batch, not per document; each document keeps its store keys, its outcome (in the store; a
materialization of its partition only on a caller's ``instance``: an ephemeral instance of our own
is read by nobody, so its batches skip those per-document events) and its own retry. ``workers`` processes run batches at once (default: one per CPU),
each on an ephemeral Dagster instance of its own, to which it adds its batch's partitions; the
per-document store writes are atomic, so workers never contend. The publish runs once, here,
after every document is stored. ``workers=1`` (or a caller's own ``instance``) runs every batch
one after the other in this process, on one instance.
"""

import multiprocessing as mp
import os
import pickle
import signal
import sys
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from pathlib import Path

import dagster as dg

from pipelines.defs.assets import ALL_ASSETS
from pipelines.defs.checks import ALL_CHECKS
from pipelines.defs.jobs import batch_run_config, extract_documents, extract_job, publish_job
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import StatsPaths
from pipelines.run import lifecycle
from pipelines.run.batches import documents_per_run, split
from pipelines.run.collect import scan_sources
from pipelines.run.exhaustion import ResourceExhausted, classify
from pipelines.run.logs import json_lines_logger
from pipelines.run.staging import spool_path
from sources.guarded import process_context

SILENT = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
# Imported once by the fork server, so each worker starts as a fork, not a fresh interpreter (the
# readers themselves are imported once per worker, by its warm reading child: sources/guarded.py).
_WORKER_PRELOAD = lifecycle.POOL_PRELOAD


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


def _extract(
    defs: dg.Definitions, instance: dg.DagsterInstance, batch: list[tuple[str, str]], partition_events: bool
) -> None:
    # cstats run reports every file's outcome and a failure itself (one line): the batch's own log
    # lines (one per failed document) are for the Dagster UI, not this terminal. On an instance of
    # its own (ephemeral, gone with the process) nobody reads a document's materialization: the
    # outcome of every file comes from the store, so the batch skips those per-document events.
    defs.resolve_job_def(extract_documents.name).execute_in_process(
        instance=instance,
        run_config=batch_run_config(batch, logs=SILENT, partition_events=partition_events),
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
        _extract(_definitions(settings), instance, batch, partition_events=False)
    except Exception as e:
        if (exhausted := _exhausted(e, StatsPaths(**dict(settings)))) is not None:
            raise exhausted from None  # classified here: the exception chain stays in this process
        raise portable(e) from None  # the worker's traceback still comes back with it
    return len(batch)


def _exhausted(error, paths: StatsPaths, needed: int | None = None) -> ResourceExhausted | None:
    return classify(error, store=paths.store.root, warehouse=paths.warehouse, needed=needed)


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


def _extract_in_parallel(settings: tuple, batches: list, workers: int, tally) -> None:
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_pool_context(),
        initializer=lifecycle.worker_started, initargs=(os.getpid(),),
    )  # fmt: skip
    try:
        pending: set[Future] = {pool.submit(_extract_in_worker, settings, batch) for batch in batches}
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                tally(future.result())  # a worker's error is raised here, as the sequential path raises it
    except lifecycle.Stopped:
        lifecycle.end_pool(pool)  # stop now: the documents in flight are read again next time
        raise
    except BrokenProcessPool as e:
        lifecycle.end_pool(pool)
        raise ResourceExhausted(
            "memory", "pool of worker processes", None, None, None,
            "a worker process was killed: most likely the kernel's out-of-memory killer; try fewer --workers",
        ) from e  # fmt: skip
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # documents in flight finish and stay stored
        raise
    pool.shutdown(wait=True)


def _extract_one(
    defs: dg.Definitions, instance: dg.DagsterInstance, batch: list[tuple[str, str]], partition_events: bool
) -> None:
    """One batch in this process; a stop signal Dagster turned into its interrupt is raised as
    lifecycle.Stopped."""
    try:
        _extract(defs, instance, batch, partition_events)
    except dg.DagsterExecutionInterruptedError:
        raise lifecycle.Stopped(lifecycle.stop_signal() or signal.SIGINT) from None
    if (signum := lifecycle.stop_signal()) is not None:  # arrived between Dagster's steps
        raise lifecycle.Stopped(signum)


def materialize_all(
    sources: Path,
    warehouse_path: Path,
    *,
    store: Path | None = None,
    document_seconds: float | None = None,
    page_cpu_seconds: float | None = None,
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
    if page_cpu_seconds is not None:
        settings["page_cpu_seconds"] = page_cpu_seconds
    paths = StatsPaths(**settings)
    frozen = tuple(sorted(settings.items()))
    defs = _definitions(frozen)
    partition_events = instance is not None  # a caller's instance keeps every document's materialization
    instance = instance or dg.DagsterInstance.ephemeral()

    done, keys, bar = 0, [], None

    def tally(n: int = 1) -> None:
        nonlocal done
        done += n
        if bar is not None:
            bar.update(n)

    with lifecycle.stoppable():
        try:
            by_sha = scan_sources(Path(sources), paths.store)
            keys = sorted(by_sha, key=lambda sha: by_sha[sha][0])
            workers = min(workers or default_workers(), max(len(keys), 1))
            size = per_run or documents_per_run()
            if workers > 1:  # several batches a worker, so the workers finish together
                size = max(1, min(size, -(-len(keys) // (workers * 4))))
            batches = split([(sha, by_sha[sha][0]) for sha in keys], size) if keys else []
            instance.add_dynamic_partitions(DOCUMENTS_PARTITION, keys)
            bar = _progress(len(keys), progress)
            if workers == 1:
                for batch in batches:
                    try:
                        _extract_one(defs, instance, batch, partition_events)
                    except Exception as e:
                        if (exhausted := _exhausted(e, paths)) is not None:
                            raise exhausted from e
                        raise
                    tally(len(batch))
            else:
                _extract_in_parallel(frozen, batches, workers, tally)
            result = _publish(defs, instance, paths)
        except lifecycle.Stopped as stop:
            lifecycle.reap()
            store = paths.store  # what is kept: every document whose output is in the store now
            kept = sum(1 for sha in keys if store.has(sha))
            stage = "publish" if keys and done == len(keys) else "documents"
            raise lifecycle.Stopped(stop.signum, max(done, kept), len(keys), stage) from None
        finally:
            if bar is not None:
                bar.close()
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


def _publish(defs: dg.Definitions, instance: dg.DagsterInstance, paths: StatsPaths):
    """The publish job in this process; its staging files (the spool of its run) never stay. A full
    disk or an exhausted memory is raised as ResourceExhausted (the warehouse stays as it was)."""
    warehouse = paths.warehouse
    spooled = 0
    try:
        # A failed publish is raised by the caller with its reason; its step logs would only repeat it.
        result = defs.resolve_job_def(publish_job.name).execute_in_process(
            instance=instance, raise_on_error=False, run_config=SILENT
        )
    except dg.DagsterExecutionInterruptedError:
        raise lifecycle.Stopped(lifecycle.stop_signal() or signal.SIGINT) from None
    finally:
        for spool in warehouse.parent.glob(spool_path(warehouse, "*").name):
            spooled += spool.stat().st_size
            spool.unlink(missing_ok=True)
    if (signum := lifecycle.stop_signal()) is not None and not result.success:
        raise lifecycle.Stopped(signum)
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        error = failure.event_specific_data.error if failure else None
        # a first publish: the new file is about four times its mentions spool
        if (exhausted := _exhausted(error, paths, needed=spooled * 4 or None)) is not None:
            raise exhausted
    return result
