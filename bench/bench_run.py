"""`cstats run` over the bundled samples, cold, with one worker and with two, in the same run.

Each measurement is a fresh `cstats run` process with an empty document store (`--store` a
temporary folder) and a new warehouse file, so every document is read and extracted:
  baseline  --workers 1   every document's partition one after the other (the sequential path)
  parallel  --workers 2   two worker processes, one document's partition at a time each
Printed: both wall times and the ratio parallel / baseline (below 1 = faster). Pass a number of
rounds as the first argument to alternate the two several times and keep the best of each.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sources" / "samples"
CSTATS = str(Path(sys.executable).with_name("cstats"))


def cold_run(workers: int) -> float:
    with tempfile.TemporaryDirectory(prefix="bench_run_") as tmp:
        cmd = [CSTATS, "run", "--sources", str(SAMPLES), "--warehouse", f"{tmp}/w.duckdb",
               "--store", f"{tmp}/store", "--workers", str(workers)]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"cstats run --workers {workers} failed:\n{done.stderr}")
    print(f"  --workers {workers}: {seconds:6.1f} s  {done.stdout.strip()}")
    return seconds


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    documents = sum(1 for p in SAMPLES.iterdir() if p.suffix in (".txt", ".pdf"))
    print(f"cstats run, cold, over {documents} sample files, {rounds} round(s)")
    best = {1: float("inf"), 2: float("inf")}
    for r in range(rounds):
        for workers in (1, 2) if r % 2 == 0 else (2, 1):
            best[workers] = min(best[workers], cold_run(workers))
    print(f"workers=1 {best[1]:.1f} s, workers=2 {best[2]:.1f} s, ratio {best[2] / best[1]:.2f}")


if __name__ == "__main__":
    main()
