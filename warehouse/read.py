"""Read API of the warehouse, used by the dashboard. Read-only, parameterised, thread-safe.

Each query opens a cursor on a read-only connection. The connection is reopened when the live
file has been replaced by a publish (its inode changed), so readers follow new publishes without
ever seeing a half-built file.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import polars as pl

DEFAULT_WAREHOUSE = Path(__file__).parent / "committee_stats.duckdb"


class WarehouseMissing(FileNotFoundError):
    pass


class Warehouse:
    def __init__(self, path: str | Path = DEFAULT_WAREHOUSE):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._inode: int | None = None

    def _connection(self) -> duckdb.DuckDBPyConnection:
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError as e:
            raise WarehouseMissing(f"no warehouse at {self.path}: run `cstats run` first") from e
        with self._lock:
            if self._con is None or inode != self._inode:
                if self._con is not None:
                    self._con.close()
                self._con = duckdb.connect(str(self.path), read_only=True)
                self._inode = inode
            return self._con

    def query(self, sql: str, params: list | None = None) -> pl.DataFrame:
        cur = self._connection().cursor()
        try:
            return cur.sql(sql, params=params or None).pl()
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    # -- questions the dashboard asks ---------------------------------------------------------

    def metrics(self) -> pl.DataFrame:
        """Metrics that have at least one reconciled figure, with their category."""
        return self.query(
            """
            SELECT m.metric_code, m.name_zh, m.name_en, m.category_code,
                   c.name_zh AS category_name_zh, c.name_en AS category_name_en
            FROM dim_metric m JOIN dim_category c USING (category_code)
            WHERE m.metric_code IN (SELECT DISTINCT metric_code FROM fact_committee_metric_period)
            ORDER BY m.category_code, m.metric_code
            """
        )

    def years(self) -> list[int]:
        df = self.query("SELECT DISTINCT year FROM v_committee_metric_year ORDER BY year")
        return df["year"].to_list()

    def metric_by_committee_year(self, metric_code: str, years: list[int] | None = None) -> pl.DataFrame:
        """One row per committee x year with a figure for ``metric_code``."""
        sql = """
            SELECT committee_code, committee_name_zh, level, year, value, unit, qualifier, conflict
            FROM v_committee_metric_year
            WHERE metric_code = ?
        """
        params: list = [metric_code]
        if years:
            sql += " AND list_contains(?, year)"
            params.append(list(years))
        return self.query(sql + " ORDER BY committee_code, year", params)

    def mentions_behind(self, committee_code: str, metric_code: str, year: int) -> pl.DataFrame:
        """The mentions a reconciled figure was made from, with their provenance."""
        return self.query(
            """
            SELECT f.doc_id, d.source_path, f.surface, f.value, f.qualifier, f.page, f.bbox,
                   f.char_start, f.char_end, f.sentence
            FROM fact_mention f JOIN dim_document d USING (sha256)
            WHERE f.committee_code = ? AND f.metric_code = ? AND f.period_end = ? AND f.period_start = ?
            ORDER BY f.doc_id, f.char_start
            """,
            [committee_code, metric_code, year, year],
        )

    def last_publish(self) -> dict | None:
        df = self.query("SELECT * FROM publish_log ORDER BY published_at DESC LIMIT 1")
        return df.row(0, named=True) if df.height else None
