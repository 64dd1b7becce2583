"""The analysts' semantic layer: one naming scheme and one type per name across every view, names
valid in the year, category totals that never mix units, YoY over a complete grid, ranks that say
when they rest on an approximate figure, coverage scoped to the corpus."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from tests.warehouse.wh_frames import analyst_rows, committee, frames, mention
from warehouse.publish import publish, view_columns
from warehouse.register import Register

R = "proposals.received"
# Names the issue found in use for scheme concepts; the scheme must never hold them.
SYNONYMS = {"county_name_zh", "county_name_en", "units", "category_code", "name_zh", "name_en", "name_pinyin"}
# The analyst views and the scheme columns each of them must carry.
CORE = ["committee_code", "committee_name_zh", "committee_name_en", "year"]
METRIC = [
    "metric_code",
    "metric_name_zh",
    "metric_name_en",
    "category",
    "unit",
    "value",
    "qualifier",
    "approximate",
]
ANALYST_VIEWS = {
    "v_figure": [*CORE, *METRIC, "region_code", "city_code", "source_path", "page", "sentence"],
    "v_committee_metric_year": [*CORE, *METRIC, "region_code", "city_code"],
    "v_county_metric_year": [*CORE, *METRIC, "region_code", "city_code"],
    "v_yoy": [*CORE, *METRIC, "prev_value", "gap"],
    "v_county_rank": [*CORE, *METRIC, "rank_in_region_approximate"],
    "v_per_member": [*CORE, *METRIC],
    "v_category_year": [*CORE, "category", "unit", "value", "approximate"],
    "v_indicator_rate": [*CORE, "unit", "rate", "approximate", "numerator_value", "denominator_value",
                         "numerator_sentence", "denominator_sentence", "numerator_source_path"],
    "v_coverage": [*CORE, "region_code", "in_corpus", "has_data"],
}  # fmt: skip


def rows(con, sql, params=None):
    return con.sql(sql, params=params).fetchall()


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("scheme") / "w.duckdb"
    extra = [
        # one committee-year of 平罗县 with two units in one category: 次 (meetings) and 名 (duty reports)
        mention("pl24", 30, "640221", "meetings.plenary", 2024, 1, unit="次"),
        mention("pl24", 40, "640221", "meetings.standing_committee", 2024, 4, unit="次"),
        mention("pl24", 50, "640221", "meetings.duty_reports", 2024, 12, unit="名"),
    ]
    docs, ments = frames(analyst_rows() + extra)
    publish(path, docs, ments, extractor_version="test", overrides=path.parent / "none.jsonl")
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


def view_column_types(con) -> list[tuple[str, str, str]]:
    return rows(
        con,
        "SELECT c.table_name, c.column_name, c.data_type FROM duckdb_columns() c "
        "JOIN duckdb_views() v ON v.view_name = c.table_name AND v.database_name = c.database_name "
        "WHERE NOT v.internal AND starts_with(c.table_name, 'v_') ORDER BY c.table_name, c.column_index",
    )


def test_every_view_column_is_named_and_typed_by_the_scheme(con):
    scheme = view_columns()
    found = view_column_types(con)
    assert {v for v, _, _ in found} >= set(ANALYST_VIEWS) | {
        "v_rollup",
        "v_figure_source",
        "v_quality_conflicts",
    }
    unknown = [f"{v}.{c}" for v, c, _ in found if c not in scheme]
    mistyped = [
        f"{v}.{c} {t} (scheme: {scheme[c][0]})" for v, c, t in found if c in scheme and t != scheme[c][0]
    ]
    assert (unknown, mistyped) == ([], [])
    assert not SYNONYMS & scheme.keys()
    assert scheme["year"][0] == "INTEGER" and scheme["value"][0] == "DECIMAL(38,6)"
    assert scheme["rate"][0] == scheme["stated_rate"][0] == "DECIMAL(38,6)"


def test_analyst_views_carry_the_scheme_and_state_their_grain(con):
    columns = {}
    for v, c, _ in view_column_types(con):
        columns.setdefault(v, set()).add(c)
    missing = {v: sorted(set(want) - columns.get(v, set())) for v, want in ANALYST_VIEWS.items()}
    assert {v: m for v, m in missing.items() if m} == {}
    comments = dict(
        rows(con, "SELECT view_name, comment FROM duckdb_views() WHERE starts_with(view_name, 'v_')")
    )
    assert [v for v, text in comments.items() if "Grain 粒度: one row per" not in (text or "")] == []
    described = rows(
        con,
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'v_yoy' AND column_name = 'committee_name_en' "
        "AND comment LIKE '%valid that year%'",
    )
    assert described == [(1,)]  # a column without its own comment gets the scheme's meaning


def test_category_totals_never_mix_units(con):
    got = rows(
        con,
        "SELECT unit, value, metrics_summed, metric_codes FROM v_category_year "
        "WHERE committee_code = '640221' AND category = 'meetings' AND year = 2024 ORDER BY unit",
    )
    assert got == [
        ("名", 12, 1, ["meetings.duty_reports"]),
        ("次", 5, 2, ["meetings.plenary", "meetings.standing_committee"]),
    ]
    # Every total equals the sum of its figures, all of them in its own unit; rates never enter.
    mixed = rows(
        con,
        """
        SELECT c.committee_code, c.category, c.unit, c.year
        FROM v_category_year c
        JOIN v_figure f ON f.committee_code = c.committee_code AND f.year = c.year
         AND list_contains(c.metric_codes, f.metric_code)
        GROUP BY c.committee_code, c.category, c.unit, c.year, c.value
        HAVING bool_or(f.unit <> c.unit) OR sum(f.value) <> c.value OR bool_or(f.unit = '%')
        """,
    )
    assert mixed == []
    assert rows(con, "SELECT count(*) FROM v_category_year WHERE unit = '%'") == [(0,)]


def test_yoy_keeps_every_county_and_names_the_gap(con):
    got = rows(
        con,
        "SELECT committee_code, year, prev_value, value, change, approximate, gap FROM v_yoy "
        "WHERE metric_code = ? AND city_code = '640200' AND level = 'county' ORDER BY committee_code, year",
        [R],
    )
    assert got == [
        ("640202", 2023, None, 100, None, False, "previous_year"),
        ("640202", 2024, 100, 120, 20, False, None),
        ("640205", 2023, None, 50, None, True, "previous_year"),
        ("640205", 2024, 50, 60, 10, True, None),  # from 50余 to 60: approximate
        ("640221", 2023, None, 80, None, False, "previous_year"),
        ("640221", 2024, 80, 90, 10, False, None),
    ]
    # 兴庆区 (640104) has a 2024 figure only: its 2023 is a row with gap this_year, not a missing row.
    assert rows(con, "SELECT year, value, gap FROM v_yoy WHERE committee_code = '640104' AND metric_code = ? ORDER BY year", [R]) == [
        (2023, None, "both"),
        (2024, 30, "previous_year"),
    ]  # fmt: skip
    # A complete grid: every committee x year of v_coverage x every metric with a figure.
    metrics = rows(con, "SELECT count(DISTINCT metric_code) FROM v_figure")[0][0]
    assert rows(con, "SELECT count(*) FROM v_yoy") == [
        (rows(con, "SELECT count(*) FROM v_coverage")[0][0] * metrics,)
    ]


def test_ranks_say_when_they_rest_on_an_approximate_figure(con):
    got = rows(
        con,
        "SELECT committee_code, rank_in_city, value, approximate, rank_in_city_approximate FROM v_county_rank "
        "WHERE metric_code = ? AND year = 2023 AND city_code = '640200' ORDER BY rank_in_city",
        [R],
    )
    assert got == [
        ("640202", 1, 100, False, False),  # its neighbour 平罗 (80) is exact
        ("640221", 2, 80, False, True),  # 惠农's 50余 just below could be more than 80
        ("640205", 3, 50, True, True),
    ]


def test_rate_carries_both_counts_names_and_sources(con, tmp_path):
    rows_ = analyst_rows() + [
        mention("pl24", 60, "640221", "proposals.accepted", 2024, 81),
    ]
    docs, ments = frames(rows_)
    path = tmp_path / "w.duckdb"
    publish(path, docs, ments, extractor_version="test", overrides=tmp_path / "none.jsonl")
    c = duckdb.connect(str(path), read_only=True)
    try:
        got = rows(
            c,
            "SELECT committee_name_zh, indicator_name_zh, rate, numerator_name_zh, numerator_value, "
            "denominator_name_zh, denominator_value, numerator_source_path, denominator_source_path, "
            "numerator_sentence FROM v_indicator_rate WHERE indicator_code = 'rate.proposal_acceptance'",
        )
    finally:
        c.close()
    assert got == [("平罗县政协", "提案立案率", Decimal("90"), "立案提案", 81, "收到提案", 90,
                    "pl24.txt", "news24a.txt", "全年共办理81件。")]  # fmt: skip


def test_names_are_those_valid_in_the_year_and_rows_never_repeat(tmp_path):
    c = committee

    register = Register([
        c("000000", "全国", "national", None, 1949),
        c("640000", "宁夏回族自治区", "region", "000000", 1958),
        c("640200", "石嘴山市", "city", "640000", 1960),
        c("640221", "旧平罗县", "county", "640200", 1958, 2022),  # renamed in 2023: two versions
        c("640221", "平罗县", "county", "640200", 2023),
        c("650000", "新疆维吾尔自治区", "region", "000000", 1955),  # a region the corpus never mentions
    ])  # fmt: skip
    docs, ments = frames([
        mention("a", 1, "640221", R, 2022, 10), mention("b", 1, "640221", R, 2023, 12),
        mention("n", 1, "000000", R, 2023, 5000),
    ])  # fmt: skip
    path = tmp_path / "w.duckdb"
    publish(path, docs, ments, extractor_version="test", overrides=tmp_path / "none.jsonl", register=register)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert rows(con, "SELECT year, committee_name_zh FROM v_figure WHERE committee_code = '640221' ORDER BY year") == [
            (2022, "旧平罗县政协"), (2023, "平罗县政协"),
        ]  # fmt: skip
        for view, grain in [
            ("v_figure", "committee_code, metric_code, year"),
            ("v_yoy", "committee_code, metric_code, year"),
            ("v_coverage", "committee_code, year"),
            ("v_county_rank", "committee_code, metric_code, year"),
            ("v_category_year", "committee_code, category, unit, year"),
        ]:
            dup = rows(con, f"SELECT count(*) - count(DISTINCT ({grain})) FROM {view}")
            assert dup == [(0,)], view
        coverage = rows(
            con,
            "SELECT committee_code, region_code, in_corpus FROM v_coverage WHERE year = 2023 ORDER BY ALL",
        )
        # 宁夏's committees (in_corpus: mentioned or not) and 全国政协 (mentioned itself, no region); never 新疆.
        assert coverage == [("000000", None, True), ("640000", "640000", False), ("640200", "640000", False),
                            ("640221", "640000", True)]  # fmt: skip
    finally:
        con.close()
