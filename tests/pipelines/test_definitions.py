import subprocess
import sys
from pathlib import Path

import dagster as dg

ROOT = Path(__file__).resolve().parents[2]


def test_definitions_load_with_every_asset():
    from pipelines.definitions import defs

    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"documents", "mentions", "warehouse"} <= keys
    assert isinstance(defs.resolve_job_def("publish_all"), dg.JobDefinition)


def test_dagster_definitions_validate():
    dagster = Path(sys.executable).with_name("dagster")
    r = subprocess.run(
        [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Validation successful" in r.stdout + r.stderr
