"""What the Celery workers are doing, read from the Dagster event log of the runs going on.

A step is *in flight* on a worker from the engine event a worker writes when it starts the step's
task ("... in celery worker", with the worker's name as metadata) until the step succeeds, fails
or is skipped. While a step is in flight its task is not yet acknowledged (late acknowledgement),
so a worker lost then loses a task that the broker must deliver again. The fault drills of
``make cluster-demo`` and ``make cluster-rehearsal`` strike at such a moment, and the tests count
the steps a worker started more than once.

The event log says this whatever the worker does inside a step (reading a document in its warm
reading child, extracting, writing the store), which the worker's process tree does not.
"""

from __future__ import annotations

CELERY_START = "in celery worker"


def _worker_of(event) -> str | None:
    """The short name (``w1`` of ``w1@host``) of the worker that wrote a step's start event."""
    if not (event and event.is_engine_event and CELERY_START in (event.message or "")):
        return None
    worker = event.event_specific_data.metadata.get("Celery worker")
    return None if worker is None else str(worker.value).split("@")[0]


def step_workers(instance, run_id: str) -> dict[str, set[str]]:
    """``{op name: {worker names}}``: which Celery workers ran the run's steps of each op."""
    out: dict[str, set[str]] = {}
    for entry in instance.all_logs(run_id):
        worker = _worker_of(entry.dagster_event)
        if worker is not None and entry.step_key:
            out.setdefault(entry.step_key.split("[")[0], set()).add(worker)
    return out


def step_seconds(instance, run_id: str, op: str) -> float:
    """Wall seconds of the run's steps of ``op``, each from its start to its end, summed."""
    return sum(
        stats.end_time - stats.start_time
        for stats in instance.get_run_step_stats(run_id)
        if stats.step_key.split("[")[0] == op and stats.start_time and stats.end_time
    )


def redelivered_steps(instance, run_id: str) -> int:
    """Steps that a Celery worker started more than once in the run (a redelivered task)."""
    starts: dict[str, int] = {}
    for entry in instance.all_logs(run_id):
        if entry.step_key and _worker_of(entry.dagster_event) is not None:
            starts[entry.step_key] = starts.get(entry.step_key, 0) + 1
    return sum(1 for n in starts.values() if n > 1)


def busy_workers(instance) -> set[str]:
    """Names of the workers holding a step in flight in any run that is going on."""
    import dagster as dg

    busy: set[str] = set()
    for record in instance.get_run_records(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED])):
        holder: dict[str, str] = {}  # step key -> the worker that last started it
        for entry in instance.all_logs(record.dagster_run.run_id):
            event = entry.dagster_event
            if not entry.step_key or event is None:
                continue
            worker = _worker_of(event)
            if worker is not None:
                holder[entry.step_key] = worker
            elif event.is_step_success or event.is_step_failure or event.is_step_skipped:
                holder.pop(entry.step_key, None)
        busy.update(holder.values())
    return busy
