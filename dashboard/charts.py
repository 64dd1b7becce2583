"""Altair charts of the dashboard. Labels are Chinese: the font list names a CJK font first.

Every chart takes figures already scaled to their display unit (``dashboard.figures.scaled``) in a
``value`` column and the text shown for each (``label``); axis and legend titles carry the unit and
their numbers the unit's format. Missing figures are grey and labelled, never coloured as zero.
"""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
GREY = "#d9d9d9"


def show(kind: str, df: pl.DataFrame, *args, stretch: bool = True) -> None:
    """Draw the chart ``kind`` (heatmap, bars, lines, tiles) of ``df``.

    Its Vega-Lite spec is made once per data and labels (cached) and without Altair's schema
    validation, which cost 0.1-0.9 s per layered chart on every page run (st.altair_chart always
    validates); the shapes are fixed and validated by tests/dashboard/test_figures.py.
    """
    st.vega_lite_chart(spec=_spec(kind, df, *args), width="stretch" if stretch else "content")


@st.cache_data(show_spinner=False, max_entries=256)
def _spec(kind: str, df: pl.DataFrame, *args) -> dict:
    return CHARTS[kind](df, *args).to_dict(validate=False)


def _style(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT)
        .configure_legend(labelFont=FONT, titleFont=FONT)
        .configure_view(stroke=None)
    )


def _color(title: str, number_format: str, domain: tuple | None = None) -> alt.Color:
    scale = alt.Scale(scheme="blues", domain=list(domain)) if domain else alt.Scale(scheme="blues")
    # titleLimit: a long English title (metric and unit) is wrapped by the page, never cut off
    return alt.Color("value:Q", title=title, scale=scale,
                     legend=alt.Legend(format=number_format, titleLimit=1000, orient="bottom"))  # fmt: skip


def heatmap(df: pl.DataFrame, committee: str, year: str, title: str, number_format: str) -> alt.Chart:
    """Committee x year. ``df``: committee_name, year, value (scaled or null), label."""
    data = df.select("committee_name", pl.col("year").cast(pl.String), "value", "label").to_pandas()
    order = list(dict.fromkeys(df["committee_name"].to_list()))
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=year, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("committee_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
        tooltip=[alt.Tooltip("committee_name:N", title=committee), alt.Tooltip("year:O", title=year),
                 alt.Tooltip("label:N", title=title)],
    )  # fmt: skip
    missing = base.transform_filter("!isValid(datum.value)").mark_rect(stroke="white", color=GREY)
    cells = (
        base.transform_filter("isValid(datum.value)")
        .mark_rect(stroke="white")
        .encode(color=_color(title, number_format))
    )
    text = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.condition("isValid(datum.value)", alt.value("#111111"), alt.value("#666666")),
    )
    return _style((missing + cells + text).properties(height=alt.Step(24)))


def bars(df: pl.DataFrame, committee: str, year: str, title: str, number_format: str) -> alt.Chart:
    """Horizontal bars, one row per committee (every name readable), one bar per year."""
    data = df.select("committee_name", pl.col("year").cast(pl.String), "value", "label")
    order = list(dict.fromkeys(df["committee_name"].to_list()))
    base = alt.Chart(data.to_pandas())
    # a missing year is a marked gap (a grey 'missing' label at zero), never an absent bar
    gaps = (
        base.transform_filter("!isValid(datum.value)")
        .transform_calculate(zero="0")
        .mark_text(align="left", dx=3, fontSize=9, color="#888888")
        .encode(
            y=alt.Y("committee_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
            yOffset="year:N",
            x=alt.X("zero:Q"),
            text="label:N",
            tooltip=[alt.Tooltip("committee_name:N", title=committee), alt.Tooltip("year:N", title=year),
                     alt.Tooltip("label:N", title=title)],
        )
    )  # fmt: skip
    chart = (
        base.transform_filter("isValid(datum.value)")
        .mark_bar()
        .encode(
            y=alt.Y("committee_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
            yOffset="year:N",
            x=alt.X("value:Q", title=title, axis=alt.Axis(format=number_format, orient="top")),
            color=alt.Color("year:N", title=year),
            tooltip=[
                alt.Tooltip("committee_name:N", title=committee),
                alt.Tooltip("year:N", title=year),
                alt.Tooltip("label:N", title=title),
            ],
        )  # fmt: skip
    )
    step = max(10, 30 // max(1, data["year"].n_unique()))  # room for a gap's label
    return _style((chart + gaps).properties(height=alt.Step(step)))


def lines(df: pl.DataFrame, committee: str, year: str, title: str, number_format: str) -> alt.Chart:
    """One metric over the years, one line per committee (the committee page)."""
    chart = (
        alt.Chart(df.select("committee_name", pl.col("year").cast(pl.String), "value", "label").to_pandas())
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=year, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format=number_format)),
            color=alt.Color("committee_name:N", title=committee),
            tooltip=[
                alt.Tooltip("committee_name:N", title=committee),
                alt.Tooltip("year:O", title=year),
                alt.Tooltip("label:N", title=title),
            ],
        )  # fmt: skip
        .properties(height=260)
    )
    return _style(chart)


def tiles(df: pl.DataFrame, committee: str, title: str, number_format: str) -> alt.Chart:
    """A tile map: one square per county-level committee at its grid cell (tile_col, tile_row from
    real centroids, warehouse/reference/county_tiles.csv), coloured by ``value``, missing grey.

    ``df``: committee_name, short_name, tile_col, tile_row, value (scaled or null), label.
    """
    data = df.select("committee_name", "short_name", "tile_col", "tile_row", "value", "label").to_pandas()
    cols = int(df["tile_col"].max()) + 1 if df.height else 1
    size = 76
    base = alt.Chart(data).encode(
        x=alt.X("tile_col:O", axis=None, scale=alt.Scale(domain=list(range(cols)))),
        y=alt.Y("tile_row:O", axis=None, scale=alt.Scale(domain=list(range(int(df["tile_row"].max()) + 1)))),
        tooltip=[alt.Tooltip("committee_name:N", title=committee), alt.Tooltip("label:N", title=title)],
    )  # the tile shows a short name; the full name is on hover
    missing = base.transform_filter("!isValid(datum.value)").mark_rect(
        stroke="white", strokeWidth=2, color=GREY
    )
    cells = (
        base.transform_filter("isValid(datum.value)")
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(color=_color(title, number_format))
    )
    name = base.mark_text(fontSize=11, dy=-8).encode(text="short_name:N")
    value = base.mark_text(fontSize=11, dy=9, fontWeight="bold").encode(text="label:N")
    rows = int(df["tile_row"].max()) + 1 if df.height else 1
    layers = (missing + cells + name + value).properties(width=cols * size, height=rows * size)
    return _style(layers).properties(autosize={"type": "pad"})


CHARTS = {"heatmap": heatmap, "bars": bars, "lines": lines, "tiles": tiles}
