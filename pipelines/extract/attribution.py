"""Whose work a number measures, and for which period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.document import Document
from warehouse.register import Committee, load_register

_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_TERM = re.compile(r"(五年来|本届以来|过去五年)")


@dataclass(frozen=True)
class Subject:
    committee: Committee | None
    period_start: int | None
    period_end: int | None


def _lead_text(doc: Document, blocks: int = 3) -> str:
    """Headline, subtitle and the first paragraphs: where a report names its own committee."""
    return "\n".join(doc.text[b.start : b.end] for b in doc.blocks[:blocks])


def subject_committee(doc: Document, year: int | None) -> Committee | None:
    register = load_register()
    lead = _lead_text(doc)
    names = "|".join(re.escape(n) for n in register.names())
    pattern = re.compile(rf"(?:政协|中国人民政治协商会议)?({names})(?:回族自治区|自治区)?(?:政协|委员会)")
    for m in pattern.finditer(lead):
        found = register.find(m[1], year)
        if len(found) == 1:
            return found[0]
    if "全国政协" in lead:
        return register.get("000000")
    return None


def report_period(doc: Document) -> tuple[int | None, int | None]:
    lead = _lead_text(doc)
    years = [int(y) for y in _YEAR.findall(lead)]
    year = years[0] if years else None
    if year is not None and _TERM.search(doc.text[:2000]):
        return year - 4, year
    return year, year


def document_subject(doc: Document) -> Subject:
    start, end = report_period(doc)
    return Subject(subject_committee(doc, end), start, end)
