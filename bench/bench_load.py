"""Load time of 1 million mentions through publish(), as a ratio to a bare DuckDB insert.

Both sides load the same Arrow table into a new DuckDB file and CHECKPOINT it, in the same run:
  baseline  CREATE TABLE AS SELECT * FROM <arrow table>   (no schema, no keys, nothing else)
  publish   warehouse.publish.publish(): schema and comments, reference dimensions, documents,
            mentions (primary key checked), overrides, reconciliation into yearly figures,
            publish log, CHECKPOINT, atomic swap under the file lock.
Each is run three times, alternating; the best time of each is kept. Target: ratio <= 1.5.
Printed: the ratio of the whole publish, and of its load phase alone (schema, every table
loaded, mention keys checked unique; PublishResult.timings) - reconciliation is a transform.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, conform, publish

N_MENTIONS = 1_000_000
PER_DOC = 200
COMMITTEES = ["640104", "640105", "640106", "640121", "640122", "640181", "640202", "640205", "640221"]
METRICS = ["proposals.received", "proposals.accepted", "consultation.meetings", "public_opinion.collected"]


def mentions_frame(n: int = N_MENTIONS) -> tuple[pl.DataFrame, pl.DataFrame]:
    docs = n // PER_DOC
    doc_ids = pl.DataFrame({"doc_id": [f"doc{i:06d}" for i in range(docs)]}).with_columns(
        sha256=pl.col("doc_id").map_elements(lambda s: hashlib.sha256(s.encode()).hexdigest(), pl.String),
        d=pl.int_range(pl.len()),
    )
    m = doc_ids.join(pl.DataFrame({"k": list(range(PER_DOC))}), how="cross")
    m = m.with_columns(
        char_start=pl.col("k") * 37 + 5,
        char_end=pl.col("k") * 37 + 9,
        surface=pl.format("{}件", pl.col("k") % 300 + 1),
        value=(pl.col("k") % 300 + 1).cast(pl.Float64),
        unit=pl.lit("件"),
        qualifier=pl.when(pl.col("k") % 17 == 0).then(pl.lit("at_least")).otherwise(pl.lit("exact")),
        category_code=pl.lit("proposals"),
        metric_code=pl.lit(METRICS).list.get(pl.col("k") % len(METRICS)),
        committee_name=pl.lit("平罗县政协"),
        committee_code=pl.lit(COMMITTEES).list.get(pl.col("d") % len(COMMITTEES)),
        level=pl.lit("county"),
        period_start=2000 + pl.col("d") % 25,
        period_end=2000 + pl.col("d") % 25,
        page=pl.lit(1),
        bbox=pl.lit([10.0, 20.0, 300.0, 80.0]),
        sentence=pl.format("全年共收到委员提案{}件，立案率百分之九十六。", pl.col("k") % 300 + 1),
    )
    documents = doc_ids.with_columns(
        source_path=pl.format("bench/{}.pdf", "doc_id"),
        media_type=pl.lit("application/pdf"),
        pages=pl.lit(4),
        chars=pl.lit(20000),
        mentions=pl.lit(PER_DOC),
        extractor_version=pl.lit("bench"),
        status=pl.lit("loaded"),
    )
    return conform(documents, DOCUMENT_COLUMNS), conform(m, MENTION_COLUMNS)


def bare_insert(path: Path, table) -> float:
    t0 = time.perf_counter()
    con = duckdb.connect(str(path))
    con.register("incoming", table)
    con.execute("CREATE TABLE fact_mention AS SELECT * FROM incoming").fetchall()
    con.execute("CHECKPOINT").fetchall()
    con.close()
    return time.perf_counter() - t0


def main() -> int:
    documents, mentions = mentions_frame()
    arrow = mentions.to_arrow(compat_level=pl.CompatLevel.newest())
    base, pub, load = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(3):
            bare = Path(tmp) / f"bare{run}.duckdb"
            base.append(bare_insert(bare, arrow))
            bare.unlink()
            t0 = time.perf_counter()
            res = publish(
                Path(tmp) / "committee_stats.duckdb", documents, mentions,
                extractor_version="bench", overrides=pl.DataFrame(),
            )  # fmt: skip
            pub.append(time.perf_counter() - t0)
            load.append(res.timings["schema"] + res.timings["load"])
    ratio = min(pub) / min(base)
    print(f"mentions: {mentions.height:,}  documents: {documents.height:,}  yearly figures: {res.facts:,}")
    print(
        f"bare DuckDB insert of the Arrow table: {min(base):.2f} s (runs: {', '.join(f'{t:.2f}' for t in base)})"
    )
    print(
        f"publish():                             {min(pub):.2f} s (runs: {', '.join(f'{t:.2f}' for t in pub)})"
    )
    print(f"  of which load phase:                 {min(load):.2f} s (last run: {res.timings})")
    print(f"ratio load phase / bare insert:  {min(load) / min(base):.2f}x (target <= 1.5x)")
    print(f"ratio whole publish / bare insert: {ratio:.2f}x (includes reconciliation and the atomic swap)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
