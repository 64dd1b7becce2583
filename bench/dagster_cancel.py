"""A run launched by a real `dagster dev` (the inbox sensor), terminated through Dagster's own
terminate call (GraphQL, as the UI's Terminate button does): seconds until CANCELED, the run's
processes left 2 s later, and how often each document was launched after the next sensor ticks
(each once: the sensor batches new documents into `extract_documents` runs, keyed by the batch,
and follows its settle rule, here ``CSTATS_SETTLE_SECONDS=2``). Then `dagster dev` itself is
stopped with SIGTERM and its processes counted.

    python bench/dagster_cancel.py [--port 3917] [--pages 600]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.Error:
            pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument(
        "--pages", type=int, default=600, help="pages of the slow PDF that is being read when cancelled"
    )
    args = ap.parse_args()
    port = args.port or _free_port()
    work = Path(tempfile.mkdtemp(prefix="dagster-cancel-"))
    home, inbox = work / "home", work / "inbox"
    home.mkdir()
    inbox.mkdir()
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    from sources import read_document
    from tests.hostile import corpus

    good = sorted((ROOT / "sources" / "samples").rglob("*.txt"))[:2]
    for p in good:
        shutil.copy(p, inbox / p.name)
    text = read_document(good[0]).text
    (inbox / "slow.pdf").write_bytes(corpus.text_pdf(text[:1500], pages=args.pages))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAGSTER_HOME": str(home), "CSTATS_INBOX": str(inbox),
           "CSTATS_STORE": str(work / "store"), "CSTATS_WAREHOUSE": str(work / "w.duckdb"),
           "CSTATS_SETTLE_SECONDS": "2"}  # fmt: skip
    os.environ["DAGSTER_HOME"] = str(home)
    import dagster as dg
    from dagster_graphql import DagsterGraphQLClient

    # Create the instance's SQLite storage before `dagster dev` starts: two processes migrating a
    # fresh storage at once can leave two alembic heads, and the code server then fails to load.
    dg.DagsterInstance.get().get_runs(limit=1)

    dev = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster")), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT, env=env, stdout=open(work / "dev.log", "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    from sources.scan import file_sha256

    slow_sha = file_sha256(inbox / "slow.pdf")
    rows = []
    try:
        instance = dg.DagsterInstance.get()
        deadline = time.monotonic() + 600
        run = None
        while run is None and time.monotonic() < deadline:
            time.sleep(1)
            for r in instance.get_runs():
                if slow_sha in _documents(r) and r.status == dg.DagsterRunStatus.STARTED:
                    run = r
        if run is None:
            print("no run of the slow document started within 10 minutes; see", work / "dev.log")
            return 1
        # let the step reach its reading child
        pid = None
        while pid is None and time.monotonic() < deadline:
            for rec in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
                if (rec.message or "").startswith("Started process for run"):
                    pid = int(rec.dagster_event.engine_event_data.metadata["pid"].value)
            time.sleep(0.5)
        while time.monotonic() < deadline and not any(
            "sources.reading_child" in " ".join(p.cmdline()) for p in _alive(_tree(pid))
        ):
            time.sleep(0.5)
        time.sleep(2)
        procs = _tree(pid)
        print(
            f"run {run.run_id[:8]} worker pid {pid}: {len(procs)} processes ({', '.join(p.name() for p in procs)})"
        )
        client = DagsterGraphQLClient("127.0.0.1", port_number=port)
        t0 = time.monotonic()
        client.terminate_run(run.run_id)
        status, took, gone = None, None, None
        while time.monotonic() - t0 < 120 and (took is None or gone is None):
            if took is None:
                status = instance.get_run_by_id(run.run_id).status
                if status in (dg.DagsterRunStatus.CANCELED, dg.DagsterRunStatus.FAILURE):
                    took = time.monotonic() - t0
            if gone is None and not _alive(procs):
                gone = time.monotonic() - t0
            time.sleep(0.1)
        left = _alive(procs)
        rows.append(("terminate (GraphQL)", f"{status.value} after {took:.1f} s", f"{len(procs)} processes"))
        rows.append(
            ("run's processes", f"all gone {gone:.1f} s after terminate" if gone else "not all gone in 120 s",
             f"{len(left)} left")
        )  # fmt: skip
        for p in left:
            print("  left:", _describe(p))
        # two more sensor ticks (every 30 s): each document launched once, the cancelled one not again
        time.sleep(70)
        per_doc: dict[str, int] = {}
        for r in instance.get_runs():
            for key in _documents(r):
                per_doc[key] = per_doc.get(key, 0) + 1
        rows.append(
            (
                "launches per document after 2 ticks",
                str(sorted(per_doc.values())),
                f"{len(per_doc)} documents",
            )
        )
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            t0 = time.monotonic()
            os.kill(dev.pid, sig)
            try:
                dev.wait(30)
            except subprocess.TimeoutExpired:
                pass
            took = time.monotonic() - t0
            time.sleep(2)
            left = _alive([p for p in psutil.process_iter() if _session(p) == dev.pid])
            rows.append(
                (f"dagster dev {sig.name}", f"exit {dev.returncode} after {took:.1f} s", f"{len(left)} left")
            )
            if dev.returncode is not None:
                break
        for p in left:
            print("  left:", _describe(p))
            p.kill()
    for r in rows:
        print("  ".join(f"{c:<34}" for c in r))
    return 0


def _describe(p: psutil.Process) -> str:
    try:
        return f"{p.pid} {' '.join(p.cmdline())[:150]}"
    except psutil.Error as exc:
        return f"{p.pid} ({type(exc).__name__})"


def _documents(run) -> set[str]:
    """The document keys (content hashes) a batch run of ``extract_documents`` was given, or the
    partition of a one-document run."""
    config = (run.run_config or {}).get("ops", {}).get("extract_documents_op", {}).get("config", {})
    keys = {doc[0] for doc in config.get("documents", [])}
    partition = run.tags.get("dagster/partition")
    return keys | ({partition} if partition else set())


def _session(p: psutil.Process) -> int | None:
    try:
        return os.getsid(p.pid)
    except (ProcessLookupError, PermissionError):
        return None


if __name__ == "__main__":
    sys.exit(main())
