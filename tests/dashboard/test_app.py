"""Each dashboard page rendered by Streamlit's AppTest against a real published warehouse.

Expected figures come from the warehouse itself (a read-only DuckDB connection) or from the
labelled truth of the sample corpus, never from numbers written into the test.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.figures import fmt, unit_of
from dashboard.i18n import t
from tests.conftest import SAMPLES

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def sql(path: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def app(sample_warehouse, monkeypatch):
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(sample_warehouse))
    return AppTest.from_file(APP, default_timeout=60)


# Regions with at least one figure: the dashboard opens on these (a national register, sample data
# from one region).
REPORTING_REGIONS = (
    "SELECT DISTINCT coalesce(c.region_code, c.committee_code) FROM dim_committee c "
    "JOIN fact_committee_metric_period f USING (committee_code)"
)


def figures(path: Path, metric: str) -> dict[tuple[str, int], tuple[float, str]]:
    rows = sql(
        path,
        "SELECT committee_code, period_end, value, qualifier FROM fact_committee_metric_period "
        "WHERE metric_code = ? AND period_start = period_end",
        [metric],
    )
    return {(c, y): (v, q) for c, y, v, q in rows}


def units(path: Path) -> dict:
    return {m: unit_of(u) for m, u in sql(path, "SELECT metric_code, units FROM dim_metric")}


def names(path: Path, lang: str = "zh") -> dict[str, str]:
    column = "committee_name_zh" if lang == "zh" else "coalesce(name_en, name_pinyin, committee_name_zh)"
    return dict(sql(path, f"SELECT committee_code, {column} FROM dim_committee WHERE valid_to IS NULL"))


def shown_figure(path: Path, metric: str, fig: tuple) -> str:
    """A figure as the dashboard must show it (value, qualifier[, corrected]) in the metric's unit."""
    return fmt(fig[0], units(path)[metric], *fig[1:])


# Cell text a reader must never see: Python/pandas leftovers and raw codes.
LEAKS = re.compile(
    r"^(None|nan|NaN|null|NaT|True|False|exact|at_least|approx|at_most|region|city|county|national)$"
    r"|\b[a-z_]+\.[a-z_]+\b|text/plain|application/pdf|\d\.\d{5,}"
)


def _titles(node):
    """Every title in a Vega-Lite spec (axes, legends, tooltips)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "title":
                yield v
            yield from _titles(v)
    elif isinstance(node, list):
        for v in node:
            yield from _titles(v)


def open_tab(app, page: str, label: str, lang: str = "zh"):
    """Open the section (tab) named by i18n key ``label`` of ``page`` and run: only the open tab is drawn."""
    app.session_state[f"tabs_{page}_{lang}"] = t(label, lang)
    return app.run()


def every_tab(app, page: str, lang: str = "zh"):
    """Run ``page`` once per section (tab), yielding each label: together they show the whole page."""
    for label in [tab.label for tab in app.tabs]:
        app.session_state[f"tabs_{page}_{lang}"] = label
        app.run()
        assert not app.exception, label
        yield label


def assert_clean(app, where: str) -> int:
    """Every cell of every table and every title of every chart spec: no None/nan/codes."""
    cells = 0
    for frame in app.dataframe:
        df = frame.value
        for column in df.columns:
            assert not LEAKS.search(str(column)) and str(column) != "None", (where, column)
            for cell in df[column].tolist():
                if column == "trace":  # a link column: the address of the rate's provenance page
                    assert str(cell).startswith("provenance?"), (where, cell)
                    continue
                if isinstance(cell, list | np.ndarray):  # a sparkline's series: numbers, never text
                    assert all(isinstance(v, int | float) for v in list(cell)), (where, column, cell)
                    continue
                assert not pd.isna(cell), (where, column)
                assert not LEAKS.search(str(cell)), (where, column, cell)
                cells += 1
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        titles = list(_titles(spec))
        for title in titles:
            if title is None:  # an axis whose title is hidden on purpose (names speak for themselves)
                continue
            assert title not in ("None", "value", "committee_name", "year", "label"), (where, title)
            assert not LEAKS.search(str(title)), (where, title)
    return cells


# -- 对比 Compare ---------------------------------------------------------------------------------


def _yearly_truth(metric: str) -> dict[tuple[str, str], dict]:
    """The reconciled figures the corpus generator expects for ``metric``: {(committee, year): fact}."""
    with open(SAMPLES / "truth_facts.jsonl", encoding="utf-8") as fh:
        facts = [json.loads(line) for line in fh if line.strip()]
    return {
        (f["committee"], str(f["period_end"])): f
        for f in facts
        if f["metric"] == metric and f["period_start"] == f["period_end"]
    }


def test_compare_page_shows_committee_by_year(app, sample_warehouse):
    app.query_params["metric"] = "proposals.received"
    app.run()
    assert not app.exception
    table = open_tab(app, "compare", "tab_table").dataframe[0].value
    unit = units(sample_warehouse)["proposals.received"]
    want = {k: fmt(f["value"], unit, f["qualifier"]) for k, f in _yearly_truth("proposals.received").items()}
    shown = {
        (row["committee_name"], year): row[year]
        for _, row in table.iterrows()
        for year in ("2022", "2023", "2024")
        if year in table.columns
    }
    right = sum(shown.get(k) == v for k, v in want.items())
    assert len(want) == 28 * 3
    assert right / len(want) >= 0.95


def test_compare_table_matches_the_warehouse_and_missing_stays_missing(app, sample_warehouse):
    # the metric fewest committee-years report, so the table has gaps to show
    ((metric,),) = sql(
        sample_warehouse,
        "SELECT metric_code FROM fact_committee_metric_period WHERE period_start = period_end "
        "GROUP BY metric_code ORDER BY count(*), metric_code LIMIT 1",
    )
    app.query_params["metric"] = metric
    app.run()
    code_of = {v: k for k, v in names(sample_warehouse).items()}
    table = open_tab(app, "compare", "tab_table").dataframe[0].value
    table.index = [code_of[n] for n in table["committee_name"]]
    want = figures(sample_warehouse, metric)
    years = [c for c in table.columns if c.isdigit()]
    assert years
    missing = 0
    for code, row in table.iterrows():
        for year in years:
            if (code, int(year)) in want:
                assert row[year] == shown_figure(sample_warehouse, metric, want[(code, int(year))])
            else:
                assert row[year] == "—"  # missing, never zero, never None
                missing += 1
    assert missing > 0  # the region has committees without a report
    approx = [k for k, (_, q) in want.items() if q != "exact"]
    for code, year in approx:  # 余/多/约 stay marked
        assert table.loc[code, str(year)][-1] in "+≈≤"


def test_metric_and_years_live_in_the_url(app, sample_warehouse):
    years = [
        y for (y,) in sql(sample_warehouse, "SELECT DISTINCT period_end FROM fact_committee_metric_period")
    ]
    last = max(years)
    app.query_params["metric"] = "proposals.received"
    app.query_params["years"] = str(last)
    app.run()
    table = open_tab(app, "compare", "tab_table").dataframe[0].value
    assert [c for c in table.columns if c.isdigit()] == [str(last)]
    assert app.query_params["category"] == "proposals"  # derived from the metric
    app.multiselect(key="filter_compare_years").set_value(sorted(years)).run()
    assert app.query_params["years"] == ",".join(map(str, sorted(years)))
    app.selectbox(key="filter_compare_metric").set_value("proposals.accepted").run()
    assert app.query_params["metric"] == "proposals.accepted"
    code_of = {v: k for k, v in names(sample_warehouse).items()}
    shown = app.dataframe[0].value
    shown.index = [code_of[n] for n in shown["committee_name"]]
    for (code, year), fig in figures(sample_warehouse, "proposals.accepted").items():
        assert shown.loc[code, str(year)] == shown_figure(sample_warehouse, "proposals.accepted", fig)


def test_ranking_has_yoy_change_and_city_figures(app, sample_warehouse):
    metric = "proposals.received"
    app.query_params["metric"] = metric
    app.run()
    open_tab(app, "compare", "ranking")
    code_of = {v: k for k, v in names(sample_warehouse).items()}
    ranking = app.dataframe[0].value
    ranking.index = [code_of[n] for n in ranking["委员会"]]
    want = figures(sample_warehouse, metric)
    unit = units(sample_warehouse)[metric]
    last = max(y for _, y in want)
    counties = {
        c for (c,) in sql(sample_warehouse, "SELECT committee_code FROM dim_committee WHERE level='county'")
    }
    checked, marked = 0, 0
    for (code, year), (value, qualifier) in want.items():
        if year == last and (code, last - 1) in want and code in counties:
            prev, prev_qualifier = want[(code, last - 1)]
            approximate = "exact" if qualifier == prev_qualifier == "exact" else "approx"
            # a change from or to an approximate figure (80+ -> 100≈) is marked, never shown as exact
            assert ranking.loc[code, "同比变化"] == fmt(value - prev, unit, approximate)
            checked += 1
            marked += approximate == "approx"
    assert checked > 0 and marked > 0
    ranked = ranking[ranking["排名"] != "—"].copy()
    ranked["排名"] = ranked["排名"].astype(int)
    ranked = ranked.sort_values("排名")
    values = [want[(c, last)][0] for c in ranked.index]
    assert values == sorted(values, reverse=True)
    parents = dict(sql(sample_warehouse, "SELECT committee_code, parent_code FROM dim_committee"))
    zh = names(sample_warehouse)
    for code in ranked.index:  # the county's city, and the city's own figure beside it
        fig = want.get((parents[code], last))
        assert ranking.loc[code, "所属市"] == zh[parents[code]]
        assert ranking.loc[code, "所属市政协本级数字"] == (
            shown_figure(sample_warehouse, metric, fig) if fig else "—"
        )
    assert "市级" not in ranking.columns and "省级" not in ranking.columns


def test_every_table_downloads_as_csv_and_excel(app):
    app.query_params["metric"] = "proposals.received"
    app.run()
    tables = 0
    for _ in every_tab(app, "compare"):
        labels = [b.label for b in app.get("download_button")]
        assert labels.count("下载 CSV") == len(app.dataframe) == labels.count("下载 Excel")
        tables += len(app.dataframe)
    assert tables >= 3  # committee x year, ranking, rollup


def test_sample_data_is_labelled_and_english_switch(app):
    app.run()
    assert any("示例数据" in w.value for w in app.warning)
    app.sidebar.radio[0].set_value("en").run()
    assert any("CPPCC committee statistics" in m.value for m in app.sidebar.markdown)
    assert any("Sample data" in w.value for w in app.warning)
    assert app.query_params["lang"] == "en"


def test_english_switch_names_committees_in_english(app, sample_warehouse):
    app.query_params["metric"] = "proposals.received"
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    english, chinese = names(sample_warehouse, "en"), names(sample_warehouse, "zh")
    table = open_tab(app, "compare", "tab_table", "en").dataframe[0].value  # the committee x year table
    assert len(table)
    assert set(table["committee_name"]) <= set(english.values())
    assert not set(table["committee_name"]) & set(chinese.values())
    ranking = open_tab(app, "compare", "ranking", "en").dataframe[0].value
    assert set(ranking["Committee"]) <= set(english.values())
    region = app.selectbox(key="filter_compare_region")
    assert english[region.value] in region.options and chinese[region.value] not in region.options
    # Chinese again: the same table names the committees in Chinese
    app.sidebar.radio[0].set_value("zh").run()
    table = open_tab(app, "compare", "tab_table").dataframe[0].value
    assert set(table["committee_name"]) <= set(chinese.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_table_or_chart_shows_none_nan_or_codes(app, sample_warehouse, lang):
    """Every page, several metrics (counts, money, a rate, per 100 members): the text a reader sees."""
    ((committee, city, region),) = sql(
        sample_warehouse,
        "SELECT c.committee_code, c.city_code, c.region_code FROM dim_committee c "
        "JOIN fact_committee_metric_period f USING (committee_code) WHERE c.level = 'county' "
        "ORDER BY c.committee_code LIMIT 1",
    )
    app.query_params["lang"] = lang
    cells = 0
    for query in (
        {"metric": "proposals.received"},
        {"metric": "member_services.donations"},
        {"metric": "rate.proposal_acceptance"},
        {"metric": "consultation.meetings", "basis": "per_100"},
    ):
        for k in ("metric", "basis", "category"):
            app.query_params.pop(k, None)
        app.query_params.update(query)
        app.run()
        assert not app.exception, query
        frames = charts = 0
        for tab in every_tab(app, "compare", lang):
            frames += len(app.dataframe)
            charts += len(app.get("vega_lite_chart"))
            cells += assert_clean(app, f"{query} {tab}")
        assert frames >= 2 and charts == 3, query
    for code in (committee, city, region):  # county, city and region pages
        app.query_params["committee"] = code
        app.switch_page("views/committee.py").run()
        assert not app.exception
        for tab in every_tab(app, "committee", lang):
            cells += assert_clean(app, f"{code} {tab}")
    app.switch_page("views/provenance.py").run()
    cells += assert_clean(app, "provenance")
    app.session_state["mentions_table"] = True  # the mentions as a table: made when opened
    app.run()
    assert len(app.dataframe) == 1
    cells += assert_clean(app, "provenance table")
    app.switch_page("views/quality.py").run()
    for tab in every_tab(app, "quality", lang):
        cells += assert_clean(app, f"quality {tab}")
    assert cells > 500


def test_a_bad_link_warns_and_falls_back(app, sample_warehouse):
    app.query_params.update({"region": "999999", "years": "abc", "metric": "no.such_metric"})
    app.run()
    assert not app.exception
    warned = " ".join(w.value for w in app.warning)
    assert "999999" in warned and "abc" in warned and "no.such_metric" in warned
    all_years = [
        str(y)
        for (y,) in sql(
            sample_warehouse, "SELECT DISTINCT period_end FROM fact_committee_metric_period ORDER BY 1"
        )
    ]
    table = open_tab(app, "compare", "tab_table").dataframe[0].value
    assert [c for c in table.columns if c.isdigit()] == all_years  # all years, not none
    assert app.query_params["region"] != "999999"


def test_no_warehouse_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("cstats run" in e.value for e in at.error)


# -- 委员会 Committee -----------------------------------------------------------------------------


def test_committee_page_shows_its_metrics_and_its_peers(app, sample_warehouse):
    code, parent = sql(
        sample_warehouse,
        "SELECT c.committee_code, c.parent_code FROM dim_committee c "
        "JOIN fact_committee_metric_period f USING (committee_code) WHERE c.level = 'county' LIMIT 1",
    )[0]
    app.run()
    app.query_params["committee"] = code
    app.switch_page("views/committee.py").run()
    assert not app.exception
    own = app.dataframe[0].value.set_index("metric")
    rows = sql(
        sample_warehouse,
        "SELECT f.metric_code, m.name_zh, f.period_end, f.value, f.qualifier, f.corrected "
        "FROM fact_committee_metric_period f JOIN dim_metric m USING (metric_code) "
        "WHERE committee_code = ? AND period_start = period_end",
        [code],
    )
    assert set(own.index) == {name for _, name, *_ in rows}
    unit = units(sample_warehouse)
    for metric, name, year, value, qualifier, corrected in rows:
        assert own.loc[name, str(year)] == fmt(value, unit[metric], qualifier, corrected)
        assert own.loc[name, "unit"] == unit[metric].zh
    peers = open_tab(app, "committee", "compare_with").dataframe[-1].value
    reporting = {
        c
        for (c,) in sql(sample_warehouse, "SELECT DISTINCT committee_code FROM fact_committee_metric_period")
    }
    siblings = {
        c
        for (c,) in sql(
            sample_warehouse,
            "SELECT committee_code FROM dim_committee WHERE parent_code = ? AND valid_to IS NULL",
            [parent],
        )
    } & reporting
    zh = names(sample_warehouse)
    assert set(peers["committee_name"]) == {zh[c] for c in siblings | {parent}}
    role = dict(zip(peers["committee_name"], peers["role"], strict=True))
    assert role[zh[code]] == "本委员会" and role[zh[parent]] == "上级"


def test_region_page_has_no_empty_parent_or_siblings(app, sample_warehouse):
    ((region,),) = sql(
        sample_warehouse,
        "SELECT DISTINCT c.committee_code FROM dim_committee c JOIN fact_committee_metric_period f "
        "USING (committee_code) WHERE c.level = 'region'",
    )
    app.run()
    app.query_params["committee"] = region
    app.switch_page("views/committee.py").run()
    assert not app.exception
    assert not [c.value for c in app.caption if c.value.startswith(t("parent"))]  # national: no parent
    assert t("no_siblings_region") in [c.value for c in app.caption]  # and a word why no siblings
    peers = open_tab(app, "committee", "compare_with").dataframe[-1].value
    assert list(peers["committee_name"]) == [names(sample_warehouse)[region]]  # no empty provinces


def test_committee_page_shows_rates_with_both_sources(app, sample_warehouse):
    ((code, num, den),) = sql(
        sample_warehouse,
        "SELECT committee_code, numerator_value, denominator_value FROM v_indicator_rate "
        "WHERE indicator_code = 'rate.proposal_acceptance' AND computed_rate IS NOT NULL "
        "ORDER BY committee_code, year LIMIT 1",
    )
    app.run()
    app.query_params["committee"] = code
    app.switch_page("views/committee.py").run()
    rates = next(
        d.value for d in open_tab(app, "committee", "indicators").dataframe if "numerator" in d.value.columns
    )
    row = rates[rates["indicator"] == "提案立案率"].iloc[0]
    assert row["rate"].lstrip("≈") == fmt(100 * num / den, unit_of(["%"]), with_unit=True)
    assert row["numerator"].startswith(fmt(num)) and row["denominator"].startswith(fmt(den))


# -- 来源 Provenance ------------------------------------------------------------------------------


def test_provenance_shows_the_sentence_with_the_number_highlighted(app, sample_warehouse):
    code, metric, year, surface, sentence = sql(
        sample_warehouse,
        "SELECT committee_code, metric_code, period_end, surface, sentence FROM fact_mention "
        "WHERE metric_code IS NOT NULL AND committee_code IS NOT NULL AND period_start = period_end "
        "ORDER BY sha256, char_start LIMIT 1",
    )[0]
    app.run()
    for k, v in {"committee": code, "metric": metric, "year": str(year)}.items():
        app.query_params[k] = v
    app.switch_page("views/provenance.py").run()
    assert not app.exception
    marked = [m.value for m in app.markdown if "<mark>" in m.value]
    assert any(f"<mark><b>{surface}</b></mark>" in m for m in marked)
    assert any(
        sentence.replace(surface, "") in m.replace(f"<mark><b>{surface}</b></mark>", "") for m in marked
    )
    value, qualifier, corrected = sql(
        sample_warehouse,
        "SELECT value, qualifier, corrected FROM fact_committee_metric_period WHERE committee_code = ? "
        "AND metric_code = ? AND period_start = ? AND period_end = ?",
        [code, metric, year, year],
    )[0]
    assert app.metric[0].value == fmt(
        value, units(sample_warehouse)[metric], qualifier, corrected, with_unit=True
    )


def test_provenance_of_a_figure_that_does_not_exist(app, sample_warehouse):
    # a committee, metric and year that all have figures, but not together
    code, metric, year = sql(
        sample_warehouse,
        "WITH f AS (SELECT committee_code, metric_code, period_end FROM fact_committee_metric_period "
        "WHERE period_start = period_end) "
        "SELECT c.committee_code, m.metric_code, y.period_end "
        "FROM (SELECT DISTINCT committee_code FROM f) c, (SELECT DISTINCT metric_code FROM f) m, "
        "(SELECT DISTINCT period_end FROM f) y "
        "WHERE (c.committee_code, m.metric_code, y.period_end) NOT IN (SELECT * FROM f) "
        "ORDER BY ALL LIMIT 1",
    )[0]
    app.run()
    app.query_params["committee"] = code
    app.query_params["metric"] = metric
    app.query_params["year"] = str(year)
    app.switch_page("views/provenance.py").run()
    assert not app.exception
    assert any("没有这个数字" in w.value for w in app.warning)  # a visible warning, no other figure


# -- 数据质量 Data quality ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def partial_warehouse(tmp_path_factory):
    """Two committees' reports, one year missing, and one unreadable file."""
    from pipelines.run.materialize import materialize_all

    src = tmp_path_factory.mktemp("partial")
    for name in ("pingluo_2023.txt", "pingluo_2024.txt", "dawukou_2024.txt"):
        shutil.copy(SAMPLES / name, src / name)
    (src / "broken.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    path = src / "warehouse.duckdb"
    materialize_all(src, path)
    return path


def test_quality_page_shows_publish_quarantine_and_coverage_gaps(partial_warehouse, monkeypatch):
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(partial_warehouse))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page("views/quality.py").run()
    assert not app.exception
    published, version = sql(partial_warehouse, "SELECT published_at, extractor_version FROM publish_log")[0]
    assert app.metric[0].value == f"{published:%Y-%m-%d %H:%M} UTC"
    assert app.metric[1].value == version
    headers, frames = [], []
    for _ in every_tab(app, "quality"):
        headers += [h.value for h in app.subheader]
        frames += [d.value for d in app.dataframe]
    assert "隔离的文件 (1)" in headers
    assert any(h.startswith("文件处理结果") and h.endswith("(4)") for h in headers)
    outcomes = next(d for d in frames if "files" in d.columns or "文件数" in d.columns)
    outcome_rows = sorted(map(tuple, outcomes.iloc[:, :3].astype(str).values.tolist()))
    assert [r[0] for r in outcome_rows] == ["已读入", "已隔离"]  # statuses by their names, no codes
    assert [r[2] for r in outcome_rows] == ["3", "1"]
    assert outcome_rows[1][1] == "undecodable"
    gap_table = next(d for d in frames if "gaps" in d.columns).set_index("committee_name")
    # every committee of the region without a figure in a reported year is a gap; 平罗县 has both years
    assert gap_table.loc["平罗县政协", "gaps"] == "0"
    assert gap_table.loc["大武口区政协", "gaps"] == "1"  # 大武口区: 2023 missing
    # missing figures count the same cells 对比 shows as 缺数据: metrics reported in the region, per year
    coverage = sql(partial_warehouse, "SELECT committee_name_zh, metrics_reported FROM v_coverage "
                   "WHERE region_code = '640000' AND level <> 'national'")  # fmt: skip
    reported = max(m for _, m in coverage)
    for name in gap_table.index:
        want = sum(reported - m for n, m in coverage if n == name)
        assert int(gap_table.loc[name, "missing_figures"].replace(",", "")) == want, name
    assert gap_table["gaps"].astype(int).sum() == 28 * 2 - 3  # the region and its 27 committees x 2 years - 3
    assert app.selectbox(key="filter_quality_region").value == "640000"  # the region with data, not all
    open_tab(app, "quality", "tab_coverage")
    app.selectbox(key="filter_quality_region").set_value("").run()  # all regions: those of the corpus only
    every = next(d.value for d in app.dataframe if "gaps" in d.value.columns)
    assert len(every) == len(gap_table)  # v_coverage is scoped to the corpus's regions (issue 21)


def test_money_is_in_wan_yuan_on_the_quality_page_and_missing_years_are_marked_bars(app, sample_warehouse):
    """捐款捐物 in 万元 on every table (the quality page's conflicts and jumps too), and a year without
    a figure is a labelled gap in the bars, not an absent bar."""
    app.query_params["metric"] = "member_services.donations"
    app.run()
    open_tab(app, "compare", "bar_chart")
    (chart,) = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    rows = [r for d in chart.proto.datasets for r in pa.ipc.open_stream(d.data.data).read_all().to_pylist()]
    rows += [r for d in spec.get("datasets", {}).values() for r in d]
    gaps = [r for r in rows if r.get("value") is None]
    assert gaps and all(r["label"] == t("missing") for r in gaps)
    assert "!isValid(datum.value)" in json.dumps(spec)  # the gaps are drawn (a text layer), not dropped
    app.switch_page("views/quality.py").run()
    seen = 0
    for tab in ("tab_conflicts", "tab_yoy_jumps"):
        for frame in open_tab(app, "quality", tab).dataframe:
            df = frame.value
            if "metric_name" not in df.columns:
                continue
            money = df[df["metric_name"] == "捐款捐物"]
            for column in ("value", "prev_value", "alternatives"):
                if column in money.columns:
                    for cell in money[column]:
                        assert cell == "—" or all(part.endswith("万元") for part in cell.split("、")), cell
                        seen += 1
    assert seen > 0


def test_english_tile_map_labels_fit_a_tile_and_the_full_name_is_on_hover(app, sample_warehouse):
    app.query_params["lang"] = "en"
    app.run()
    open_tab(app, "compare", "map", "en")
    (chart,) = app.get("vega_lite_chart")
    rows = [r for d in chart.proto.datasets for r in pa.ipc.open_stream(d.data.data).read_all().to_pylist()]
    english = names(sample_warehouse, "en")
    assert rows and all(len(r["short_name"]) <= 9 for r in rows)  # ~64 px at 11 px per tile
    assert {r["committee_name"] for r in rows} <= set(english.values())  # the tooltip's full name
    assert '"committee_name"' in chart.proto.spec and "tooltip" in chart.proto.spec
