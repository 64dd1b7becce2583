"""Jobs: extract one document (a partition), publish the warehouse."""

import dagster as dg

from pipelines.assets import documents, mentions, warehouse

ROLE_TAG = "cstats/role"  # dagster_home/dagster.yaml limits publish runs to one at a time by this tag
# Structured, quiet logs by default (pipelines/logs.py); a run may raise the level in its run config.
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}

extract_job = dg.define_asset_job(
    "extract_document",
    selection=dg.AssetSelection.assets(documents),
    tags={ROLE_TAG: "extract"},
    config=QUIET_LOGS,
    description="Read one document and extract its mentions into the document store.",
)

publish_job = dg.define_asset_job(
    "publish_warehouse",
    selection=dg.AssetSelection.assets(mentions, warehouse),
    tags={ROLE_TAG: "publish"},
    config=QUIET_LOGS,
    description="Gather every document's stored output, run the blocking checks, publish the warehouse.",
)
