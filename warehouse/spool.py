"""Mentions spooled to one Parquet file, so gathering and publishing never hold them all at once.

``MentionSpool.write(path)`` appends per-document frames, buffering at most ``batch_rows``
mentions before it writes a row group (whole documents per row group, so a row group holds every
mention of its documents: the per-document key checks can run one row group at a time).
``publish`` loads a spool into ``fact_mention`` with DuckDB's own Parquet reader, which streams
row groups: the publisher's memory stays bounded by a row group, not by the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq

from warehouse.publish import MENTION_COLUMNS, conform

BATCH_ROWS = 65_536
# DuckDB's buffer pool during a spooled publish: above it, DuckDB writes blocks to the file (and
# spills sorts and joins) instead of keeping the whole warehouse in memory (its default is 80 %
# of RAM, which would let the publisher grow with the corpus).
PUBLISH_MEMORY_LIMIT = "1GB"


class MentionSpool:
    """A finished spool: its path, its row count (from the file's footer) and its row groups."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.height = pq.ParquetFile(self.path).metadata.num_rows

    @classmethod
    def write(cls, path: str | Path, batch_rows: int = BATCH_ROWS) -> SpoolWriter:
        return SpoolWriter(Path(path), batch_rows)

    def batches(self) -> Iterator[pl.DataFrame]:
        """The mentions one row group at a time, in the warehouse's column types."""
        parquet = pq.ParquetFile(self.path)
        for i in range(parquet.num_row_groups):
            yield conform(pl.from_arrow(parquet.read_row_group(i)), MENTION_COLUMNS)

    def load_into(self, con: duckdb.DuckDBPyConnection, table: str) -> None:
        """Insert the spool into ``table``; from here on the connection's memory is capped."""
        con.execute(f"SET memory_limit = '{PUBLISH_MEMORY_LIMIT}'").fetchall()
        cols = ", ".join(f'"{c}"' for c in MENTION_COLUMNS)
        # Table and column names come from code; the file path is a bound parameter.
        con.execute(
            f"INSERT INTO {table} ({cols}) SELECT {cols} FROM read_parquet(?)",  # noqa: S608
            [str(self.path)],
        ).fetchall()


class SpoolWriter:
    """Context manager: ``append`` per-document frames; on a clean exit the spool is complete."""

    def __init__(self, path: Path, batch_rows: int):
        self.path = path
        self.batch_rows = batch_rows
        self._buffer: list[pl.DataFrame] = []
        self._buffered = 0
        self._writer: pq.ParquetWriter | None = None
        self._schema = conform(pl.DataFrame(), MENTION_COLUMNS).to_arrow().schema

    def __enter__(self) -> SpoolWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(self.path, self._schema, compression="zstd")
        return self

    def append(self, frame: pl.DataFrame) -> None:
        if frame.height:
            self._buffer.append(conform(frame, MENTION_COLUMNS))
            self._buffered += frame.height
            if self._buffered >= self.batch_rows:
                self._flush()

    def _flush(self) -> None:
        if self._buffered:
            table = pl.concat(self._buffer).to_arrow().cast(self._schema)
            self._writer.write_table(table, row_group_size=table.num_rows)
        self._buffer, self._buffered = [], 0

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._flush()
        finally:
            self._writer.close()
            if exc_type is not None:
                self.path.unlink(missing_ok=True)
