"""All assets materialized in-process over the samples, into a real DuckDB file."""

import json
from collections import Counter

import duckdb

from tests.conftest import SAMPLES


def _truth_facts() -> list[dict]:
    with open(SAMPLES / "truth_facts.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_every_labelled_mention_is_extracted(sample_warehouse, sample_truth):
    """Precision and recall >= 0.95 (doc, value, unit, qualifier), category right on >= 90% of matches."""
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    rows = con.execute("SELECT doc_id, value, unit, qualifier, category_code FROM fact_mention").fetchall()
    got = Counter(r[:4] for r in rows)
    want = Counter((t["doc"], float(t["value"]), t["unit"], t["qualifier"]) for t in sample_truth)
    hit = sum((got & want).values())
    assert hit / sum(got.values()) >= 0.95
    assert hit / sum(want.values()) >= 0.95
    categories = {r[:4]: r[4] for r in rows}
    matched = [
        t for t in sample_truth if (t["doc"], float(t["value"]), t["unit"], t["qualifier"]) in categories
    ]
    right = sum(
        categories[(t["doc"], float(t["value"]), t["unit"], t["qualifier"])] == t["category"] for t in matched
    )
    assert right / len(matched) >= 0.9


def test_reconciled_figures_match_the_truth(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    got = {
        (c, m, y): (v, q)
        for c, m, y, v, q in con.execute(
            "SELECT committee_code, metric_code, year, value, qualifier FROM v_committee_metric_year"
        ).fetchall()
    }
    want = {
        (f["committee_code"], f["metric"], f["period_end"]): (float(f["value"]), f["qualifier"])
        for f in _truth_facts()
        if f["period_start"] == f["period_end"]
    }
    assert sum(got.get(k) == v for k, v in want.items()) / len(want) >= 0.95


def test_documents_and_provenance(sample_warehouse, samples_copy):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    docs = con.execute(
        "SELECT source_path, encoding, mentions FROM dim_document ORDER BY source_path"
    ).fetchall()
    assert [d[0] for d in docs] == sorted(
        p.name for p in samples_copy.iterdir() if p.suffix in (".txt", ".pdf", ".html", ".docx")
    )
    assert {d[1] for d in docs} >= {"utf-8", "gb18030", "big5", "utf-8-sig"}
    assert all(d[2] > 0 for d in docs)
    bad = con.execute(
        "SELECT count(*) FROM fact_mention WHERE position(surface IN sentence) = 0 OR char_end <= char_start"
    ).fetchall()[0][0]
    assert bad == 0
    (published,) = con.execute("SELECT documents FROM publish_log").fetchall()
    assert published[0] == len(docs)
