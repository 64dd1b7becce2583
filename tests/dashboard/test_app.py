"""The dashboard rendered by Streamlit's AppTest against a real published warehouse."""

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import SAMPLES

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(sample_warehouse, monkeypatch):
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(sample_warehouse))
    return AppTest.from_file(APP, default_timeout=60)


def _yearly_truth(metric: str) -> dict[tuple[str, str], dict]:
    """The reconciled figures the corpus generator expects for ``metric``: {(committee, year): fact}."""
    with open(SAMPLES / "truth_facts.jsonl", encoding="utf-8") as fh:
        facts = [json.loads(line) for line in fh if line.strip()]
    return {
        (f["committee"], str(f["period_end"])): f
        for f in facts
        if f["metric"] == metric and f["period_start"] == f["period_end"]
    }


def test_compare_page_shows_committee_by_year(app):
    app.query_params["metric"] = "proposals.received"
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    mark = {"exact": "", "at_least": "+", "approx": "≈", "at_most": "≤"}
    want = {
        k: f"{f['value']:,}{mark[f['qualifier']]}" for k, f in _yearly_truth("proposals.received").items()
    }
    shown = {
        (row["committee_name_zh"], year): row[year]
        for _, row in table.iterrows()
        for year in ("2022", "2023", "2024")
        if year in table.columns and not pd.isna(row[year])
    }
    right = sum(shown.get(k) == v for k, v in want.items())
    assert len(want) == 28 * 3
    assert right / len(want) >= 0.95


def test_missing_figures_stay_missing(app):
    metric = "culture_history.volumes"  # not every annual report speaks of cultural-history volumes
    truth = _yearly_truth(metric)
    app.query_params["metric"] = metric
    app.run()
    table = app.dataframe[0].value.set_index("committee_name_zh")
    missing = [
        (c, y) for c in sorted({c for c, _ in truth}) for y in ("2022", "2023", "2024") if (c, y) not in truth
    ]
    assert missing
    assert all(pd.isna(table.loc[c, y]) for c, y in missing if c in table.index)  # missing, not zero


def test_approximations_are_marked(app):
    app.query_params["metric"] = "proposals.received"
    app.run()
    table = app.dataframe[0].value.set_index("committee_name_zh")
    mark = {"at_least": "+", "approx": "≈", "at_most": "≤"}
    truth = _yearly_truth("proposals.received")
    qualified = {k: mark[f["qualifier"]] for k, f in truth.items() if f["qualifier"] in mark}
    assert qualified  # 120余件 -> 120+, 约130件 -> 130≈
    marked = [str(table.loc[c, y]).endswith(m) for (c, y), m in qualified.items() if c in table.index]
    assert sum(marked) / len(qualified) >= 0.95


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
