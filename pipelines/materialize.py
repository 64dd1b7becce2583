"""Materialize every asset in-process (``cstats run``, tests)."""

from pathlib import Path

import dagster as dg

from pipelines.assets import ALL_ASSETS
from pipelines.resources import StatsPaths


def materialize_all(sources: Path, warehouse: Path) -> dict:
    """Run documents -> mentions -> warehouse once; return the warehouse asset's metadata."""
    result = dg.materialize(
        ALL_ASSETS,
        resources={"stats_paths": StatsPaths(sources_dir=str(sources), warehouse_path=str(warehouse))},
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=True,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    meta = result.asset_materializations_for_node("warehouse")[0].metadata
    return {k: v.value for k, v in meta.items()}
