"""Time of each analyst view on a generated national-scale warehouse.

Every county-level division x 10 years x 60 metrics (bench/national.py, built once through the
real publish path and cached in the temp folder). Each query is what an analyst typically asks of
the view; it runs three times on a read-only connection and the best time is kept. The baseline,
measured in the same run, is a full scan of the reconciled fact table (count and sum of ~1.9
million figures); each view is printed with its ratio to it.
"""

from __future__ import annotations

import sys
import time

import duckdb
from national import cached_national_warehouse  # bench/ is on sys.path when run as a script

METRIC = "proposals.received"


def queries(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, list]]:
    county, region, city = con.sql(
        "SELECT committee_code, region_code, city_code FROM dim_committee WHERE level = 'county' AND city_code IS NOT NULL "
        "ORDER BY committee_code LIMIT 1"
    ).fetchall()[0]
    last = con.sql("SELECT max(year) FROM v_committee_metric_year").fetchall()[0][0]
    years = [last - 2, last - 1, last]
    return {
        "v_figure (one committee, every metric, all years, with sources)": (
            "SELECT * FROM v_figure WHERE committee_code = ?", [county]),
        "v_figure (one metric, counties of a region, one year, with sources)": (
            "SELECT * FROM v_figure WHERE metric_code = ? AND region_code = ? AND year = ?", [METRIC, region, last]),
        "v_category_year (counties of a region, one year)": (
            "SELECT * FROM v_category_year WHERE region_code = ? AND year = ?", [region, last]),
        "v_indicator_rate (one indicator, one region; computed at publish)": (
            "SELECT * FROM v_indicator_rate WHERE indicator_code = 'rate.proposal_acceptance' AND region_code = ?",
            [region]),
        "v_committee_metric_year (one metric, every committee, all years)": (
            "SELECT * FROM v_committee_metric_year WHERE metric_code = ?", [METRIC]),
        "v_county_metric_year (counties of a region, 3 years)": (
            "SELECT * FROM v_county_metric_year WHERE metric_code = ? AND region_code = ? AND list_contains(?, year)",
            [METRIC, region, years]),
        "v_county_metric_year (counties of a city, 3 years)": (
            "SELECT * FROM v_county_metric_year WHERE metric_code = ? AND city_code = ? AND list_contains(?, year)",
            [METRIC, city, years]),
        "v_yoy (one metric, counties of a region, complete grid)": (
            "SELECT * FROM v_yoy WHERE metric_code = ? AND region_code = ? AND level = 'county'", [METRIC, region]),
        "v_county_rank (one metric, one year, whole country)": (
            "SELECT * FROM v_county_rank WHERE metric_code = ? AND year = ?", [METRIC, last]),
        "v_rollup (one metric, one year, whole country)": (
            "SELECT * FROM v_rollup WHERE metric_code = ? AND year = ?", [METRIC, last]),
        "v_rollup (one metric, one region, all years)": (
            "SELECT * FROM v_rollup WHERE metric_code = ? AND region_code = ?", [METRIC, region]),
        "v_per_member (one metric, one region)": (
            "SELECT * FROM v_per_member WHERE metric_code = ? AND region_code = ?", [METRIC, region]),
        "v_coverage (gaps, whole corpus; computed at publish)": ("SELECT * FROM v_coverage WHERE NOT has_data", []),
        "v_quality_documents_without_mentions": ("SELECT * FROM v_quality_documents_without_mentions", []),
        "v_quality_unmatched_mentions": ("SELECT * FROM v_quality_unmatched_mentions", []),
        "v_quality_conflicts (all)": ("SELECT * FROM v_quality_conflicts", []),
        "v_quality_yoy_jumps (all)": ("SELECT * FROM v_quality_yoy_jumps", []),
        "v_override_orphans": ("SELECT * FROM v_override_orphans", []),
    }  # fmt: skip


def best_of(con: duckdb.DuckDBPyConnection, sql: str, params: list, runs: int = 3) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = con.sql(sql, params=params or None).pl().height  # as the dashboard reads
        times.append(time.perf_counter() - t0)
    return min(times), rows


def main() -> int:
    t0 = time.perf_counter()
    path = cached_national_warehouse()
    print(f"national warehouse: {path} (ready in {time.perf_counter() - t0:.1f} s)")
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET enable_progress_bar = false").fetchall()
    counts = con.sql(
        "SELECT (SELECT count(*) FROM dim_committee WHERE level = 'county'), "
        "(SELECT count(*) FROM fact_mention), (SELECT count(*) FROM fact_committee_metric_period)"
    ).fetchall()[0]
    print(f"county-level divisions: {counts[0]:,}  mentions: {counts[1]:,}  figures: {counts[2]:,}")
    base, _ = best_of(con, "SELECT count(*), sum(value) FROM fact_committee_metric_period", [])
    print(f"baseline full scan of fact_committee_metric_period: {base * 1000:.0f} ms")
    print(f"{'view (query)':<68} {'ms':>8} {'x scan':>7} {'rows':>9}")
    for name, (sql, params) in queries(con).items():
        t, rows = best_of(con, sql, params)
        print(f"{name:<68} {t * 1000:>8.0f} {t / base:>7.1f} {rows:>9,}")
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
