"""委员会 Committee: one committee's metrics over the years, beside its parent's and its siblings'."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, filters, nav
from dashboard.data import ask
from dashboard.i18n import t
from dashboard.tables import localized, shown, table

PAGE = "committee"


def metrics_over_years(figs: pl.DataFrame, code: str, years: list[int], lang: str) -> pl.DataFrame:
    """One row per metric of ``code``: its figure each year (missing stays None) and a sparkline."""
    own = figs.filter(pl.col("committee_code") == code)
    if own.height == 0:
        return pl.DataFrame()
    own = own.with_columns(shown(own))
    name = "metric_name_zh" if lang == "zh" else "metric_name_en"
    wide = own.with_columns(pl.col("year").cast(pl.String)).pivot(
        on="year", index=["metric_code", name], values="shown", sort_columns=True
    )
    spark = (
        pl.DataFrame({"year": years})
        .join(own.select("metric_code").unique(), how="cross")
        .join(own.select("metric_code", "year", "value"), on=["metric_code", "year"], how="left")
        .sort("metric_code", "year")
        .group_by("metric_code", maintain_order=True)
        .agg(pl.col("value").drop_nulls().alias("trend"))  # the years with a figure; gaps are not zeros
    )
    return wide.join(spark, on="metric_code", how="left").rename({name: t("metric", lang)})


def render() -> None:
    lang = nav.lang()
    committees = ask("committees", filters.get("region"))
    if committees.height == 0:
        st.info(t("no_data", lang))
        return
    names = dict(zip(committees["committee_code"], committees[f"committee_name_{lang}"], strict=True))
    with_data = committees.filter(pl.col("has_data"))["committee_code"].to_list()
    code = filters.select(PAGE,
        t("committee", lang), list(names), "committee", format_func=names.get,
        default=with_data[0] if with_data else None,
    )  # fmt: skip
    info = ask("committee", code)
    years = ask("years")
    parent = ask("committee", info["parent_code"]) if info and info["parent_code"] else None
    siblings = ask("siblings", code)
    level = t("level_" + info["level"], lang)
    st.subheader(f"{names[code]} · {level}")
    if parent:
        st.caption(f"{t('parent', lang)}: {parent[f'committee_name_{lang}']}")
    codes = [code] + ([parent["committee_code"]] if parent else []) + siblings["committee_code"].to_list()
    figs = ask("committee_figures", codes)
    st.markdown(f"**{t('committee_metrics', lang)}**")
    own = metrics_over_years(figs, code, years, lang)
    if own.height == 0:
        st.info(t("no_data", lang))
    else:
        table(
            own,
            f"{code}_metrics",
            lang,
            column_config={"trend": st.column_config.LineChartColumn(t("trend", lang))},
        )
    if figs.height == 0:
        return
    st.markdown(f"**{t('compare_with', lang)}**")
    m_names = dict(
        zip(figs["metric_code"], figs["metric_name_zh" if lang == "zh" else "metric_name_en"], strict=False)
    )
    metric = filters.select(PAGE, t("metric", lang), sorted(m_names), "metric", format_func=m_names.get)
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
    one = figs.filter(pl.col("metric_code") == metric).join(peers, on="committee_code", how="left")
    st.altair_chart(
        charts.lines(one, t("committee", lang), t("year", lang), m_names[metric]), width="stretch"
    )
    if one.height:
        one = one.with_columns(shown(one), pl.col("year").cast(pl.String))
        wide = one.pivot(on="year", index="committee_code", values="shown", sort_columns=True)
        wide = peers.join(wide, on="committee_code", how="left")
    else:
        wide = peers
    table(wide, f"{code}_{metric}_peers", lang)


if __name__ == "__main__":
    render()
