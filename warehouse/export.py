"""Export the warehouse's dimensions and facts to Parquet or CSV files (``cstats export``).

Reads through a read-only connection, so it runs beside the dashboard and a publish. Rows are
written in a fixed order with one thread, so the same warehouse contents give byte-identical
files. publish_log (when it was published) is not exported: it is the only part that differs
between two publishes of the same inputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

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


class ExportError(ValueError):
    pass


def export(warehouse: str | Path, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
    """Write one file per table of :data:`EXPORTED` into ``out_dir``; return the paths written."""
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
    con = duckdb.connect(str(src), read_only=True, config={"threads": 1})
    try:
        con.execute("SET preserve_insertion_order = true").fetchall()
        for table, order in EXPORTED.items():
            target = out / f"{table}.{fmt}"
            tmp = out / f".{table}.{fmt}.tmp"
            con.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{_quote(tmp)}' ({options})"  # noqa: S608 - names from code
            ).fetchall()
            os.replace(tmp, target)
            written.append(target)
    finally:
        con.close()
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
