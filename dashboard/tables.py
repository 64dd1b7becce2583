"""Tables as shown: figures formatted with their qualifier mark, and CSV/Excel downloads."""

from __future__ import annotations

import io

import polars as pl
import streamlit as st

from dashboard.i18n import has, t

MARK = {"exact": "", "at_least": "+", "approx": "≈", "at_most": "≤"}
MISSING = "—"
CORRECTED = "✎"


def fmt_value(value: float | None, qualifier: str | None = "exact", corrected: bool | None = False) -> str:
    """94 -> '94', 120 at_least -> '120+', 98.5 -> '98.50', None -> '—' (missing, never zero).

    A value corrected by an analyst ends with ✎.
    """
    if value is None:
        return MISSING
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text + MARK.get(qualifier or "exact", "") + (CORRECTED if corrected else "")


def shown(df: pl.DataFrame, value: str = "value", qualifier: str = "qualifier") -> pl.Series:
    """The figures of ``df`` as shown (marked when approximate or, with a ``corrected`` column, corrected)."""
    corrected = (
        df["corrected"].to_list() if value == "value" and "corrected" in df.columns else [False] * df.height
    )
    return pl.Series(
        "shown",
        [
            fmt_value(v, q, c)
            for v, q, c in zip(df[value].to_list(), df[qualifier].to_list(), corrected, strict=True)
        ],
        dtype=pl.String,
    )


def flat(df: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, arrays, structs) as text: CSV and Excel cells hold scalars only."""
    nested = [c for c, dtype in df.schema.items() if dtype.is_nested()]
    return df.with_columns(
        pl.col(c).map_elements(_cell_text, return_dtype=pl.String, skip_nulls=True) for c in nested
    )


def _cell_text(value) -> str:
    if isinstance(value, pl.Series):
        value = value.to_list()
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_cell_text(v) for v in value)
    return str(value)


def to_excel(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    flat(df).to_pandas().to_excel(buf, index=False, engine="openpyxl")
    return buf.getvalue()


def to_csv(df: pl.DataFrame) -> bytes:
    return ("\ufeff" + flat(df).write_csv()).encode("utf-8")  # BOM: Excel opens Chinese CSV correctly


def localized(df: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Names in ``lang``: each X_zh / X_en column pair becomes one column X, where it stood.

    English names fall back to the Chinese ones where the reference data has none.
    """
    cols = []
    for c in df.columns:
        base, suffix = c[:-3], c[-3:]
        if suffix == "_zh":
            en = base + "_en"
            chosen = pl.col(en).fill_null(pl.col(c)) if lang == "en" and en in df.columns else pl.col(c)
            cols.append(chosen.alias(base))
        elif not (suffix == "_en" and base + "_zh" in df.columns):
            cols.append(pl.col(c))
    return df.select(cols)


def table(df: pl.DataFrame, name: str, lang: str, **kwargs) -> None:
    """st.dataframe (columns labelled in ``lang``, names in ``lang``) plus CSV and Excel downloads of it."""
    df = localized(df, lang)
    config = {c: t(f"col_{c}", lang) for c in df.columns if has(f"col_{c}")}
    config.update(kwargs.pop("column_config", {}))
    st.dataframe(df, hide_index=True, column_config=config, **kwargs)
    left, right = st.columns(2)
    left.download_button(t("download_csv", lang), to_csv(df), f"{name}.csv", "text/csv", key=f"csv_{name}")
    right.download_button(
        t("download_xlsx", lang),
        to_excel(df),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{name}",
    )
