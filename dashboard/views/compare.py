"""对比 Compare: region -> city -> category -> metric (or a quality rate) -> basis -> years;
committees x years, a tile map, bars, ranking, and the counties' sum beside each city's own figure."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, filters, nav
from dashboard.data import ask
from dashboard.figures import MISSING, PERCENT, Unit, fmt, header, scaled, unit_of, vega_format
from dashboard.i18n import t
from dashboard.regions import with_data_first
from dashboard.tables import localized, shown, table

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
    c1, c2, c3, c4, c5 = st.columns([3, 3, 3, 4, 2])
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
                            placeholder=t("choose_options", lang))
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
    """The same as numbers: one row per committee x year, the figure in the unit of the header, its
    qualifier and the correction mark in their own columns."""
    unit = picked["unit"]
    return df.select(
        pl.col("committee_code"),
        pl.col("committee_name"),
        pl.col("level"),
        pl.col("year"),
        pl.col("value")
        .map_elements(lambda v: scaled(v, unit), return_dtype=pl.Float64, skip_nulls=True)
        .alias(header(picked["metric_name"], unit, lang)),
        pl.col("qualifier"),
        pl.col("corrected").fill_null(False).alias("corrected"),
    )


def ranking(df: pl.DataFrame, year: int, lang: str, unit: Unit = PERCENT) -> pl.DataFrame:
    """The chosen last year: counties ranked, with YoY change and their city and region figures beside."""
    now = df.filter(pl.col("year") == year)
    now = now.with_columns(
        shown(now, unit=unit),
        shown(now, "prev_value", "prev_qualifier", unit=unit, corrected="prev_corrected").alias("prev_shown"),
        pl.col("yoy").map_elements(lambda v: fmt(v, unit), return_dtype=pl.String).alias("yoy_shown"),
        (pl.col("yoy_pct") * 100).map_elements(lambda v: fmt(v, PERCENT, with_unit=True), return_dtype=pl.String)
        .alias("yoy_pct_shown"),
    )  # fmt: skip
    cities = now.filter(pl.col("level") == "city").select(
        pl.col("committee_code").alias("city_code"), pl.col("shown").alias("city_shown")
    )
    region = now.filter(pl.col("level") == "region")["shown"].to_list()
    county = pl.col("level") == "county"
    out = (
        now.join(cities, on="city_code", how="left")
        .with_columns(
            pl.when(county & pl.col("value").is_not_null())
            .then(pl.col("value").rank("min", descending=True).over(county))
            .alias("rank"),
            pl.when(county).then(pl.col("city_shown")).alias("city_shown"),
            pl.lit(region[0] if region else MISSING).alias("region_shown"),
        )
        .sort([county.not_(), "rank", "committee_code"], nulls_last=True)
    )
    return out.select(
        pl.col("rank").cast(pl.Int32).alias(t("rank", lang)),
        pl.col("committee_code"),
        pl.col("committee_name").alias(t("committee", lang)),
        pl.col("level"),
        pl.col("shown").alias(str(year)),
        pl.col("prev_shown").alias(str(year - 1)),
        pl.col("yoy_shown").alias(t("yoy", lang)),
        pl.col("yoy_pct_shown").alias(t("yoy_pct", lang)),
        pl.col("city_shown").alias(t("level_city", lang)),
        pl.col("region_shown").alias(t("level_region", lang)),
    )


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

    def heatmap() -> None:
        st.subheader(f"{title} · {t('heatmap', lang)}")
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
        st.subheader(f"{title} · {t('ranking', lang)}: {last}")
        table(
            ranking(df, last, lang, unit),
            "_".join(words + [t("ranking", lang), str(last)]),
            lang,
            key="ranking",
        )
        rolled = rollup_table(picked, last, lang)
        if rolled:
            st.subheader(f"{picked['metric_name']} · {t('rollup', lang)}: {last}")
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
    if picked["city"]:
        grid = grid.filter(pl.col("city_code") == picked["city"])
    values = chart_df.filter(pl.col("year") == year).select("committee_code", "value", "label")
    data = grid.join(values, on="committee_code", how="left").with_columns(
        pl.col("label").fill_null(t("missing", lang))
    )
    st.subheader(f"{title} · {t('map', lang)}: {year}")
    charts.show("tiles", data, t("committee", lang), title, vega_format(picked["unit"]), stretch=False)
    st.caption(t("map_note", lang))


def metric_is_rate() -> bool:
    """A derived rate has two sources (shown on the committee page), not one figure's mentions."""
    return (filters.get("metric") or "").startswith("rate.")


def trace(df: pl.DataFrame, lang: str) -> None:
    """Pick a figure and open the mentions behind it (or the committee's page)."""
    figures = df.filter(pl.col("value").is_not_null())
    if figures.height == 0:
        return
    labels = {
        f"{r['committee_code']}|{r['year']}": f"{r['committee_name']} {r['year']}: {r['shown']}"
        for r in figures.iter_rows(named=True)
    }
    c1, c2, c3 = st.columns([3, 1, 1])
    key = c1.selectbox(t("figure_to_trace", lang), list(labels), format_func=labels.get, key="trace_figure")
    code, year = key.split("|")
    if not metric_is_rate():
        with c2:
            nav.link("provenance", t("open_provenance", lang), committee=code, year=year)
    with c3:
        nav.link("committee", t("open_committee", lang), committee=code)


if __name__ == "__main__":
    render()
