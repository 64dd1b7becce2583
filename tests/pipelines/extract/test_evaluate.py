"""Scoring and the `cstats eval` command."""

import json
import subprocess
import sys
from pathlib import Path

from pipelines.extract.evaluate import evaluate

CSTATS = str(Path(sys.executable).with_name("cstats"))


def row(doc, value, unit, qualifier="exact", category="proposals", **kw):
    base = {
        "doc": doc, "surface": f"{value}{unit}", "value": value, "unit": unit, "qualifier": qualifier,
        "category": category, "metric": None, "committee": "平罗县政协", "committee_code": "640221",
        "period_start": 2024, "period_end": 2024,
    }  # fmt: skip
    return {**base, **kw}


def test_matching_on_doc_value_unit_qualifier():
    gold = [
        row("a", 136, "件"),
        row("a", 120, "篇", "at_least", "public_opinion"),
        row("a", 6, "次", category="meetings|consultation"),
        row("b", 5, "期", period_start=2020, period_end=2024),
    ]
    pred = [
        row("a", 136.0, "件"),
        row("a", 120, "篇", "exact", "public_opinion"),  # wrong qualifier: a false alarm and a miss
        row("a", 6, "次", category="consultation", committee_code="640200"),
        row("b", 5, "期"),
        row("b", 9, "人"),
    ]
    ev = evaluate(gold, pred)
    assert len(ev.pairs) == 3
    assert [m["value"] for m in ev.misses] == [120]
    assert sorted(p["value"] for p in ev.false_alarms) == [9, 120]
    assert (ev.precision, ev.recall) == (3 / 5, 3 / 4)
    assert (ev.category.right, ev.committee.right, ev.period.right) == (3, 2, 2)


def test_cli_prints_scores_misses_and_false_alarms(tmp_path):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [row("a", 136, "件"), row("a", 7, "次")])
    )
    pred.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [row("a", 136, "件"), row("a", 8, "次")])
    )
    r = subprocess.run([CSTATS, "eval", str(gold), str(pred)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "precision 0.500  recall 0.500" in r.stdout
    assert "category accuracy 1.000 (1/1)" in r.stdout
    assert "misses (1)" in r.stdout and "value=7" in r.stdout
    assert "false alarms (1)" in r.stdout and "value=8" in r.stdout


def test_cli_missing_file_is_one_line(tmp_path):
    r = subprocess.run(
        [CSTATS, "eval", str(tmp_path / "g.jsonl"), str(tmp_path / "p.jsonl")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and "file not found" in r.stderr and "Traceback" not in r.stderr


def test_cli_bad_json_is_one_line(tmp_path):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text('{"doc": "a"\n', encoding="utf-8")
    pred.write_text("", encoding="utf-8")
    r = subprocess.run([CSTATS, "eval", str(gold), str(pred)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "gold.jsonl:1" in r.stderr and "Traceback" not in r.stderr
