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


def test_downloads_type_counts_as_integers_and_booleans_as_on_screen():
    from decimal import Decimal

    from dashboard.tables import typed

    df = pl.DataFrame(
        {
            "count": [22.0, None, 3.0],
            "money": [264.7, 1.0, None],
            "exact": [Decimal("34.000000"), Decimal("2"), None],
            "flag": [False, True, None],
        },
        schema_overrides={"exact": pl.Decimal(18, 6)},
    )
    out = typed(df, "zh")
    assert out.schema["count"] == pl.Int64 and out.schema["exact"] == pl.Int64  # 22, not 22.0
    assert out.schema["money"] == pl.Float64
    assert out["flag"].to_list() == ["否", "是", None]  # as the screen says it, not false/true
    lines = to_csv(out).decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[1] == "22,264.7,34,否"
    assert lines[2] == ",1,2,是"  # a whole number in a column of decimals: 1, not 1.0
    book = openpyxl.load_workbook(io.BytesIO(to_excel(out)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1] == (22, 264.7, 34, "否") and isinstance(rows[1][0], int)
