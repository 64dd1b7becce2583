"""``make cluster-demo``: the cluster mode on one machine, for real.

Starts ``redis-server`` on a free loopback port and two Celery workers (``pipelines.cluster.celery_app``),
runs ``cluster_backfill`` over ``CSTATS_SOURCES`` (default: the sample corpus) through the Celery
executor, publishes, prints ``documents=N mentions=M quarantined=Q`` and the wall time, and stops
everything it started, by process group id (each child is started in its own session), also on
Ctrl-C, SIGTERM or failure.

``--ocr-workers N`` starts N more workers that take only the ``ocr`` queue (documents with
scanned pages, as a GPU host would); the two others then leave it alone. The demo prints which
worker ran which kind of step (``routing: ...``).

Fault drills for the tests: ``--kill-worker-after K`` SIGKILLs worker 1 once K documents are in
the store and worker 1 holds a step in flight (its task goes back to the queue after the visibility timeout and runs on worker 2);
``--restart-broker-after K`` stops Redis (its queues are not persisted) and starts it again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from pipelines.cluster.steps import busy_workers, redelivered_steps, step_seconds, step_workers
from pipelines.run import paths
from sources.lifeline import own_session_dying_with_parent

WORKERS = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """The processes this demo started; ``stop`` ends each one's process group."""

    def __init__(self, workdir: Path, port: int, env: dict):
        self.workdir, self.port, self.env = workdir, port, env
        self.redis: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.started: list[subprocess.Popen] = []

    def _spawn(self, cmd: list[str], log: str) -> subprocess.Popen:
        with open(self.workdir / log, "ab") as out:  # the child keeps its own copy of the descriptor
            proc = subprocess.Popen(
                cmd, cwd=paths.PROJECT_ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                preexec_fn=own_session_dying_with_parent,
            )  # fmt: skip
        self.started.append(proc)
        return proc

    def start_redis(self) -> None:
        import redis

        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("cluster-demo: redis-server not found (apt-get install redis-server)")
        self.redis = self._spawn(
            [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir), "--protected-mode", "yes"], "redis.log",
        )  # fmt: skip
        client = redis.Redis(host="127.0.0.1", port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.redis.poll() is not None:
                    raise SystemExit(
                        f"cluster-demo: redis-server exited, see {self.workdir / 'redis.log'}"
                    ) from None
                time.sleep(0.1)
        raise SystemExit("cluster-demo: redis-server did not answer")

    def stop_redis(self) -> None:
        self._end(self.redis)

    def start_workers(self, n: int, ocr: int = 0) -> None:
        """``n`` workers on the extract and publish queues (and the ocr queue when no worker of
        its own takes it), then ``ocr`` workers on the ocr queue only."""
        from pipelines.cluster.backfill import EXTRACT_QUEUE, OCR_QUEUE, PUBLISH_QUEUE

        general = [EXTRACT_QUEUE, PUBLISH_QUEUE] + ([] if ocr else [OCR_QUEUE])
        plan = [(f"w{i}", ",".join(general)) for i in range(1, n + 1)]
        plan += [(f"o{i}", OCR_QUEUE) for i in range(1, ocr + 1)]
        for name, queues in plan:
            self.workers.append(
                self._spawn(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "pipelines.cluster.celery_app",
                        "worker",
                        "--pool",
                        "solo",
                        "-Q",
                        queues,
                        "-n",
                        f"{name}@%h",
                        "--without-gossip",
                        "--without-mingle",
                        "--loglevel",
                        "WARNING",
                    ],
                    f"worker_{name}.log",
                )  # fmt: skip
            )

    @staticmethod
    def _end(proc: subprocess.Popen | None, grace: float = 10.0) -> None:
        if proc is None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proc.pid, sig)  # the child's own session: it and whatever it started
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        try:  # a group whose leader is gone may still hold children
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        for proc in reversed(self.started):
            self._end(proc)


def _stored_count(store: Path) -> int:
    return sum(1 for _ in store.glob("documents/*/*/*.json"))


def _drill(
    cluster: Cluster, store: Path, after: int, action, stop: threading.Event, ready=lambda: True
) -> threading.Thread:
    def watch():
        while not stop.is_set():
            if _stored_count(store) >= after and ready():
                action()
                stop.wait()  # processes started here die with this thread: keep it until the end
                return
            time.sleep(0.1)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="cluster-demo", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sources", default=str(paths.sources_dir()), help="default: CSTATS_SOURCES or the samples"
    )
    ap.add_argument("--workdir", default=str(paths.PROJECT_ROOT / ".cache" / "cluster-demo"))
    ap.add_argument("--store", help="document store (default: WORKDIR/store; a folder or s3://bucket/prefix)")
    ap.add_argument("--warehouse", help="default: WORKDIR/committee_stats.duckdb")
    ap.add_argument("--workers", type=int, default=WORKERS)
    ap.add_argument("--ocr-workers", type=int, default=0, help="workers that take only the ocr queue")
    ap.add_argument("--documents-per-step", type=int, default=4)
    ap.add_argument(
        "--visibility-timeout", type=int, default=15, help="seconds before a lost task is redelivered"
    )
    ap.add_argument(
        "--kill-worker-after", type=int, metavar="K", help="SIGKILL worker 1 when K documents are stored"
    )
    ap.add_argument(
        "--restart-broker-after", type=int, metavar="K", help="restart Redis when K documents are stored"
    )
    args = ap.parse_args(argv)

    workdir = Path(args.workdir).resolve()
    home = workdir / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    store = args.store or str(workdir / "store")
    warehouse = Path(args.warehouse or workdir / "committee_stats.duckdb")
    port = free_port()
    os.environ.update(
        DAGSTER_HOME=str(home),
        CSTATS_BROKER=f"redis://127.0.0.1:{port}/0",
        CSTATS_VISIBILITY_TIMEOUT=str(args.visibility_timeout),
    )
    cluster = Cluster(workdir, port, dict(os.environ))

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    stop_drills = threading.Event()
    start = time.perf_counter()
    try:
        cluster.start_redis()
        cluster.start_workers(args.workers, args.ocr_workers)
        names = [f"w{i}" for i in range(1, args.workers + 1)] + [
            f"o{i}" for i in range(1, args.ocr_workers + 1)
        ]
        print(
            f"cluster-demo: redis-server pid={cluster.redis.pid} port={port}; workers "
            + " ".join(f"{n} pid={w.pid}" for n, w in zip(names, cluster.workers, strict=True)),
            flush=True,
        )
        import dagster as dg

        if args.kill_worker_after is not None:
            victim = cluster.workers[0]
            watcher = dg.DagsterInstance.get()  # the event log says when w1 holds a step

            def kill():
                os.kill(victim.pid, signal.SIGKILL)
                print(f"cluster-demo: SIGKILL worker w1 pid={victim.pid}", flush=True)

            # killed mid-step, so a task is lost with it and must be redelivered
            _drill(
                cluster,
                Path(store),
                args.kill_worker_after,
                kill,
                stop_drills,
                lambda: "w1" in busy_workers(watcher),
            )
        if args.restart_broker_after is not None:

            def restart():
                cluster.stop_redis()
                print("cluster-demo: redis-server stopped", flush=True)
                time.sleep(1.0)
                cluster.start_redis()
                print(f"cluster-demo: redis-server restarted pid={cluster.redis.pid}", flush=True)

            _drill(cluster, Path(store), args.restart_broker_after, restart, stop_drills)

        from pipelines.cluster.backfill import run_backfill

        instance = dg.DagsterInstance.get()
        try:
            summary = run_backfill(
                Path(args.sources), warehouse, store, instance=instance, per_step=args.documents_per_step
            )
        except RuntimeError as e:
            print(f"cluster-demo: FAILED, nothing published: {e}", file=sys.stderr, flush=True)
            return 1
        wall = time.perf_counter() - start
        routing = "; ".join(
            f"{op} -> {','.join(sorted(w))}"
            for op, w in sorted(step_workers(instance, summary["run_id"]).items())
        )
        print(
            f"documents={summary['documents']} mentions={summary['mentions']} "
            f"quarantined={summary['quarantined']}\n"
            f"extracted={summary['extracted']} redelivered_steps={redelivered_steps(instance, summary['run_id'])} "
            f"ocr_steps={summary['ocr_steps']} warehouse={summary['path']}\n"
            f"routing: {routing}\nwall={wall:.1f}s "
            f"publish={step_seconds(instance, summary['run_id'], 'publish_from_store'):.1f}s",
            flush=True,
        )
        return 0
    except KeyboardInterrupt:
        print("cluster-demo: interrupted", file=sys.stderr, flush=True)
        return 130
    finally:
        stop_drills.set()
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
