"""Analyst and data-quality views, checked figure by figure on a hand-made warehouse."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from tests.warehouse.wh_frames import analyst_rows, frames, sha
from warehouse.publish import publish
from warehouse.register import load_register

R = "proposals.received"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("views") / "w.duckdb"
    docs, ments = frames(analyst_rows(), extra_docs=("empty24",))
    publish(path, docs, ments, extractor_version="test", overrides=path.parent / "none.jsonl")
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


def rows(con, sql, params=None):
    return con.sql(sql, params=params).fetchall()


def test_counties_of_a_city_for_chosen_years(con):
    got = rows(
        con,
        "SELECT year, division_name_zh, value, approximate FROM v_county_metric_year "
        "WHERE metric_code = ? AND city_code = ? AND list_contains(?, year) ORDER BY year, committee_code",
        [R, "640200", [2023]],
    )
    assert got == [
        (2023, "大武口区", 100.0, False),
        (2023, "惠农区", 50.0, True),
        (2023, "平罗县", 80.0, False),
    ]
    names = rows(
        con,
        "SELECT DISTINCT city_name_zh, region_name_zh FROM v_county_metric_year WHERE city_code = '640200'",
    )
    assert names == [("石嘴山市", "宁夏回族自治区")]


def test_rollup_keeps_counties_sum_beside_the_city_figure(con):
    got = rows(
        con,
        "SELECT rollup_level, grouping_id, rollup_code, counties_sum, counties_reporting, counties_in_area, "
        "own_value FROM v_rollup WHERE metric_code = ? AND year = 2024 AND rollup_level <> 'county' "
        "ORDER BY grouping_id, rollup_code",
        [R],
    )
    reg = load_register()
    in_city = {code: sum(1 for c in reg.committees if c.level == "county" and c.parent_code == code and c.valid_in(2024))
               for code in ("640100", "640200")}  # fmt: skip
    in_region = sum(
        1 for c in reg.committees if c.level == "county" and c.valid_in(2024) and c.code.startswith("64")
    )
    assert got == [
        ("city", 1, "640100", 30.0, 1, in_city["640100"], None),
        ("city", 1, "640200", 270.0, 3, in_city["640200"], 400.0),  # 120 + 60 + 90 beside the city's own 400
        ("region", 3, "640000", 300.0, 4, in_region, None),
    ]
    county = rows(con, "SELECT counties_sum, own_value FROM v_rollup WHERE rollup_code = '640221' AND metric_code = ? AND year = 2024", [R])  # fmt: skip
    assert county == [(90.0, 90.0)]


def test_rates_are_averaged_never_summed(con):
    got = rows(con, "SELECT counties_sum, counties_mean FROM v_rollup WHERE metric_code = 'proposals.resolution_rate' "
                    "AND rollup_level = 'city'")  # fmt: skip
    assert got == [(None, 95.0)]


def test_ranks_within_city_and_region(con):
    got = rows(
        con,
        "SELECT committee_code, rank_in_city, ranked_in_city, rank_in_region, ranked_in_region FROM v_county_rank "
        "WHERE metric_code = ? AND year = 2024 ORDER BY rank_in_region",
        [R],
    )
    assert got == [
        ("640202", 1, 3, 1, 4),
        ("640221", 2, 3, 2, 4),
        ("640205", 3, 3, 3, 4),
        ("640104", 1, 1, 4, 4),
    ]


def test_year_over_year(con):
    got = rows(con, "SELECT year, prev_value, change, ratio FROM v_yoy WHERE committee_code = '640202' AND metric_code = ? ORDER BY year", [R])  # fmt: skip
    assert got == [(2023, None, None, None), (2024, 100.0, 20.0, 1.2)]


def test_per_member_uses_latest_known_member_count(con):
    got = rows(con, "SELECT year, members, members_year, value_per_member FROM v_per_member "
                    "WHERE committee_code = '640202' AND metric_code = ? ORDER BY year", [R])  # fmt: skip
    assert got == [(2023, 200, 2023, Decimal("0.5")), (2024, 200, 2023, Decimal("0.6"))]  # exact decimals
    assert rows(con, "SELECT count(*) FROM v_per_member WHERE committee_code <> '640202'") == [(0,)]


def test_coverage_marks_gaps(con):
    reg = load_register()
    # Scoped to the corpus: the committees of the regions the mentions name (all in 宁夏 here); the
    # national committee, which has no region, only if it is mentioned itself (it is not).
    valid = {
        y: sum(1 for c in reg.committees if c.valid_in(y) and c.code.startswith("64")) for y in (2023, 2024)
    }
    assert rows(con, "SELECT year, count(*) FROM v_coverage GROUP BY year ORDER BY year") == sorted(
        valid.items()
    )
    got = dict(rows(con, "SELECT committee_code || ':' || year, has_data FROM v_coverage WHERE committee_code IN ('640202', '640200', '640100')"))  # fmt: skip
    assert got == {"640202:2023": True, "640202:2024": True, "640200:2023": False, "640200:2024": True,
                   "640100:2023": False, "640100:2024": False}  # fmt: skip


def test_quality_views(con):
    assert rows(con, "SELECT doc_id FROM v_quality_documents_without_mentions") == [("empty24",)]
    unmatched = rows(
        con, "SELECT doc_id, value, share_in_document, share_overall FROM v_quality_unmatched_mentions"
    )
    assert unmatched == [("dwk23", 7.0, 1 / 3, 1 / 16)]
    conflicts = rows(
        con, "SELECT committee_code, metric_code, value, alternatives, doc_ids FROM v_quality_conflicts"
    )
    assert conflicts == [("640221", R, 90.0, [95.0], ["news24a", "news24b", "pl24"])]
    jumps = rows(
        con, "SELECT committee_code, metric_code, year, jump_factor, direction FROM v_quality_yoy_jumps"
    )
    assert jumps == [("640221", "public_opinion.collected", 2024, 16.0, "up")]
    assert rows(con, "SELECT count(*) FROM v_override_orphans") == [(0,)]


def test_committee_metric_year_keeps_the_dashboard_columns(con):
    cols = [r[0] for r in rows(con, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'v_committee_metric_year' ORDER BY column_index")]  # fmt: skip
    assert cols[:16] == [
        "committee_code", "committee_name_zh", "level", "parent_code", "city_code", "region_code",
        "metric_code", "metric_name_zh", "metric_name_en", "category", "year", "value", "unit",
        "qualifier", "conflict", "mention_count",
    ]  # fmt: skip
    assert sha("x") != sha("y")


def test_every_table_view_and_column_is_commented(con):
    tables = rows(con, "SELECT table_name FROM duckdb_tables() WHERE coalesce(comment, '') = ''")
    views = rows(
        con, "SELECT view_name FROM duckdb_views() WHERE NOT internal AND coalesce(comment, '') = ''"
    )
    columns = rows(
        con,
        "SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE NOT internal "
        "AND coalesce(comment, '') = ''",
    )
    assert (tables, views, columns) == ([], [], [])
    assert rows(con, "SELECT count(*) FROM duckdb_views() WHERE NOT internal")[0][0] >= 12
    zh = rows(
        con,
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'dim_committee' AND column_name = 'name_zh'",
    )
    assert zh == [("Division name, e.g. 平罗县.",)]


def test_type_2_history_joins_the_version_of_the_year(tmp_path):
    from tests.warehouse.wh_frames import committee, mention
    from warehouse.register import Register

    c = committee

    register = Register([
        c("000000", "全国", "national", None, 1949),
        c("640000", "宁夏回族自治区", "region", "000000", 1958),
        c("640200", "石嘴山市", "city", "640000", 1960),
        c("640300", "吴忠市", "city", "640000", 1998),
        c("640221", "旧平罗县", "county", "640200", 1958, 2022),  # renamed and moved in 2023
        c("640221", "平罗县", "county", "640300", 2023),
    ])  # fmt: skip
    docs, ments = frames([mention("a", 1, "640221", R, 2022, 10), mention("b", 1, "640221", R, 2023, 12)])
    path = tmp_path / "w.duckdb"
    publish(path, docs, ments, extractor_version="test", overrides=tmp_path / "none.jsonl", register=register)
    con = duckdb.connect(str(path), read_only=True)
    got = rows(con, "SELECT year, committee_name_zh, city_code FROM v_committee_metric_year ORDER BY year")
    versions = rows(con, "SELECT valid_from, valid_to, name_zh, city_code FROM dim_committee WHERE committee_code = '640221' ORDER BY valid_from")  # fmt: skip
    con.close()
    assert got == [(2022, "旧平罗县政协", "640200"), (2023, "平罗县政协", "640300")]
    assert versions == [(1958, 2022, "旧平罗县", "640200"), (2023, None, "平罗县", "640300")]


def test_views_computed_at_publish_equal_their_definitions(con, tmp_path):
    """Each materialized view holds exactly what its SQL computes, keeps its comments, and reads its table."""
    from warehouse.publish import MATERIALIZED, SCHEMA_DIR

    (path,) = [p for _, name, p in con.sql("PRAGMA database_list").fetchall() if name != "temp"]
    fresh = duckdb.connect()
    try:
        fresh.execute("\n".join(f.read_text(encoding="utf-8") for f in sorted(SCHEMA_DIR.glob("*.sql"))))
        fresh.execute(f"ATTACH '{path}' AS pub (READ_ONLY)")
        tables = [
            t
            for (t,) in fresh.sql(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory'"
            ).fetchall()
        ]
        for t in tables:  # the published base tables, under the computing views of schema/*.sql
            fresh.execute(f"INSERT INTO memory.{t} SELECT * FROM pub.{t}")
        nonempty = 0
        for view in MATERIALIZED:
            computed = fresh.sql(f"SELECT * FROM memory.{view} ORDER BY ALL").fetchall()
            stored = fresh.sql(f"SELECT * FROM pub.{view} ORDER BY ALL").fetchall()
            assert stored == computed, view
            nonempty += bool(stored)
            definition = fresh.sql(
                "SELECT sql FROM duckdb_views() WHERE database_name = 'pub' AND view_name = ?", params=[view]
            ).fetchall()
            assert f"mat_{view.removeprefix('v_')}" in definition[0][0]
        assert nonempty >= 3  # the hand-made warehouse has gaps, conflicts, jumps and an empty document
    finally:
        fresh.close()
    comments = dict(
        rows(
            con, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'v_quality_conflicts'"
        )
    )
    assert comments["doc_ids"] == "Documents behind the figure."
    assert rows(con, "SELECT comment FROM duckdb_views() WHERE view_name = 'v_coverage'")[0][0].startswith(
        "Grain"
    )


def test_figures_are_stored_by_metric(con):
    stored = [m for (m,) in rows(con, "SELECT metric_code FROM fact_committee_metric_period")]
    assert stored == sorted(stored) and len(set(stored)) > 1
