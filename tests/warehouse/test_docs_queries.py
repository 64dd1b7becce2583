"""Every example query in docs/warehouse.md runs against the sample warehouse and returns rows."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "warehouse.md"
# A numbered example: its description (up to the colon ending the line), then a ```sql block.
# The description may wrap onto indented lines; it never runs across a blank line.
EXAMPLE = re.compile(r"^\d+\. (?P<what>(?:[^\n]|\n   )+?):\n\n```sql\n(?P<sql>.+?)```", re.S | re.M)
EXAMPLES = [(m["what"], m["sql"]) for m in EXAMPLE.finditer(DOC.read_text(encoding="utf-8"))]


def test_the_doc_has_at_least_eight_examples():
    assert len(EXAMPLES) >= 8


@pytest.fixture(scope="module")
def con(sample_warehouse):
    c = duckdb.connect(str(sample_warehouse), read_only=True)
    yield c
    c.close()


@pytest.mark.parametrize("what,sql", EXAMPLES, ids=[w[:40] for w, _ in EXAMPLES])
def test_example_query(con, what, sql):
    df = con.sql(sql).pl()
    if "may return no rows" not in what:
        assert df.height > 0, what


def test_the_doc_lists_every_table_and_view(con):
    text = DOC.read_text(encoding="utf-8")
    names = con.sql(
        "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
    ).fetchall()
    missing = [n for (n,) in names if f"`{n}`" not in text]
    assert missing == []


def _question(start: str) -> str:
    (sql,) = [s for what, s in EXAMPLES if what.startswith(start)]
    return sql


def test_five_questions_each_answered_by_one_documented_query(con):
    """The five usual questions of docs/warehouse.md, checked answer by answer on the sample warehouse."""
    # 1. Proposals per county of 石嘴山市, ranked per year: rank 1 holds the year's largest figure.
    ranked = con.sql(_question("Proposals received by each county of 石嘴山市 (640200), ranked")).pl()
    counties = con.sql(
        "SELECT count(*) FROM dim_committee WHERE city_code = '640200' AND level = 'county' AND valid_to IS NULL"
    ).fetchall()[0][0]
    assert ranked["year"].n_unique() >= 2
    for _, g in ranked.group_by("year"):
        assert g.height <= counties and g.sort("rank_in_city")["value"].to_list() == sorted(
            g["value"], reverse=True
        )
        assert g["rank_in_city_approximate"].dtype == pl.Boolean
    # 2. 立案率 with both counts, their names and their sentences; the rate is computed from the counts.
    rates = con.sql(_question("提案立案率 of every committee")).pl()
    computed = rates.filter(pl.col("rate_source") == "computed")
    assert computed.height > 0 and computed.null_count().select(pl.sum_horizontal(pl.all())).item() == 0
    for r in computed.iter_rows(named=True):
        assert abs(r["rate"] - 100 * r["numerator_value"] / r["denominator_value"]) < Decimal("0.01")
        assert (r["numerator_name_zh"], r["denominator_name_zh"]) == ("立案提案", "收到提案")
    # 3. A figure's file and sentence: one row, and the sentence is in that file's mentions.
    (fig,) = con.sql(_question("The file, page and sentence of one figure")).fetchall()
    _, _, year, value, _, _, path, _, sentence = fig
    assert (
        con.sql(
            "SELECT count(*) FROM fact_mention m JOIN dim_document d USING (sha256) "
            "WHERE d.source_path = ? AND m.sentence = ? AND m.value = ? AND m.period_end = ?",
            params=[path, sentence, value, year],
        ).fetchall()[0][0]
        >= 1
    )
    # 4. YoY of meetings for every county of 宁夏, gaps included: every county x every year, once.
    yoy = con.sql(_question("Year-on-year change of standing-committee meetings")).pl()
    region_counties = con.sql(
        "SELECT count(DISTINCT committee_code) FROM v_coverage WHERE region_code = '640000' AND level = 'county'"
    ).fetchall()[0][0]
    years = con.sql("SELECT count(DISTINCT year) FROM v_coverage").fetchall()[0][0]
    assert yoy.height == region_counties * years
    assert yoy.filter(pl.col("gap").is_not_null()).height > 0
    assert yoy.filter(pl.col("gap").is_null())["change"].null_count() == 0
    # 5. Coverage in the region: the committees of 宁夏 only, every year.
    cover = con.sql(_question("Coverage in the region")).pl()
    in_region = con.sql(
        "SELECT count(*) FROM dim_committee WHERE region_code = '640000' AND valid_to IS NULL"
    ).fetchall()[0][0]
    assert cover["committees"].to_list() == [in_region] * cover.height and cover.height == years
    assert (cover["with_figures"] <= cover["committees"]).all()


def test_every_sql_block_of_the_doc_runs(con):
    """Not only the numbered examples: every ```sql block of docs/warehouse.md runs on the sample."""
    blocks = re.findall(r"```sql\n(.+?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) > len(EXAMPLES)
    for sql in blocks:
        con.sql(sql).fetchall()


def test_the_export_reading_guide_runs(con, sample_warehouse, tmp_path, monkeypatch):
    """The polars and pandas snippets of "Reading the export", run on a real export of the sample."""
    from warehouse.export import export

    export(sample_warehouse, tmp_path / "exports", "parquet")
    text = DOC.read_text(encoding="utf-8")
    guide = text[text.index("### Reading the export") : text.index("### BI tools")]
    snippets = re.findall(r"```python\n(.+?)```", guide, re.S)
    assert len(snippets) == 2
    monkeypatch.chdir(tmp_path)
    figures = {}
    for code in snippets:
        scope: dict = {}
        exec(code, scope)  # the documentation's own snippet
        figures[code.split()[1]] = scope["figures"]
    polars_2024 = figures["polars"].filter(pl.col("year") == 2024).collect()
    pandas_2024 = figures["pandas"]
    n_2024 = con.sql("SELECT count(*) FROM v_figure WHERE year = 2024").fetchall()[0][0]
    assert polars_2024.height == len(pandas_2024) == n_2024 > 0
    assert polars_2024.schema["value"] == pl.Decimal(38, 6)
