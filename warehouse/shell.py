"""`cstats sql`: one query against the latest publish, read-only, on the project's own DuckDB.

The DuckDB command-line shells packaged elsewhere lag behind the Python wheel and cannot open this
storage format; the Python package pinned by the project always can, so the shell is built on it
(``warehouse.read.connect``: read-only, the latest publish). Output: a table for the terminal
(DuckDB's box renderer), or CSV / JSON / Parquet written by DuckDB's own COPY (exact decimals, the
same types as the warehouse).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import duckdb

from warehouse.read import connect

FORMATS = ("table", "csv", "json", "parquet")
# Where --format parquet writes when no --output is given (relative to the working folder).
DEFAULT_PARQUET = Path("cstats_sql.parquet")
_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "json": "FORMAT json, ARRAY true",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


class QueryError(ValueError):
    """The query failed or there is nothing to query; the message is DuckDB's."""


def run(
    query: str,
    warehouse: str | Path | None = None,
    *,
    fmt: str = "table",
    output: str | Path | None = None,
    max_rows: int = 40,
    out: TextIO | None = None,
) -> Path | None:
    """Run ``query`` (several statements: the last one's result) and write its result.

    ``table``, ``csv`` and ``json`` go to ``out`` (stdout) unless ``output`` names a file; ``parquet``
    always goes to a file (``output``, default :data:`DEFAULT_PARQUET`). Returns the file written.
    """
    if fmt not in FORMATS:
        raise QueryError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not query.strip():
        raise QueryError("no query: give one as an argument or on stdin")
    out = out or sys.stdout
    con = connect(warehouse)
    try:
        try:
            result = con.sql(query)
        except duckdb.Error as e:
            raise QueryError(str(e)) from e
        if result is None:  # a statement without a result (SET, PRAGMA ...)
            return None
        if fmt == "table" and output is None:
            width = shutil.get_terminal_size((160, 40)).columns
            with contextlib.redirect_stdout(out):
                result.show(max_width=width, max_rows=max_rows)
            return None
        target = Path(output) if output is not None else (DEFAULT_PARQUET if fmt == "parquet" else None)
        return _copy(con, result, fmt, target, out)
    finally:
        con.close()


def _copy(con: duckdb.DuckDBPyConnection, result, fmt: str, target: Path | None, out: TextIO) -> Path | None:
    options = _COPY_OPTIONS.get(fmt, _COPY_OPTIONS["csv"])
    with tempfile.TemporaryDirectory(prefix="cstats-sql-") as tmp:
        spool = Path(tmp) / f"result.{fmt}"
        con.register("_cstats_result", result)
        try:
            literal = str(spool).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM _cstats_result) TO '{literal}' ({options})").fetchall()  # noqa: S608 - a temp path and constant options
        except duckdb.Error as e:
            raise QueryError(str(e)) from e
        finally:
            con.unregister("_cstats_result")
        if target is None:
            out.write(spool.read_text(encoding="utf-8"))
            out.flush()
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spool, target.with_name(target.name + ".tmp"))
        os.replace(target.with_name(target.name + ".tmp"), target)
        return target.resolve()
