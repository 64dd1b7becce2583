"""Export the warehouse to Parquet or CSV files (``cstats export``).

Tables (dimensions and facts) are written one file each. The analyst views of :data:`VIEWS` are
written as Hive-partitioned folders, one sub-folder per year (``v_figure/year=2024/data_0.parquet``),
so readers (polars, pandas/pyarrow, DuckDB, BI tools) load one year without scanning the others.

Reads through a read-only connection (:func:`warehouse.read.connect`), so it runs beside the dashboard
and a publish. Rows are written in a fixed order with one thread, so the same warehouse contents give
byte-identical files. publish_log (when it was published) is not exported: it is the only part that
differs between two publishes of the same inputs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from warehouse.read import WarehouseMissing, connect

FORMATS = ("parquet", "csv")
# Table -> the key that orders its rows.
EXPORTED = {
    "dim_category": "category_code",
    "dim_metric": "metric_code",
    "dim_committee": "committee_code, valid_from",
    "dim_document": "sha256",
    "quarantine": "source_path, sha256",
    "fact_mention": "sha256, char_start, char_end",
    "fact_committee_metric_period": "committee_code, metric_code, period_start, period_end",
    "override": "seq",
    "file_outcome": "source_path",
    "mention_review": "sha256, char_start, char_end",
}
# Analyst view -> the key that orders its rows inside each year's partition (docs/warehouse.md).
VIEWS = {
    "v_figure": "committee_code, metric_code",
    "v_indicator_rate": "indicator_code, committee_code",
    "v_category_year": "committee_code, category, unit",
    "v_yoy": "committee_code, metric_code",
    "v_county_rank": "metric_code, region_code, committee_code",
    "v_rollup": "metric_code, grouping_id, rollup_code, committee_code",
    "v_coverage": "committee_code",
    "v_per_member": "committee_code, metric_code",
}


class ExportError(ValueError):
    pass


def export(
    warehouse: str | Path, out_dir: str | Path, fmt: str = "parquet", *, views: bool = True
) -> list[Path]:
    """Write one file per table of :data:`EXPORTED` and one year-partitioned folder per view of
    :data:`VIEWS` into ``out_dir``; return the paths written (files, then view folders)."""
    if fmt not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    src = Path(warehouse)
    if not src.is_file():
        raise ExportError(f"no warehouse at {src}: run `cstats run` first")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"not a folder: {out}")
    out.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
    written = []
    try:
        con = connect(src)
    except WarehouseMissing as e:
        raise ExportError(str(e)) from e
    try:
        con.execute("SET threads = 1; SET preserve_insertion_order = true").fetchall()
        for table, order in EXPORTED.items():
            target = out / f"{table}.{fmt}"
            tmp = out / f".{table}.{fmt}.tmp"
            con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{_quote(tmp)}' ({options})"  # noqa: S608 - names from code
            ).fetchall()
            os.replace(tmp, target)
            written.append(target)
        if views:
            for view, order in VIEWS.items():
                written.append(_export_view(con, out, view, order, options))
    finally:
        con.close()
    return written


def _export_view(con, out: Path, view: str, order: str, options: str) -> Path:
    """Write ``view`` as ``out/<view>/year=<year>/data_0.<fmt>``; the folder is swapped in whole."""
    target = out / view
    tmp = out / f".{view}.tmp"
    old = out / f".{view}.old"
    for leftover in (tmp, old):
        shutil.rmtree(leftover, ignore_errors=True)
    con.execute(
        f"COPY (SELECT * FROM {view} ORDER BY year, {order}) TO '{_quote(tmp)}' "  # noqa: S608 - names from code
        f"({options}, PARTITION_BY (year))"
    ).fetchall()
    tmp.mkdir(exist_ok=True)  # an empty view still gets its (empty) folder
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
