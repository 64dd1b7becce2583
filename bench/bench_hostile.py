"""Peak memory of a whole `cstats run` over the hostile corpus, every process of the tree sampled.

The corpus is tests/hostile/corpus.py (links, FIFOs, encrypted/broken/bomb PDFs, a 1 GiB flate
stream, 20 MB of CJK soup, mojibake, binary junk, wrong suffixes, empty files, duplicates, zips
with traversal / nesting / too many members / a ratio bomb, .doc/.wps/.docx/.html ...) beside the
good reports. Baseline, in the same run: `cstats run` over the good reports alone.

Every 50 ms the sampler walks the process tree of the `cstats run` process (``/proc/<pid>/task/
*/children``, recursively: workers, their fork servers, every reading child) and sums each
process's RSS (an upper bound: pages shared after a fork count once per process) and PSS (shared
pages split between the processes sharing them). Printed: the peak sums for both runs, the ratio
hostile / baseline, the largest single process, and the slowest file's seconds against the
per-document limit (from the warehouse's file_outcome.seconds).

Usage: bench/bench_hostile.py [--workers N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.corpus import GOOD, build  # noqa: E402

LIMIT_BYTES = 1 << 30  # peak PSS of the whole process tree
RSS_LIMIT = 1.5e9  # summed RSS over the tree (forked readers counted each)
DOCUMENT_SECONDS = 120


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    seen, stack = [], [pid]
    while stack:
        p = stack.pop()
        seen.append(p)
        stack += _children(p)
    return seen


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process, (0, 0) when it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def measured_run(sources: Path, work: Path, workers: int) -> dict:
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--sources", str(sources),
           "--warehouse", str(work / "w.duckdb"), "--store", str(work / "store"), "--workers", str(workers)]  # fmt: skip
    env = {**os.environ, "CSTATS_DOCUMENT_SECONDS": str(DOCUMENT_SECONDS)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"rss": 0, "pss": 0, "one": 0, "processes": 0, "samples": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(proc.pid)
            mem = [_memory(p) for p in pids]
            peak["rss"] = max(peak["rss"], sum(m[0] for m in mem))
            peak["pss"] = max(peak["pss"], sum(m[1] for m in mem))
            peak["one"] = max([peak["one"], *(m[0] for m in mem)])
            peak["processes"] = max(peak["processes"], len(pids))
            peak["samples"] += 1
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    sampler.start()
    out, err = proc.communicate()
    peak["seconds"] = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"cstats run failed ({proc.returncode}):\n{err[-3000:]}")
    peak["stdout"] = out
    peak["tracebacks"] = (out + err).count("Traceback")
    con = duckdb.connect(str(work / "w.duckdb"), read_only=True)
    peak["slowest"] = con.sql(
        "SELECT source_path, seconds FROM file_outcome WHERE seconds IS NOT NULL ORDER BY seconds DESC LIMIT 1"
    ).fetchall()[0]
    con.close()
    return peak


def report(name: str, m: dict) -> None:
    mib = 1 << 20
    print(
        f"{name:9s} peak tree RSS {m['rss'] / mib:7.1f} MiB  PSS {m['pss'] / mib:7.1f} MiB  "
        f"largest process {m['one'] / mib:6.1f} MiB  up to {m['processes']} processes  "
        f"{m['samples']} samples  {m['seconds']:.1f} s  slowest file {m['slowest'][1]:.1f} s ({m['slowest'][0]})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", help="build the corpus in this folder and keep it")
    args = ap.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_hostile_"))
    try:
        if root.exists():
            shutil.rmtree(root)
        expected = build(root / "sources")
        good = root / "good"
        good.mkdir()
        for name in GOOD:
            shutil.copy(root / "sources" / name, good / name)
        size = sum(
            p.stat().st_size for p in (root / "sources").rglob("*") if p.is_file() and not p.is_symlink()
        )
        print(
            f"hostile corpus: {len(expected)} files, {size / (1 << 20):.0f} MiB; baseline: {len(GOOD)} good reports"
        )
        base = measured_run(good, root / "run_good", args.workers)
        report("baseline", base)
        hostile = measured_run(root / "sources", root / "run_hostile", args.workers)
        report("hostile", hostile)
        print(hostile["stdout"].strip())
        print(f"ratio hostile / baseline (peak tree RSS): {hostile['rss'] / base['rss']:.2f}")
        print(  # PSS counts pages shared after a fork once; summed RSS counts them per process
            f"peak tree PSS under 1 GiB: {hostile['pss'] < LIMIT_BYTES} ({hostile['pss'] / LIMIT_BYTES:.0%} of 1 GiB); "
            f"summed RSS under {RSS_LIMIT / 1e9:.1f} GB: {hostile['rss'] < RSS_LIMIT} ({hostile['rss'] / 1e9:.2f} GB)"
        )
        print(f"slowest file under the per-document limit of {DOCUMENT_SECONDS} s: "
              f"{hostile['slowest'][1] < DOCUMENT_SECONDS}; tracebacks: {hostile['tracebacks']}")  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
