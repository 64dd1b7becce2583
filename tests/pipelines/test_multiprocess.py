"""The one multiprocess run: the code location's publish assets, each step in its own process,
configured by pipelines/defs/run_config/multiprocess.yaml, on a persistent (temporary) instance."""

import hashlib
from pathlib import Path

import dagster as dg
import duckdb
import yaml

from pipelines.defs.assets import documents
from pipelines.defs.partitions import DOCUMENTS_PARTITION
from pipelines.defs.resources import default_paths

RUN_CONFIG = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "run_config" / "multiprocess.yaml"


def publish_assets_job():
    """The publish job without its check steps: every step is a process of its own, slow to spawn
    on 2 shared cores; the checks run in-process in the other tests."""
    from pipelines.definitions import defs
    from pipelines.defs.jobs import publish_job

    job = dg.define_asset_job("publish_assets", selection=publish_job.selection.without_checks())
    return dg.Definitions.merge(defs, dg.Definitions(jobs=[job])).resolve_job_def("publish_assets")


def test_publish_under_the_multiprocess_executor(tmp_path, inbox, monkeypatch):
    wh = tmp_path / "wh.duckdb"
    # The code location reads its settings from the environment; the step processes inherit it.
    monkeypatch.setenv("CSTATS_INBOX", str(inbox))
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(wh))
    monkeypatch.setenv("CSTATS_STORE", str(tmp_path / "store"))
    run_config = yaml.safe_load(RUN_CONFIG.read_text(encoding="utf-8"))
    assert run_config["execution"]["config"]["multiprocess"]["max_concurrent"] >= 2

    with dg.instance_for_test() as instance:  # a temporary DAGSTER_HOME: runs and storage persist
        keys = [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(inbox.glob("*.txt"))]
        instance.add_dynamic_partitions(DOCUMENTS_PARTITION, keys)
        # One document extracted by its partition; the publish processes the others itself.
        dg.materialize(
            [documents], partition_key=keys[0], instance=instance, resources={"stats_paths": default_paths()}
        )

        with dg.execute_job(
            dg.reconstructable(publish_assets_job), instance=instance, run_config=run_config
        ) as result:
            assert result.success
            starts = [e for e in result.all_events if e.event_type_value == "STEP_START"]
            event = instance.get_latest_materialization_event(dg.AssetKey("mentions"))
            staged = {k: v.value for k, v in event.asset_materialization.metadata.items()}

    assert sorted(e.step_key for e in starts) == ["mentions", "warehouse"]
    assert len({e.pid for e in starts}) == 2  # each step ran in a process of its own
    assert (staged["documents"], staged["processed_while_gathering"]) == (3, 2)
    con = duckdb.connect(str(wh), read_only=True)
    assert con.sql("SELECT documents, mentions, quarantined FROM publish_log").fetchall() == [
        (3, staged["mentions"], 0)
    ]
    con.close()
