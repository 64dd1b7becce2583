"""对比 Compare: region -> city -> category -> metric -> years; committees x years."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, filters, nav
from dashboard.data import ask
from dashboard.i18n import t
from dashboard.tables import MISSING, localized, shown, table

PAGE = "compare"


def choose(lang: str) -> dict | None:
    """The filter row. Returns the choices, or None when there is nothing to choose from."""
    regions = ask("regions")
    if regions.height == 0:
        return None
    names = dict(
        zip(regions["committee_code"], regions["name_zh" if lang == "zh" else "name_en"], strict=True)
    )
    c1, c2, c3, c4 = st.columns(4)
    region = filters.select(
        PAGE, t("region", lang), list(names), "region", format_func=names.get, container=c1
    )
    cities = ask("cities", region)
    city_names = {"": t("all_cities", lang)} | dict(
        zip(cities["committee_code"], cities["name_zh" if lang == "zh" else "name_en"], strict=True)
    )
    city = filters.select(
        PAGE, t("city", lang), list(city_names), "city", format_func=city_names.get, container=c2
    )
    cats = ask("categories")
    if cats.height == 0:
        return None
    wanted_metric = st.query_params.get("metric")
    if wanted_metric and not st.query_params.get("category"):  # a link naming only the metric
        every = ask("metrics")
        found = every.filter(pl.col("metric_code") == wanted_metric)["category_code"].to_list()
        if found:
            st.query_params["category"] = found[0]
    cat_names = dict(zip(cats["category_code"], cats["name_zh" if lang == "zh" else "name_en"], strict=True))
    category = filters.select(
        PAGE, t("category", lang), list(cat_names), "category", format_func=cat_names.get, container=c3
    )
    metrics = ask("metrics", category)
    m_names = dict(
        zip(metrics["metric_code"], metrics["name_zh" if lang == "zh" else "name_en"], strict=True)
    )
    metric = filters.select(
        PAGE, t("metric", lang), list(m_names), "metric", format_func=m_names.get, container=c4
    )
    all_years = ask("years")
    years = sorted(filters.multiselect(PAGE, t("years", lang), all_years, "years", default=all_years))
    return {"region": region, "city": city or None, "category": category, "metric": metric,
            "metric_name": m_names.get(metric, metric), "years": years}  # fmt: skip


def committee_year_table(df: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """Committees as rows, years as columns; approximate values marked; no figure = missing (None).

    ``df``: compare() answers with names localized (a committee_name column).
    """
    if df.height == 0:
        return df
    levels = {lv: t(f"level_{lv}", lang) for lv in ("region", "city", "county")}
    return (
        df.with_columns(shown(df), pl.col("year").cast(pl.String), pl.col("level").replace(levels))
        .with_columns(pl.when(pl.col("value").is_null()).then(None).otherwise(pl.col("shown")).alias("shown"))
        .pivot(
            on="year",
            index=["committee_code", "committee_name", "level"],
            values="shown",
            sort_columns=True,
        )
    )


def ranking(df: pl.DataFrame, year: int, lang: str) -> pl.DataFrame:
    """The chosen last year: counties ranked, with YoY change and their city and region figures beside."""
    now = df.filter(pl.col("year") == year)
    now = now.with_columns(shown(now), shown(now, "prev_value", "prev_qualifier").alias("prev_shown"))
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
            (pl.col("yoy_pct") * 100).round(1),
        )
        .sort([county.not_(), "rank", "committee_code"], nulls_last=True)
    )
    level = {lv: t(f"level_{lv}", lang) for lv in ("region", "city", "county")}
    return out.select(
        pl.col("rank").cast(pl.Int32).alias(t("rank", lang)),
        pl.col("committee_code"),
        pl.col("committee_name").alias(t("committee", lang)),
        pl.col("level").replace_strict(level, default=None).alias(t("level", lang)),
        pl.col("shown").alias(str(year)),
        pl.col("prev_shown").alias(str(year - 1)),
        pl.col("yoy").alias(t("yoy", lang)),
        pl.col("yoy_pct").alias(t("yoy_pct", lang)),
        pl.col("city_shown").alias(t("level_city", lang)),
        pl.col("region_shown").alias(t("level_region", lang)),
    )


def render() -> None:
    lang = nav.lang()
    picked = choose(lang)
    if picked is None:
        st.info(t("no_data", lang))
        return
    if not picked["years"]:
        st.info(t("no_years", lang))
        return
    df = ask("compare", picked["metric"], picked["years"], picked["region"], picked["city"])
    if df.height == 0 or df["value"].is_null().all():
        st.info(t("no_data", lang))
        return
    df = localized(df, lang).with_columns(shown(df))
    title = picked["metric_name"]
    st.subheader(f"{title} · {t('heatmap', lang)}")
    st.altair_chart(
        charts.heatmap(df, t("committee", lang), t("year", lang), title, t("missing", lang)),
        width="stretch",
    )
    table(committee_year_table(df, lang), f"{picked['metric']}_committee_year", lang)
    st.caption(t("approx_note", lang))
    st.subheader(f"{title} · {t('bar_chart', lang)}")
    st.altair_chart(charts.grouped_bars(df, t("committee", lang), t("year", lang), title), width="stretch")
    last = picked["years"][-1]
    st.subheader(f"{title} · {t('ranking', lang)}: {last}")
    table(ranking(df, last, lang), f"{picked['metric']}_ranking_{last}", lang)
    trace(df, lang)


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
    with c2:
        nav.link("provenance", t("open_provenance", lang), committee=code, year=year)
    with c3:
        nav.link("committee", t("open_committee", lang), committee=code)


if __name__ == "__main__":
    render()
