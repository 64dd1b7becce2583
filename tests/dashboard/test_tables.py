"""Downloads hold the same data as the table, nested columns flattened to text."""

import io

import openpyxl
import polars as pl

from dashboard.tables import to_csv, to_excel


def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "alternatives": [[98.0, 100.0], None],
            "docs": [["a", "b"], ["c"]],
            "委员会": ["平罗县政协", "大武口区政协"],
            "value": [99, 12],
        }
    )


def test_csv_flattens_lists_and_keeps_chinese():
    text = to_csv(frame()).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "alternatives,docs,委员会,value"
    assert lines[1] == '"98.0, 100.0","a, b",平罗县政协,99'
    assert lines[2] == ",c,大武口区政协,12"


def test_excel_holds_the_same_cells():
    book = openpyxl.load_workbook(io.BytesIO(to_excel(frame())))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("alternatives", "docs", "委员会", "value")
    assert rows[1] == ("98.0, 100.0", "a, b", "平罗县政协", 99)
