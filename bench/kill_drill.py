"""The kill drill (`make kill-drill`): stop `cstats run` at many moments, count what is left, rerun,
compare with a clean run; fill the disk at several points. Prints one table.

For each corpus (the bundled samples; a generated corpus of --generated documents):

1. a clean run (cold store, new warehouse), timed, and a warm run over its store (everything
   reused: the fixed cost of a run); the clean warehouse's tables are fingerprinted (row count
   and a content hash over every column but timestamps and timings);
2. for SIGTERM and SIGKILL, at --moments moments spread over the run (the first a share of the
   clean run's start-up time, the others when 1/M, 2/M, ... of the documents are stored, so that
   the moments stay spread however busy the machine is): a cold run in its own session, the signal sent to `cstats run` alone (as a process manager does), its exit
   code and the seconds it took to exit, the processes of its session still alive 2 s after
   SIGTERM / 5 s after SIGKILL, the documents already stored, then a rerun on the same store and
   warehouse: its cost against its budget, the cost of a run with one document to read (the
   clean store less one entry: the run's fixed cost, workers and reading children started, one
   document read) plus the unfinished share of the rest of the clean run (acceptance: at most
   1.10), and every table compared with the clean run's. Cost is CPU
   time (every process of the run's session, sampled), the work done,
   which other jobs on the machine do not change; the wall-clock ratio is printed beside it;
3. a full disk (a tmpfs of a few MiB when run as root, else RLIMIT_FSIZE) under the document
   store, under the warehouse (first publish, and a second publish beside a live warehouse,
   whose bytes must not change), and under TMPDIR while an archive member is staged: exit code,
   lines on stderr, no traceback, then the disk enlarged and the run repeated: nothing but the
   warehouse (and its lock file) left beside it.

    python bench/kill_drill.py [--generated 2000] [--moments 10] [--workers 2] [--no-samples]
        [--no-disk] [--signals TERM KILL] [--cache DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
SAMPLES = ROOT / "sources" / "samples"
SKIP_TYPES = ("TIMESTAMP", "TIME", "INTERVAL")


def _env(**extra) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def cstats_run(sources: Path, warehouse: Path, store: Path, workers: int, **kw) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--sources", str(sources), "--warehouse", str(warehouse),
           "--store", str(store), "--workers", str(workers)]  # fmt: skip
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env=_env(**kw.pop("env", {})), **kw,
    )  # fmt: skip


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate()
    return proc.returncode, out, err


class SessionCpu(threading.Thread):
    """CPU seconds (user + system) of every process of one session, sampled every ``every`` s
    while the session lives (a pool's workers are children of its fork server, which nobody
    waits for, so ``RUSAGE_CHILDREN`` misses them). A process's last interval before it exits
    is lost: at most ``every`` seconds per process."""

    def __init__(self, sid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.sid, self.every, self.seen, self.done = sid, every, {}, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for p in session_processes(self.sid):
                with contextlib.suppress(psutil.Error):
                    t = p.cpu_times()
                    self.seen[(p.pid, p.create_time())] = t.user + t.system
            self.done.wait(self.every)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return sum(self.seen.values())


class Cost(tuple):
    """A run's wall-clock and CPU seconds: (wall, cpu). The CPU time of a run is its work, which a
    busy machine does not change; its wall-clock time is what an operator waits."""

    wall = property(lambda self: self[0])
    cpu = property(lambda self: self[1])


def timed_run(*args, **kw) -> tuple[Cost, int, str, str]:
    """One run to its end: its cost (CPU of its whole session), exit code, stdout and stderr."""
    t0 = time.monotonic()
    proc = cstats_run(*args, **kw)
    meter = SessionCpu(proc.pid)
    meter.start()
    code, out, err = finish(proc)
    return Cost((time.monotonic() - t0, meter.stop())), code, out, err


def session_processes(sid: int) -> list[psutil.Process]:
    alive = []
    for p in psutil.process_iter(["pid", "status"]):
        try:
            if os.getsid(p.pid) == sid and p.info["status"] != psutil.STATUS_ZOMBIE:
                alive.append(p)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return alive


def fingerprint(warehouse: Path) -> dict[str, tuple[int, str]]:
    """Per table: row count and an order-independent hash of every column but timestamps and timings."""
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS w (READ_ONLY)", [str(warehouse)])
    out = {}
    try:
        tables = [r[0] for r in con.sql(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'w' ORDER BY 1").fetchall()]  # fmt: skip
        for t in tables:
            cols = [
                f'"{c}"'
                for c, ty in con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'w' AND table_name = ? "
                    "ORDER BY column_index",
                    [t],
                ).fetchall()
                if not ty.startswith(SKIP_TYPES) and c != "seconds" and not c.endswith("_seconds")
            ]
            expr = f"hash({', '.join(cols)})" if cols else "0"
            n, h = con.sql(f'SELECT count(*), coalesce(sum({expr}::HUGEINT), 0) FROM w."{t}"').fetchall()[0]
            out[t] = (n, hashlib.sha256(str(h).encode()).hexdigest()[:12])
    finally:
        con.close()
    return out


def stored(store: Path) -> int:
    return sum(1 for _ in store.glob("documents/*/*/*.json"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def beside(warehouse: Path) -> list[str]:
    return sorted(
        p.name for p in warehouse.parent.iterdir() if p.name not in (warehouse.name, warehouse.name + ".lock")
    )


def one_line(err: str) -> str:
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    return lines[-1][:110] if lines else ""


# --- the kill part --------------------------------------------------------------------------------


def kill_drill(name, sources, work, workers, moments, signals, rows) -> None:
    total = None
    clean_store, clean_wh = work / "clean" / "store", work / "clean" / "w.duckdb"
    shutil.rmtree(work / "clean", ignore_errors=True)
    t_clean, code, out, err = timed_run(sources, clean_wh, clean_store, workers)
    assert code == 0, err[-2000:]
    t_warm, code, _, err = timed_run(sources, clean_wh, clean_store, workers)
    assert code == 0, err[-2000:]
    clean = fingerprint(clean_wh)
    total = stored(clean_store)
    # the cost of reading anything at all: the clean store less one document (workers and their
    # reading children start, one document is read, everything is published)
    one_store, one_wh = work / "one" / "store", work / "one" / "w.duckdb"
    shutil.copytree(clean_store, one_store)
    shutil.copy(clean_wh, one_wh)
    min(one_store.glob("documents/*/*/*.json")).unlink()
    t_one, code, _, err = timed_run(sources, one_wh, one_store, workers)
    assert code == 0, err[-2000:]
    shutil.rmtree(work / "one")
    print(
        f"{name}: clean run {t_clean.wall:.1f} s ({t_clean.cpu:.1f} s CPU), warm run {t_warm.wall:.1f} s "
        f"({t_warm.cpu:.1f} s CPU), one document to read {t_one.wall:.1f} s ({t_one.cpu:.1f} s CPU), "
        f"{total} documents",
        flush=True,
    )
    rows.append([name, "clean", "-", 0, "-", "-", "-", "-",
                 f"{t_clean.cpu:.1f} s CPU (warm {t_warm.cpu:.1f}, one {t_one.cpu:.1f})", one_line(out)])  # fmt: skip
    for sig in signals:
        signum = getattr(signal, f"SIG{sig}")
        settle = 2.0 if sig != "KILL" else 5.0
        for i in range(1, moments + 1):
            at = t_clean.wall * i / (moments + 1)
            case = work / f"{sig}-{i}"
            shutil.rmtree(case, ignore_errors=True)
            case.mkdir(parents=True)
            store, wh = case / "store", case / "w.duckdb"
            proc = cstats_run(sources, wh, store, workers)
            # the moment: a share of the documents stored (the clean run's time share when none are
            # needed), so the moments stay spread over the run however busy the machine is
            want = total * (i - 1) // moments
            started = time.monotonic()
            while proc.poll() is None and (stored(store) < want if want else time.monotonic() - started < at):
                time.sleep(0.02)
            at = time.monotonic() - started
            sent = time.monotonic()
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signum)
            code, _, err = finish(proc)
            exit_s = time.monotonic() - sent
            time.sleep(max(0.0, settle - (time.monotonic() - sent)))
            left = session_processes(proc.pid)
            for p in left:
                with contextlib.suppress(psutil.Error):
                    p.kill()
            done = stored(store)
            t_rerun, rcode, _, rerr = timed_run(sources, wh, store, workers)
            same = rcode == 0 and fingerprint(wh) == clean
            unfinished = max(0, total - done - 1) / total
            if done >= total:  # nothing to read: the warm run's cost
                wall, cpu = t_warm
            else:  # reading at all (one document), then the rest of the unfinished share
                wall, cpu = (t_one[k] + unfinished * max(0.0, t_clean[k] - t_one[k]) for k in (0, 1))
            rows.append([
                name, sig, f"{at:.1f}", code, f"{exit_s:.2f}", len(left), f"{done}/{total}",
                "yes" if same else f"NO ({rcode})",
                f"{t_rerun.cpu:.1f}/{cpu:.1f}={t_rerun.cpu / cpu:.2f} ({t_rerun.wall / wall:.2f})",
                one_line(err) if sig != "KILL" else "-",
            ])  # fmt: skip
            print("  ", rows[-1], flush=True)
            if not same:
                print(rerr[-1500:], file=sys.stderr)
            shutil.rmtree(case, ignore_errors=True)


# --- the disk part --------------------------------------------------------------------------------


class SmallDisk:
    """A tmpfs of ``mib`` MiB at ``path`` when this process may mount one, else None (the caller
    falls back to RLIMIT_FSIZE)."""

    def __init__(self, path: Path, mib: int):
        self.path, self.mounted = path, False
        path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            r = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={mib}M", "tmpfs", str(path)], capture_output=True
            )
            self.mounted = r.returncode == 0

    def grow(self, mib: int) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", f"remount,size={mib}M", str(self.path)], check=True)

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], check=False)


def _fsize(limit: int):
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return cap


def disk_drill(name, sources, work, workers, rows) -> None:
    base = work / "disk"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    # a copy of the corpus with one zip archive whose member must be staged (the staging copy)
    corpus = base / "corpus"
    shutil.copytree(sources, corpus)
    big = "\n".join(
        f"政协委员提交提案{i}件，全年开展调研{i % 50}次。" for i in range(60_000)
    ).encode()  # ~2.5 MB
    with zipfile.ZipFile(corpus / "archive.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("member.txt", big)
    warm_store = base / "warm_store"
    code, _, err = finish(cstats_run(corpus, base / "first" / "w.duckdb", warm_store, workers))
    assert code == 0, err[-2000:]
    points = [
        ("document store", "store", 1),
        ("warehouse (first publish)", "warehouse", 3),
        ("warehouse (beside a live one)", "warehouse2", 64),
        ("staging copy (TMPDIR)", "tmp", 1),
    ]
    for label, point, mib in points:
        disk_dir = base / f"disk-{point}"
        disk = SmallDisk(disk_dir, mib)
        try:
            store = disk_dir / "store" if point == "store" else warm_store
            wh_dir = disk_dir if point.startswith("warehouse") else base / f"wh-{point}"
            wh_dir.mkdir(parents=True, exist_ok=True)
            wh = wh_dir / "w.duckdb"
            env, fallback = {}, None
            if point == "tmp":
                env["TMPDIR"] = str(disk_dir)
                store = base / "tmp_store"  # cold for the archive member, so it is staged again
            if point == "warehouse2":  # a live warehouse first, then a publish that cannot fit
                code, _, err = finish(cstats_run(corpus, wh, store, workers))
                assert code == 0, err[-1500:]
                (corpus / "extra.txt").write_text("全年共收到提案321件。", encoding="utf-8")
                if disk.mounted:  # leave room for half a warehouse
                    room = shutil.disk_usage(disk_dir).free - wh.stat().st_size // 2
                    (disk_dir / "filler").write_bytes(b"\0" * max(0, room))
            before = sha(wh)
            if not disk.mounted:
                fallback = _fsize({"store": 64 << 10, "tmp": 1 << 20}.get(point, 2 << 20))
            proc = cstats_run(corpus, wh, store, workers, env=env, preexec_fn=fallback)
            code, _, err = finish(proc)
            after = sha(wh)
            lines = [ln for ln in err.splitlines() if ln.strip()]
            disk.grow(256)
            (disk_dir / "filler").unlink(missing_ok=True)
            r2 = finish(cstats_run(corpus, wh, store, workers, env=env))
            left = beside(wh)
            rows.append([
                name, f"disk: {label}" + ("" if disk.mounted else " (RLIMIT_FSIZE)"), "-", code, "-",
                "-", "-", "unchanged" if after == before else "CHANGED", f"rerun {r2[0]}, left {left or 'nothing'}",
                f"{len(lines)} line(s){', TRACEBACK' if 'Traceback' in err else ''}: " + one_line(err)[:90],
            ])  # fmt: skip
            print("  ", rows[-1], flush=True)
            (corpus / "extra.txt").unlink(missing_ok=True)
        finally:
            disk.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=2000, help="documents of the generated corpus (0: none)")
    ap.add_argument("--moments", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--signals", nargs="+", default=["TERM", "KILL"])
    ap.add_argument("--no-samples", action="store_true")
    ap.add_argument("--no-disk", action="store_true")
    ap.add_argument(
        "--cache", default=os.environ.get("CSTATS_BENCH_CACHE", str(ROOT / ".cache" / "kill_drill"))
    )
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    corpora = [] if args.no_samples else [("samples", SAMPLES)]
    if args.generated:
        from bench_national_run import generate

        folder = cache / f"generated_{args.generated}"
        generate(folder, args.generated, 0.05, 0.1)
        corpora.append((f"generated {args.generated}", folder))
    rows: list[list] = []
    for name, sources in corpora:
        work = Path(tempfile.mkdtemp(prefix="drill-", dir=cache))
        try:
            kill_drill(name, sources, work, args.workers, args.moments, args.signals, rows)
            if not args.no_disk and name == "samples":
                disk_drill(name, sources, work, args.workers, rows)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    head = [
        "corpus",
        "stop",
        "at s",
        "exit",
        "exit s",
        "left",
        "stored",
        "tables = clean",
        "rerun CPU s / budget (wall ratio)",
        "line",
    ]
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    print()
    for r in [head, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
