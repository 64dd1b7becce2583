"""The dashboard rendered by Streamlit's AppTest against a real published warehouse."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(sample_warehouse, monkeypatch):
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(sample_warehouse))
    return AppTest.from_file(APP, default_timeout=60)


def test_compare_page_shows_committee_by_year(app, sample_truth):
    app.query_params["metric"] = "proposals.received"
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    want = {
        (t["committee"], str(t["period_end"])): t["value"]
        for t in sample_truth
        if t["metric"] == "proposals.received"
    }
    shown = {
        (row["committee_name_zh"], year): row[year]
        for _, row in table.iterrows()
        for year in ("2023", "2024")
        if year in table.columns and not pd.isna(row[year])
    }
    assert {k: int(v.replace(",", "")) for k, v in shown.items()} == want


def test_missing_figures_stay_missing_and_approximations_are_marked(app):
    app.query_params["metric"] = "public_opinion.collected"
    app.run()
    table = app.dataframe[0].value.set_index("committee_name_zh")
    assert table.loc["平罗县政协", "2024"].endswith("+")  # 120余篇
    assert pd.isna(table.loc["石嘴山市政协", "2023"])  # no 2023 report: missing, not zero


def test_english_switch(app):
    app.run()
    app.sidebar.radio[0].set_value("en").run()
    assert "CPPCC committee statistics" in [t.value for t in app.title]


def test_no_warehouse_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("cstats run" in e.value for e in at.error)
