"""Read API of the warehouse: ``connect()`` for analysts and notebooks, ``Warehouse`` for the dashboard.
Read-only, parameterised, thread-safe.

``connect()`` opens the latest publish: an in-memory DuckDB connection that ATTACHes the file
read-only. ``duckdb.connect(path, read_only=True)`` would not do: inside one process it hands back the
database instance already open on that path while any connection to it lives, i.e. the old publish.

Each ``Warehouse`` query opens a cursor on such a connection. The connection is reopened when the live
file has been replaced by a publish (its inode changed), so readers follow new publishes without
ever seeing a half-built file.

Every question the dashboard asks is one method below, so that a query can be repointed (for
example onto a new analyst view) in one place. ``bench/bench_dashboard.py`` times each of them.
"""

# ruff: noqa: S608 - SQL here is composed only from constant fragments of this module; values are bound parameters.
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import polars as pl

DEFAULT_WAREHOUSE = Path(__file__).parent / "committee_stats.duckdb"
# The tile map of county-level committees (reference data: warehouse/reference/build_tiles.py).
TILES_CSV = Path(__file__).parent / "reference" / "county_tiles.csv"

# Yearly figures joined to the committee version valid that year (same rule as v_committee_metric_year).
_YEARLY = """
    SELECT f.committee_code, f.metric_code, f.period_end AS year, f.value, f.unit, f.qualifier,
           f.conflict, f.mention_count, f.corrected, f.period_inferred
    FROM fact_committee_metric_period f
    WHERE f.period_start = f.period_end
"""


# Current committees. region_code / city_code are stored by the publisher from the register's parent
# chain. committee_name_en: the English division name (else pinyin, else the Chinese committee name).
_COMMITTEES = """
    committees AS (
        SELECT committee_code, name_zh, committee_name_zh, level, parent_code, region_code, city_code,
               coalesce(name_en, name_pinyin, name_zh) AS name_en,
               coalesce(name_en, name_pinyin, committee_name_zh) AS committee_name_en
        FROM dim_committee WHERE valid_to IS NULL
    )
"""
# The same English name for a dim_committee row aliased c.
_NAME_EN = "coalesce(c.name_en, c.name_pinyin, c.committee_name_zh) AS committee_name_en"


# Yearly figures a comparison can be made of (compare(basis=...)), one column set for all.
_FIGURES = {
    "total": """
        SELECT committee_code, metric_code, period_end AS year, value, unit, qualifier, conflict,
               mention_count, corrected, period_inferred
        FROM fact_committee_metric_period WHERE period_start = period_end
    """,
    "per_100": """
        SELECT p.committee_code, p.metric_code, p.year, p.value_per_100_members::DOUBLE AS value, f.unit,
               p.qualifier, f.conflict, f.mention_count, f.corrected, f.period_inferred
        FROM v_per_member p JOIN fact_committee_metric_period f
          ON f.committee_code = p.committee_code AND f.metric_code = p.metric_code
         AND f.period_start = p.year AND f.period_end = p.year
    """,
    "rate": """
        SELECT committee_code, indicator_code AS metric_code, year, rate::DOUBLE AS value, '%' AS unit,
               CASE WHEN approximate THEN 'approx' ELSE 'exact' END AS qualifier,
               coalesce(NOT agrees, false) OR exceeds_100 AS conflict, NULL::INTEGER AS mention_count,
               corrected, false AS period_inferred
        FROM v_indicator_rate
    """,
}


class WarehouseMissing(FileNotFoundError):
    pass


# The catalog name the warehouse file is attached under by connect().
ALIAS = "wh"


def default_path() -> Path:
    """$CSTATS_WAREHOUSE, else warehouse/committee_stats.duckdb (what `cstats run` publishes)."""
    return Path(os.environ.get("CSTATS_WAREHOUSE") or DEFAULT_WAREHOUSE)


def connect(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the latest publish of the warehouse (default: :func:`default_path`).

    An in-memory connection with the file ATTACHed read-only as ``wh`` and made the default catalog
    (``USE wh``), so every table and view is named as usual. Each call opens the file anew: a
    connection opened after a publish sees it even while older connections, in this process too,
    keep their snapshot. ``con.cursor()`` starts in the empty in-memory catalog: run ``USE wh`` on a
    cursor (or name ``wh.<table>``). Writes fail: the file is attached READ_ONLY.
    """
    p = Path(path) if path is not None else default_path()
    if not p.is_file():
        raise WarehouseMissing(f"no warehouse at {p}: run `cstats run` first")
    con = duckdb.connect(":memory:")
    try:
        literal = "'" + str(p).replace("'", "''") + "'"
        con.execute(f"ATTACH {literal} AS {ALIAS} (READ_ONLY); USE {ALIAS}").fetchall()
    except BaseException:
        con.close()
        raise
    return con


class Warehouse:
    def __init__(self, path: str | Path = DEFAULT_WAREHOUSE):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._inode: int | None = None
        self._columns: dict[str, frozenset[str]] = {}

    def _connection(self) -> duckdb.DuckDBPyConnection:
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError as e:
            raise WarehouseMissing(f"no warehouse at {self.path}: run `cstats run` first") from e
        with self._lock:
            if self._con is None or inode != self._inode:
                if self._con is not None:
                    self._con.close()
                self._con = connect(self.path)
                self._inode = inode
                self._columns = {}
            return self._con

    def query(self, sql: str, params: list | None = None) -> pl.DataFrame:
        cur = self._connection().cursor()
        try:
            cur.execute(f"USE {ALIAS}").fetchall()  # a cursor starts in the in-memory catalog
            return cur.sql(sql, params=params or None).pl()
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def version(self) -> str:
        """Changes whenever a publish swapped the file: use it to key cached results."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError as e:
            raise WarehouseMissing(f"no warehouse at {self.path}: run `cstats run` first") from e
        return f"{st.st_ino}:{st.st_mtime_ns}"

    def columns(self, table: str) -> frozenset[str]:
        """Column names of a table or view (empty when it does not exist)."""
        self._connection()
        if table not in self._columns:
            df = self.query("SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table])
            self._columns[table] = frozenset(df["column_name"].to_list())
        return self._columns[table]

    # -- reference: regions, cities, committees, categories, metrics, years ---------------------

    def regions(self) -> pl.DataFrame:
        """Province-level committees (current version); those with figures in their area first."""
        return self.query(
            f"""
            WITH {_COMMITTEES},
            reporting AS (
                SELECT DISTINCT c.region_code
                FROM (SELECT DISTINCT committee_code FROM fact_committee_metric_period) f
                JOIN committees c USING (committee_code)
            )
            SELECT c.committee_code, c.name_zh, c.name_en, c.committee_name_zh, c.committee_name_en,
                   c.committee_code IN (SELECT region_code FROM reporting) AS has_data
            FROM committees c
            WHERE c.level = 'region'
            ORDER BY has_data DESC, c.committee_code
            """
        )

    def cities(self, region_code: str) -> pl.DataFrame:
        """Prefecture-level committees of a region (current version); has_data: the city or one of
        its counties has a figure."""
        return self.query(
            f"""
            WITH {_COMMITTEES},
            reporting AS (
                SELECT DISTINCT c.city_code
                FROM (SELECT DISTINCT committee_code FROM fact_committee_metric_period) f
                JOIN committees c USING (committee_code)
                WHERE c.region_code = ?
            )
            SELECT committee_code, name_zh, name_en, committee_name_zh, committee_name_en,
                   committee_code IN (SELECT city_code FROM reporting) AS has_data
            FROM committees
            WHERE level = 'city' AND region_code = ? ORDER BY committee_code
            """,
            [region_code, region_code],
        )

    def committees(self, region_code: str | None = None) -> pl.DataFrame:
        """Committees below the national one (current version), optionally of one region."""
        return self.query(
            f"""
            WITH {_COMMITTEES},
            reporting AS (SELECT DISTINCT committee_code FROM fact_committee_metric_period)
            SELECT c.committee_code, c.name_zh, c.committee_name_zh, c.committee_name_en, c.level,
                   c.parent_code, c.region_code, c.city_code, r.committee_code IS NOT NULL AS has_data
            FROM committees c LEFT JOIN reporting r USING (committee_code)
            WHERE c.level <> 'national' AND (?::VARCHAR IS NULL OR c.region_code = ?)
            ORDER BY c.committee_code
            """,
            [region_code, region_code],
        )

    def committee(self, committee_code: str) -> dict | None:
        df = self.query(
            f"""
            SELECT committee_code, name_zh, committee_name_zh, {_NAME_EN}, level, parent_code, region_code,
                   city_code
            FROM dim_committee c WHERE committee_code = ?
            ORDER BY valid_to IS NULL DESC, valid_from DESC LIMIT 1
            """,
            [committee_code],
        )
        return df.row(0, named=True) if df.height else None

    def categories(self) -> pl.DataFrame:
        """Categories that have at least one reconciled figure."""
        return self.query(
            """
            SELECT c.category_code, c.name_zh, c.name_en FROM dim_category c
            WHERE EXISTS (SELECT 1 FROM dim_metric m JOIN fact_committee_metric_period f USING (metric_code)
                          WHERE m.category_code = c.category_code)
            ORDER BY c.category_code
            """
        )

    def metrics(self, category_code: str | None = None) -> pl.DataFrame:
        """Metrics that have at least one reconciled figure, with their category."""
        return self.query(
            """
            SELECT m.metric_code, m.name_zh, m.name_en, m.category_code, m.units,
                   c.name_zh AS category_name_zh, c.name_en AS category_name_en
            FROM dim_metric m JOIN dim_category c USING (category_code)
            WHERE m.metric_code IN (SELECT DISTINCT metric_code FROM fact_committee_metric_period)
              AND (?::VARCHAR IS NULL OR m.category_code = ?)
            ORDER BY m.category_code, m.metric_code
            """,
            [category_code, category_code],
        )

    def years(self) -> list[int]:
        df = self.query(
            "SELECT DISTINCT period_end AS year FROM fact_committee_metric_period "
            "WHERE period_start = period_end ORDER BY year"
        )
        return df["year"].to_list()

    # -- compare ------------------------------------------------------------------------------

    def compare(
        self,
        metric_code: str,
        years: list[int],
        region_code: str | None = None,
        city_code: str | None = None,
        basis: str = "total",
    ) -> pl.DataFrame:
        """Every committee in scope x every chosen year, figure or null (missing is not zero).

        Scope: the counties of ``city_code`` (or of every city of ``region_code``), plus those
        cities and the region itself, so county figures sit beside their city and region ones.
        ``yoy`` is the change against the committee's figure of the previous calendar year.
        ``basis``: ``total`` (the figures), ``per_100`` (per 100 members, v_per_member); an
        indicator code (``rate.*``, dim_indicator) reads the derived rates (v_indicator_rate).
        """
        source = _FIGURES["rate" if metric_code.startswith("rate.") else basis]
        return self.query(
            f"""
            WITH {_COMMITTEES},
            scope AS (
                SELECT committee_code, name_zh, committee_name_zh, committee_name_en, level, parent_code,
                       city_code
                FROM committees
                WHERE level IN ('region', 'city', 'county')
                  AND (?::VARCHAR IS NULL OR region_code = ?)
                  AND (?::VARCHAR IS NULL OR city_code = ? OR level = 'region')
            ),
            yrs AS (SELECT unnest(?::INTEGER[]) AS year),
            fig AS (SELECT f.committee_code, f.year, f.value, f.unit, f.qualifier, f.conflict,
                           f.mention_count, f.corrected, f.period_inferred
                    FROM ({source}) f SEMI JOIN scope s ON s.committee_code = f.committee_code
                    WHERE f.metric_code = ?
                      AND (list_contains(?::INTEGER[], f.year) OR list_contains(?::INTEGER[], f.year + 1)))
            SELECT s.committee_code, s.name_zh, s.committee_name_zh, s.committee_name_en, s.level,
                   s.parent_code, s.city_code, y.year, f.value, f.unit, f.qualifier, f.conflict, f.mention_count, f.corrected,
                   f.period_inferred, p.value AS prev_value, p.qualifier AS prev_qualifier, p.corrected AS prev_corrected,
                   f.value - p.value AS yoy,
                   CASE WHEN p.value <> 0 THEN (f.value - p.value) / p.value END AS yoy_pct
            FROM scope s CROSS JOIN yrs y
            LEFT JOIN fig f ON f.committee_code = s.committee_code AND f.year = y.year
            LEFT JOIN fig p ON p.committee_code = s.committee_code AND p.year = y.year - 1
            ORDER BY CASE s.level WHEN 'region' THEN 0 WHEN 'city' THEN 1 ELSE 2 END,
                     s.committee_code, y.year
            """,
            [
                region_code, region_code,
                city_code, city_code,
                list(years),
                metric_code, list(years), list(years),
            ],
        )  # fmt: skip

    # -- indicators: derived rates, rollups ---------------------------------------------------

    def indicators(self) -> pl.DataFrame:
        """Derived rates (dim_indicator) that have at least one value."""
        return self.query(
            """
            SELECT indicator_code, name_zh, name_en, numerator_code, denominator_code, stated_code
            FROM dim_indicator i
            WHERE EXISTS (SELECT 1 FROM v_indicator_rate r WHERE r.indicator_code = i.indicator_code)
            ORDER BY indicator_code
            """
        )

    def indicator_rates(self, committee_code: str) -> pl.DataFrame:
        """Every derived rate of one committee, with both counts, the stated rate and their sources."""
        return self.query(
            """
            SELECT r.indicator_code, i.name_zh, i.name_en, r.year, r.computed_rate::DOUBLE AS computed_rate,
                   r.stated_rate, r.rate::DOUBLE AS rate, r.rate_source, r.difference::DOUBLE AS difference, r.agrees, r.exceeds_100, r.approximate, r.corrected,
                   r.numerator_value, r.numerator_qualifier, r.denominator_value, r.denominator_qualifier,
                   r.numerator_source.doc_id AS numerator_doc, r.numerator_source.surface AS numerator_surface,
                   r.denominator_source.doc_id AS denominator_doc,
                   r.denominator_source.surface AS denominator_surface,
                   r.stated_source.doc_id AS stated_doc, r.stated_source.surface AS stated_surface
            FROM v_indicator_rate r JOIN dim_indicator i USING (indicator_code)
            WHERE r.committee_code = ?
            ORDER BY r.indicator_code, r.year
            """,
            [committee_code],
        )

    def rollup(self, metric_code: str, year: int, region_code: str) -> pl.DataFrame:
        """The sum of the counties beside each city's (and the region's) own figure, with coverage."""
        return self.query(
            f"""
            WITH {_COMMITTEES}
            SELECT r.rollup_level, r.rollup_code AS committee_code, c.committee_name_zh, c.committee_name_en,
                   r.own_value, r.own_qualifier, r.counties_sum, r.counties_reporting, r.counties_in_area,
                   r.includes_approximate
            FROM v_rollup r JOIN committees c ON c.committee_code = r.rollup_code
            WHERE r.metric_code = ? AND r.year = ? AND r.region_code = ? AND r.rollup_level <> 'county'
            ORDER BY r.rollup_level DESC, r.rollup_code
            """,
            [metric_code, year, region_code],
        )

    def per_member(self, committee_code: str) -> pl.DataFrame:
        """A committee's additive figures per 100 members (v_per_member), with the member count used."""
        return self.query(
            """
            SELECT p.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.units, p.year,
                   p.value, p.qualifier, p.members, p.members_year,
                   p.value_per_100_members::DOUBLE AS value_per_100_members
            FROM v_per_member p JOIN dim_metric m USING (metric_code)
            WHERE p.committee_code = ?
            ORDER BY m.category_code, p.metric_code, p.year
            """,
            [committee_code],
        )

    def committee_rollup(self, committee_code: str) -> pl.DataFrame:
        """A city's (or region's) own figures beside the sum of its counties, with coverage."""
        return self.query(
            """
            SELECT r.metric_code, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.units, r.year,
                   r.own_value, r.own_qualifier, r.counties_sum, r.counties_reporting, r.counties_in_area,
                   r.includes_approximate
            FROM v_rollup r JOIN dim_metric m USING (metric_code)
            WHERE r.rollup_code = ? AND r.rollup_level <> 'county' AND r.counties_sum IS NOT NULL
            ORDER BY m.category_code, r.metric_code, r.year
            """,
            [committee_code],
        )

    def tiles(self, region_code: str) -> pl.DataFrame:
        """The tile map of a region: every current county-level committee at its grid cell."""
        return self.query(
            f"""
            WITH {_COMMITTEES}
            SELECT c.committee_code, c.committee_name_zh, c.committee_name_en, d.short_name_zh,
                   coalesce(c.name_en, d.short_name_zh) AS short_name_en, c.city_code, t.tile_col, t.tile_row,
                   t.centroid
            FROM read_csv(?, types = {{'committee_code': 'VARCHAR'}}) t
            JOIN committees c USING (committee_code)
            JOIN dim_committee d ON d.committee_code = c.committee_code AND d.valid_to IS NULL
            WHERE c.region_code = ? AND c.level = 'county'
            ORDER BY t.tile_row, t.tile_col
            """,
            [str(TILES_CSV), region_code],
        )

    # -- committee ----------------------------------------------------------------------------

    def committee_figures(self, committee_codes: list[str], category_code: str | None = None) -> pl.DataFrame:
        """All yearly figures of some committees (the committee page: self, parent, siblings)."""
        return self.query(
            f"""
            SELECT f.*, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en, m.category_code
            FROM ({_YEARLY} AND f.committee_code IN (SELECT unnest(?::VARCHAR[]))) f
            JOIN dim_metric m USING (metric_code)
            WHERE ?::VARCHAR IS NULL OR m.category_code = ?
            ORDER BY m.category_code, f.metric_code, f.committee_code, f.year
            """,
            [list(committee_codes), category_code, category_code],
        )

    def siblings(self, committee_code: str) -> pl.DataFrame:
        """Committees with the same parent (current versions), the committee itself excluded."""
        return self.query(
            """
            SELECT s.committee_code, s.name_zh, s.committee_name_zh,
                   coalesce(s.name_en, s.name_pinyin, s.committee_name_zh) AS committee_name_en, s.level
            FROM dim_committee c JOIN dim_committee s ON s.parent_code = c.parent_code
            WHERE c.committee_code = ? AND c.valid_to IS NULL AND s.valid_to IS NULL
              AND s.committee_code <> c.committee_code
            ORDER BY s.committee_code
            """,
            [committee_code],
        )

    # -- provenance ---------------------------------------------------------------------------

    def figure(self, committee_code: str, metric_code: str, year: int) -> dict | None:
        """The reconciled figure with its alternatives (other values reported)."""
        df = self.query(
            """
            SELECT f.*, m.name_zh AS metric_name_zh, m.name_en AS metric_name_en
            FROM fact_committee_metric_period f JOIN dim_metric m USING (metric_code)
            WHERE f.committee_code = ? AND f.metric_code = ? AND f.period_start = ? AND f.period_end = ?
            """,
            [committee_code, metric_code, year, year],
        )
        return df.row(0, named=True) if df.height else None

    def any_figure(self) -> dict | None:
        """Some yearly figure, the first stored (the provenance page's default when nothing is chosen)."""
        df = self.query(
            """
            SELECT committee_code, metric_code, period_end AS year FROM fact_committee_metric_period
            WHERE period_start = period_end LIMIT 1
            """
        )
        return df.row(0, named=True) if df.height else None

    def mentions_behind(self, committee_code: str, metric_code: str, year: int) -> pl.DataFrame:
        """The mentions a reconciled figure was made from, with their documents and provenance.

        A reviewed mention carries its review: action, corrected value, who, why and when; ``value``
        stays the value as extracted (the old value of a correction).
        """
        return self.query(
            """
            SELECT f.sha256, f.doc_id, d.source_path, d.media_type, d.title, f.surface, f.value, f.unit,
                   f.qualifier, f.page, f.bbox, f.char_start, f.char_end, f.sentence,
                   f.override_action, f.override_value, o.who AS override_who, o.why AS override_why,
                   o.created_at AS override_at
            FROM fact_mention f JOIN dim_document d USING (sha256)
            LEFT JOIN override o ON o.override_id = f.override_id
            WHERE f.committee_code = ? AND f.metric_code = ? AND f.period_end = ? AND f.period_start = ?
            ORDER BY f.doc_id, f.char_start
            """,
            [committee_code, metric_code, year, year],
        )

    # -- data quality -------------------------------------------------------------------------

    def quarantine(self) -> pl.DataFrame:
        return self.query("SELECT source_path, reason, message, sha256 FROM quarantine ORDER BY source_path")

    def unmatched_mentions(self, limit: int = 1000) -> pl.DataFrame:
        """Quantities that matched no catalog metric, for the extractor's authors."""
        return self.query(
            """
            SELECT doc_id, surface, unit, category AS category_code, committee_code, period_end, sentence, char_start,
                   share_in_document
            FROM v_quality_unmatched_mentions ORDER BY doc_id, char_start LIMIT ?
            """,
            [limit],
        )

    def conflicts(self, limit: int = 1000) -> pl.DataFrame:
        """Figures whose mentions disagree, with the chosen value, the alternatives and the documents."""
        return self.query(
            """
            SELECT committee_name_zh, committee_name_en, committee_code, metric_code, metric_name_zh,
                   metric_name_en, period_end AS year, value,
                   qualifier, alternatives, mention_count, override_action, doc_ids
            FROM v_quality_conflicts WHERE period_start = period_end
            ORDER BY committee_code, metric_code, period_end LIMIT ?
            """,
            [limit],
        )

    def yoy_jumps(self, limit: int = 1000) -> pl.DataFrame:
        """Figures that jumped implausibly against the previous year."""
        return self.query(
            """
            SELECT committee_name_zh, committee_name_en, committee_code, metric_code, metric_name_zh,
                   metric_name_en, year, prev_value, value,
                   jump_factor, direction
            FROM v_quality_yoy_jumps ORDER BY jump_factor DESC, committee_code, metric_code LIMIT ?
            """,
            [limit],
        )

    def documents_without_mentions(self) -> pl.DataFrame:
        return self.query(
            "SELECT doc_id, source_path, title, media_type, chars, extractor_version "
            "FROM v_quality_documents_without_mentions ORDER BY doc_id"
        )

    def coverage(self, region_code: str | None = None) -> pl.DataFrame:
        """Committee x year: how many metrics have a figure (0 = a coverage gap)."""
        return self.query(
            """
            SELECT committee_code, committee_name_zh, committee_name_en, level, year::BIGINT AS year,
                   metrics_reported AS metrics
            FROM v_coverage
            WHERE level <> 'national' AND (?::VARCHAR IS NULL OR region_code = ?)
            ORDER BY committee_code, year
            """,
            [region_code, region_code],
        )

    def documents(self, limit: int = 1000) -> pl.DataFrame:
        return self.query(
            "SELECT doc_id, source_path, media_type, title, pages, chars, mentions, extractor_version, "
            "sha256 FROM dim_document ORDER BY doc_id LIMIT ?",
            [limit],
        )

    def document_hashes(self) -> list[str]:
        return self.query("SELECT sha256 FROM dim_document")["sha256"].to_list()

    def last_publish(self) -> dict | None:
        df = self.query("SELECT * FROM publish_log ORDER BY published_at DESC LIMIT 1")
        return df.row(0, named=True) if df.height else None

    # -- appended for the dashboard (issue 21): document titles where codes were shown ---------

    def document_titles(self) -> dict[str, str]:
        """doc_id -> the document's title (documents without a title are left out)."""
        df = self.query(
            "SELECT doc_id, title FROM dim_document WHERE title IS NOT NULL AND trim(title) <> '' ORDER BY doc_id"
        )
        return dict(zip(df["doc_id"], df["title"], strict=True))

    def document_notes(self, sha256: str) -> str | None:
        """How a document was read when that matters (dim_document.notes): a PDF repaired through
        pdfium, pages whose text layer failed the check and were read by OCR or left out."""
        df = self.query("SELECT notes FROM dim_document WHERE sha256 = ? LIMIT 1", [sha256])
        return df["notes"][0] if df.height else None
