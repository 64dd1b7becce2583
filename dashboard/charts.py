"""Altair charts of the dashboard. Labels are Chinese: the font list names a CJK font first."""

from __future__ import annotations

import altair as alt
import polars as pl

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def _style(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT)
        .configure_legend(labelFont=FONT, titleFont=FONT)
    )


def heatmap(df: pl.DataFrame, committee: str, year: str, value: str, missing: str) -> alt.Chart:
    """Committee x year; missing cells are grey and labelled, never coloured as zero.

    ``df`` has columns committee_name, year, value, shown.
    """
    data = df.select("committee_name", pl.col("year").cast(pl.String), "value", "shown").with_columns(
        pl.when(pl.col("value").is_null()).then(pl.lit(missing)).otherwise(pl.col("shown")).alias("label")
    )
    order = list(dict.fromkeys(data["committee_name"].to_list()))
    base = alt.Chart(data.to_pandas()).encode(
        x=alt.X("year:O", title=year),
        y=alt.Y("committee_name:N", title=committee, sort=order, axis=alt.Axis(labelLimit=240)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            "datum.value === null",
            alt.value("#e6e6e6"),
            alt.Color("value:Q", title=value, scale=alt.Scale(scheme="blues")),
        ),
        tooltip=[alt.Tooltip("committee_name:N", title=committee), alt.Tooltip("year:O", title=year),
                 alt.Tooltip("label:N", title=value)],
    )  # fmt: skip
    text = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.condition("datum.value === null", alt.value("#888888"), alt.value("#111111")),
    )
    return _style((cells + text).properties(height=alt.Step(26)))


def grouped_bars(df: pl.DataFrame, committee: str, year: str, value: str) -> alt.Chart:
    """One group of bars per committee, one bar per year; committees without a figure have no bar."""
    data = df.filter(pl.col("value").is_not_null()).select(
        "committee_name", pl.col("year").cast(pl.String), "value", "shown"
    )
    order = list(dict.fromkeys(df["committee_name"].to_list()))
    chart = (
        alt.Chart(data.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("committee_name:N", title=committee, sort=order, axis=alt.Axis(labelAngle=-40)),
            xOffset="year:N",
            y=alt.Y("value:Q", title=value),
            color=alt.Color("year:N", title=year),
            tooltip=[
                alt.Tooltip("committee_name:N", title=committee),
                alt.Tooltip("year:N", title=year),
                alt.Tooltip("shown:N", title=value),
            ],
        )  # fmt: skip
        .properties(height=320)
    )
    return _style(chart)


def lines(df: pl.DataFrame, committee: str, year: str, value: str) -> alt.Chart:
    """One metric over the years, one line per committee (the committee page)."""
    chart = (
        alt.Chart(df.select("committee_name", "year", "value").to_pandas())
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=year),
            y=alt.Y("value:Q", title=value),
            color=alt.Color("committee_name:N", title=committee),
        )
        .properties(height=260)
    )
    return _style(chart)
