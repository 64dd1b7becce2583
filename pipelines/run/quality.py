"""Data-quality rules: blocking rules over the staged tables, warnings over the published warehouse.

Plain functions (frames and DuckDB connections in, findings out); pipelines/defs/checks.py turns them
into Dagster asset checks. The staged mentions are a polars frame or a spool
(warehouse/spool.py); the rules over mentions run one batch at a time (a frame is one batch, a
spool its row groups). Row groups hold whole documents and every rule is per mention or per
document, so the findings are those of the whole corpus while memory holds one row group.
"""

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import polars as pl

from pipelines.run.collect import Staged
from warehouse.catalog import load_catalog
from warehouse.publish import MENTION_COLUMNS, SCHEMA_DIR, conform

UNMATCHED_SHARE_LIMIT = 0.25  # warn when more than this share of mentions matches no metric
PREVIEW_ROWS = 10
TABLES = {"documents": "dim_document", "mentions": "fact_mention", "quarantine": "quarantine"}


@functools.cache
def _not_null_columns() -> dict[str, frozenset[str]]:
    """NOT NULL columns of each loaded table, read from the warehouse's own schema files."""
    con = duckdb.connect()
    try:
        for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
            con.execute(sql_file.read_text(encoding="utf-8")).fetchall()
        rows = con.sql(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT is_nullable"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(table, set()).add(column)
    return {t: frozenset(c) for t, c in out.items()}


def mention_batches(mentions) -> Iterator[pl.DataFrame]:
    """The mentions of a ``Staged``, a frame or a spool, one batch at a time, as they are (columns
    unchecked: the schema rule reports missing ones)."""
    if isinstance(mentions, Staged):
        mentions = mentions.mentions
    if isinstance(mentions, pl.DataFrame):
        yield mentions
    else:
        yield from mentions.batches()


def run_rules(mentions, *rules: Callable[[pl.DataFrame], pl.DataFrame]) -> tuple[pl.DataFrame, ...]:
    """Each ``rule`` (over one frame of mentions with every contract column, a missing one null)
    applied to each batch of a ``Staged``, frame or spool, the findings of each concatenated; one
    read of the batches serves every rule."""
    found: list[list[pl.DataFrame]] = [[] for _ in rules]
    for batch in mention_batches(mentions):
        batch = conform(batch, MENTION_COLUMNS)
        for out, rule in zip(found, rules, strict=True):
            out.append(rule(batch))
    empty = conform(pl.DataFrame(), MENTION_COLUMNS)
    return tuple(pl.concat(f) if f else rule(empty) for f, rule in zip(found, rules, strict=True))


def per_batch(rule: Callable[[pl.DataFrame], pl.DataFrame]) -> Callable[..., pl.DataFrame]:
    """``rule`` over one frame made a rule over a ``Staged``, frame or spool (``run_rules``); the
    per-frame rule stays reachable as ``__wrapped__``, for running several rules in one pass."""

    @functools.wraps(rule)
    def over(mentions) -> pl.DataFrame:
        return run_rules(mentions, rule)[0]

    return over


def schema_problems(staged: Staged, expected: dict[str, dict]) -> list[str]:
    """Columns missing or mistyped, and nulls in the warehouse's NOT NULL columns."""
    problems: dict[str, int | None] = {}  # problem -> count of rows (None: not a count)
    not_null = _not_null_columns()
    loaded = staged.documents.select("sha256") if "sha256" in staged.documents.columns else None
    for name, table in TABLES.items():
        frames = mention_batches(staged) if name == "mentions" else [getattr(staged, name)]
        for frame in frames:
            for column, dtype in expected[name].items():
                if column not in frame.columns:
                    problems[f"{name}.{column}: missing"] = None
                elif frame.schema[column] != dtype:
                    problems[f"{name}.{column}: {frame.schema[column]} instead of {dtype}"] = None
                elif column in not_null.get(table, ()) and (nulls := frame[column].null_count()):
                    key = f"{name}.{column}: {{}} null values in a NOT NULL column"
                    problems[key] = (problems.get(key) or 0) + nulls
            if name != "mentions" or not frame.height:
                continue
            if {"char_start", "char_end"} <= set(frame.columns):
                if bad := frame.filter(pl.col("char_end") <= pl.col("char_start")).height:
                    key = "mentions: {} with char_end <= char_start"
                    problems[key] = (problems.get(key) or 0) + bad
            if loaded is not None and "sha256" in frame.columns:
                if orphans := frame.join(loaded, on="sha256", how="anti").height:
                    key = "mentions: {} of documents not loaded"
                    problems[key] = (problems.get(key) or 0) + orphans
    return [p if n is None else p.format(n) for p, n in problems.items()]


@per_batch
def duplicate_mentions(m: pl.DataFrame) -> pl.DataFrame:
    """Mentions sharing a document and character span (the fact_mention key), with their count."""
    return (
        m.group_by("sha256", "char_start", "char_end")
        .agg(pl.len().alias("copies"), pl.col("doc_id").first(), pl.col("surface").first())
        .filter(pl.col("copies") > 1)
        .sort("sha256", "char_start")
    )


@per_batch
def unattributed_mentions(m: pl.DataFrame) -> pl.DataFrame:
    """Mentions with a metric whose committee or period is neither resolved nor flagged.

    Resolved: the committee code is in the register and valid in the period's last year, and the
    period is a non-empty range. Explicitly flagged: the committee code is null, which the mention
    contract (docs/mentions.md) defines as "unresolved", or the metric is null ("kept for
    review"); those pass and never enter the reconciled facts. What fails would otherwise fall out
    of the analysts' views silently: a code the register does not know (in that year), or a
    resolved committee without a period.
    """
    from warehouse.register import load_register

    register = load_register()
    m = m.filter(pl.col("metric_code").is_not_null() & pl.col("committee_code").is_not_null())
    no_period = (
        pl.col("period_start").is_null()
        | pl.col("period_end").is_null()
        | (pl.col("period_start") > pl.col("period_end"))
    )
    known = [
        register.get(code, year) is not None if year is not None else True
        for code, year in m.select("committee_code", "period_end").iter_rows()
    ]
    return (
        m.with_columns(pl.Series("known", known, dtype=pl.Boolean))
        .with_columns(
            problem=pl.when(no_period)
            .then(pl.lit("no period"))
            .when(~pl.col("known"))
            .then(pl.lit("committee code not in the register for that year"))
        )
        .filter(pl.col("problem").is_not_null())
        .select(
            "doc_id", "surface", "metric_code", "committee_code", "period_start", "period_end", "problem",
            "sha256", "char_start", "char_end",
        )
    )  # fmt: skip


@per_batch
def unresolved_committee(m: pl.DataFrame) -> pl.DataFrame:
    """Mentions with a metric but an unresolved committee (code null), with their keys."""
    return m.filter(pl.col("metric_code").is_not_null() & pl.col("committee_code").is_null()).select(
        "doc_id", "surface", "sha256", "char_start", "char_end"
    )


@per_batch
def out_of_bounds(m: pl.DataFrame) -> pl.DataFrame:
    """Mentions whose value lies outside its metric's catalog bounds, or whose metric is unknown.

    Bounds are for one committee's yearly value; a figure over several years (a term report) may
    reach the upper bound times the number of years, except rates.
    """
    catalog = load_catalog()
    bounds = pl.DataFrame(
        {
            "metric_code": [m.code for m in catalog.metrics],
            "bound_min": [m.bounds[0] for m in catalog.metrics],
            "bound_max": [m.bounds[1] for m in catalog.metrics],
        }
    )
    years = (pl.col("period_end") - pl.col("period_start") + 1).fill_null(1).clip(lower_bound=1)
    upper = pl.when(pl.col("unit") == "%").then(pl.col("bound_max")).otherwise(pl.col("bound_max") * years)
    return (
        m.filter(pl.col("metric_code").is_not_null())
        .join(bounds, on="metric_code", how="left")
        .filter(
            pl.col("bound_min").is_null()
            | (pl.col("value") < pl.col("bound_min"))
            | (pl.col("value") > upper)
        )
        .with_columns(
            problem=pl.when(pl.col("bound_min").is_null())
            .then(pl.lit("metric not in the catalog"))
            .otherwise(pl.lit("value outside the catalog bounds"))
        )
        .select(
            "doc_id", "surface", "value", "unit", "metric_code", "bound_min", "bound_max", "problem",
            "sha256", "char_start", "char_end",
        )
    )  # fmt: skip


KEEP_SHARE = 0.5  # a publish must keep at least this share of the previous figures
MIN_FIGURES_TO_GUARD = 20  # below this many previous figures there is nothing to guard


def keeps_most_figures(before: int, kept: int) -> bool:
    """The rule of the blocking check ``publish_keeps_most_figures``."""
    return before < MIN_FIGURES_TO_GUARD or kept >= KEEP_SHARE * before


FIGURE_KEYS = ["committee_code", "metric_code", "period_start", "period_end"]


def figure_keys(mentions, held: pl.DataFrame) -> pl.DataFrame:
    """The distinct figures (committee x metric x period) the mentions give; held mentions give none."""
    held_keys = held.select("sha256", "char_start", "char_end")

    @per_batch
    def keys(m: pl.DataFrame) -> pl.DataFrame:
        if held.height:
            m = m.join(held_keys, on=["sha256", "char_start", "char_end"], how="anti")
        return m.drop_nulls(FIGURE_KEYS).select(FIGURE_KEYS).unique()

    return keys(mentions).unique()


def figures_kept(warehouse: str | Path, now: pl.DataFrame) -> tuple[int, int]:
    """(figures in the live warehouse, how many of them the ``figure_keys`` ``now`` still give).
    No live warehouse: (0, 0)."""
    if not Path(warehouse).is_file():
        return 0, 0
    con = open_read_only(warehouse)
    try:
        before = con.sql(
            "SELECT DISTINCT committee_code, metric_code, period_start, period_end FROM fact_committee_metric_period"
        ).pl()
    finally:
        con.close()
    kept = (
        before.cast({"period_start": pl.Int32, "period_end": pl.Int32})
        .join(now.cast({"period_start": pl.Int32, "period_end": pl.Int32}), on=FIGURE_KEYS, how="semi")
        .height
    )
    return before.height, kept


# Warnings read the warehouse's data-quality views (warehouse/schema/050_quality.sql): one
# definition each, shared with the dashboard's data-quality page.
QUALITY_VIEWS = (
    "v_quality_documents_without_mentions",
    "v_quality_unmatched_mentions",
    "v_quality_yoy_jumps",
)


def quality_view(con: duckdb.DuckDBPyConnection, view: str) -> pl.DataFrame:
    """The rows of one data-quality view of the published warehouse."""
    if view not in QUALITY_VIEWS:
        raise KeyError(view)
    return con.sql(f"SELECT * FROM {view}").pl()  # noqa: S608 - a name from QUALITY_VIEWS


def open_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


def preview_markdown(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """A markdown table of the first ``rows`` rows (shown in the Dagster UI)."""
    with pl.Config(
        tbl_formatting="MARKDOWN", tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=True,
        tbl_rows=rows, tbl_cols=-1, tbl_width_chars=1000, fmt_str_lengths=60,
    ):  # fmt: skip
        return str(frame.head(rows))
