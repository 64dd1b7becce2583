"""Tables as shown (every cell text: figures formatted, codes named, missing as —) and their
CSV/Excel downloads (headers in the user's language, figures as numbers, a notes sheet)."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import polars as pl
import streamlit as st

from dashboard.figures import CORRECTED, MISSING, NONE, Unit, fmt, header, mark, number, scaled
from dashboard.i18n import has, t

# Columns a reader does not need on screen (codes, offsets, hashes); downloads keep them.
HIDDEN = {
    "committee_code", "metric_code", "category_code", "indicator_code", "sha256", "char_start", "char_end",
    "bbox", "media_type", "source_path", "extractor_version", "city_code", "region_code", "parent_code",
    "share_in_document", "doc_id", "numerator_doc", "denominator_doc", "stated_doc",
}  # fmt: skip
# Columns whose values are codes with a name in i18n.yaml (val_<column>_<value>).
NAMED_VALUES = (
    "level",
    "status",
    "qualifier",
    "media_type",
    "override_action",
    "direction",
    "rate_source",
    "reason",
    "role",
)


def shown(df: pl.DataFrame, value: str = "value", qualifier: str = "qualifier", unit: Unit = NONE,
          corrected: str = "corrected") -> pl.Series:  # fmt: skip
    """The figures of ``df`` as shown: in ``unit``, marked when approximate, corrected (✎) or dated by
    a term cycle (†, column ``period_inferred`` beside ``value``)."""
    marks = df[corrected].to_list() if corrected in df.columns else [False] * df.height
    quals = df[qualifier].to_list() if qualifier in df.columns else ["exact"] * df.height
    inferred_col = "period_inferred" if value == "value" else f"{value.removesuffix('value')}period_inferred"
    inferred = df[inferred_col].to_list() if inferred_col in df.columns else [False] * df.height
    return pl.Series(
        "shown",
        [
            fmt(v, unit, q, c, inferred=i)
            for v, q, c, i in zip(df[value].to_list(), quals, marks, inferred, strict=True)
        ],
        dtype=pl.String,
    )


def figure_columns(title: str, values, qualifiers, unit: Unit, lang: str, corrected=None) -> list[pl.Series]:
    """A figure column of a download as two: the number in the header's unit (a typed cell) and
    its marks (≈, +, ≤, ✎) in a column of their own, never inside the number."""
    values, qualifiers = list(values), list(qualifiers)
    corrected = list(corrected) if corrected is not None else [False] * len(values)
    numbers = [scaled(v, unit) for v in values]
    marks = [
        (mark(q) + (CORRECTED if c else "")) if v is not None else ""
        for v, q, c in zip(numbers, qualifiers, corrected, strict=True)
    ]
    return [
        pl.Series(header(title, unit, lang), numbers, dtype=pl.Float64),
        pl.Series(f"{title}{t('mark_suffix', lang)}", marks, dtype=pl.String),
    ]


def doc_title(doc_id: str | None) -> str | None:
    """The document's title where it has one, else its code."""
    from dashboard.data import ask

    return None if doc_id is None else ask("document_titles").get(doc_id, doc_id)


def with_titles(df: pl.DataFrame) -> pl.DataFrame:
    """Documents by their titles: a title column beside a doc_id (the code stays for downloads),
    and lists of documents (doc_ids) as their titles."""
    if "doc_id" in df.columns and "title" not in df.columns:
        at = df.columns.index("doc_id") + 1
        df = df.insert_column(
            at, pl.Series("title", [doc_title(d) for d in df["doc_id"].to_list()], dtype=pl.String)
        )
    if "doc_ids" in df.columns:
        titles = [
            None if ds is None else [doc_title(d) for d in (ds if isinstance(ds, list) else ds.split(", "))]
            for ds in df["doc_ids"].to_list()
        ]
        df = df.with_columns(pl.Series("doc_ids", titles, dtype=pl.List(pl.String)))
    return df


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


def value_label(column: str, value, lang: str) -> str | None:
    """The name of a coded value (level county -> 县级), or the value itself when it has none."""
    if value is None:
        return None
    key = f"val_{column}_{value}"
    return t(key, lang) if has(key) else str(value)


def named(df: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Coded values (levels, qualifiers, media types, review actions...) by their names in ``lang``."""
    exprs = [
        pl.col(c).map_elements(lambda v, c=c: value_label(c, v, lang), return_dtype=pl.String)
        for c in NAMED_VALUES
        if c in df.columns and df.schema[c] == pl.String
    ]
    return df.with_columns(exprs) if exprs else df


def _label(column: str, lang: str) -> str:
    return t(f"col_{column}", lang) if has(f"col_{column}") else column


def _cell_text(value) -> str:
    if isinstance(value, pl.Series):
        value = value.to_list()
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_cell_text(v) for v in value)
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        return number(value)  # exact DECIMAL values too: 34, not 34.000000
    return str(value)


def flat(df: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, arrays, structs) as text: CSV and Excel cells hold scalars only."""
    nested = [c for c, dtype in df.schema.items() if dtype.is_nested()]
    return df.with_columns(
        pl.col(c).map_elements(_cell_text, return_dtype=pl.String, skip_nulls=True) for c in nested
    )


# Columns drawn as small line charts: they stay lists of numbers.
SPARKLINES = {"trend"}
# Integer columns that name a year or a page: shown without thousands separators.
PLAIN_NUMBERS = {"year", "period_start", "period_end", "members_year", "page", "pages"}


def display(df: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Every cell as the text a reader sees: numbers formatted, yes/no named, missing as —."""
    yes, no = t("yes", lang), t("no", lang)
    out = []
    for c, dtype in df.schema.items():
        col = pl.col(c)
        if c in PLAIN_NUMBERS and dtype.is_integer():
            col = col.cast(pl.String)
        elif dtype == pl.Boolean:
            col = pl.when(col).then(pl.lit(yes)).when(col.not_()).then(pl.lit(no))
        elif c in SPARKLINES and isinstance(dtype, pl.List) and dtype.inner.is_numeric():
            out.append(col.cast(pl.List(pl.Float64)).alias(c))  # a sparkline reads numbers, never text
            continue
        elif dtype.is_numeric() or dtype.is_nested():
            col = col.map_elements(_cell_text, return_dtype=pl.String, skip_nulls=True)
        elif dtype in (pl.Datetime, pl.Date):
            col = col.dt.strftime("%Y-%m-%d %H:%M" if dtype == pl.Datetime else "%Y-%m-%d")
        else:
            col = col.cast(pl.String)
        out.append(col.fill_null(MISSING).replace("", MISSING).alias(c))
    return df.select(out)


def typed(df: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """Cells of a download as a reader expects them: exact decimals as numbers, counts as integers
    (22, not 22.0), yes/no as on screen (是/否, not false), nested values as text."""
    yes, no = t("yes", lang), t("no", lang)
    out = []
    df = flat(df)
    for c, dtype in df.schema.items():
        col = pl.col(c)
        if dtype == pl.Boolean:
            col = pl.when(col).then(pl.lit(yes)).when(col.not_()).then(pl.lit(no))
        elif isinstance(dtype, pl.Decimal) or dtype.is_float():
            values = df[c].cast(pl.Float64).drop_nulls().drop_nans()
            integral = (
                values.len() > 0 and bool((values == values.round(0)).all()) and values.abs().max() < 2**53
            )
            col = col.cast(pl.Float64).fill_nan(None)
            if integral:
                col = col.cast(pl.Int64)
        out.append(col.alias(c))
    return df.select(out)


def to_excel(
    df: pl.DataFrame,
    notes: list[tuple[str, str]] | None = None,
    sheet: str = "data",
    notes_sheet: str = "notes",
) -> bytes:
    """An .xlsx: the table (numbers stay numbers) and, when given, a notes sheet of (label, text)."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        flat(df).to_pandas().to_excel(xl, index=False, sheet_name=sheet[:31])
        if notes:
            pd.DataFrame(notes, columns=["", " "]).to_excel(
                xl, index=False, header=False, sheet_name=notes_sheet[:31]
            )
    return buf.getvalue()


def _csv_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def to_csv(df: pl.DataFrame) -> bytes:
    """CSV text: a whole number in a column of mixed figures is written 22, never 22.0."""
    df = flat(df)
    df = df.with_columns(
        pl.col(c).map_elements(_csv_number, return_dtype=pl.String, skip_nulls=True)
        for c, dtype in df.schema.items()
        if dtype.is_float()
    )
    return ("\ufeff" + df.write_csv()).encode("utf-8")  # BOM: Excel opens Chinese CSV correctly


def file_name(*words: str) -> str:
    """A download's file name from words (metric, view, years); nothing a file system refuses."""
    text = "_".join(w for w in words if w)
    return re.sub(r'[\\/:*?"<>|\s]+', "-", text).strip("-_") or "table"


def table(
    df: pl.DataFrame,
    name: str,
    lang: str,
    *,
    download: pl.DataFrame | None = None,
    notes: list[tuple[str, str]] | None = None,
    key: str | None = None,
    **kwargs,
) -> None:
    """st.dataframe of ``df`` as text (codes hidden, names and headers in ``lang``) plus CSV and
    Excel downloads of ``download`` (default ``df``: codes kept, numbers as numbers).

    ``name``: words for the file names; ``notes``: rows of the Excel notes sheet.
    """
    from dashboard.data import shows_sample_data

    df = with_titles(named(localized(df, lang), lang))
    data = with_titles(named(localized(download if download is not None else df, lang), lang))
    shown_df = display(df.drop([c for c in df.columns if c in HIDDEN]), lang)
    config = {c: _label(c, lang) for c in shown_df.columns}
    config.update(kwargs.pop("column_config", {}))
    st.dataframe(shown_df, hide_index=True, column_config=config, **kwargs)
    data = data.rename({c: _label(c, lang) for c in data.columns if has(f"col_{c}")})
    sample = shows_sample_data()
    notes = list(notes or [])
    if sample:
        notes.append((t("sample_mark", lang), t("sample_notice", lang)))
    notes.append((t("generated_at", lang), f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"))
    base = file_name(name, t("sample_mark", lang) if sample else "")
    key = key or base
    sheets = {"sheet": t("sheet_data", lang), "notes_sheet": t("sheet_notes", lang)}
    left, right = st.columns(2)
    # Files are made when the button is clicked (deferred), not on every run of the page.
    left.download_button(
        t("download_csv", lang), lambda: to_csv(typed(data, lang)), f"{base}.csv", "text/csv", key=f"csv_{key}",
        on_click="ignore",
    )  # fmt: skip
    right.download_button(
        t("download_xlsx", lang),
        lambda: to_excel(typed(data, lang), notes, **sheets),
        f"{base}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        on_click="ignore",
    )
