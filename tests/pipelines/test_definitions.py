import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

ROOT = Path(__file__).resolve().parents[2]


def test_definitions_load_with_every_asset_check_sensor_and_schedule():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    assert {k.to_user_string() for k in graph.get_all_asset_keys()} == {"documents", "mentions", "warehouse"}
    assert isinstance(graph.get(dg.AssetKey("documents")).partitions_def, dg.DynamicPartitionsDefinition)
    assert graph.get(dg.AssetKey("warehouse")).partitions_def is None
    checks = {(c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys}
    assert {a for a, _ in checks} == {"mentions", "warehouse"} and len(checks) == 8
    publish = defs.resolve_job_def("publish_warehouse")
    assert {"mentions", "warehouse"} <= set(publish.graph.node_dict)
    assert defs.resolve_job_def("extract_document").partitions_def is not None
    cluster = defs.resolve_job_def("cluster_backfill")  # launched from the UI like any job
    assert cluster.executor_def.name == "celery"
    assert list(cluster.graph.node_dict) == [
        "plan_batches",
        "extract_batch",
        "ocr_batch",
        "publish_from_store",
    ]
    assert defs.resolve_sensor_def("inbox_sensor").default_status == dg.DefaultSensorStatus.RUNNING
    nightly = defs.resolve_schedule_def("nightly_publish")
    assert nightly.job_name == "publish_warehouse" and nightly.cron_schedule == "0 2 * * *"


def test_sensor_schedule_and_jobs_carry_descriptions_and_owners():
    from pipelines.definitions import defs

    things = [defs.resolve_sensor_def("inbox_sensor"), defs.resolve_schedule_def("nightly_publish")]
    things += [defs.resolve_job_def(n) for n in
               ("extract_documents", "extract_document", "publish_warehouse", "cluster_backfill")]  # fmt: skip
    for thing in things:
        assert thing.description and len(thing.description) > 30, thing.name
        assert thing.owners == ["team:data-engineering"], thing.name


def test_dg_check_defs():
    """`dg check defs` (dagster-dg-cli) loads the code location named in pyproject's [tool.dg]."""
    dg_cli = Path(sys.executable).with_name("dg")
    r = subprocess.run(
        [str(dg_cli), "check", "defs"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert "All definitions loaded successfully" in r.stdout + r.stderr
