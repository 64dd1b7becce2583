"""The generated national-scale warehouse the benchmarks use, built small."""

from __future__ import annotations

import duckdb

from bench.national import build_national_warehouse, national_register


def test_small_national_warehouse(tmp_path):
    path = tmp_path / "national.duckdb"
    res = build_national_warehouse(path, years=2, metrics=3)
    committees = [c for c in national_register().committees if c.valid_to is None]
    assert sum(c.level == "county" for c in committees) >= 2000
    assert res.facts == len(committees) * 2 * 3
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.sql("SELECT count(*) FROM dim_metric").fetchall() == [(3,)]
        conflicts = con.sql("SELECT count(*) FROM v_quality_conflicts").fetchall()[0][0]
        assert 0 < conflicts < res.facts / 10
        levels = con.sql(
            "SELECT rollup_level, count(DISTINCT rollup_code) FROM v_rollup GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        regions = sum(c.level == "region" for c in committees)
        assert ("region", regions) in levels
    finally:
        con.close()
