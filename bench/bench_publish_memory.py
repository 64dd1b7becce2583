"""Peak memory of the publisher, streamed (spool) against all-in-memory, at 10k and 100k documents.

Builds a synthetic sources folder and document store (no extraction: each document's stored
output is written directly, ``--mentions-per-document`` mentions each, realistic sentence
lengths, committees and metrics from the register and catalog), then runs in fresh processes:

  baseline   collect.gather (every mention in one polars frame) + warehouse.publish
  streamed   pipelines.run.staging.publish_streaming (gather to a Parquet spool, checks per row
             group, DuckDB reads the spool)

and prints each one's wall time and peak resident memory (ru_maxrss of the child), with the
ratio streamed / baseline. 100,000 documents x 30 mentions = 3 million mentions: the streamed
publisher must stay under 2 GB resident.

    python bench/bench_publish_memory.py [--documents 10000 100000] [--mentions-per-document 30]
        [--cache DIR]  (default .cache/bench_publish_memory; corpora are kept and reused)
        [--skip-baseline-over N]  (the in-memory baseline only up to N documents)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCE = "全年{name}共收到委员提案{v}件，经审查立案{w}件，办结率百分之九十八，开展专题调研和视察活动，形成调研报告并报送党委政府参阅。"


def build(folder: Path, n: int, per_doc: int) -> None:
    """``n`` source files and their stored outputs under ``folder`` (kept: reused when complete)."""
    done = folder / "complete.json"
    if done.exists() and json.loads(done.read_text())["n"] == n:
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = [(i, min(n, i + 5000)) for i in range(0, n, 5000)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        for stop in pool.map(build_range, [folder] * len(chunks), chunks, [per_doc] * len(chunks)):
            print(f"  built {stop} documents", file=sys.stderr, flush=True)
    done.write_text(json.dumps({"n": n}))


def build_range(folder: Path, span: tuple[int, int], per_doc: int) -> int:
    """Documents ``span[0]`` to ``span[1] - 1`` (deterministic: each one's own random stream)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipelines.run.store import DocumentStore
    from sources.scan import file_sha256
    from warehouse.catalog import load_catalog
    from warehouse.publish import MENTION_COLUMNS, conform
    from warehouse.register import load_register

    schema = conform(pl.DataFrame(), MENTION_COLUMNS).to_arrow().schema
    src, store = folder / "sources", DocumentStore(folder / "store", key="bench")
    src.mkdir(parents=True, exist_ok=True)
    committees = [c for c in load_register().committees if c.valid_to is None and c.valid_from <= 2015]
    metrics = [m for m in load_catalog().metrics if list(m.units) != ["%"]]
    for i in range(*span):
        rng = random.Random(i)
        c = committees[i % len(committees)]
        year = 2015 + (i // len(committees)) % 10
        path = src / f"{c.code}_{year}_{i:06d}.txt"
        path.write_text(f"{c.name} {year} {i}\n", encoding="utf-8")
        sha = file_sha256(path)
        picked = [metrics[k % len(metrics)] for k in range(per_doc)]
        # Within each metric's catalog bounds, so the blocking checks pass as on real data.
        values = [rng.randint(max(1, int(m.bounds[0])), int(min(50, m.bounds[1]))) for m in picked]
        columns = {
            "sha256": [sha] * per_doc, "doc_id": [path.stem] * per_doc,
            "char_start": [k * 200 for k in range(per_doc)], "char_end": [k * 200 + 4 for k in range(per_doc)],
            "surface": [f"{v}件" for v in values], "value": [Decimal(v) for v in values],
            "unit": [(list(m.units) or ["件"])[0] for m in picked], "qualifier": ["exact"] * per_doc,
            "category_code": [m.category for m in picked], "metric_code": [m.code for m in picked],
            "committee_name": [c.name] * per_doc, "committee_code": [c.code] * per_doc,
            "level": [c.level] * per_doc, "period_start": [year] * per_doc, "period_end": [year] * per_doc,
            "page": [1] * per_doc, "bbox": [[10.0, 20.0, 300.0, 40.0]] * per_doc,
            "sentence": [SENTENCE.format(name=c.name, v=v, w=max(1, v - 3)) for v in values],
        }  # fmt: skip
        doc = {"doc_id": path.stem, "sha256": sha, "source_path": path.name, "media_type": "text/plain",
               "encoding": "utf-8", "title": f"{c.name}{year}年工作报告", "pages": 1, "chars": 200 * per_doc,
               "mentions": per_doc, "extractor_version": "bench", "status": "loaded", "publisher": None,
               "publication_date": None}  # fmt: skip
        # Written straight in the store's layout (pyarrow, no per-document polars frame: ~10x faster
        # to build); read back through DocumentStore like any stored output.
        columns |= {f.name: [None] * per_doc for f in schema if f.name not in columns}  # e.g. ocr_confidence
        buffer = io.BytesIO()
        pq.write_table(pa.table(columns, schema=schema), buffer)
        store._write(store.mentions_path(sha), buffer.getvalue())
        record = {"sha256": sha, "source_path": path.name, "status": "loaded", "extraction_key": store.key,
                  "document": doc, "quarantine": None}  # fmt: skip
        store._write(store.record_path(sha), json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return span[1]


def child(mode: str, folder: Path) -> None:
    """Run one publish in this (fresh) process and print its figures as JSON."""
    from pipelines.run.collect import gather
    from pipelines.run.staging import publish_streaming
    from pipelines.run.store import DocumentStore
    from warehouse.publish import publish

    store = DocumentStore(folder / "store", key="bench")
    wh = folder / f"{mode}.duckdb"
    start = time.perf_counter()
    if mode == "baseline":
        staged = gather(folder / "sources", store, 60)
        result = publish(wh, staged.documents, staged.mentions, staged.quarantine, extractor_version="bench")
    else:
        result, staged = publish_streaming(folder / "sources", store, 60, wh)  # with the blocking checks
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        json.dumps(
            {"mentions": result.mentions, "documents": result.documents, "seconds": seconds, "peak": peak}
        )
    )


def measure(mode: str, folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder)], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument(
        "--mentions-per-document",
        type=int,
        nargs="+",
        default=[30],
        help="one value, or one per --documents value (e.g. 30 300: 3 million mentions from 10k documents)",
    )
    ap.add_argument(
        "--cache", default=os.environ.get("CSTATS_BENCH_CACHE", str(ROOT / ".cache" / "bench_publish_memory"))
    )
    ap.add_argument("--skip-baseline-over", type=int, default=100_000)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    per_doc = args.mentions_per_document * (
        len(args.documents) if len(args.mentions_per_document) == 1 else 1
    )
    for n, m in zip(args.documents, per_doc, strict=True):
        folder = Path(args.cache) / f"n{n}_m{m}"
        t = time.perf_counter()
        build(folder, n, m)
        print(f"documents={n} corpus ready in {time.perf_counter() - t:.0f} s ({folder})", flush=True)
        streamed = measure("streamed", folder)
        line = (f"documents={n} mentions={streamed['mentions']} streamed: {streamed['seconds']:.1f} s, "
                f"peak {streamed['peak'] / 2**20:.0f} MiB")  # fmt: skip
        if n <= args.skip_baseline_over:
            base = measure("baseline", folder)
            line += (f"; in-memory baseline: {base['seconds']:.1f} s, peak {base['peak'] / 2**20:.0f} MiB; "
                     f"ratio peak {streamed['peak'] / base['peak']:.2f}, time {streamed['seconds'] / base['seconds']:.2f}")  # fmt: skip
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
