"""One formatter for every figure: unit, 万元, %, separators, marks, missing, no float noise."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard.figures import MISSING, PERCENT, fmt, header, number, scaled, unit_of
from warehouse.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", [2647000, 2647000.0, Decimal("2647000"), Decimal("2647000.00")])
def test_money_is_shown_in_wan_yuan_whatever_the_number_type(value):
    money = unit_of(["元"])
    assert fmt(value, money) == "264.7"
    assert fmt(value, money, with_unit=True) == "264.7万元"
    assert fmt(value, money, with_unit=True, lang="en") == "264.7 CNY 10k"
    assert scaled(value, money) == 264.7
    assert header("捐款捐物", money, "zh") == "捐款捐物（万元）"


def test_rates_counts_marks_and_missing():
    assert fmt(100.0, PERCENT, with_unit=True) == "100%"
    assert fmt(96.55, PERCENT, with_unit=True) == "96.6%"  # rounded half up, never 96.550000
    times = unit_of(["次", "场"])
    assert fmt(34000, times) == "34,000" and fmt(2905000.0, times) == "2,905,000"
    assert fmt(86.0, times, corrected=True) == "86✎"  # a corrected count is not "86.00"
    assert fmt(120, times, "at_least", with_unit=True) == "≥120次"  # no mark between number and unit
    assert fmt(86.44, PERCENT, "approx", with_unit=True) == "≈86.4%"
    assert fmt(30, times, "approx", True) == "30≈✎"
    for missing in (None, float("nan"), Decimal("NaN"), float("inf")):
        assert fmt(missing, times) == MISSING


def test_no_float_noise():
    assert number(0.1 + 0.2) == "0.3"
    assert number(Decimal("0.30000000000000004")) == "0.3"
    assert number(1e-9) == "0"


def test_every_catalog_unit_has_an_english_name():
    for m in load_catalog().metrics:
        u = unit_of(m.units)
        assert u.zh and u.en, m.code
        assert u.en.isascii(), (m.code, u.en)


def test_tile_map_places_every_county_on_its_own_cell():
    register = ROOT / "warehouse" / "reference" / "committees.csv"
    with open(register, encoding="utf-8") as fh:
        counties = {r["code"] for r in csv.DictReader(fh) if r["level"] == "county" and not r["valid_to"]}
    with open(ROOT / "warehouse" / "reference" / "county_tiles.csv", encoding="utf-8") as fh:
        tiles = list(csv.DictReader(fh))
    placed = {t["committee_code"] for t in tiles}
    assert placed <= counties and len(placed) >= 0.99 * len(counties)
    cells = {(t["committee_code"][:2], t["tile_col"], t["tile_row"]) for t in tiles}
    assert len(cells) == len(tiles)  # one county per cell within a region
    by_code = {t["committee_code"]: t for t in tiles}
    # north stays north: 惠农区 (Shizuishan) above 泾源县 (Guyuan) in Ningxia
    assert int(by_code["640205"]["tile_row"]) < int(by_code["640424"]["tile_row"])


def test_every_chart_spec_is_valid_vega_lite():
    """The dashboard draws charts without Altair's per-run validation: validate their shapes here."""
    import polars as pl

    from dashboard import charts

    df = pl.DataFrame(
        {
            "committee_name": ["平罗县政协", "惠农区政协", "平罗县政协"],
            "short_name": ["平罗", "惠农", "平罗"],
            "year": [2023, 2023, 2024],
            "value": [1.5, None, 2.0],
            "label": ["1.5", "缺数据", "2"],
            "tile_col": [0, 1, 0],
            "tile_row": [0, 0, 1],
        }
    )
    for chart in (
        charts.heatmap(df, "委员会", "年份", "捐款捐物（万元）", ",.2~f"),
        charts.bars(df, "委员会", "年份", "捐款捐物（万元）", ",.2~f"),
        charts.lines(df, "委员会", "年份", "捐款捐物（万元）", ",.2~f"),
        charts.tiles(df, "委员会", "捐款捐物（万元）", ",.2~f"),
    ):
        spec = chart.to_dict()  # raises on an invalid spec
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
