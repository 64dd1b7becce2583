"""Dagster resources: where documents come from and where the warehouse is published."""

from pathlib import Path

import dagster as dg

from pipelines import paths


class StatsPaths(dg.ConfigurableResource):
    """Folders and files of one committee-stats deployment."""

    sources_dir: str
    warehouse_path: str

    @property
    def sources(self) -> Path:
        return Path(self.sources_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)


def default_paths() -> StatsPaths:
    return StatsPaths(sources_dir=str(paths.sources_dir()), warehouse_path=str(paths.warehouse_path()))
