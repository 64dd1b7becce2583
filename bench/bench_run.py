"""`cstats run`, cold, as whole processes in the same run.

Default: 1,000 generated small text documents on one worker (`--workers 1`), every document read
and extracted (a fresh store and warehouse each time):
  baseline  CSTATS_DOCUMENTS_PER_RUN=1    one Dagster run per document (the earlier bookkeeping)
  batched   CSTATS_DOCUMENTS_PER_RUN=50   one Dagster run per 50 documents (the default)
Printed: wall time and milliseconds per document for both, the CPU time of the run's process
tree (`cstats run` and its reading child: far steadier than the wall time on a shared machine),
and the ratios batched / baseline. Target (issue 22): batched <= 25 ms per document.

Measured 2026-12-06, load average 9-11 on 2 shared cores, main at 13ced9f and branch i22-speed
back to back (docs/orchestration.md): main 188.7 / 52.0 ms per document wall (CPU 63.1 / 22.5),
the branch 166.6 / 19.8 ms wall (CPU 62.3 / 12.9) for 1 / 50 documents per run: target met;
batched CPU per document 0.57 of main's.

    python bench/bench_run.py [DOCUMENTS] [ROUNDS]
    python bench/bench_run.py --samples [ROUNDS]   # the bundled samples, --workers 1 against 2
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sources" / "samples"
CSTATS = [sys.executable, "-m", "pipelines.cli"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_run(sources: Path, workers: int, per_run: int | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the run's whole process tree: `cstats run` and its reading
    child; on a shared, loaded machine the CPU time moves far less than the wall time)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if per_run is not None:
        env["CSTATS_DOCUMENTS_PER_RUN"] = str(per_run)
    with tempfile.TemporaryDirectory(prefix="bench_run_") as tmp:
        cmd = [*CSTATS, "run", "--sources", str(sources), "--warehouse", f"{tmp}/w.duckdb",
               "--store", f"{tmp}/store", "--workers", str(workers)]  # fmt: skip
        start, cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"cstats run --workers {workers} failed:\n{done.stderr[-3000:]}")
    return seconds, cpu


def generate(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"county_{i:04d}_2024.txt").write_text(
            f"第{i}县政协2024年工作报告（示例数据）\n\n2024年，县政协共收到委员提案{i % 90 + 10}件，"
            f"经审查立案{i % 80 + 5}件。\n\n全年开展专题调研{i % 9 + 1}次，召开常委会议{i % 5 + 2}次。\n",
            encoding="utf-8",
        )


def documents_mode(n: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_run_docs_") as tmp:
        folder = Path(tmp) / "docs"
        generate(folder, n)
        print(f"cstats run --workers 1, cold, over {n} generated text documents, {rounds} round(s)")
        best = {1: float("inf"), 50: float("inf")}
        best_cpu = dict(best)
        for r in range(rounds):
            for per_run in (1, 50) if r % 2 == 0 else (50, 1):
                seconds, cpu = cold_run(folder, 1, per_run)
                print(
                    f"  {per_run:>2} document(s) per run: {seconds:6.1f} s  {1000 * seconds / n:5.1f} ms/document"
                    f"  (CPU {1000 * cpu / n:5.1f} ms/document, load {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
                best[per_run] = min(best[per_run], seconds)
                best_cpu[per_run] = min(best_cpu[per_run], cpu)
    base, batched = (1000 * best[k] / n for k in (1, 50))
    base_cpu, batched_cpu = (1000 * best_cpu[k] / n for k in (1, 50))
    print(f"baseline (1 per run) {base:.1f} ms/document, batched (50 per run) {batched:.1f} ms/document, "
          f"ratio {batched / base:.2f}; CPU {base_cpu:.1f} and {batched_cpu:.1f} ms/document, ratio "
          f"{batched_cpu / base_cpu:.2f}; target <= 25 ms/document: {'met' if batched <= 25 else 'NOT met'}")  # fmt: skip


def samples_mode(rounds: int) -> None:
    documents = sum(1 for p in SAMPLES.iterdir() if p.suffix in (".txt", ".pdf"))
    print(f"cstats run, cold, over {documents} sample files, {rounds} round(s)")
    best = {1: float("inf"), 2: float("inf")}
    for r in range(rounds):
        for workers in (1, 2) if r % 2 == 0 else (2, 1):
            seconds, _ = cold_run(SAMPLES, workers)
            print(f"  --workers {workers}: {seconds:6.1f} s")
            best[workers] = min(best[workers], seconds)
    print(f"workers=1 {best[1]:.1f} s, workers=2 {best[2]:.1f} s, ratio {best[2] / best[1]:.2f}")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--samples"]:
        samples_mode(int(args[1]) if len(args) > 1 else 1)
    else:
        documents_mode(int(args[0]) if args else 1000, int(args[1]) if len(args) > 1 else 1)


if __name__ == "__main__":
    main()
