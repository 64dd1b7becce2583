"""The reviewed session ordinals of public pages (warehouse/reference/term_ordinals.csv), the term
calendar's data for city and county committees: each row a fact with its evidence, and evidence that
disagrees reported by the calendar, never resolved."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from pipelines.extract.periods import ORDINALS_PATH, TermCalendar, reviewed_facts

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "warehouse" / "reference" / "committees.csv"


def _rows() -> list[dict]:
    with open(ORDINALS_PATH, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _register_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    with open(REGISTER, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            names[r["code"]].add(r["name"])
    return names


def test_every_row_is_a_dated_fact_of_a_registered_committee_with_its_address():
    names = _register_names()
    rows = _rows()
    assert len(rows) >= 200
    seen = set()
    for r in rows:
        assert r["name"] in names.get(r["code"], set()), r
        assert not r["code"].endswith("0000"), r  # national and provincial terms are public facts elsewhere
        assert int(r["term"]) >= 1 and (r["session"] == "" or 1 <= int(r["session"]) <= 9), r
        assert 1950 <= int(r["year"]) <= 2026 and (r["month"] == "" or 1 <= int(r["month"]) <= 12), r
        assert r["address"].startswith(("http://", "https://")), r
        assert r["reviewed"] == "yes" and r["note"].strip(), r
        key = (r["code"], r["term"], r["session"], r["year"])
        assert key not in seen, r
        seen.add(key)


def test_evidence_marked_as_conflicting_is_reported_and_leaves_its_term_undated():
    calendar = TermCalendar()
    assert len(calendar.facts) >= len(reviewed_facts()) == len(_rows())
    marked = {(r["code"], int(r["term"])) for r in _rows() if r["note"].lower().startswith("conflict")}
    assert marked
    for code, term in marked:
        assert (code, term) in calendar.conflicts
        assert calendar.term(code, term) is None
        assert "conflicting ordinals" in calendar.why_not(code, term, f"{term}届")
