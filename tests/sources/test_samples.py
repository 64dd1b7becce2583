"""The bundled sample corpus: reproducible, consistent with its truth, and what the pipeline makes of it.

The truth (sources/samples/truth.jsonl, truth_facts.jsonl) is written by the corpus generator from
the same facts as the documents; nothing here derives it from an extractor's output.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from sources import read_document
from sources.corpus.generate import (
    SAMPLES,
    TERM_YEARS,
    load_slugs,
    load_terms,
    plenary_session,
    report_ordinals,
    write_corpus,
)
from sources.corpus.numerals import chinese
from sources.normalize import to_simplified
from warehouse.catalog import load_catalog
from warehouse.exact import exact_value, loads
from warehouse.register import load_register

MENTION_FIELDS = {
    "doc", "surface", "value", "unit", "qualifier", "category", "metric", "committee",
    "committee_code", "level", "period_start", "period_end",
}  # fmt: skip


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [loads(line) for line in fh if line.strip()]  # exact numbers: Decimal, never float


@pytest.fixture(scope="module")
def truth() -> list[dict]:
    return _jsonl(SAMPLES / "truth.jsonl")


@pytest.fixture(scope="module")
def truth_facts() -> list[dict]:
    return _jsonl(SAMPLES / "truth_facts.jsonl")


def _documents() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".pdf", ".html", ".docx"))


# ----------------------------------------------------------------------------- the corpus itself


def test_regenerating_gives_identical_files(tmp_path):
    written = write_corpus(tmp_path)
    committed = sorted(p.name for p in SAMPLES.iterdir())
    assert sorted(p.name for p in written) == committed
    different = [p.name for p in written if p.read_bytes() != (SAMPLES / p.name).read_bytes()]
    assert different == [], "run `make samples` and commit the result"


def test_coverage_every_committee_and_year(truth):
    register = load_register()
    ningxia = set(load_slugs())  # the region, its 5 cities and 22 county-level committees
    levels = Counter(register.get(code).level for code in ningxia)
    assert levels == {"region": 1, "city": 5, "county": 22}
    assert all(register.get(code).code.startswith("64") for code in ningxia)
    annual = {(t["committee_code"], t["period_end"]) for t in truth if t["period_start"] == t["period_end"]}
    assert annual >= {(code, y) for code in ningxia for y in (2022, 2023, 2024)}
    docs = _documents()
    assert 100 <= len(docs) <= 150
    assert 10 <= sum(p.suffix == ".pdf" for p in docs) <= 20
    assert sum(p.suffix == ".html" for p in docs) >= 3 and sum(p.suffix == ".docx" for p in docs) >= 3


def test_truth_uses_the_contract_the_catalog_and_the_register(truth):
    catalog = {m.code: m for m in load_catalog().metrics}
    categories = load_catalog().category_codes
    register = load_register()
    assert len(truth) > 1500
    for t in truth:
        assert MENTION_FIELDS <= t.keys()
        assert t["metric"] is None or t["metric"] in catalog, t
        assert t["category"] in categories, t
        if t["metric"]:
            assert t["unit"] in catalog[t["metric"]].units, t
            assert catalog[t["metric"]].category == t["category"], t
        c = register.get(t["committee_code"])
        assert (c.committee_name, c.level) == (t["committee"], t["level"]), t
        assert t["qualifier"] in ("exact", "at_least", "approx", "at_most")


def test_truth_surfaces_are_in_the_documents(truth):
    by_doc: dict[str, list[dict]] = {}
    for t in truth:
        by_doc.setdefault(t["doc"], []).append(t)
    encodings = Counter()
    for path in _documents():
        mentions = by_doc.pop(path.stem)
        doc = read_document(path)
        assert "示例数据" in doc.text  # every document is labelled as sample data
        encodings[doc.encoding] += 1
        for t in mentions:
            if t["char_start"] is not None:
                assert doc.display_text[t["char_start"] : t["char_end"]] == t["surface"], t
    assert by_doc == {}, "truth names documents that do not exist"
    assert {"utf-8", "utf-8-sig", "gb18030", "big5"} <= set(encodings)
    assert encodings["big5"] == 1


def test_the_hard_cases_are_there(truth, truth_facts):
    surfaces = {t["surface"] for t in truth}
    assert {"at_least", "approx", "exact"} <= {t["qualifier"] for t in truth}
    assert any(s[0] in "一二三四五六七八九十" for s in surfaces)  # Chinese numerals
    assert any(to_simplified(s) != s for s in surfaces)  # the Big5 report keeps traditional surfaces
    assert "近百件" in surfaces  # a newspaper rounding a report's figure ...
    helan = next(
        f
        for f in truth_facts
        if (f["committee_code"], f["metric"], f["period_end"]) == ("640122", "proposals.received", 2024)
    )
    # ... and the report's exact figure wins over it (the rule of warehouse/transform/reconcile.sql)
    assert (helan["value"], helan["qualifier"], helan["alternatives"]) == (98, "exact", [100])
    assert any(t["period_start"] < t["period_end"] for t in truth)  # a term report
    assert any(t["metric"] is None for t in truth)  # breakdowns kept for review
    pages = Counter(t["doc"] for t in truth if t["page"] is not None)
    shared = [d for d in pages if len({t["committee_code"] for t in truth if t["doc"] == d}) >= 2]
    assert len(shared) >= 5  # pages with articles about different committees
    assert sum(f["conflict"] for f in truth_facts) >= 10


_CN = "一二三四五六七八九十"
# ——2025年2月在政协同心县委员会第十二届委员会第四次会议上 (a report's delivery line)
_SESSION = re.compile(
    rf"((?:19|20)\d{{2}})年\d{{1,2}}月(?:\d{{1,2}}日)?在\S*?第([{_CN}]+)届委员会第([{_CN}]+)次会议"
)
_STANDING = re.compile(rf"第([{_CN}]+)届常务委员会")


def test_ordinals_agree_with_the_term_data(truth):
    """Every 第N届…第K次会议 a sample names is the session of its committee's terms (sources/corpus/
    terms.csv) held in the year after the document's year, and every 第N届常务委员会 the standing
    committee that reports then; no other ordinal is written."""
    terms = load_terms()
    docs: dict[str, set[tuple[str, int]]] = {}
    for t in truth:
        docs.setdefault(t["doc"], set()).add((t["committee_code"], t["period_end"]))
    sessions = standing = 0
    for path in _documents():
        text = to_simplified(read_document(path).text)
        if path.suffix == ".pdf":  # newspaper pages name no ordinal
            assert "届委员会" not in text and "届常务委员会" not in text, path.name
            continue
        ((code, year),) = docs[path.stem]  # a text document: one committee, one period
        found = _SESSION.findall(text)
        assert len(found) == text.count("届委员会第"), f"{path.name}: an ordinal the test does not read"
        for session_year, term, session in found:
            assert int(session_year) == year + 1, path.name  # the session that hears the year's report
            t, k = plenary_session(terms[code], int(session_year))
            assert (term, session) == (chinese(t.term), chinese(k)), path.name
            sessions += 1
        for term in _STANDING.findall(text):
            assert term == report_ordinals(terms[code], year)["term"], path.name
            standing += 1
    assert sessions >= 10 and standing >= 2


def test_term_data_agrees_with_the_public_calendar():
    """terms.csv: public rows are the register's terms, reviewed rows term_ordinals.csv's, inferred
    rows sit on the level's cycle; every sample committee has its terms."""
    from pipelines.extract.periods import calendars, reviewed_facts

    register = load_register()
    terms = load_terms()
    assert set(terms) == set(load_slugs())
    cycles = calendars()["term_cycles"]
    for code, ts in terms.items():
        level = register.get(code).level
        for t in ts:
            if t.basis == "public":
                cited = register.term(code, t.term)
                assert cited is not None and cited.first_year == t.sessions_from, t
            elif t.basis == "reviewed":
                facts = [f for f in reviewed_facts() if (f.code, f.term) == (code, t.term)]
                assert t.evidence in {f.evidence for f in facts}, t
                assert {f.first_year for f in facts} == {t.sessions_from}, t
            elif t.basis == "inferred":
                assert t.evidence == "level cycle", t
            else:
                assert t.basis == "public page" and t.evidence.startswith("http"), t
            assert any((t.sessions_from - y) % TERM_YEARS == 0 for y in cycles[level]), t
        for a, b in zip(ts, ts[1:], strict=False):  # consecutive terms, a term length apart
            assert (b.term - a.term, b.sessions_from - a.sessions_from) == (1, TERM_YEARS), (a, b)


def test_a_committee_without_term_data_names_no_ordinal():
    """The national bench generates reports of every current committee with the samples' templates:
    one terms.csv does not hold gets no session ordinal (none invented) and no error."""
    from sources.corpus import generate as g

    register = load_register()
    c = next(
        c
        for c in register.committees
        if c.valid_to is None and c.level == "county" and c.code not in load_terms()
    )
    v = g.voice(c, register.get(c.parent_code))
    facts = next(f for (code, a, b), f in sorted(g.load_facts().items()) if a == b == 2023)
    phrasing = g.load_phrasing()
    texts = ["\n".join(g.annual_report(v, 2023, facts, phrasing, f"x{i}").paragraphs) for i in range(40)]
    assert all(c.name in t for t in texts)
    assert not any(re.search(r"第.{1,3}届委员会第.{1,2}次会议", t) for t in texts)
    assert any("——2024年1月" in t or "工作回顾" in t for t in texts)  # the other subtitles stay


# ----------------------------------------------------------------------------- the pipeline over it


def _match(got: Counter, want: Counter) -> tuple[float, float]:
    hit = sum((got & want).values())
    return hit / max(1, sum(got.values())), hit / max(1, sum(want.values()))


def test_pipeline_precision_and_recall(sample_warehouse, truth):
    """Matching rule of labelling.md: doc, value, unit and qualifier agree (money in 元)."""
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    got = Counter(
        (d, exact_value(v), u, q)
        for d, v, u, q in con.execute("SELECT doc_id, value, unit, qualifier FROM fact_mention").fetchall()
    )
    want = Counter((t["doc"], exact_value(t["value"]), t["unit"], t["qualifier"]) for t in truth)
    precision, recall = _match(got, want)
    print(
        f"precision {precision:.3f} recall {recall:.3f} ({sum(got.values())} found, {sum(want.values())} labelled)"
    )
    assert precision >= 0.95
    assert recall >= 0.95


def test_reconciled_facts_match_the_truth(sample_warehouse, truth_facts):
    """Every committee x metric x period the truth expects, with the value the documented rule picks."""
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    got = {
        (c, m, s, e): (exact_value(v), q)
        for c, m, s, e, v, q in con.execute(
            "SELECT committee_code, metric_code, period_start, period_end, value, qualifier"
            " FROM fact_committee_metric_period"
        ).fetchall()
    }
    want = {
        (f["committee_code"], f["metric"], f["period_start"], f["period_end"]): (
            exact_value(f["value"]),
            f["qualifier"],
        )
        for f in truth_facts
    }
    right = [k for k, v in want.items() if got.get(k) == v]
    extra = [k for k in got if k not in want]
    print(f"reconciled: {len(right)}/{len(want)} right, {len(extra)} not in the truth")
    assert len(right) / len(want) >= 0.95
    assert len(extra) / len(want) <= 0.05
    conflicts = {
        (f["committee_code"], f["metric"], f["period_start"], f["period_end"])
        for f in truth_facts
        if f["conflict"]
    }
    wrong_conflicts = sorted(k for k in conflicts if got.get(k) != want[k])
    assert wrong_conflicts == []
