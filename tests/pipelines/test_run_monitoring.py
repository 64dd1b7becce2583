"""Run monitoring can see a killed run worker (pipelines/defs/launcher.py), and a torn store entry is
never read as a result (pipelines/run/store.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import yaml
from dagster._core.events import EngineEventData
from dagster._core.launcher.base import WorkerStatus
from dagster._core.test_utils import instance_for_test

from pipelines.defs.launcher import MonitoredRunLauncher
from pipelines.run.collect import store_document
from pipelines.run.store import DocumentStore

ROOT = Path(__file__).resolve().parents[2]


def test_the_project_instance_uses_the_monitored_launcher_with_run_monitoring_on():
    config = yaml.safe_load((ROOT / "dagster_home" / "dagster.yaml").read_text())
    assert config["run_launcher"] == {"module": "pipelines.defs.launcher", "class": "MonitoredRunLauncher"}
    monitoring = config["run_monitoring"]
    assert monitoring["enabled"] and monitoring["max_resume_run_attempts"] == 0
    assert monitoring["poll_interval_seconds"] <= 10


def test_the_project_instance_waits_for_its_code_servers_when_it_stops(tmp_path):
    # the project's dagster.yaml, loaded as Dagster loads it (config validated), in a fresh home
    (tmp_path / "dagster.yaml").write_text((ROOT / "dagster_home" / "dagster.yaml").read_text())
    instance = dg.DagsterInstance.from_config(str(tmp_path))
    try:
        assert instance.wait_for_local_code_server_processes_on_shutdown
    finally:
        instance.dispose()


def test_a_killed_run_worker_is_reported_failed_and_a_live_one_running():
    overrides = {"run_launcher": {"module": "pipelines.defs.launcher", "class": "MonitoredRunLauncher"}}
    with instance_for_test(overrides=overrides) as instance:
        launcher = instance.run_launcher
        assert isinstance(launcher, MonitoredRunLauncher) and launcher.supports_check_run_worker_health

        @dg.op
        def noop():
            return None

        @dg.job
        def job():
            noop()

        run = instance.create_run_for_job(job)
        assert launcher.check_run_worker_health(run).status == WorkerStatus.UNKNOWN  # no pid yet
        worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        try:
            time.sleep(0.1)
            instance.report_engine_event(
                f"Started process for run (pid: {worker.pid}).", run, EngineEventData.in_process(worker.pid)
            )
            assert launcher.check_run_worker_health(run).status == WorkerStatus.RUNNING
        finally:
            worker.kill()
            worker.wait()
        health = launcher.check_run_worker_health(run)
        assert health.status == WorkerStatus.FAILED
        assert str(worker.pid) in health.msg


def test_a_torn_record_is_never_read_as_a_result_and_the_document_is_read_again(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("贺兰县政协2024年工作综述\n\n全年共收到提案88件。\n", encoding="utf-8")
    from sources.scan import file_sha256

    sha = file_sha256(src / "a.txt")
    store = DocumentStore(tmp_path / "store")
    first, reused = store_document(src, store, sha, "a.txt", 30)
    assert first.loaded and not reused
    record = Path(store.record_path(sha))
    text = record.read_bytes()
    for torn in (text[: len(text) // 2], b"", b'{"sha256": "x"}'):
        record.write_bytes(torn)
        assert store.load(sha) is None
        again, reused = store_document(src, store, sha, "a.txt", 30)
        assert again.loaded and not reused and again.mentions.height == first.mentions.height
    Path(store.mentions_path(sha)).unlink()  # a record that outlived its mentions
    assert store.load(sha, mentions=False) is None
