"""No float noise anywhere: every value of the sample corpus, its truth, the extraction's JSON lines
and the warehouse compares as an exact decimal (warehouse/exact.py)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import duckdb

from pipelines.extract import extract_mentions
from sources import read_document
from warehouse.exact import exact_value, loads

from .conftest import SAMPLES


def _rows(name: str) -> list[dict]:
    with open(SAMPLES / name, encoding="utf-8") as fh:
        return [loads(line) for line in fh if line.strip()]


def _exact(v) -> bool:
    return type(v) is int or (type(v) is Decimal and v == exact_value(v))


def test_truth_values_are_exact_numbers():
    truth, facts = _rows("truth.jsonl"), _rows("truth_facts.jsonl")
    assert all(_exact(t["value"]) for t in truth)
    assert all(_exact(f["value"]) and all(_exact(a) for a in f["alternatives"]) for f in facts)
    # the corpus has money written with decimals (22.57万元, and 22.57 under a 万元 table header)
    assert sum("." in t["surface"] and t["unit"] == "元" for t in truth) >= 10


def test_every_extracted_value_is_exact_and_equals_the_truth():
    truth = _rows("truth.jsonl")
    want = {(t["doc"], t["char_start"]): t["value"] for t in truth if t["char_start"] is not None}
    docs = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf"))
    compared = 0
    for path in docs:
        for m in extract_mentions(read_document(path)):
            assert _exact(m.value), (path.name, m.surface, m.value)
            line = loads(m.to_json())  # the JSON line carries the same exact number
            assert line["value"] == m.value and type(line["value"]) is type(m.value)
            if (m.doc, m.char_start) in want:
                assert m.value == want[(m.doc, m.char_start)], (m.doc, m.surface)
                compared += 1
    assert compared >= 0.95 * len(want)


def test_warehouse_values_are_decimals_equal_to_the_truth(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    types = dict(
        con.sql(
            "SELECT table_name || '.' || column_name, data_type FROM duckdb_columns() "
            "WHERE column_name IN ('value', 'override_value', 'alternatives')"
        ).fetchall()
    )
    assert types["fact_mention.value"] == "DECIMAL(38,6)"
    assert types["fact_committee_metric_period.value"] == "DECIMAL(38,6)"
    assert types["fact_committee_metric_period.alternatives"] == "DECIMAL(38,6)[]"
    got = Counter(
        (d, s, exact_value(v))
        for d, s, v in con.sql("SELECT doc_id, char_start, value FROM fact_mention").fetchall()
    )
    truth = Counter(
        (t["doc"], t["char_start"], t["value"]) for t in _rows("truth.jsonl") if t["char_start"] is not None
    )
    assert sum((got & truth).values()) >= 0.95 * sum(truth.values())
    facts = {
        (c, m, s, e): exact_value(v)
        for c, m, s, e, v in con.sql(
            "SELECT committee_code, metric_code, period_start, period_end, value FROM fact_committee_metric_period"
        ).fetchall()
    }
    money = [f for f in _rows("truth_facts.jsonl") if f["unit"] == "元"]
    assert money and all(
        facts.get((f["committee_code"], f["metric"], f["period_start"], f["period_end"])) == f["value"]
        for f in money
    )
