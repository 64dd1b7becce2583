"""bench/bench_real_docs.py: it scores whatever the cache holds and says so when it holds nothing;
its scoring classes, the no-year share, the web-page comparison and the held-back rule on fixtures
written here."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_real_docs", ROOT / "bench" / "bench_real_docs.py")
bench = importlib.util.module_from_spec(spec)
sys.modules.setdefault("bench_real_docs", bench)
spec.loader.exec_module(bench)


def _g(start, value, unit, period, committee="640221", surface=None, doc="x"):
    surface = surface or f"{value}{unit}"
    return {"doc": doc, "surface": surface, "char_start": start, "char_end": start + len(surface),
            "value": value, "unit": unit, "qualifier": "exact", "committee_code": committee,
            "committee_named": committee is not None, "period": period}  # fmt: skip


def _p(start, value, unit, period, committee="640221", surface=None, doc="x"):
    surface = surface or f"{value}{unit}"
    a, b = (period.split("-") + [None])[:2] if period else (None, None)
    a = int(a) if a else None
    b = int(b) if b else a
    return {"doc": doc, "surface": surface, "char_start": start, "char_end": start + len(surface),
            "value": value, "unit": unit, "qualifier": "exact", "committee_code": committee,
            "period_start": a, "period_end": b, "category": "proposals"}  # fmt: skip


def test_empty_cache_says_so(tmp_path, capsys):
    assert bench.main(["--cache", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "holds none of the 80 manifest documents" in out
    for suite in ("v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14"):
        assert bench.main(["--suite", suite, "--cache", str(tmp_path)]) == 0
        assert "holds none of the" in capsys.readouterr().out


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


def test_calendar_convention_keeps_the_mentions_and_only_fills_periods():
    v1 = bench.SUITES["v1"]
    text = [json.loads(x) for x in v1.gold("text").read_text(encoding="utf-8").splitlines() if x.strip()]
    cal = [json.loads(x) for x in v1.gold("calendar").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(text) == len(cal)
    changed = 0
    for a, b in zip(text, cal, strict=True):
        assert {k: v for k, v in a.items() if k != "period"} == {k: v for k, v in b.items() if k != "period"}
        if a["period"] != b["period"]:
            assert a["period"] is None  # only "the text does not say" is relabelled
            changed += 1
    assert changed > 0


@pytest.mark.parametrize(
    "key, earlier",
    [
        ("v2", ("v1",)),
        ("v3", ("v1", "v2")),
        ("v4", ("v1", "v2", "v3")),
        ("v5", ("v1", "v2", "v3", "v4")),
        ("v6", ("v1", "v2", "v3", "v4", "v5")),
        ("v7", ("v1", "v2", "v3", "v4", "v5", "v6")),
        ("v8", ("v1", "v2", "v3", "v4", "v5", "v6", "v7")),
        ("v9", ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8")),
        ("v10", ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9")),
        ("v11", ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10")),
        ("v12", ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11")),
        ("v13", ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12")),
        ("v14", ("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13")),
    ],
)
def test_fresh_sets_are_new_and_split_in_halves(key, earlier):
    seen = {r["url"] for e in earlier for r in bench.load_manifest(bench.SUITES[e])}
    suite = bench.SUITES[key]
    fresh = bench.load_manifest(suite)
    assert len({r["url"] for r in fresh}) == len(fresh) >= 60
    assert not seen & {r["url"] for r in fresh}
    sets = [r["set"] for r in fresh]
    assert abs(sets.count("dev") - sets.count("heldout")) <= 1
    assert set(bench.labelled_docs(suite.spec("calendar"))) == {r["doc"] for r in fresh}
    gold = [
        json.loads(x) for x in suite.gold("calendar").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    assert {g["doc"] for g in gold} <= {r["doc"] for r in fresh}
    assert all(g["char_end"] > g["char_start"] for g in gold)
    traits = bench.trait_counts(suite)
    total = {t: traits["dev"][t] + traits["heldout"][t] for t in traits["dev"] | traits["heldout"]}
    minimum = {"no_year": 20, "ordinal": 15, "jan_review": 10, "county_news": 10, "gov_web": 10}
    if key in SUPPLEMENTARY:  # (the minimum counts are asked of its held-back set, v5)
        minimum = {t: n * 3 // 4 for t, n in minimum.items()}
    assert all(total.get(t, 0) >= n for t, n in minimum.items()), total
    assert all(traits["dev"][t] and traits["heldout"][t] for t in minimum)  # each kind in both halves


# Sets labelled after the fresh set as more development and held-back material: they keep every
# rule of a fresh set but three quarters of the minimum counts per kind (v6: 18 pages without a
# year of 20, 8 county media items of 10; such items with figures were scarce among the stored pages).
# v7 is labelled after v6 the same way and is supplementary too.
# v8 is the fresh held-back set again (not supplementary): the full minimum counts are asked of it,
# so its case holds only once part b's pages are appended to part a's files, as v4's and v5's did.
# v9 is labelled after v8 as the fresh held-back set too (not supplementary), and its case likewise
# holds only once part b is appended.
# v10 is the fresh held-back set once more (not supplementary): its case likewise holds only once
# part b's pages are appended to part a's files (part a alone has 36 pages and half of each minimum count).
# v11 is the fresh held-back set once more (not supplementary), labelled by three labellers by territory:
# its case holds only once parts b and c are appended to part a's files (part a alone has 26 pages and a third of
# each minimum count).
# v12 is the fresh held-back set once more (not supplementary), labelled by three labellers by territory
# like v11: its case holds only once parts b and c are appended to part a's files.
# v13 likewise (the seventh session's fresh set), its three parts merged before the first pass.
# v14 (the eighth session's) holds 9 January reviews of the 10 asked: the store's January reviews are nearly all in
# v1-v13 already (bench/real_docs_v14/README.md), so it is held to the supplementary minimum counts.
SUPPLEMENTARY = ("v6", "v7", "v14")


def test_span_matching_and_classes():
    gold = [_g(5, 12, "件", "2024"), _g(20, 3, "次", None, committee=None), _g(30, 9, "篇", "2024")]
    pred = [_p(5, 12, "件", "2024"), _p(20, 3, "次", "2024", committee=None), _p(40, 586, "次", None, None)]
    s = bench.SetScore("t")
    bench.score_doc(s, gold, pred, "x" * 50)
    f = s.figures
    assert (s.matched, f["precision"], f["recall"]) == (2, 2 / 3, 2 / 3)
    assert f["committee"] == 1.0 and f["period"] == 0.5
    assert s.reasons == {"missed": 1, "false_alarm": 1, "period_given": 1}


def test_period_and_committee_classes_and_no_year_share():
    gold = [
        _g(0, 1, "件", "2024"),
        _g(10, 2, "件", "2024"),
        _g(20, 3, "件", "2019-2023"),
        _g(30, 4, "件", "2024"),
        _g(40, 5, "件", "2024"),
    ]
    pred = [
        _p(0, 1, "件", None),  # no_period
        _p(10, 2, "件", "2023"),  # wrong_period
        _p(20, 3, "件", "2023"),  # range_vs_year
        _p(30, 4, "件", "2024", committee="110000"),  # wrong_committee
        _p(40, 5, "件", "2024", committee=None),  # no_committee
    ]
    s = bench.SetScore("t")
    bench.score_doc(s, gold, pred, "x" * 60)
    assert s.reasons == {
        "no_period": 1,
        "wrong_period": 1,
        "range_vs_year": 1,
        "wrong_committee": 1,
        "no_committee": 1,
    }
    f = s.figures
    assert f["period"] == 2 / 5 and f["committee"] == 3 / 5
    assert (s.year_missing, s.year_determined, f["no_year"]) == (1, 5, 1 / 5)


def test_value_difference_and_furniture_false_alarm():
    text = "正文收到提案12件\n浏览次数:6335次\n"
    gold = [_g(6, 12, "件", "2024")]
    pred = [_p(6, 120, "件", "2024", surface="12件"), _p(15, 6335, "次", None, surface="6335次")]
    s = bench.SetScore("t")
    bench.score_doc(s, gold, pred, text)
    assert s.reasons == {"value_differs": 1, "furniture": 1, "false_alarm": 1}


def test_heldout_misses_hidden_unless_final(capsys):
    s = bench.SetScore("held")
    s.docs = 1
    bench.score_doc(s, [_g(0, 7, "件", "2024")], [], "x" * 10)
    bench.report(s, hide_misses=True)
    out = capsys.readouterr().out
    assert "recall     0.000" in out and "7件" not in out and "--final" in out
    bench.report(s, hide_misses=False)
    assert "7件  [missed]" in capsys.readouterr().out


def test_compare_html_counts_figures_only_on_the_web_page(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "manifest.csv").write_text("doc,set,url,query,traits\nw1,dev,u,q,gov_web\n", encoding="utf-8")
    suite = bench.Suite("t", folder, "X_UNSET", {"calendar": "gold_spec.txt"}, {"dev": "d"}, False)
    cache = tmp_path / "cache"
    cache.mkdir()
    body = "县政协今年共收到提案120件，立案115件。"
    (cache / "w1.txt").write_text(body + "\n", encoding="utf-8")
    (cache / "w1.html").write_text(
        "<html><head><title>政协动态</title></head><body>"
        f"<p>{body}</p><div class='footer'>本页浏览次数：3056次 【打印】【关闭】</div></body></html>",
        encoding="utf-8",
    )
    out = bench.compare_html(cache, suite, show=True)
    only_html, only_text, both = out["w1"]
    assert both == 2 and only_text == 0
    printed = capsys.readouterr().out
    assert "figures only on the web page" in printed
    # whatever the extractor does with the footer, the count printed is the one returned
    assert f"{only_html} figures only on the web page" in printed


def test_anchor_relocates_spans_in_a_cache_that_differs():
    gold = [_g(3, 12, "件", "2024"), _g(9, 5, "件", "2024")]
    rows, moved = bench.anchor(gold, "收到 12件,立案5件")
    assert not moved and rows == gold  # the spans hold in this text: nothing moves
    shifted = "标题一行\n\n收到提案12件,其中立案5件,另有15件"
    rows, moved = bench.anchor(gold, shifted)
    assert moved
    assert [shifted[r["char_start"] : r["char_end"]] for r in rows] == ["12件", "5件"]
    assert rows[1]["char_start"] == shifted.index("立案5件") + 2  # not the 5件 inside 15件
