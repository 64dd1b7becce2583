"""The Dagster code location of committee-stats (loaded by workspace.yaml)."""

import dagster as dg

from pipelines.assets import ALL_ASSETS
from pipelines.checks import ALL_CHECKS
from pipelines.cluster import cluster_backfill
from pipelines.jobs import extract_job, publish_job
from pipelines.logs import json_lines_logger
from pipelines.resources import default_paths
from pipelines.schedules import nightly_publish
from pipelines.sensors import inbox_sensor

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[extract_job, publish_job, cluster_backfill],
    sensors=[inbox_sensor],
    schedules=[nightly_publish],
    resources={"stats_paths": default_paths()},
    loggers={"console": json_lines_logger},
)
