"""委员会 Committee: one committee's metrics over the years, its quality rates, per-member figures and
counties' sums, beside its parent's and its siblings'."""

from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
import streamlit as st

from dashboard import charts, filters, nav, regions
from dashboard.data import ask
from dashboard.figures import MISSING, PERCENT, Unit, fmt, header, mark, scaled, unit_of, vega_format
from dashboard.i18n import colon, t
from dashboard.tables import doc_title, localized, shown, table

PAGE = "committee"


def metrics_over_years(figs: pl.DataFrame, code: str, years: list[int], lang: str) -> pl.DataFrame:
    """One row per metric of ``code``: its unit, its figure each year (— when missing), a sparkline."""
    own = figs.filter(pl.col("committee_code") == code)
    if own.height == 0:
        return pl.DataFrame()
    units = {m: unit_of(u) for m, u in zip(own["metric_code"], own["units"], strict=True)}
    own = own.with_columns(
        pl.Series("shown", [fmt(v, units[m], q, c) for m, v, q, c in
                            own.select("metric_code", "value", "qualifier", "corrected").iter_rows()]),
        pl.Series("scaled", [scaled(v, units[m]) for m, v in own.select("metric_code", "value").iter_rows()]),
    )  # fmt: skip
    name = "metric_name_zh" if lang == "zh" else "metric_name_en"
    wide = (
        own.with_columns(pl.col("year").cast(pl.String))
        .pivot(on="year", index=["metric_code", name], values="shown", sort_columns=True)
        .fill_null(MISSING)
    )
    spark = (
        own.sort("metric_code", "year")
        .group_by("metric_code", maintain_order=True)
        .agg(pl.col("scaled").drop_nulls().alias("trend"))  # the years with a figure; gaps are not zeros
    )
    unit_col = pl.Series("unit", [units[m].symbol(lang) or MISSING for m in wide["metric_code"]])
    out = wide.join(spark, on="metric_code", how="left").rename({name: "metric"})
    return out.insert_column(2, unit_col)


def metrics_download(figs: pl.DataFrame, code: str, lang: str) -> pl.DataFrame:
    """The metrics table as on screen, for a download: per year the number in the row's unit and
    its marks in a column of their own (no sparkline)."""
    own = figs.filter(pl.col("committee_code") == code)
    name = "metric_name_zh" if lang == "zh" else "metric_name_en"
    rows = own.select("metric_code", name, "units").unique("metric_code", maintain_order=True)
    units = [unit_of(u) for u in rows["units"].to_list()]
    out = rows.select("metric_code", pl.col(name).alias("metric")).with_columns(
        pl.Series("unit", [u.symbol(lang) for u in units], dtype=pl.String)
    )
    for year in sorted(own["year"].unique().to_list()):
        cells = {m: r for m, *r in own.filter(pl.col("year") == year)
                 .select("metric_code", "value", "qualifier", "corrected").iter_rows()}  # fmt: skip
        got = [cells.get(m, (None, None, False)) for m in rows["metric_code"].to_list()]
        number = [None if v is None else scaled(v, u) for (v, _, _), u in zip(got, units, strict=True)]
        marks = [(mark(q) + ("✎" if c else "")) if v is not None else "" for v, q, c in got]
        out = out.with_columns(pl.Series(str(year), number, dtype=pl.Float64),
                               pl.Series(f"{year}{t('mark_suffix', lang)}", marks, dtype=pl.String))  # fmt: skip
    return out


def rates_table(code: str, lang: str) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """The committee's quality rates: computed from two counts (with their sources), the stated rate,
    and the check."""
    df = ask("indicator_rates", code)
    if df.height == 0:
        return None
    df = localized(df, lang)

    def check(r: dict) -> str:
        if r["exceeds_100"]:
            return t("exceeds", lang)
        if r["agrees"] is False:
            return t("disagrees", lang)
        if r["agrees"]:
            return t("agrees", lang)
        return t("stated_only", lang) if r["rate_source"] == "stated" else MISSING

    def source(value, qualifier, surface, doc) -> str:
        if value is None:
            return MISSING
        where = f"《{doc_title(doc)}》{colon(lang)}{surface}"
        return (
            f"{fmt(value, Unit('', ''), qualifier)}（{where}）"
            if lang == "zh"
            else f"{fmt(value, Unit('', ''), qualifier)} ({where})"
        )

    rows = list(df.iter_rows(named=True))
    view = pl.DataFrame(
        {
            "indicator": [r["name"] for r in rows],
            "year": [str(r["year"]) for r in rows],
            "rate": [fmt(r["rate"], PERCENT, "approx" if r["approximate"] else "exact", r["corrected"],
                         with_unit=True) for r in rows],
            "trace": [trace_url(code, r["indicator_code"], r["year"], lang) for r in rows],
            "computed": [fmt(r["computed_rate"], PERCENT, with_unit=True) for r in rows],
            "stated": [fmt(r["stated_rate"], PERCENT, with_unit=True) for r in rows],
            "check": [check(r) for r in rows],
            "numerator": [source(r["numerator_value"], r["numerator_qualifier"], r["numerator_surface"],
                                 r["numerator_doc"]) for r in rows],
            "denominator": [source(r["denominator_value"], r["denominator_qualifier"],
                                   r["denominator_surface"], r["denominator_doc"]) for r in rows],
        }
    )  # fmt: skip
    data = df.select(
        "indicator_code", pl.col("name").alias("indicator"), "year",
        pl.col("computed_rate").alias(header(t("col_computed", lang), PERCENT, lang)),
        pl.col("stated_rate").alias(header(t("col_stated", lang), PERCENT, lang)),
        pl.col("difference"), pl.col("agrees"), pl.col("exceeds_100"), pl.col("corrected"),
        pl.col("numerator_value"), pl.col("numerator_doc").map_elements(doc_title, return_dtype=pl.String),
        pl.col("numerator_surface"), pl.col("denominator_value"),
        pl.col("denominator_doc").map_elements(doc_title, return_dtype=pl.String), pl.col("denominator_surface"),
        pl.col("stated_doc").map_elements(doc_title, return_dtype=pl.String), pl.col("stated_surface"),
    )  # fmt: skip
    return view, data


def trace_url(code: str, indicator: str, year: int, lang: str) -> str:
    """The provenance page of one rate: the sentences of both its counts, one click away."""
    return f"provenance?{urlencode({'committee': code, 'metric': indicator, 'year': year, 'lang': lang})}"


def _rows(question: str, code: str, lang: str, columns: dict) -> pl.DataFrame | None:
    """One row per metric and year of ``ask(question, code)``; ``columns``: name -> cell text of a row
    (which has metric_name in ``lang``, year and the metric's unit as ``unit``)."""
    df = ask(question, code)
    if df.height == 0:
        return None
    rows = [r | {"unit": unit_of(r["units"])} for r in localized(df, lang).iter_rows(named=True)]
    cells = {"metric": [r["metric_name"] for r in rows], "year": [str(r["year"]) for r in rows]}
    return pl.DataFrame(cells | {name: [cell(r) for r in rows] for name, cell in columns.items()})


def _typed_rows(
    question: str, code: str, lang: str, figures: dict, extra: dict | None = None
) -> pl.DataFrame:
    """The download of a ``_rows`` table: per figure a number in the row's unit (the unit in its own
    column) and its marks apart; ``figures``: name -> (value of a row, qualifier of a row)."""
    df = ask(question, code)
    rows = [r | {"unit": unit_of(r["units"])} for r in localized(df, lang).iter_rows(named=True)]
    out = {
        "metric": [r["metric_name"] for r in rows],
        "year": [r["year"] for r in rows],
        "col_unit": [r["unit"].symbol(lang) for r in rows],
    }
    for name, (value, qualifier) in figures.items():
        out[name] = pl.Series([scaled(value(r), r["unit"]) for r in rows], dtype=pl.Float64)
        out[f"{t('col_' + name, lang)}{t('mark_suffix', lang)}"] = [
            mark(qualifier(r)) if value(r) is not None else "" for r in rows
        ]
    for name, cell in (extra or {}).items():
        out[name] = [cell(r) for r in rows]
    return pl.DataFrame(out).rename({"col_unit": "unit"})


def per_member_table(code: str, lang: str) -> pl.DataFrame | None:
    """Each additive figure beside the member count used and the figure per 100 members."""
    return _rows("per_member", code, lang, {
        "value": lambda r: fmt(r["value"], r["unit"], r["qualifier"], with_unit=True, lang=lang),
        "members": lambda r: f"{fmt(r['members'])}（{r['members_year']}）",
        "per_100": lambda r: fmt(r["value_per_100_members"], r["unit"], r["qualifier"], with_unit=True, lang=lang),
    })  # fmt: skip


def per_member_download(code: str, lang: str) -> pl.DataFrame:
    return _typed_rows("per_member", code, lang, {
        "value": (lambda r: r["value"], lambda r: r["qualifier"]),
        "per_100": (lambda r: r["value_per_100_members"], lambda r: r["qualifier"]),
    }, {"member_count": lambda r: r["members"], "members_year": lambda r: r["members_year"]})  # fmt: skip


def rollup_download(code: str, lang: str) -> pl.DataFrame:
    return _typed_rows("committee_rollup", code, lang, {
        "own": (lambda r: r["own_value"], lambda r: r["own_qualifier"]),
        "counties_sum": (lambda r: r["counties_sum"], lambda r: "approx" if r["includes_approximate"] else "exact"),
    }, {"counties_reporting": lambda r: r["counties_reporting"],
        "counties_in_area": lambda r: r["counties_in_area"]})  # fmt: skip


def rollup_table(code: str, lang: str) -> pl.DataFrame | None:
    """A city's (region's) own figure beside the sum of its counties, with coverage."""
    return _rows("committee_rollup", code, lang, {
        "own": lambda r: fmt(r["own_value"], r["unit"], r["own_qualifier"], with_unit=True, lang=lang),
        "counties_sum": lambda r: fmt(r["counties_sum"], r["unit"], "approx" if r["includes_approximate"] else "exact",
                                      with_unit=True, lang=lang),
        "coverage": lambda r: t("coverage_of", lang).format(n=r["counties_reporting"], m=r["counties_in_area"]),
    })  # fmt: skip


def render() -> None:
    lang = nav.lang()
    c1, c2 = st.columns([1, 2])
    committees = ask("committees", regions.choose(PAGE, lang, c1))
    if committees.height == 0:
        st.info(t("no_data", lang))
        return
    offered = regions.with_data_first(committees)  # committees with figures, when any
    names = dict(zip(offered["committee_code"], offered[f"committee_name_{lang}"], strict=True))
    code = filters.select(
        PAGE, t("committee", lang), list(names), "committee", format_func=names.get, container=c2
    )
    info = ask("committee", code)
    years = ask("years")
    parent = ask("committee", info["parent_code"]) if info and info["parent_code"] else None
    if parent and parent["level"] == "national":
        parent = None  # a region's parent is the national committee: not a peer to compare with
    reporting = ask("committees").filter(pl.col("has_data"))["committee_code"]  # in every region
    siblings = ask("siblings", code).filter(pl.col("committee_code").is_in(reporting.to_list()))
    st.subheader(f"{names[code]} · {t('level_' + info['level'], lang)}")
    if parent:
        st.caption(f"{t('parent', lang)}{colon(lang)}{parent[f'committee_name_{lang}']}")
    if siblings.height == 0:  # a region's peers are other regions, without data here; say so
        st.caption(t("no_siblings_" + ("region" if info["level"] == "region" else "other"), lang))
    codes = [code] + ([parent["committee_code"]] if parent else []) + siblings["committee_code"].to_list()
    figs = ask("committee_figures", codes)
    metrics = ask("metrics").select("metric_code", "units")
    figs = figs.join(metrics, on="metric_code", how="left")
    own = metrics_over_years(figs, code, years, lang)

    def metrics() -> None:
        if own.height == 0:
            st.info(t("no_data", lang))
            return
        table(own, f"{names[code]}_{t('committee_metrics', lang)}", lang, key="metrics",
              download=metrics_download(figs, code, lang), notes=[(t("note_marks", lang), t("approx_note", lang))],
              column_config={"trend": st.column_config.LineChartColumn(t("trend", lang))})  # fmt: skip

    parts = {t("committee_metrics", lang): metrics}
    rates = rates_table(code, lang)
    if rates:

        def indicators() -> None:
            table(rates[0], f"{names[code]}_{t('indicators', lang)}", lang, download=rates[1], key="rates",
                  column_config={"trace": st.column_config.LinkColumn(
                      t("trace", lang), display_text=t("trace_rate", lang))})  # fmt: skip
            st.caption(t("indicators_note", lang))

        parts[t("indicators", lang)] = indicators
    per = per_member_table(code, lang)
    if per is not None:
        parts[t("basis_per_100", lang)] = lambda: table(
            per,
            f"{names[code]}_{t('basis_per_100', lang)}",
            lang,
            key="per_member",
            download=per_member_download(code, lang),
        )
    rolled = rollup_table(code, lang) if info["level"] != "county" else None
    if rolled is not None:

        def rollup() -> None:
            table(
                rolled,
                f"{names[code]}_{t('rollup', lang)}",
                lang,
                key="rollup",
                download=rollup_download(code, lang),
            )
            st.caption(t("rollup_note", lang))

        parts[t("rollup", lang)] = rollup
    if figs.height:
        parts[t("compare_with", lang)] = lambda: peers_section(figs, code, codes, parent, lang)
    nav.sections(PAGE, parts, lang)


def peers_section(figs: pl.DataFrame, code: str, codes: list[str], parent: dict | None, lang: str) -> None:
    """One metric beside the parent and the siblings: lines and a committee x year table."""
    m_names = dict(
        zip(figs["metric_code"], figs["metric_name_zh" if lang == "zh" else "metric_name_en"], strict=False)
    )
    metric = filters.select(PAGE, t("metric", lang), sorted(m_names), "metric", format_func=m_names.get)
    one = figs.filter(pl.col("metric_code") == metric)
    unit = unit_of(one["units"][0]) if one.height else PERCENT
    role = {code: t("role_self", lang)} | ({parent["committee_code"]: t("parent", lang)} if parent else {})
    peers = (
        pl.DataFrame({"committee_code": codes})
        .join(
            localized(
                ask("committees").select("committee_code", "committee_name_zh", "committee_name_en"), lang
            ),
            on="committee_code",
            how="left",
        )
        .with_columns(
            pl.col("committee_code").replace_strict(role, default=t("siblings", lang)).alias("role")
        )
    )
    one = one.join(peers, on="committee_code", how="left").with_columns(shown(one, unit=unit))
    title = header(m_names[metric], unit, lang)
    chart_df = one.with_columns(
        pl.col("value").map_elements(lambda v: scaled(v, unit), return_dtype=pl.Float64),
        pl.col("shown").alias("label"),
    )
    charts.show("lines", chart_df, t("committee", lang), t("year", lang), title, vega_format(unit))
    if one.height:
        wide = one.with_columns(pl.col("year").cast(pl.String)).pivot(
            on="year", index="committee_code", values="shown", sort_columns=True
        )
        wide = peers.join(wide, on="committee_code", how="left").fill_null(MISSING)
    else:
        wide = peers
    table(wide, f"{m_names[metric]}_{t('compare_with', lang)}", lang, key="peers")


if __name__ == "__main__":
    render()
