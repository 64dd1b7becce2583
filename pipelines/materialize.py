"""Materialize everything in-process (``cstats run``, tests): register a partition for every
document of the sources folder, materialize each, then gather, check and publish."""

import sys
from pathlib import Path

import dagster as dg

from pipelines.assets import ALL_ASSETS, SOURCE_PATH_TAG
from pipelines.checks import ALL_CHECKS
from pipelines.collect import scan_sources
from pipelines.jobs import QUIET_LOGS, extract_job, publish_job
from pipelines.logs import json_lines_logger
from pipelines.partitions import DOCUMENTS_PARTITION
from pipelines.resources import StatsPaths

SILENT = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


class PublishBlocked(Exception):
    """A blocking asset check failed: the warehouse was not published (the last one stays)."""


def _progress(items: list, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="documents", unit="doc", file=sys.stderr, dynamic_ncols=True)


def materialize_all(
    sources: Path,
    warehouse_path: Path,
    *,
    store: Path | None = None,
    document_seconds: float | None = None,
    instance: dg.DagsterInstance | None = None,
    progress: bool = False,
) -> dict:
    """Run every document's partition, then mentions -> warehouse; return the warehouse's metadata.

    Raises PublishBlocked when a blocking check fails.
    """
    settings = {"sources_dir": str(sources), "warehouse_path": str(warehouse_path)}
    if store is not None:
        settings["store_dir"] = str(store)
    if document_seconds is not None:
        settings["document_seconds"] = document_seconds
    paths = StatsPaths(**settings)
    defs = dg.Definitions(
        assets=ALL_ASSETS, asset_checks=ALL_CHECKS, jobs=[extract_job, publish_job],
        resources={"stats_paths": paths}, loggers={"console": json_lines_logger},
    )  # fmt: skip
    instance = instance or dg.DagsterInstance.ephemeral()

    by_sha = scan_sources(Path(sources), paths.store)
    keys = sorted(by_sha, key=lambda sha: by_sha[sha][0])
    instance.add_dynamic_partitions(DOCUMENTS_PARTITION, keys)
    extract = defs.resolve_job_def(extract_job.name)
    for sha in _progress(keys, progress):
        extract.execute_in_process(
            instance=instance,
            partition_key=sha,
            tags={SOURCE_PATH_TAG: by_sha[sha][0]},
            run_config=QUIET_LOGS,
        )

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
        raise RuntimeError(failure.event_specific_data.error.message if failure else "publish run failed")
    meta = result.asset_materializations_for_node("warehouse")[0].metadata
    return {k: v.value for k, v in meta.items()}
