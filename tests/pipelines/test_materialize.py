"""All assets materialized in-process over the samples, into a real DuckDB file."""

from collections import Counter

import duckdb


def test_every_labelled_mention_is_extracted(sample_warehouse, sample_truth):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    got = Counter(
        con.execute("SELECT doc_id, value, unit, qualifier, metric_code FROM fact_mention").fetchall()
    )
    want = Counter(
        (t["doc"], float(t["value"]), t["unit"], t["qualifier"], t["metric"]) for t in sample_truth
    )
    assert got == want


def test_reconciled_figures_match_the_truth(sample_warehouse, sample_truth):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    got = {
        (c, m, y): v
        for c, m, y, v in con.execute(
            "SELECT committee_code, metric_code, year, value FROM v_committee_metric_year"
        ).fetchall()
    }
    want = {(t["committee_code"], t["metric"], t["period_end"]): float(t["value"]) for t in sample_truth}
    assert got == want


def test_documents_and_provenance(sample_warehouse, samples_copy):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    docs = con.execute(
        "SELECT source_path, encoding, mentions FROM dim_document ORDER BY source_path"
    ).fetchall()
    assert [d[0] for d in docs] == sorted(p.name for p in samples_copy.glob("*.txt"))
    assert {d[1] for d in docs} >= {"utf-8", "gb18030", "big5", "utf-8-sig"}
    assert all(d[2] > 0 for d in docs)
    bad = con.execute(
        "SELECT count(*) FROM fact_mention WHERE position(surface IN sentence) = 0 OR char_end <= char_start"
    ).fetchall()[0][0]
    assert bad == 0
    (published,) = con.execute("SELECT documents FROM publish_log").fetchall()
    assert published[0] == len(docs)
