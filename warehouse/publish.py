"""Publish a new warehouse file atomically.

Readers (the dashboard, analysts) only ever open the live file read-only. A publish builds
``<name>.next.duckdb`` beside it, loads everything in bulk through Arrow, reconciles, CHECKPOINTs,
closes, and ``os.replace``s it over the live file. A reader holding the old file keeps a
consistent old snapshot; a crash before the rename leaves the previous warehouse untouched.
Publishers are serialised by a file lock.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
from filelock import FileLock

from warehouse.catalog import Catalog, load_catalog
from warehouse.exact import POLARS_DECIMAL
from warehouse.overrides import OVERRIDE_COLUMNS, default_store, list_overrides
from warehouse.register import Register, load_register

SCHEMA_DIR = Path(__file__).parent / "schema"
# The analysts' naming scheme: every column of a v_* view, with its one type and meaning.
VIEW_COLUMNS_CSV = SCHEMA_DIR / "view_columns.csv"
RECONCILE_SQL = Path(__file__).parent / "transform" / "reconcile.sql"

DOCUMENT_COLUMNS = {
    "doc_id": pl.String, "sha256": pl.String, "source_path": pl.String, "media_type": pl.String,
    "encoding": pl.String, "title": pl.String, "pages": pl.Int32, "chars": pl.Int32,
    "mentions": pl.Int32, "extractor_version": pl.String, "status": pl.String,
    "publisher": pl.String, "publication_date": pl.Date, "notes": pl.String,
}  # fmt: skip
QUARANTINE_COLUMNS = {
    "source_path": pl.String,
    "sha256": pl.String,
    "reason": pl.String,
    "message": pl.String,
}
MENTION_COLUMNS = {
    "sha256": pl.String, "doc_id": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
    "surface": pl.String, "value": POLARS_DECIMAL, "unit": pl.String, "qualifier": pl.String,
    "category_code": pl.String, "metric_code": pl.String, "committee_name": pl.String,
    "committee_code": pl.String, "level": pl.String, "period_start": pl.Int32, "period_end": pl.Int32,
    "page": pl.Int32, "bbox": pl.List(pl.Float64), "sentence": pl.String,
    "ocr_confidence": pl.Float64,  # null: text (layer); OCR'd scans: the block's mean confidence
    # how the period was found (pipelines/extract/periods.py), inferred from a level's term cycle,
    # why it is null, and the document or address whose ordinal dated the committee's calendar
    "period_source": pl.String, "period_inferred": pl.Boolean, "period_reason": pl.String,
    "period_evidence": pl.String,
}  # fmt: skip

# Views computed once per publish instead of on every read (the dashboard's data-quality page and
# the Dagster checks read them by name). Each view keeps its one definition in schema/*.sql: at
# publish its rows are stored in the table mat_<name>, ordered for the dashboard's reads, and the view
# is redefined to read that table (same name, columns and comments). Value: the table's sort order.
MATERIALIZED = {
    "v_coverage": "region_code, committee_code, year",
    "v_quality_conflicts": "committee_code, metric_code, period_start, period_end",
    "v_quality_yoy_jumps": "jump_factor DESC, committee_code, metric_code",
    "v_quality_documents_without_mentions": "doc_id",
    "v_quality_unmatched_mentions": "doc_id, char_start",
    "v_indicator_rate": "indicator_code, region_code, committee_code, year",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def materialize(con: duckdb.DuckDBPyConnection, view: str, order_by: str) -> str:
    """Store ``view``'s rows in a table and point the view at it; returns the table's name."""
    table = "mat_" + view.removeprefix("v_")
    comment = con.sql("SELECT comment FROM duckdb_views() WHERE view_name = ?", params=[view]).fetchall()
    columns = con.sql(
        "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
        params=[view],
    ).fetchall()
    # Names come from MATERIALIZED and the catalog; comments are quoted as SQL literals.
    statements = [
        f"CREATE TABLE {table} AS SELECT * FROM {view} ORDER BY {order_by}",  # noqa: S608 - names from code
        f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM {table}",  # noqa: S608 - names from code
    ]
    about = comment[0][0] if comment and comment[0][0] else view
    statements.append(f"COMMENT ON VIEW {view} IS {_literal(about)}")
    statements.append(
        f"COMMENT ON TABLE {table} IS {_literal(f'{view} as computed at publish (read it through {view}). ' + about)}"
    )
    for name, text in columns:
        if text:
            statements.append(f'COMMENT ON COLUMN {view}."{name}" IS {_literal(text)}')
            statements.append(f'COMMENT ON COLUMN {table}."{name}" IS {_literal(text)}')
    con.execute(";\n".join(statements)).fetchall()
    return table


def view_columns() -> dict[str, tuple[str, str]]:
    """The naming scheme of the analyst views: column name -> (DuckDB type, meaning)."""
    with VIEW_COLUMNS_CSV.open(encoding="utf-8", newline="") as fh:
        return {r["column_name"]: (r["data_type"], r["meaning"]) for r in csv.DictReader(fh)}


def comment_view_columns(con: duckdb.DuckDBPyConnection) -> int:
    """Give every view column without a comment the meaning the naming scheme states; returns how many."""
    scheme = view_columns()
    bare = con.sql(
        "SELECT view_name, column_name FROM duckdb_columns() c JOIN duckdb_views() v "
        "ON v.view_name = c.table_name AND v.schema_name = c.schema_name AND v.database_name = c.database_name "
        "WHERE NOT v.internal AND coalesce(c.comment, '') = ''"
    ).fetchall()
    statements = [
        f'COMMENT ON COLUMN {view}."{column}" IS {_literal(scheme[column][1])}'
        for view, column in bare
        if column in scheme
    ]
    if statements:
        con.execute(";\n".join(statements)).fetchall()
    return len(statements)


@dataclass(frozen=True)
class PublishResult:
    path: Path
    documents: int
    mentions: int
    quarantined: int
    facts: int
    published_at: dt.datetime
    overrides: int = 0
    orphan_overrides: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase of the build


def empty_frame(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def _column(frame: pl.DataFrame, name: str, dtype) -> pl.Expr:
    if name not in frame.columns:
        return pl.lit(None).cast(dtype).alias(name)
    if dtype == pl.Date and frame.schema[name] == pl.String:
        # Dates from document metadata arrive as text; unparseable ones become null.
        return pl.col(name).str.to_date(strict=False).alias(name)
    return pl.col(name).cast(dtype).alias(name)


def conform(frame: pl.DataFrame, schema: dict) -> pl.DataFrame:
    """Select and cast ``frame`` to ``schema`` (missing columns become nulls), in schema order;
    a frame that has exactly those columns, types and order already is returned as it is."""
    if frame.width and list(frame.schema.items()) == list(schema.items()):
        return frame
    cols = [_column(frame, name, dtype) for name, dtype in schema.items()]
    return frame.select(cols) if frame.width else pl.DataFrame(schema=schema)


def _reference_frames(register: Register, catalog: Catalog) -> dict[str, pl.DataFrame]:
    categories = pl.DataFrame(
        [{"category_code": c.code, "name_zh": c.name_zh, "name_en": c.name_en} for c in catalog.categories]
    )
    metrics = pl.DataFrame(
        [
            {
                "metric_code": m.code,
                "category_code": m.category,
                "name_zh": m.name_zh,
                "name_en": m.name_en,
                "units": list(m.units),
                "additive": list(m.units) != ["%"],
                "bound_min": m.bounds[0],
                "bound_max": m.bounds[1] if m.bounds[1] != float("inf") else None,
            }  # fmt: skip
            for m in catalog.metrics
        ],
        schema_overrides={"units": pl.List(pl.String), "bound_max": pl.Float64},
    )
    rows = []
    for c in register.committees:
        # Parents as they stand at the end of this version (a parent may be younger than its child).
        chain = register.chain(c.code, c.valid_to)
        region = next((p.code for p in chain if p.level == "region"), None)
        city = next((p.code for p in chain if p.level == "city"), None)
        rows.append(
            {
                "committee_code": c.code,
                "name_zh": c.name,
                "short_name_zh": c.short_name,
                "committee_name_zh": c.committee_name,
                "name_pinyin": getattr(c, "name_pinyin", "") or None,
                "name_en": getattr(c, "name_en", "") or None,
                "level": c.level,
                "parent_code": c.parent_code,
                "region_code": region,
                "city_code": city,
                "valid_from": c.valid_from,
                "valid_to": c.valid_to,
            }  # fmt: skip
        )
    committees = pl.DataFrame(
        rows,
        schema_overrides={
            "valid_to": pl.Int32,
            "valid_from": pl.Int32,
            "name_pinyin": pl.String,
            "name_en": pl.String,
            "parent_code": pl.String,
            "region_code": pl.String,
            "city_code": pl.String,
        },  # fmt: skip
    )
    return {"dim_category": categories, "dim_metric": metrics, "dim_committee": committees}


def _load(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height == 0:
        return
    arrow = frame.to_arrow(compat_level=pl.CompatLevel.newest())  # string views: no copy
    con.register("_incoming", arrow)
    try:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming").fetchall()  # noqa: S608 - names from code
    finally:
        con.unregister("_incoming")


class DuplicateMention(ValueError):
    """Two mentions share a document and character span (the key overrides are matched by)."""


def _check_unique_mentions(con: duckdb.DuckDBPyConnection) -> None:
    # A 64-bit hash per key answers "all unique?" cheaply; the exact query names a duplicate.
    unique = con.sql(
        "SELECT count(*) = count(DISTINCT hash(sha256, char_start, char_end)) FROM fact_mention"
    ).fetchall()[0][0]
    if unique:
        return
    dup = con.sql(
        "SELECT doc_id, char_start, char_end, count(*) AS n FROM fact_mention "
        "GROUP BY sha256, doc_id, char_start, char_end HAVING count(*) > 1 ORDER BY ALL LIMIT 1"
    ).fetchall()
    if dup:
        doc, start, end, n = dup[0]
        raise DuplicateMention(
            f"{n} mentions share document {doc} span {start}-{end}: each span must be unique"
        )


def build(
    path: Path,
    documents: pl.DataFrame,
    mentions: pl.DataFrame,
    quarantine: pl.DataFrame,
    extractor_version: str,
    published_at: dt.datetime,
    *,
    overrides: pl.DataFrame | None = None,
    register: Register | None = None,
    catalog: Catalog | None = None,
    timings: dict[str, float] | None = None,
    outcomes: pl.DataFrame | None = None,
    reviews: pl.DataFrame | None = None,
) -> tuple[int, int]:
    """Create a complete warehouse file at ``path`` (which must not exist).

    Returns (fact rows, orphan overrides); records the seconds of each phase in ``timings``.
    """
    overrides = overrides if overrides is not None else empty_frame(OVERRIDE_COLUMNS)
    timings = timings if timings is not None else {}
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[phase] = timings.get(phase, 0.0) + now - clock
        clock = now

    reference = _reference_frames(register or load_register(), catalog or load_catalog())
    con = duckdb.connect(str(path))
    try:
        # The physical row order of the file does not matter (exports and views order explicitly),
        # so inserts may run in parallel without keeping the input order.
        con.execute("SET preserve_insertion_order = false").fetchall()
        ddl = "\n".join(f.read_text(encoding="utf-8") for f in sorted(SCHEMA_DIR.glob("*.sql")))
        con.execute(f"BEGIN TRANSACTION;\n{ddl}\nCOMMIT;").fetchall()
        comment_view_columns(con)
        lap("schema")
        for table, frame in reference.items():
            _load(con, table, frame)
        _load(con, "dim_document", conform(documents, DOCUMENT_COLUMNS))
        _load(con, "quarantine", conform(quarantine, QUARANTINE_COLUMNS))
        _load(con, "override", conform(overrides, OVERRIDE_COLUMNS))
        if hasattr(mentions, "load_into"):  # a warehouse.spool.MentionSpool: streamed from its file
            mentions.load_into(con, "fact_mention")
        else:
            _load(con, "fact_mention", conform(mentions, MENTION_COLUMNS))
        for table, frame in (("file_outcome", outcomes), ("mention_review", reviews)):
            if frame is not None:
                _load(con, table, frame)
        _check_unique_mentions(con)
        lap("load")
        # From here on, inserts keep the order they are given: figures are stored by metric and
        # materialized views in the order the dashboard reads them (zone maps skip the rest).
        con.execute("SET preserve_insertion_order = true").fetchall()
        con.execute(RECONCILE_SQL.read_text(encoding="utf-8")).fetchall()
        con.execute(
            "INSERT INTO publish_log VALUES (?, ?, ?, ?, ?)",
            [published_at, extractor_version, documents.height, mentions.height, quarantine.height],
        ).fetchall()
        facts = con.sql("SELECT count(*) FROM fact_committee_metric_period").fetchall()[0][0]
        orphans = (
            con.sql("SELECT count(*) FROM v_override_orphans").fetchall()[0][0] if overrides.height else 0
        )
        lap("reconcile")
        for view, order_by in MATERIALIZED.items():
            materialize(con, view, order_by)
        lap("materialize")
        con.execute("CHECKPOINT").fetchall()
    finally:
        con.close()
    lap("checkpoint")
    return facts, orphans


def publish(
    warehouse: str | Path,
    documents: pl.DataFrame,
    mentions: pl.DataFrame,
    quarantine: pl.DataFrame | None = None,
    *,
    extractor_version: str,
    overrides: str | Path | pl.DataFrame | None = None,
    register: Register | None = None,
    catalog: Catalog | None = None,
    outcomes: pl.DataFrame | None = None,
    reviews: pl.DataFrame | None = None,
) -> PublishResult:
    """Build the whole warehouse beside ``warehouse`` and swap it in atomically.

    ``overrides``: the override store to apply (a path, or a frame as returned by
    ``list_overrides``); default ``warehouse.overrides.default_store(warehouse)``.
    ``register`` / ``catalog``: reference data other than the bundled files (benchmarks).
    ``outcomes`` / ``reviews``: the file_outcome and mention_review rows (pipelines/run/outcomes.py,
    pipelines/run/review.py); held mentions stay out of the reconciled figures.
    """
    live = Path(warehouse)
    live.parent.mkdir(parents=True, exist_ok=True)
    quarantine = quarantine if quarantine is not None else empty_frame(QUARANTINE_COLUMNS)
    if not isinstance(overrides, pl.DataFrame):
        overrides = list_overrides(overrides if overrides is not None else default_store(live))
    nxt = live.with_name(live.stem + ".next" + live.suffix)
    published_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with FileLock(str(live.with_name(live.name + ".lock"))):
        for leftover in (nxt, nxt.with_name(nxt.name + ".wal")):
            leftover.unlink(missing_ok=True)
        timings: dict[str, float] = {}
        try:
            facts, orphans = build(
                nxt, documents, mentions, quarantine, extractor_version, published_at,
                overrides=overrides, register=register, catalog=catalog, timings=timings,
                outcomes=outcomes, reviews=reviews,
            )  # fmt: skip
        except BaseException:  # a full disk, a stopped run: the half-built file never stays
            for leftover in (nxt, nxt.with_name(nxt.name + ".wal")):
                leftover.unlink(missing_ok=True)
            shutil.rmtree(nxt.with_name(nxt.name + ".tmp"), ignore_errors=True)  # DuckDB's spill folder
            raise
        os.replace(nxt, live)
    return PublishResult(
        live, documents.height, mentions.height, quarantine.height, facts, published_at,
        overrides.height, orphans, timings,
    )  # fmt: skip
