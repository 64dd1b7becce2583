"""`cstats correct` and `cstats export` against a real warehouse file."""

from __future__ import annotations

import polars as pl

from pipelines.cli import main
from tests.warehouse.wh_frames import analyst_rows, frames, sha
from warehouse.publish import publish


def test_correct_then_publish_then_export(tmp_path, capsys):
    wh = tmp_path / "committee_stats.duckdb"
    docs, ments = frames(analyst_rows())
    publish(wh, docs, ments, extractor_version="test")
    span = ["--sha256", sha("hn24"), "--start", "10", "--end", "13"]
    assert main(["correct", *span, "--action", "correct", "--value", "66", "--who", "王五", "--why", "原文66件", "--warehouse", str(wh)]) == 0  # fmt: skip
    out = capsys.readouterr()
    assert '"action": "correct"' in out.out and "warning" not in out.err
    assert (tmp_path / "overrides" / "overrides.jsonl").exists()  # beside the warehouse, not in it

    res = publish(wh, docs, ments, extractor_version="test")  # picks up the default store
    assert res.overrides == 1
    assert main(["export", str(tmp_path / "out"), "--format", "csv", "--warehouse", str(wh)]) == 0
    facts = pl.read_csv(
        tmp_path / "out" / "fact_committee_metric_period.csv", schema_overrides={"committee_code": pl.String}
    )
    row = facts.filter((pl.col("committee_code") == "640205") & (pl.col("period_end") == 2024)
                       & (pl.col("metric_code") == "proposals.received"))  # fmt: skip
    assert row.select("value", "corrected").rows() == [(66.0, True)]
    from warehouse.export import VIEWS

    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [f"{t}.csv" for t in ["dim_category", "dim_metric", "dim_committee", "dim_document", "quarantine",
                              "fact_mention", "fact_committee_metric_period", "override", "file_outcome",
                              "mention_review"]] + list(VIEWS)
    )  # fmt: skip
    # The views, one folder per year (Hive partitions): the corrected figure is in v_figure's 2024.
    fig = pl.read_csv(tmp_path / "out" / "v_figure" / "year=2024" / "data_0.csv",
                      schema_overrides={"committee_code": pl.String})  # fmt: skip
    row = fig.filter((pl.col("committee_code") == "640205") & (pl.col("metric_code") == "proposals.received"))
    assert row.select("value", "corrected").rows() == [(66.0, True)]


def test_correct_refuses_bad_input_and_warns_on_unknown_mention(tmp_path, capsys):
    wh = tmp_path / "committee_stats.duckdb"
    docs, ments = frames(analyst_rows())
    publish(wh, docs, ments, extractor_version="test")
    base = [
        "correct",
        "--sha256",
        sha("hn24"),
        "--start",
        "10",
        "--end",
        "13",
        "--who",
        "王五",
        "--why",
        "核对",
    ]
    assert main([*base, "--action", "correct", "--warehouse", str(wh)]) == 1
    assert "needs the corrected value" in capsys.readouterr().err
    unknown = [
        "correct",
        "--sha256",
        sha("nowhere"),
        "--start",
        "1",
        "--end",
        "4",
        "--who",
        "王五",
        "--why",
        "核对",
    ]
    assert main([*unknown, "--action", "confirm", "--warehouse", str(wh)]) == 0
    assert "no such mention" in capsys.readouterr().err


def test_export_refuses_a_missing_warehouse(tmp_path, capsys):
    assert main(["export", str(tmp_path / "out"), "--warehouse", str(tmp_path / "none.duckdb")]) == 1
    assert "no warehouse" in capsys.readouterr().err
