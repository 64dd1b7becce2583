"""``make cluster-rehearsal``: the cluster mode across hosts, rehearsed on one machine with Linux
network namespaces (root only: anyone else gets a skip line and exit status 0).

Each namespace stands for a host; each is joined to a bridge (in a namespace of its own, the
"switch") by a veth pair, on addresses of ``SUBNET`` that the script checks nobody on the machine
uses. Nothing is added to the machine's own network namespace, and no process shares a loopback
with another (every namespace has its own):

| namespace | address | stands for | runs |
|---|---|---|---|
| ``<p>-broker`` | .1 | the broker host | redis-server |
| ``<p>-store``  | .2 | the object store | moto's S3 server |
| ``<p>-w1``     | .3 | worker host 1 | Celery worker (queue ``dagster``) |
| ``<p>-w2``     | .4 | worker host 2 | Celery worker (queue ``dagster``) |
| ``<p>-coord``  | .5 | the coordinator and publisher host | the backfill run, Celery worker (queue ``cstats_publish``) |
| ``<p>-switch`` | -  | the network | a bridge and the veth ends |

The hosts share the file system the way a deployment shares a volume: the sources folder and the
Dagster instance (SQLite here, Postgres across real hosts). Documents' outputs go over the network
to the S3 store; the warehouse is written by the publisher host only.

Drills, while the backfill runs (every wait bounded in time):

- the broker host restarted once a step is under way (redis-server stopped and started again; its
  queues are lost): the run goes on, or fails cleanly and a second run finishes what is not stored;
- worker host 1's link cut mid-step (``ip link set eth0 down``), then the host lost (its worker
  killed behind the cut link, so the broker hears nothing, as of a host that froze or lost power):
  its task is redelivered to worker host 2 after the visibility timeout. Killed, not frozen: the
  namespaces share one file system, so a frozen worker could keep the lock of the Dagster
  instance's SQLite event log (a real deployment's event log is a database server) and fail the
  other hosts' writes;
- the store host paused for 20 s (SIGSTOP, SIGCONT): the workers' requests wait and retry; no
  output is lost.

Then it prints ``documents=N mentions=M quarantined=Q redelivered=R``, checks the counts equal
``cstats run`` over the same sources, tears everything down (processes, namespaces, veths) and checks
nothing is left. Exit status 0 when every check holds.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from pipelines.cluster.steps import busy_workers
from pipelines.run import paths
from sources.lifeline import own_session_dying_with_parent

SUBNET = ipaddress.ip_network("10.231.0.0/24")
HOSTS = {"broker": 1, "store": 2, "w1": 3, "w2": 4, "coord": 5}
REDIS_PORT = 6379
S3_PORT = 5000
BUCKET = "cstats-rehearsal"
STORE_PAUSE_SECONDS = 20.0


def log(msg: str) -> None:
    print(f"cluster-rehearsal: {msg}", flush=True)


def sh(*cmd: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=timeout)


def address(host: str) -> str:
    return str(SUBNET.network_address + HOSTS[host])


def subnet_in_use() -> list[str]:
    """Addresses and routes of the machine's own namespace that fall in SUBNET."""
    found = []
    for line in (
        sh("ip", "-4", "-o", "addr", "show").stdout.splitlines() + sh("ip", "-4", "route").stdout.splitlines()
    ):
        for word in line.split():
            try:
                net = ipaddress.ip_network(word, strict=False)
            except ValueError:
                continue
            if net.prefixlen > 0 and net.overlaps(SUBNET):
                found.append(line.strip())
    return found


class Network:
    """The namespaces, the switch and the veth pairs; ``down`` deletes them all."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.created: list[str] = []

    def ns(self, host: str) -> str:
        return f"{self.prefix}-{host}"

    def up(self) -> None:
        switch = self.ns("switch")
        sh("ip", "netns", "add", switch)
        self.created.append(switch)
        sh("ip", "-n", switch, "link", "add", "br0", "type", "bridge")
        sh("ip", "-n", switch, "link", "set", "br0", "up")
        for host, n in HOSTS.items():
            name = self.ns(host)
            sh("ip", "netns", "add", name)
            self.created.append(name)
            # both ends made inside the namespaces: nothing appears in the machine's own
            sh(
                "ip",
                "-n",
                switch,
                "link",
                "add",
                f"v{n}",
                "type",
                "veth",
                "peer",
                "name",
                "eth0",
                "netns",
                name,
            )
            sh("ip", "-n", switch, "link", "set", f"v{n}", "master", "br0", "up")
            sh("ip", "-n", name, "addr", "add", f"{address(host)}/{SUBNET.prefixlen}", "dev", "eth0")
            sh("ip", "-n", name, "link", "set", "eth0", "up")
            sh("ip", "-n", name, "link", "set", "lo", "up")

    def link(self, host: str, state: str) -> None:
        sh("ip", "-n", self.ns(host), "link", "set", "eth0", state)

    def down(self) -> None:
        for name in reversed(self.created):
            sh("ip", "netns", "delete", name, check=False)

    def left(self) -> list[str]:
        listed = sh("ip", "netns", "list").stdout.split()
        return [n for n in self.created if n in listed]


class Hosts:
    """The processes started in the namespaces, each in its own session (stopped by group id)."""

    def __init__(self, net: Network, workdir: Path, env: dict):
        self.net, self.workdir, self.env = net, workdir, env
        self.procs: dict[str, subprocess.Popen] = {}
        self.pids: set[int] = set()

    def start(self, name: str, host: str, cmd: list[str]) -> subprocess.Popen:
        with open(self.workdir / f"{name}.log", "ab") as out:
            proc = subprocess.Popen(
                ["ip", "netns", "exec", self.net.ns(host), *cmd], cwd=paths.PROJECT_ROOT, env=self.env,
                stdout=out, stderr=subprocess.STDOUT, preexec_fn=own_session_dying_with_parent,
            )  # fmt: skip
        self.procs[name] = proc
        self.pids.add(proc.pid)
        return proc

    def signal(self, name: str, sig: int) -> None:
        try:
            os.killpg(self.procs[name].pid, sig)
        except ProcessLookupError:
            pass

    def stop(self, name: str, grace: float = 10.0) -> None:
        proc = self.procs.get(name)
        if proc is None:
            return
        self.signal(name, signal.SIGCONT)  # a frozen host must be able to take its SIGTERM
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            self.signal(name, sig)
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.signal(name, signal.SIGKILL)

    def stop_all(self) -> None:
        for name in reversed(list(self.procs)):
            self.stop(name)

    def left(self) -> list[int]:
        """Processes of the sessions started here still alive."""
        alive = []
        for p in psutil.process_iter(["pid"]):
            try:
                if os.getsid(p.pid) in self.pids:
                    alive.append(p.pid)
            except (ProcessLookupError, PermissionError):
                continue
        return alive


def wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {seconds:g} s")


def in_ns(net: Network, host: str, code: str, env: dict, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["ip", "netns", "exec", net.ns(host), sys.executable, "-c", code],
        env=env, cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def worker_pid(hosts: Hosts, name: str) -> int | None:
    """The Celery process under ``ip netns exec`` (which execs, so it is the same pid)."""
    proc = hosts.procs[name]
    return proc.pid if proc.poll() is None else None


def reference_counts(sources: Path, tmp: Path) -> dict:
    """``cstats run`` over the same sources, on this machine's own loopback-free path (no network)."""
    env = dict(os.environ, PYTHONPATH=str(paths.PROJECT_ROOT), DAGSTER_HOME=str(tmp / "ref_home"))
    env.pop("CSTATS_STORE", None)
    (tmp / "ref_home").mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", "--sources", str(sources), "--warehouse",
         str(tmp / "ref.duckdb"), "--store", str(tmp / "ref_store"), "--workers", "1"],
        env=env, capture_output=True, text=True, timeout=1800, cwd=paths.PROJECT_ROOT,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"cstats run failed: {done.stderr[-2000:]}")
    import re

    found = re.search(r"(\d+) documents, (\d+) mentions, \d+ figures, (\d+) quarantined", done.stdout)
    if found is None:
        raise RuntimeError(f"cstats run printed no counts: {done.stdout[-500:]}")
    return dict(zip(("documents", "mentions", "quarantined"), map(int, found.groups()), strict=True))


def coordinate(argv: list[str]) -> int:
    """In the coordinator's namespace: one backfill run; prints its summary as one JSON line."""
    import dagster as dg

    from pipelines.cluster.backfill import run_backfill
    from pipelines.cluster.steps import redelivered_steps

    sources, warehouse, store, per_step = argv
    instance = dg.DagsterInstance.get()
    try:
        summary = run_backfill(
            Path(sources), Path(warehouse), store, instance=instance, per_step=int(per_step)
        )
    except RuntimeError as e:
        print(json.dumps({"failed": str(e)[-1500:]}), flush=True)
        return 1
    summary["redelivered"] = redelivered_steps(instance, summary["run_id"])
    print(json.dumps(summary), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--coordinate"]:
        return coordinate(argv[1:])
    ap = argparse.ArgumentParser(prog="cluster-rehearsal", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sources", default=str(paths.sources_dir()), help="default: CSTATS_SOURCES or the samples"
    )
    ap.add_argument("--drop", type=int, default=0, help="add a generated drop of N small documents")
    ap.add_argument("--documents-per-step", type=int, default=4)
    ap.add_argument("--visibility-timeout", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=1500, help="seconds the whole rehearsal may take")
    args = ap.parse_args(argv)

    if os.geteuid() != 0:
        print("cluster-rehearsal: SKIPPED: needs root (network namespaces); nothing was done", flush=True)
        return 0
    for tool in ("ip", "redis-server"):
        if shutil.which(tool) is None:
            print(f"cluster-rehearsal: SKIPPED: {tool} not found; nothing was done", flush=True)
            return 0
    busy = subnet_in_use()
    if busy:
        print(f"cluster-rehearsal: refusing: {SUBNET} is in use on this machine: {busy}", file=sys.stderr)
        return 2

    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="cstats-rehearsal-"))
    net = Network(f"cstats{os.getpid() % 100000}")
    home = tmp / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    sources = Path(args.sources).resolve()
    if args.drop:
        merged = tmp / "sources"
        shutil.copytree(sources, merged, ignore=shutil.ignore_patterns(".*"))
        from bench.bench_run import generate

        generate(merged / "drop", args.drop)
        sources = merged
    store = f"s3://{BUCKET}/store"
    warehouse = tmp / "committee_stats.duckdb"
    env = dict(
        os.environ, PYTHONPATH=str(paths.PROJECT_ROOT), DAGSTER_HOME=str(home),
        CSTATS_BROKER=f"redis://{address('broker')}:{REDIS_PORT}/0", CSTATS_STORE=store,
        CSTATS_VISIBILITY_TIMEOUT=str(args.visibility_timeout),
        AWS_ENDPOINT_URL=f"http://{address('store')}:{S3_PORT}", AWS_ACCESS_KEY_ID="rehearsal",
        AWS_SECRET_ACCESS_KEY="rehearsal", AWS_DEFAULT_REGION="us-east-1", NO_PROXY="*",
    )  # fmt: skip
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env.pop(var, None)  # traffic only to the namespaces' own addresses
    hosts = Hosts(net, tmp, env)
    failures: list[str] = []
    drills: list[str] = []
    stop = threading.Event()
    result: dict = {}

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        log(f"reference: cstats run over {sources} (no network)")
        want = reference_counts(sources, tmp)
        net.up()
        log(f"namespaces up on {SUBNET}: " + ", ".join(f"{net.ns(h)}={address(h)}" for h in HOSTS))
        redis = [shutil.which("redis-server"), "--port", str(REDIS_PORT), "--bind", address("broker"),
                 "--save", "", "--appendonly", "no", "--dir", str(tmp), "--protected-mode", "no"]  # fmt: skip
        hosts.start("broker", "broker", redis)
        hosts.start(
            "store",
            "store",
            [sys.executable, "-m", "moto.server", "-H", address("store"), "-p", str(S3_PORT)],
        )
        probe = (
            "import redis, boto3, sys\n"
            f"redis.Redis(host='{address('broker')}', port={REDIS_PORT}, socket_timeout=2).ping()\n"
            "s3 = boto3.client('s3')\n"
            f"names = [b['Name'] for b in s3.list_buckets().get('Buckets', [])]\n"
            f"'{BUCKET}' in names or s3.create_bucket(Bucket='{BUCKET}')\n"
        )
        wait_for(
            lambda: in_ns(net, "coord", probe, env).returncode == 0,
            60,
            "broker and store from the coordinator",
        )
        celery = [sys.executable, "-m", "celery", "-A", "pipelines.cluster.celery_app", "worker", "--pool", "solo",
                  "--without-gossip", "--without-mingle", "--loglevel", "WARNING"]  # fmt: skip
        hosts.start("w1", "w1", [*celery, "-Q", "dagster", "-n", "w1@rehearsal"])
        hosts.start("w2", "w2", [*celery, "-Q", "dagster", "-n", "w2@rehearsal"])
        hosts.start("publisher", "coord", [*celery, "-Q", "cstats_publish", "-n", "publisher@rehearsal"])

        def restart_broker() -> None:
            hosts.stop("broker")
            log("drill: broker host stopped")
            stop.wait(1)
            hosts.start("broker", "broker", redis)
            drills.append("broker restarted")
            log("drill: broker host restarted")

        import dagster as dg

        watcher = dg.DagsterInstance.from_config(str(home))  # the workers' event log: who holds a step

        def drill_thread():
            deadline = time.monotonic() + min(args.timeout / 2, 600)
            workers = ("w1", "w2")
            # 1. the broker host restarted once a step is under way (its queues are lost with it)
            while not stop.is_set() and time.monotonic() < deadline:
                if busy_workers(watcher) & set(workers):
                    restart_broker()
                    break
                time.sleep(0.1)
            if stop.wait(3):
                return
            # 2. worker host 1: link cut mid-step, then the host lost behind the cut (see the docstring)
            while not stop.is_set() and time.monotonic() < deadline:
                if worker_pid(hosts, "w1") and "w1" in busy_workers(watcher):
                    net.link("w1", "down")
                    hosts.signal("w1", signal.SIGKILL)
                    drills.append("w1 link cut mid-step")
                    log("drill: worker host w1 link down mid-step, host lost")
                    break
                time.sleep(0.1)
            if stop.wait(3):
                return
            # 3. the store host paused
            hosts.signal("store", signal.SIGSTOP)
            log(f"drill: store host paused for {STORE_PAUSE_SECONDS:g} s")
            stop.wait(STORE_PAUSE_SECONDS)
            hosts.signal("store", signal.SIGCONT)
            drills.append("store paused 20 s")
            log("drill: store host resumed")
            stop.wait()  # the broker started here dies with this thread (PR_SET_PDEATHSIG): keep it to the end

        thread = threading.Thread(target=drill_thread, daemon=True)
        thread.start()
        redelivered = 0
        for attempt in (1, 2):  # a broker restart may fail the first run cleanly; the second finishes it
            remaining = args.timeout - (time.monotonic() - started)
            done = subprocess.run(
                ["ip", "netns", "exec", net.ns("coord"), sys.executable, "-m", "pipelines.cluster.rehearsal",
                 "--coordinate", str(sources), str(warehouse), store, str(args.documents_per_step)],
                env=env, cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=max(remaining, 60),
            )  # fmt: skip
            last = (done.stdout.strip().splitlines() or ["{}"])[-1]
            result = json.loads(last) if last.startswith("{") else {}
            if "documents" not in result:  # no summary: a clean failure, or the coordinator's own error
                result = {"failed": result.get("failed") or done.stderr[-1500:] or last}
            redelivered += result.get("redelivered", 0)
            if "failed" not in result:
                break
            log(f"run {attempt} failed cleanly: {result['failed'][:300]}")
        stop.set()
        thread.join(timeout=STORE_PAUSE_SECONDS + 30)
        if "failed" in result:
            failures.append(f"backfill failed: {result['failed'][:500]}")
        else:
            got = {k: result[k] for k in ("documents", "mentions", "quarantined")}
            print(f"documents={got['documents']} mentions={got['mentions']} quarantined={got['quarantined']} "
                  f"redelivered={redelivered}", flush=True)  # fmt: skip
            if got != want:
                failures.append(f"counts {got} differ from cstats run {want}")
        if len(drills) < 3:
            failures.append(f"drills run: {drills} (all three expected)")
        if "w1 link cut mid-step" in drills and redelivered < 1:
            failures.append("worker host w1 was cut mid-step but no step was redelivered")
    except KeyboardInterrupt:
        failures.append("interrupted")
    except Exception as e:  # reported, then everything is torn down
        failures.append(f"{e.__class__.__name__}: {e}")
    finally:
        stop.set()
        hosts.stop_all()
        net.down()
        deadline = time.monotonic() + 15  # killed processes take a moment to be reaped
        while (left_procs := hosts.left()) and time.monotonic() < deadline:
            time.sleep(0.2)
        left_ns = net.left()
        if left_ns or left_procs:
            failures.append(f"left behind: namespaces {left_ns}, processes {left_procs}")
        else:
            log("torn down: no namespace, veth or process left")
        if not failures:
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"wall {time.monotonic() - started:.0f} s")
    if failures:
        for f in failures:
            print(f"cluster-rehearsal: FAILED: {f}", file=sys.stderr, flush=True)
        print(f"cluster-rehearsal: logs in {tmp}", file=sys.stderr, flush=True)
        return 1
    log("every drill passed; counts equal cstats run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
