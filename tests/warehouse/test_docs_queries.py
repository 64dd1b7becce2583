"""Every example query in docs/warehouse.md runs against the sample warehouse and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
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
