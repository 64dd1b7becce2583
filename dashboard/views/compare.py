"""对比 Compare: one metric, committees x years."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.data import current
from dashboard.i18n import t

_MARK = {"exact": "", "at_least": "+", "approx": "≈", "at_most": "≤"}


def committee_year_table(df: pl.DataFrame) -> pl.DataFrame:
    """Committees as rows, years as columns; approximate values marked; no figure = missing."""
    if df.height == 0:
        return df
    shown = df.with_columns(
        (
            pl.col("value").map_elements(
                lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}", return_dtype=pl.String
            )
            + pl.col("qualifier").replace_strict(_MARK, default="")
        ).alias("shown"),
        pl.col("year").cast(pl.String),
    )
    return shown.pivot(
        on="year", index=["committee_code", "committee_name_zh"], values="shown", sort_columns=True
    ).sort("committee_code")


def render() -> None:
    lang = st.session_state.get("lang", "zh")
    wh = current()
    metrics = wh.metrics()
    if metrics.height == 0:
        st.info(t("no_data", lang))
        return
    codes = metrics["metric_code"].to_list()
    names = dict(zip(codes, metrics["name_zh" if lang == "zh" else "name_en"].to_list(), strict=True))
    default = st.query_params.get("metric", codes[0])
    metric = st.selectbox(
        t("metric", lang), codes, index=codes.index(default) if default in codes else 0,
        format_func=lambda c: f"{names[c]} ({c})", key="metric",
    )  # fmt: skip
    st.query_params["metric"] = metric
    all_years = wh.years()
    years = st.multiselect(t("years", lang), all_years, default=all_years, key="years")
    df = wh.metric_by_committee_year(metric, years)
    if df.height == 0:
        st.info(t("no_data", lang))
        return
    st.dataframe(committee_year_table(df), hide_index=True)
    st.caption(t("approx_note", lang))
