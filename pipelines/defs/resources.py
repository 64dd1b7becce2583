"""Dagster resources: where documents come from, where their outputs and the warehouse go."""

from pathlib import Path

import dagster as dg

from pipelines.run import batches, inbox, paths
from pipelines.run.store import DocumentStore


class StatsPaths(dg.ConfigurableResource):
    """Folders, files and limits of one committee-stats deployment."""

    sources_dir: str
    warehouse_path: str
    store_dir: str = ""  # per-document outputs; "" = pipelines.run.paths.store_dir()
    document_seconds: float = paths.DEFAULT_DOCUMENT_SECONDS  # guard for a reader with no progress at all
    page_cpu_seconds: float = (
        0.0  # CPU time per page read; 0 = CSTATS_LIMIT_PAGE_CPU_SECONDS (sources/limits.py)
    )

    documents_per_run: int = batches.DEFAULT_DOCUMENTS_PER_RUN  # documents in one batch run
    settle_seconds: float = inbox.DEFAULT_SETTLE_SECONDS  # the sensor's settle rule
    max_queued_runs: int = inbox.DEFAULT_MAX_QUEUED  # the sensor adds no run while this many wait

    def reading_limits(self):
        """Context manager: this run's per-document limits for the documents read inside."""
        from sources.limits import overridden

        return overridden(page_cpu_seconds=self.page_cpu_seconds) if self.page_cpu_seconds else overridden()

    @property
    def sources(self) -> Path:
        return Path(self.sources_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def store(self) -> DocumentStore:
        return DocumentStore(self.store_dir or paths.store_dir())


def default_paths() -> StatsPaths:
    """The code location's settings: the sensor's inbox is its sources folder."""
    return StatsPaths(
        sources_dir=str(paths.inbox_dir()),
        warehouse_path=str(paths.warehouse_path()),
        store_dir=str(paths.store_dir()),
        document_seconds=paths.document_seconds(),
        documents_per_run=batches.documents_per_run(),
        settle_seconds=inbox.settle_seconds(),
        max_queued_runs=inbox.max_queued(),
    )
