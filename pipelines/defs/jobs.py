"""Jobs: extract one document (a partition), publish the warehouse."""

import dagster as dg

from pipelines.defs.assets import documents, mentions, warehouse

ROLE_TAG = "cstats/role"  # dagster_home/dagster.yaml limits publish runs to one at a time by this tag
# Structured, quiet logs (pipelines/run/logs.py): the run config the sensor, the schedule and `cstats run`
# give their runs. (Runs launched without it use Dagster's console logger at the instance's
# python_log_level, WARNING in dagster_home/dagster.yaml.)
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}

extract_job = dg.define_asset_job(
    "extract_document",
    selection=dg.AssetSelection.assets(documents),
    tags={ROLE_TAG: "extract"},
    description="Read one document and extract its mentions into the document store.",
)

publish_job = dg.define_asset_job(
    "publish_warehouse",
    selection=dg.AssetSelection.assets(mentions, warehouse),
    tags={ROLE_TAG: "publish"},
    description="Gather every document's stored output, run the blocking checks, publish the warehouse.",
)
