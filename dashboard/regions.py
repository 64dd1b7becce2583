"""The region a page shows: regions with data first, and a committee named in a link brings its own.

Pages about one committee (委员会, 来源) offer the committees of one region, not the whole register:
a selector of 3,000 committees alone cost 0.25-0.6 s of every page load in the browser.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from dashboard import filters
from dashboard.data import ask
from dashboard.i18n import t


def with_data_first(df: pl.DataFrame) -> pl.DataFrame:
    """Only the rows with data, when any has data (a national register, data from a few regions)."""
    return df.filter(pl.col("has_data")) if df["has_data"].any() else df


def choose(page: str, lang: str, container: Any = None) -> str | None:
    """The region selector of a committee's page. A link naming a committee (not written by this
    session) shows that committee's region."""
    regions = ask("regions")
    if regions.height == 0:
        return None
    regions = with_data_first(regions)
    names = dict(
        zip(regions["committee_code"], regions["name_zh" if lang == "zh" else "name_en"], strict=True)
    )
    if filters.from_outside("committee"):
        info = ask("committee", st.query_params["committee"])
        if info and info["region_code"] in names:
            st.query_params["region"] = info["region_code"]
    return filters.select(
        page, t("region", lang), list(names), "region", format_func=names.get, container=container
    )
