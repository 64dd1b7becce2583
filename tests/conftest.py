"""Shared fixtures: a temporary copy of the bundled samples and a warehouse published from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "sources" / "samples"


@pytest.fixture(scope="session")
def samples_copy(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("samples")
    shutil.copytree(SAMPLES, dest, dirs_exist_ok=True)
    return dest


@pytest.fixture(scope="session")
def sample_warehouse(samples_copy, tmp_path_factory) -> Path:
    """A warehouse materialized by the real Dagster assets over the sample corpus."""
    from pipelines.run.materialize import materialize_all

    path = tmp_path_factory.mktemp("wh") / "committee_stats.duckdb"
    materialize_all(samples_copy, path)
    return path


@pytest.fixture(scope="session")
def sample_truth() -> list[dict]:
    with open(SAMPLES / "truth.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
