"""The extractor against the labelled development corpus (tests/pipelines/extract/corpus)."""

import json
from collections import Counter

import pytest

from pipelines.extract import extract_mentions
from pipelines.extract.evaluate import evaluate
from sources import read_document
from tests.pipelines.extract import corpus


@pytest.fixture(scope="module")
def gold():
    return [json.loads(line) for line in corpus.GOLD.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def evaluation(gold):
    pred = []
    for path in sorted(corpus.DOCS.glob("*.txt")):
        pred += [m.to_dict() for m in extract_mentions(read_document(path))]
    return evaluate(gold, pred)


def test_committed_corpus_matches_its_annotated_sources(gold):
    docs, built = corpus.build()
    assert built == gold, "run: python -m tests.pipelines.extract.corpus"
    for doc, plain in docs.items():
        assert (corpus.DOCS / f"{doc}.txt").read_text(encoding="utf-8") == plain


def test_corpus_size_and_coverage(gold):
    docs = {g["doc"] for g in gold}
    assert len(docs) >= 30 and len(gold) >= 400
    levels = Counter(g["level"] for g in gold)
    assert levels["county"] and levels["city"] and levels["region"]
    assert any(g["period_start"] != g["period_end"] for g in gold)  # term reports
    assert len({g["category"] for g in gold if g["category"] and "|" not in g["category"]}) == 12
    assert {"exact", "at_least", "approx", "at_most"} <= {g["qualifier"] for g in gold}
    assert any(g["metric"] is None for g in gold)  # work that fits no metric, kept for review
    assert any(" " in g["surface"] for g in gold)  # letter-spaced newspaper text


def test_offsets_of_labels_point_at_their_surface(gold):
    texts = {p.stem: read_document(p) for p in corpus.DOCS.glob("*.txt")}
    for g in gold:
        doc = texts[g["doc"]]
        assert doc.display_text[g["char_start"] : g["char_end"]] == g["surface"], g


def test_precision_recall_and_category_accuracy(evaluation):
    ev = evaluation
    detail = [(m["doc"], m["surface"]) for m in ev.misses] + [
        (p["doc"], p["surface"]) for p in ev.false_alarms
    ]
    assert ev.precision >= 0.95, detail
    assert ev.recall >= 0.95, detail
    assert ev.category.rate >= 0.9


def test_period_accuracy(evaluation):
    assert evaluation.period.rate >= 0.95


def test_a_resolved_committee_is_never_the_wrong_one(evaluation):
    """Unresolved subjects give committee null; a named committee must be the labelled one."""
    wrong = [
        (g["doc"], g["surface"], p["committee"])
        for g, p in evaluation.pairs
        if p["committee_code"] is not None and p["committee_code"] != g["committee_code"]
    ]
    assert wrong == []
