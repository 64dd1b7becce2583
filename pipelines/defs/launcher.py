"""The project's run launcher: Dagster's default one (each run a subprocess of the code server),
plus the worker health check that Dagster's run monitoring needs to mark a run failed when its
worker was killed (SIGKILL, the OOM killer, a reboot of the worker host's processes).

Dagster's ``DefaultRunLauncher`` does not implement ``check_run_worker_health``, so with it a run
whose worker died stays STARTED until ``max_runtime_seconds``. The run worker records its pid in
the run's first engine event ("Started process for run (pid: N)"); the daemon runs on the same
host under ``make dev``, so it can see whether that process is still alive. Configured in
``dagster_home/dagster.yaml`` (``run_launcher``), docs/orchestration.md.
"""

from __future__ import annotations

from dagster import DagsterEventType, DagsterRun
from dagster._core.launcher.base import CheckRunHealthResult, WorkerStatus
from dagster._core.launcher.default_run_launcher import DefaultRunLauncher

STARTED = "Started process for run"
EXITED = "Process for run exited"


class MonitoredRunLauncher(DefaultRunLauncher):
    """DefaultRunLauncher whose run workers the run monitoring daemon can check."""

    @property
    def supports_check_run_worker_health(self) -> bool:
        return True

    def _worker(self, run: DagsterRun) -> tuple[int | None, float | None, bool]:
        """The run worker's pid, when it started (epoch seconds) and whether it said it exited."""
        pid = started = None
        exited = False
        for record in self._instance.all_logs(run.run_id, of_type=DagsterEventType.ENGINE_EVENT):
            message = record.message or ""
            event = record.dagster_event
            if message.startswith(STARTED) and event is not None:
                raw = event.engine_event_data.metadata.get("pid")
                if raw is not None:
                    pid, started, exited = int(raw.value), record.timestamp, False
            elif message.startswith(EXITED):
                exited = True
        return pid, started, exited

    def check_run_worker_health(self, run: DagsterRun) -> CheckRunHealthResult:
        import psutil

        pid, started, exited = self._worker(run)
        if pid is None:
            return CheckRunHealthResult(WorkerStatus.UNKNOWN, "the run worker has not reported its pid yet")
        if exited:
            return CheckRunHealthResult(
                WorkerStatus.FAILED, f"the run worker (pid {pid}) exited without ending the run"
            )
        try:
            proc = psutil.Process(pid)
            # the same process, not a later one that reuses its pid
            if proc.create_time() <= started + 1 and proc.status() != psutil.STATUS_ZOMBIE:
                return CheckRunHealthResult(WorkerStatus.RUNNING, run_worker_id=str(pid))
        except psutil.Error:
            pass
        return CheckRunHealthResult(
            WorkerStatus.FAILED,
            f"the run worker (pid {pid}) is gone: killed or crashed",
            run_worker_id=str(pid),
        )
