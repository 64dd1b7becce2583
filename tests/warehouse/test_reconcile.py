"""Reconciliation, overrides and idempotent publishing against real DuckDB files."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from tests.warehouse.wh_frames import analyst_rows, frames, mention, sha
from warehouse.export import export
from warehouse.overrides import add_override, list_overrides
from warehouse.publish import publish


def fact(path, committee: str, metric: str, year: int) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        df = con.sql(
            "SELECT * FROM fact_committee_metric_period WHERE committee_code = ? AND metric_code = ? "
            "AND period_start = ? AND period_end = ?",
            params=[committee, metric, year, year],
        ).pl()
    finally:
        con.close()
    return df.row(0, named=True) if df.height else None


def publish_rows(path, rows, store, extra_docs=()):
    docs, ments = frames(rows, extra_docs)
    return publish(path, docs, ments, extractor_version="test", overrides=store)


def test_rule_majority_wins_conflict_kept(tmp_path):
    wh = tmp_path / "w.duckdb"
    publish_rows(wh, analyst_rows(), tmp_path / "none.jsonl")
    f = fact(wh, "640221", "proposals.received", 2024)
    assert (f["value"], f["conflict"], f["alternatives"], f["mention_count"]) == (90, True, [95], 3)
    assert f["document_count"] == 3 and not f["corrected"] and f["override_action"] is None


def test_exact_beats_qualified_and_approximate_stays_marked(tmp_path):
    wh = tmp_path / "w.duckdb"
    rows = [
        mention("a", 1, "640202", "proposals.received", 2022, 120, "at_least"),
        mention("b", 1, "640202", "proposals.received", 2022, 120, "at_least"),
        mention("c", 1, "640202", "proposals.received", 2022, 118),
        mention("d", 1, "640205", "proposals.received", 2022, 40, "approx"),
    ]
    publish_rows(wh, rows, tmp_path / "none.jsonl")
    f = fact(wh, "640202", "proposals.received", 2022)
    assert (f["value"], f["qualifier"], f["approximate"], f["alternatives"]) == (118, "exact", False, [120])
    g = fact(wh, "640205", "proposals.received", 2022)
    assert (g["value"], g["qualifier"], g["approximate"], g["conflict"]) == (40, "approx", True, False)


def test_overrides_win_and_latest_applies(tmp_path):
    wh, store = tmp_path / "w.duckdb", tmp_path / "overrides.jsonl"
    rows = analyst_rows()
    span = {"sha256": sha("news24b"), "char_start": 10, "char_end": 13}
    add_override(store, **span, action="confirm", who="审核员", why="与原件核对")
    publish_rows(wh, rows, store)
    f = fact(wh, "640221", "proposals.received", 2024)
    assert (f["value"], f["override_action"], f["corrected"], f["alternatives"]) == (
        95,
        "confirm",
        False,
        [90],
    )

    add_override(store, **span, action="correct", value=97, who="审核员", why="报纸印错")
    publish_rows(wh, rows, store)
    f = fact(wh, "640221", "proposals.received", 2024)
    assert (f["value"], f["corrected"], f["alternatives"], f["conflict"]) == (97, True, [90], True)

    add_override(store, **span, action="reject", who="审核员", why="不是本会数字")
    publish_rows(wh, rows, store)
    f = fact(wh, "640221", "proposals.received", 2024)
    assert (f["value"], f["conflict"], f["mention_count"], f["corrected"]) == (90, False, 2, False)
    con = duckdb.connect(str(wh), read_only=True)
    applied = con.sql(
        "SELECT override_action, value FROM fact_mention WHERE sha256 = ? AND char_start = 10",
        params=[span["sha256"]],
    ).fetchall()
    assert applied == [("reject", 95.0)]  # the extracted value stays, the override says why it is out
    assert con.sql("SELECT count(*) FROM override").fetchall()[0][0] == 3
    con.close()


def test_orphan_override_is_reported_then_reapplied(tmp_path):
    wh, store = tmp_path / "w.duckdb", tmp_path / "overrides.jsonl"
    rows = analyst_rows()
    add_override(store, sha256=sha("pl24"), char_start=40, char_end=43, action="correct", value=12,
                 who="张三", why="漏提")  # fmt: skip
    res = publish_rows(wh, rows, store)
    assert (res.overrides, res.orphan_overrides) == (1, 1)
    con = duckdb.connect(str(wh), read_only=True)
    orphans = con.sql("SELECT char_start, action, who, document_present FROM v_override_orphans").fetchall()
    con.close()
    assert orphans == [(40, "correct", "张三", True)]

    rows.append(mention("pl24", 40, "640221", "meetings.standing_committee", 2024, 11, unit="次"))
    res = publish_rows(wh, rows, store)
    assert res.orphan_overrides == 0
    assert fact(wh, "640221", "meetings.standing_committee", 2024)["value"] == 12
    assert list_overrides(store).height == 1  # never lost


def test_same_inputs_give_byte_identical_exports(tmp_path):
    store = tmp_path / "overrides.jsonl"
    add_override(store, sha256=sha("pl24"), char_start=10, char_end=13, action="correct", value=91,
                 who="李四", why="核对原文")  # fmt: skip
    rows = analyst_rows()
    digests = []
    for run in ("one", "two"):
        wh = tmp_path / run / "w.duckdb"
        # Same content, shuffled order: the warehouse must not depend on input order.
        docs, ments = frames(rows if run == "one" else rows[::-1])
        publish(wh, docs.reverse(), ments, extractor_version="test", overrides=store)
        root = tmp_path / run / "export"
        export(wh, root, "parquet")
        digests.append(
            {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
        )
    views = [n for n in digests[0] if "/year=" in n]  # the analyst views, one file per year
    assert digests[0].keys() == digests[1].keys() and len(digests[0]) == 10 + len(views) and len(views) >= 8
    for name in digests[0]:
        assert digests[0][name] == digests[1][name], name
    back = pl.read_parquet(tmp_path / "one" / "export" / "fact_committee_metric_period.parquet")
    assert back.filter(pl.col("corrected"))["value"].to_list() == [91.0]


def test_document_publisher_and_date(tmp_path):
    wh = tmp_path / "w.duckdb"
    docs, ments = frames(analyst_rows())
    docs = docs.with_columns(publication_date=pl.lit(None, pl.Date))
    raw = docs.drop("publication_date").with_columns(
        publication_date=pl.when(pl.col("doc_id") == "pl24")
        .then(pl.lit("2024-01-15"))
        .otherwise(pl.lit("不详"))
    )
    publish(wh, raw, ments, extractor_version="test", overrides=tmp_path / "none.jsonl")
    con = duckdb.connect(str(wh), read_only=True)
    got = con.sql(
        "SELECT doc_id, publisher, publication_date::VARCHAR FROM dim_document WHERE doc_id IN ('pl24', 'hn24') ORDER BY doc_id"
    ).fetchall()
    con.close()
    assert got == [("hn24", "石嘴山日报", None), ("pl24", "石嘴山日报", "2024-01-15")]


@pytest.mark.parametrize("bad", [{"action": "delete"}, {"action": "correct"}, {"action": "confirm", "value": 3},
                                 {"char_end": 10}, {"who": " "}, {"sha256": "xyz"}])  # fmt: skip
def test_bad_override_is_refused(tmp_path, bad):
    from warehouse.overrides import OverrideError

    args = {"sha256": sha("a"), "char_start": 10, "char_end": 13, "action": "confirm", "value": None,
            "who": "张三", "why": "核对"} | bad  # fmt: skip
    with pytest.raises(OverrideError):
        add_override(tmp_path / "o.jsonl", **args)
    assert not (tmp_path / "o.jsonl").exists()


def test_torn_line_is_skipped_and_next_override_stays_whole(tmp_path):
    store = tmp_path / "o.jsonl"
    add_override(store, sha256=sha("a"), char_start=1, char_end=4, action="confirm", who="甲", why="核对")
    with open(store, "a", encoding="utf-8") as fh:
        fh.write('{"override_id": "x", "sha256": "')  # a crash mid-write
    add_override(store, sha256=sha("a"), char_start=5, char_end=8, action="reject", who="乙", why="重复")
    with pytest.warns(UserWarning, match="unreadable override"):
        df = list_overrides(store)
    assert df.select("char_start", "action", "who").rows() == [(1, "confirm", "甲"), (5, "reject", "乙")]


def test_overrides_from_several_processes_at_once_all_survive(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    store = tmp_path / "o.jsonl"
    script = (
        "import sys\nfrom warehouse.overrides import add_override\n"
        "for i in range(25):\n"
        "    add_override(sys.argv[1], sha256=sys.argv[3], char_start=int(sys.argv[2]) * 100 + i,\n"
        "                 char_end=int(sys.argv[2]) * 100 + i + 2, action='confirm', who='审核员' + sys.argv[2], why='核对')\n"
    )
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(store), str(n), sha("shared")], cwd=root)
        for n in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    df = list_overrides(store)
    assert df.height == 100 and df["char_start"].n_unique() == 100
    assert df.group_by("who").len().sort("who")["len"].to_list() == [25, 25, 25, 25]
