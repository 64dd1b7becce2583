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
    assert lines[1] == '"98, 100","a, b",平罗县政协,99'  # list values without float noise
    assert lines[2] == ",c,大武口区政协,12"


def test_excel_holds_the_same_cells():
    book = openpyxl.load_workbook(io.BytesIO(to_excel(frame())))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("alternatives", "docs", "委员会", "value")
    assert rows[1] == ("98, 100", "a, b", "平罗县政协", 99)


def test_shown_cells_are_never_none_and_codes_are_named():
    from dashboard.tables import display, named

    df = pl.DataFrame(
        {
            "level": ["county", None],
            "qualifier": ["at_least", "exact"],
            "value": [1234567.0, None],
            "year": [2024, 2023],
            "corrected": [True, None],
        }
    )
    shown = display(named(df, "zh"), "zh")
    assert shown.rows() == [
        ("县级", "余/多（下限）", "1,234,567", "2024", "是"),
        ("—", "确数", "—", "2023", "—"),
    ]


def test_exact_decimal_values_show_without_trailing_zeros():
    from decimal import Decimal

    from dashboard.tables import display

    df = pl.DataFrame(
        {"value": [Decimal("34.000000"), Decimal("2905000.5")]}, schema={"value": pl.Decimal(18, 6)}
    )
    assert display(df, "zh")["value"].to_list() == ["34", "2,905,000.5"]
