"""对比 Compare: region -> city -> category -> metric (or a quality rate) -> basis -> years;
committees x years, a tile map, bars, ranking, and the counties' sum beside each city's own figure."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, filters, nav
from dashboard.data import ask
from dashboard.figures import MISSING, PERCENT, Unit, fmt, header, scaled, unit_of, vega_format, worst
from dashboard.i18n import colon, t
from dashboard.regions import with_data_first
from dashboard.tables import figure_columns, localized, shown, table

PAGE = "compare"
INDICATORS = "indicators"  # the category holding the derived rates (dim_indicator)
NOT_PER_MEMBER = {"organization.members"}


def _names(df: pl.DataFrame, code: str, lang: str, zh: str = "name_zh", en: str = "name_en") -> dict:
    return dict(zip(df[code], df[zh if lang == "zh" else en], strict=True))


def choose(lang: str) -> dict | None:
    """The filter row. Returns the choices, or None when there is nothing to choose from."""
    regions = ask("regions")
    if regions.height == 0:
        return None
    regions = with_data_first(regions)
    c1, c2, c3, c4 = st.columns([4, 3, 3, 4])  # wide enough for English names
    c6, c5 = st.columns([6, 1])
    names = _names(regions, "committee_code", lang)
    region = filters.select(
        PAGE, t("region", lang), list(names), "region", format_func=names.get, container=c1
    )
    cities = ask("cities", region)
    city_names = {"": t("all_cities", lang)} | _names(with_data_first(cities), "committee_code", lang)
    city = filters.select(
        PAGE, t("city", lang), list(city_names), "city", format_func=city_names.get, container=c2
    )
    cats = ask("categories")
    indicators = ask("indicators")
    if cats.height == 0:
        return None
    wanted_metric = st.query_params.get("metric")
    if wanted_metric and not st.query_params.get("category"):  # a link naming only the metric
        if wanted_metric in indicators["indicator_code"].to_list():
            st.query_params["category"] = INDICATORS
        else:
            every = ask("metrics")
            found = every.filter(pl.col("metric_code") == wanted_metric)["category_code"].to_list()
            if found:
                st.query_params["category"] = found[0]
    cat_names = _names(cats, "category_code", lang)
    if indicators.height:
        cat_names[INDICATORS] = t("category_indicators", lang)
    category = filters.select(
        PAGE, t("category", lang), list(cat_names), "category", format_func=cat_names.get, container=c3
    )
    if category == INDICATORS:
        m_names = _names(indicators, "indicator_code", lang)
        units = dict.fromkeys(m_names, PERCENT)
    else:
        metrics = ask("metrics", category)
        m_names = _names(metrics, "metric_code", lang)
        units = {m: unit_of(u) for m, u in zip(metrics["metric_code"], metrics["units"], strict=True)}
    metric = filters.select(
        PAGE, t("metric", lang), list(m_names), "metric", format_func=m_names.get, container=c4
    )
    unit = units.get(metric) or PERCENT
    bases = ["total"]
    if category != INDICATORS and unit is not PERCENT and metric not in NOT_PER_MEMBER:
        bases.append("per_100")
    basis_names = {b: t(f"basis_{b}", lang) for b in bases}
    basis = filters.select(PAGE, t("basis", lang), bases, "basis", format_func=basis_names.get, container=c5)
    if basis == "per_100":
        unit = Unit(
            t("per_100_unit", "zh").format(unit=unit.zh), t("per_100_unit", "en").format(unit=unit.en),
            unit.scale, 2,
        )  # fmt: skip
    all_years = ask("years")
    years = sorted(
        filters.multiselect(PAGE, t("years", lang), all_years, "years", default=all_years,
                            placeholder=t("choose_options", lang), container=c6)
    )  # fmt: skip
    return {"region": region, "city": city or None, "category": category, "metric": metric,
            "metric_name": m_names.get(metric, metric), "years": years, "unit": unit, "basis": basis,
            "region_name": names.get(region), "city_name": city_names.get(city or "")}  # fmt: skip


def committee_year_table(df: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """Committees as rows, years as columns, each cell the figure as shown (— when missing).

    ``df``: compare() answers with names localized (a committee_name column) and ``shown``.
    """
    if df.height == 0:
        return df
    return (
        df.with_columns(pl.col("year").cast(pl.String))
        .pivot(
            on="year", index=["committee_code", "committee_name", "level"], values="shown", sort_columns=True
        )
        .fill_null(MISSING)
    )


def committee_year_download(df: pl.DataFrame, picked: dict, lang: str) -> pl.DataFrame:
    """The grid on screen as numbers: one row per committee, per year the figure in the unit of
    the header and its marks (≈, +, ≤, ✎) in a column of their own."""
    unit = picked["unit"]
    if df.height == 0:
        return df
    rows = df.select("committee_code", "committee_name", "level").unique(maintain_order=True)
    columns: list[pl.Series] = []
    for year in sorted(df["year"].unique().to_list()):
        one = rows.join(df.filter(pl.col("year") == year), on=["committee_code"], how="left")
        columns += figure_columns(
            str(year), one["value"], one["qualifier"], unit, lang, one["corrected"].fill_null(False)
        )
    return rows.with_columns(columns)


def _change(now, prev, q_now, q_prev, pct: bool = False):
    """A change and its qualifier: approximate when either figure is (80+ -> 100≈ is no exact +20)."""
    if now is None or prev is None:
        return None, "exact"
    value = (float(now) - float(prev)) / float(prev) * 100 if pct else float(now) - float(prev)
    if pct and float(prev) == 0:
        return None, "exact"
    return value, worst(q_now, q_prev)


def ranking(
    df: pl.DataFrame, year: int, lang: str, unit: Unit = PERCENT
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The chosen last year: counties ranked, with YoY change (marked ≈ when it rests on an
    approximate figure), their city, and the city's and the region's own figures beside.

    Returns what the screen shows and the same as a download (typed numbers, marks apart)."""
    now = df.filter(pl.col("year") == year)
    rows = list(now.iter_rows(named=True))
    city_rows = {r["committee_code"]: r for r in rows if r["level"] == "city"}
    region = next((r for r in rows if r["level"] == "region"), None)
    counties = [r for r in rows if r["level"] == "county"]
    values = sorted({float(r["value"]) for r in counties if r["value"] is not None}, reverse=True)
    better = {
        v: sum(1 for r in counties if r["value"] is not None and float(r["value"]) > v) + 1 for v in values
    }
    for r in rows:
        r["rank"] = better[float(r["value"])] if r["level"] == "county" and r["value"] is not None else None
        r["yoy"], r["yoy_q"] = _change(r["value"], r["prev_value"], r["qualifier"], r["prev_qualifier"])
        pct, _ = _change(r["value"], r["prev_value"], r["qualifier"], r["prev_qualifier"], pct=True)
        r["yoy_pct"] = pct
        city = city_rows.get(r["city_code"]) if r["level"] == "county" else None
        r["city"] = city["committee_name"] if city else None
        r["city_fig"] = city or {}
        r["region_fig"] = region if r["level"] != "region" else {}
    order = {"county": 0, "city": 1, "region": 2}
    rows.sort(
        key=lambda r: (order.get(r["level"], 3), r["rank"] is None, r["rank"] or 0, r["committee_code"])
    )

    def col(key: str) -> str:
        return t(key, lang)

    view = pl.DataFrame({
        col("rank"): [str(r["rank"]) if r["rank"] else MISSING for r in rows],
        "committee_code": [r["committee_code"] for r in rows],
        col("committee"): [r["committee_name"] for r in rows],
        col("city_of"): [r["city"] or MISSING for r in rows],
        "level": [r["level"] for r in rows],
        str(year): [fmt(r["value"], unit, r["qualifier"], r["corrected"]) for r in rows],
        str(year - 1): [fmt(r["prev_value"], unit, r["prev_qualifier"], r["prev_corrected"]) for r in rows],
        col("yoy"): [fmt(r["yoy"], unit, r["yoy_q"]) for r in rows],
        col("yoy_pct"): [fmt(r["yoy_pct"], PERCENT, r["yoy_q"], with_unit=True) for r in rows],
        col("city_own"): [fmt(r["city_fig"].get("value"), unit, r["city_fig"].get("qualifier")) for r in rows],
        col("region_own"): [fmt(r["region_fig"].get("value"), unit, r["region_fig"].get("qualifier")) for r in rows],
    }, schema_overrides={col("rank"): pl.String})  # fmt: skip
    data = pl.DataFrame({
        col("rank"): pl.Series([r["rank"] for r in rows], dtype=pl.Int64),
        "committee_code": [r["committee_code"] for r in rows],
        col("committee"): [r["committee_name"] for r in rows],
        col("city_of"): pl.Series([r["city"] for r in rows], dtype=pl.String),
        "level": [r["level"] for r in rows],
    }).with_columns(
        figure_columns(str(year), [r["value"] for r in rows], [r["qualifier"] for r in rows], unit, lang,
                       [r["corrected"] for r in rows])
        + figure_columns(str(year - 1), [r["prev_value"] for r in rows], [r["prev_qualifier"] for r in rows],
                         unit, lang, [r["prev_corrected"] for r in rows])
        + figure_columns(col("yoy"), [r["yoy"] for r in rows], [r["yoy_q"] for r in rows], unit, lang)
        + figure_columns(col("yoy_pct"), [r["yoy_pct"] for r in rows], [r["yoy_q"] for r in rows], PERCENT, lang)
        + figure_columns(col("city_own"), [r["city_fig"].get("value") for r in rows],
                         [r["city_fig"].get("qualifier") for r in rows], unit, lang)
        + figure_columns(col("region_own"), [r["region_fig"].get("value") for r in rows],
                         [r["region_fig"].get("qualifier") for r in rows], unit, lang)
    )  # fmt: skip
    return view, data


def rollup_table(picked: dict, year: int, lang: str) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """Each city (and the region): its own figure beside the sum of its counties, with coverage."""
    if picked["category"] == INDICATORS or picked["basis"] != "total" or picked["unit"] is PERCENT:
        return None
    df = ask("rollup", picked["metric"], year, picked["region"])
    if picked["city"]:
        df = df.filter(pl.col("committee_code") == picked["city"])
    if df.height == 0:
        return None
    unit = picked["unit"]
    df = localized(df, lang)
    coverage = [
        t("coverage_of", lang).format(n=n, m=m)
        for n, m in zip(df["counties_reporting"], df["counties_in_area"], strict=True)
    ]
    view = df.select(
        "committee_code",
        "committee_name",
        pl.col("rollup_level").alias("level"),
        pl.Series("own", [fmt(v, unit, q) for v, q in zip(df["own_value"], df["own_qualifier"], strict=True)]),
        pl.Series(
            "counties_sum",
            [fmt(v, unit, "approx" if a else "exact") for v, a in
             zip(df["counties_sum"], df["includes_approximate"], strict=True)],
        ),
        pl.Series("coverage", coverage),
    )  # fmt: skip
    own_h, sum_h = header(t("col_own", lang), unit, lang), header(t("col_counties_sum", lang), unit, lang)
    data = df.select(
        "committee_code",
        "committee_name",
        pl.col("rollup_level").alias("level"),
        pl.col("own_value").map_elements(lambda v: scaled(v, unit), return_dtype=pl.Float64).alias(own_h),
        pl.col("own_qualifier").alias("qualifier"),
        pl.col("counties_sum").map_elements(lambda v: scaled(v, unit), return_dtype=pl.Float64).alias(sum_h),
        pl.col("counties_reporting").alias(t("col_coverage", lang) + " n"),
        pl.col("counties_in_area").alias(t("col_coverage", lang) + " m"),
    )
    return view, data


def notes(picked: dict, df: pl.DataFrame, lang: str) -> list[tuple[str, str]]:
    """The Excel notes sheet: what the figures are, in what unit, from how many sources."""
    unit = picked["unit"]
    scope = " · ".join(x for x in (picked["region_name"], picked["city_name"]) if x)
    years = picked["years"]
    return [
        (t("note_metric", lang), picked["metric_name"]),
        (t("note_definition", lang), t(f"basis_{picked['basis']}", lang) + " · " + picked["metric_name"]),
        (t("note_unit", lang), unit.symbol(lang) or MISSING),
        (t("note_scope", lang), f"{scope} · {years[0]}-{years[-1]}" if years else scope),
        (t("note_sources", lang), str(int(df["mention_count"].fill_null(0).sum()))),
        (t("note_marks", lang), t("approx_note", lang)),
    ]


def render() -> None:
    lang = nav.lang()
    picked = choose(lang)
    if picked is None:
        st.info(t("no_data", lang))
        return
    if not picked["years"]:
        st.info(t("no_years", lang))
        return
    unit = picked["unit"]
    df = ask("compare", picked["metric"], picked["years"], picked["region"], picked["city"], picked["basis"])
    if df.height == 0 or df["value"].is_null().all():
        st.info(t("no_data", lang))
        return
    df = localized(df, lang).with_columns(shown(df, unit=unit))
    chart_df = df.with_columns(
        pl.col("value").map_elements(lambda v: scaled(v, unit), return_dtype=pl.Float64),
        pl.when(pl.col("value").is_null()).then(pl.lit(t("missing", lang))).otherwise("shown").alias("label"),
    )
    title = header(picked["metric_name"], unit, lang)
    years = picked["years"]
    words = [picked["metric_name"], t(f"basis_{picked['basis']}", lang) if picked["basis"] != "total" else ""]
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    fmt_spec = vega_format(unit)
    last = years[-1]

    def heatmap() -> None:  # a small title: the chart starts high on a laptop screen
        st.markdown(f"**{title} · {t('heatmap', lang)}**")
        charts.show("heatmap", chart_df, t("committee", lang), t("year", lang), title, fmt_spec)
        st.caption(t("approx_note", lang))

    def committee_years() -> None:
        st.subheader(f"{title} · {t('heatmap', lang)}")
        table(
            committee_year_table(df, lang), "_".join(words + [t("heatmap", lang), span]), lang,
            download=committee_year_download(df, picked, lang), notes=notes(picked, df, lang),
            key="committee_year",
        )  # fmt: skip
        st.caption(t("approx_note", lang))

    def bars() -> None:
        st.subheader(f"{title} · {t('bar_chart', lang)}")
        charts.show("bars", chart_df, t("committee", lang), t("year", lang), title, fmt_spec)

    def ranked() -> None:
        st.subheader(f"{title} · {t('ranking', lang)}{colon(lang)}{last}")
        view, data = ranking(df, last, lang, unit)
        table(view, "_".join(words + [t("ranking", lang), str(last)]), lang, download=data,
              notes=notes(picked, df, lang) + [(t("note_ranking", lang), t("ranking_note", lang))], key="ranking")  # fmt: skip
        st.caption(t("ranking_note", lang))
        rolled = rollup_table(picked, last, lang)
        if rolled:
            st.subheader(f"{picked['metric_name']} · {t('rollup', lang)}{colon(lang)}{last}")
            table(
                rolled[0],
                "_".join(words + [t("rollup", lang), str(last)]),
                lang,
                download=rolled[1],
                key="rollup",
            )
            st.caption(t("rollup_note", lang))

    nav.sections(PAGE, {
        t("heatmap", lang): heatmap,
        t("tab_table", lang): committee_years,
        t("map", lang): lambda: tiles(chart_df, picked, last, title, lang),
        t("bar_chart", lang): bars,
        t("ranking", lang): ranked,
        t("tab_trace", lang): lambda: trace(df, lang),
    }, lang)  # fmt: skip


def tiles(chart_df: pl.DataFrame, picked: dict, year: int, title: str, lang: str) -> None:
    """The tile map of the region's county-level committees for the last year chosen."""
    grid = ask("tiles", picked["region"])
    if grid.height == 0:
        return
    grid = localized(grid, lang)
    if lang != "zh":  # full English names overlap on a tile: a short name, the full one on hover
        grid = grid.with_columns(pl.col("short_name").map_elements(short_label, return_dtype=pl.String))
    if picked["city"]:
        grid = grid.filter(pl.col("city_code") == picked["city"])
    values = chart_df.filter(pl.col("year") == year).select("committee_code", "value", "label")
    data = grid.join(values, on="committee_code", how="left").with_columns(
        pl.col("label").fill_null(t("missing", lang))
    )
    st.subheader(f"{title} · {t('map', lang)}{colon(lang)}{year}")
    charts.show("tiles", data, t("committee", lang), title, vega_format(picked["unit"]), stretch=False)
    st.caption(t("map_note", lang))


SUFFIXES = (" District", " County", " City", " Autonomous County", " Banner")


def short_label(name: str, limit: int = 9) -> str:
    """A tile's English label: the name without its administrative word, cut to fit a tile."""
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name if len(name) <= limit else name[: limit - 1] + "."


def metric_is_rate() -> bool:
    """A derived rate has two sources (shown on the committee page), not one figure's mentions."""
    return (filters.get("metric") or "").startswith("rate.")


def trace(df: pl.DataFrame, lang: str) -> None:
    """Pick a figure and open the mentions behind it (or the committee's page)."""
    figures = df.filter(pl.col("value").is_not_null())
    if figures.height == 0:
        return
    labels = {
        f"{r['committee_code']}|{r['year']}": f"{r['committee_name']} {r['year']}{colon(lang)}{r['shown']}"
        for r in figures.iter_rows(named=True)
    }
    c1, c2, c3 = st.columns([3, 1, 1])
    key = c1.selectbox(t("figure_to_trace", lang), list(labels), format_func=labels.get, key="trace_figure")
    code, year = key.split("|")
    with c2:  # a rate's provenance shows the sentences of both its counts
        nav.link("provenance", t("trace_rate" if metric_is_rate() else "open_provenance", lang),
                 committee=code, year=year)  # fmt: skip
    with c3:
        nav.link("committee", t("open_committee", lang), committee=code)


if __name__ == "__main__":
    render()
