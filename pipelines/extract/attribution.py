"""Whose work a number measures, and for which period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.subject import find_subject
from sources.document import Document
from warehouse.register import Committee

_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_TERM = re.compile(r"(五年来|本届以来|过去五年)")


@dataclass(frozen=True)
class Subject:
    committee: Committee | None
    period_start: int | None
    period_end: int | None


def _lead_text(doc: Document, blocks: int = 3) -> str:
    return "\n".join(doc.text[b.start : b.end] for b in doc.blocks[:blocks])


def report_period(doc: Document) -> tuple[int | None, int | None]:
    lead = _lead_text(doc)
    years = [int(y) for y in _YEAR.findall(lead)]
    year = years[0] if years else None
    if year is not None and _TERM.search(doc.text[:2000]):
        return year - 4, year
    return year, year


def document_subject(doc: Document) -> Subject:
    start, end = report_period(doc)
    return Subject(find_subject(doc, year=end).committee, start, end)
