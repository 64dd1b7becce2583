"""Default locations, overridable by environment variables (CSTATS_SOURCES, CSTATS_WAREHOUSE)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT / "sources" / "samples"
DEFAULT_INBOX = PROJECT_ROOT / "sources" / "inbox"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "committee_stats.duckdb"


def sources_dir() -> Path:
    return Path(os.environ.get("CSTATS_SOURCES", DEFAULT_SOURCES))


def warehouse_path() -> Path:
    return Path(os.environ.get("CSTATS_WAREHOUSE", DEFAULT_WAREHOUSE))
