"""bench/bench_real_docs.py: it scores whatever the cache holds and says so when it holds nothing."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_real_docs", ROOT / "bench" / "bench_real_docs.py")
bench = importlib.util.module_from_spec(spec)
sys.modules.setdefault("bench_real_docs", bench)
spec.loader.exec_module(bench)


def test_empty_cache_says_so(tmp_path, capsys):
    assert bench.main(["--cache", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "holds none of the 80 manifest documents" in out


def test_manifest_and_gold_agree():
    manifest = bench.load_manifest()
    assert len(manifest) == 80
    assert sum(r["set"] == "heldout" for r in manifest) == 30
    assert len({r["province"] for r in manifest if r["province"]}) >= 20
    assert sum(r["script"] == "traditional" for r in manifest) >= 10
    gold = [json.loads(x) for x in bench.GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert {g["doc"] for g in gold} <= {r["doc"] for r in manifest}
    assert set(bench.labelled_docs()) == {r["doc"] for r in manifest}
    assert all(g["char_end"] > g["char_start"] for g in gold)


def test_span_matching_and_reason_classes():
    gold = [
        {"doc": "x", "surface": "12件", "char_start": 5, "char_end": 8, "value": 12, "unit": "件",
         "qualifier": "exact", "committee_code": "640221", "committee_named": True, "period": "2024"},
        {"doc": "x", "surface": "3次", "char_start": 20, "char_end": 22, "value": 3, "unit": "次",
         "qualifier": "exact", "committee_code": None, "committee_named": False, "period": None},
        {"doc": "x", "surface": "9篇", "char_start": 30, "char_end": 32, "value": 9, "unit": "篇",
         "qualifier": "exact", "committee_code": "640221", "committee_named": True, "period": "2024"},
    ]  # fmt: skip
    pred = [
        {"doc": "x", "surface": "12件", "char_start": 5, "char_end": 8, "value": 12, "unit": "件",
         "qualifier": "exact", "committee_code": "640221", "period_start": 2024, "period_end": 2024},
        {"doc": "x", "surface": "3次", "char_start": 20, "char_end": 22, "value": 3, "unit": "次",
         "qualifier": "exact", "committee_code": None, "period_start": 2024, "period_end": 2024},
        {"doc": "x", "surface": "586次", "char_start": 40, "char_end": 44, "value": 586, "unit": "次",
         "qualifier": "exact", "committee_code": None, "period_start": None, "period_end": None},
    ]  # fmt: skip
    s = bench.SetScore("t")
    bench.score_doc(s, gold, pred, "x" * 50)
    f = s.figures
    assert (s.matched, f["precision"], f["recall"]) == (2, 2 / 3, 2 / 3)
    assert f["committee"] == 1.0 and f["period"] == 0.5
    assert s.reasons == {
        "miss: not extracted": 1,
        "false alarm": 1,
        "period: period given where the text does not say": 1,
    }
