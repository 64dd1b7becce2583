"""Default locations, overridable by environment variables.

| variable | default |
|---|---|
| CSTATS_SOURCES | sources/samples (what `cstats run` reads) |
| CSTATS_INBOX | sources/inbox (what the Dagster code location's sensor watches) |
| CSTATS_WAREHOUSE | warehouse/committee_stats.duckdb |
| CSTATS_STORE | $DAGSTER_HOME/cstats_store, else .cache/cstats_store (per-document outputs) |
| CSTATS_DOCUMENT_SECONDS | 120 (the per-document read time limit) |
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = PROJECT_ROOT / "sources" / "samples"
DEFAULT_INBOX = PROJECT_ROOT / "sources" / "inbox"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "committee_stats.duckdb"
DEFAULT_DOCUMENT_SECONDS = 120.0


def sources_dir() -> Path:
    return Path(os.environ.get("CSTATS_SOURCES", DEFAULT_SOURCES))


def inbox_dir() -> Path:
    return Path(os.environ.get("CSTATS_INBOX", DEFAULT_INBOX))


def warehouse_path() -> Path:
    return Path(os.environ.get("CSTATS_WAREHOUSE", DEFAULT_WAREHOUSE))


def store_dir() -> Path | str:
    """Where per-document outputs live: shared by every run of one deployment. A URL
    (``s3://bucket/prefix``) stays a string: the store reads and writes it through fsspec."""
    if os.environ.get("CSTATS_STORE"):
        root = os.environ["CSTATS_STORE"]
        return root if "://" in root else Path(root)
    if os.environ.get("DAGSTER_HOME"):
        return Path(os.environ["DAGSTER_HOME"]) / "cstats_store"
    return PROJECT_ROOT / ".cache" / "cstats_store"


def document_seconds() -> float:
    return float(os.environ.get("CSTATS_DOCUMENT_SECONDS", DEFAULT_DOCUMENT_SECONDS))
