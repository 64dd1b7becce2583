"""The Dagster code location of committee-stats (loaded by workspace.yaml)."""

import dagster as dg

from pipelines.assets import ALL_ASSETS
from pipelines.resources import default_paths

publish_job = dg.define_asset_job(
    "publish_all",
    selection=dg.AssetSelection.all(),
    description="Read every document, extract mentions, publish the warehouse.",
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[publish_job],
    resources={"stats_paths": default_paths()},
)
