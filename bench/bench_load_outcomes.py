"""A document's outcome must not depend on how busy the machine is (issue 27, point 5).

The hostile folder (tests/hostile/corpus.py), five good sample reports and a legitimate 300-page
text PDF (a sample report on every page) are run with `cstats run --workers 2` --runs times (cold
store, new warehouse each time); the runs named by --busy run beside one busy loop per core. Each
file's outcome (status and reason, from the warehouse's file_outcome table) is compared across the
runs. Printed: the seconds of each run, the files whose outcome differed (none expected), and the
300-page PDF's outcome in every run (loaded expected).

    python bench/bench_load_outcomes.py [--runs 5] [--busy 3 4] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path) -> None:
    from tests.hostile import corpus

    if (folder / ".complete").exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    corpus.build(folder)
    good = sorted((ROOT / "sources" / "samples").rglob("*.txt"))[:5]
    for path in good:
        shutil.copy(path, folder / f"good_{path.name}")
    from sources import read_document

    text = read_document(good[0]).text  # whatever its encoding
    (folder / "pages_300.pdf").write_bytes(corpus.text_pdf(text[:1200], pages=300))
    (folder / ".complete").write_text("ok")


def outcomes(warehouse: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {
            p: (s, r)
            for p, s, r in con.sql("SELECT source_path, status, reason FROM file_outcome").fetchall()
        }
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--busy", type=int, nargs="*", default=[3, 4], help="runs (1-based) beside busy loops")
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "bench_load_outcomes"))
    args = ap.parse_args()
    cache = Path(args.cache)
    folder = cache / "corpus"
    build(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    results, seconds = [], []
    for run in range(1, args.runs + 1):
        work = Path(tempfile.mkdtemp(prefix="run-", dir=cache))
        loops = []
        if run in args.busy:
            loops = [
                subprocess.Popen([sys.executable, "-c", "while True: pass"])
                for _ in range(len(os.sched_getaffinity(0)))
            ]
        try:
            t0 = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "pipelines.cli", "run", "--sources", str(folder),
                 "--warehouse", str(work / "w.duckdb"), "--store", str(work / "store"), "--workers", "2"],
                capture_output=True, text=True, env=env,
            )  # fmt: skip
            seconds.append(time.monotonic() - t0)
        finally:
            for p in loops:
                p.kill()
                p.wait()
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        results.append(outcomes(work / "w.duckdb"))
        print(f"run {run}{' (busy loop on every core)' if loops else ''}: {seconds[-1]:.1f} s, "
              f"pages_300.pdf {results[-1].get('pages_300.pdf')}", flush=True)  # fmt: skip
        shutil.rmtree(work, ignore_errors=True)
    files = sorted(set().union(*results))
    differing = [f for f in files if len({r.get(f) for r in results}) > 1]
    print(
        f"\n{len(files)} files, {args.runs} runs ({', '.join(f'{s:.0f} s' for s in seconds)}; busy: {args.busy})"
    )
    print(f"files whose outcome differed between runs: {len(differing)}")
    for f in differing:
        print(f"  {f}: {[r.get(f) for r in results]}")
    loaded = [r.get("pages_300.pdf") == ("loaded", None) for r in results]
    print(f"pages_300.pdf loaded in {sum(loaded)} of {len(loaded)} runs")
    return 0 if not differing and all(loaded) else 1


if __name__ == "__main__":
    sys.exit(main())
