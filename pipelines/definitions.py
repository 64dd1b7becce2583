"""The Dagster code location of committee-stats (loaded by workspace.yaml)."""

import dagster as dg

from pipelines.cluster.backfill import cluster_backfill
from pipelines.defs.assets import ALL_ASSETS
from pipelines.defs.checks import ALL_CHECKS
from pipelines.defs.jobs import extract_documents, extract_job, publish_job
from pipelines.defs.resources import default_paths
from pipelines.defs.schedules import nightly_publish
from pipelines.defs.sensors import inbox_sensor
from pipelines.run.logs import json_lines_logger

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[extract_documents, extract_job, publish_job, cluster_backfill],
    sensors=[inbox_sensor],
    schedules=[nightly_publish],
    resources={"stats_paths": default_paths()},
    loggers={"console": json_lines_logger},
)
