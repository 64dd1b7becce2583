"""Whose work a number measures, and for which period.

* Committee: the subject committee of the mention's article (``subject.find_subject`` on the
  article of the block holding the number), never a committee merely named in its sentence.
* Report period: the first year named in the headline, else the subtitle, else the first
  paragraph ("2024年工作回顾", "2024年，县政协…"); a delivery date in January-March of year Y
  ("——2025年1月8日在…会议上") means the report covers Y-1; failing those, the first year in the
  opening 400 characters. A term report ("五年来", "本届以来") covers a range ending in that year,
  starting at an explicit "YYYY年以来" or four years before (a five-year term).
* A mention in a sentence (or a paragraph opened) by a single other year gets that year
  ("2023年，承办…"; in a term report any single year); "YYYY年以来" in its sentence gives the
  range YYYY..report year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.lexicon import Lexicon, load_lexicon
from pipelines.extract.subject import find_subject
from sources.document import Document
from warehouse.register import Committee

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
_SINCE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:以来|至今)")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:至|到|-|—|－)\s*((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_LEAD_CHARS = 400


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    term: bool = False


def _year_of(lead: str) -> int | None:
    """The year a lead names: a plain year first, else a delivery date (January-March: the year
    before), else a "YYYY年以来"."""
    dated = since = None
    for m in _YEAR.finditer(lead):
        if _SINCE.match(lead, m.start()):
            since = since or int(m[1])
            continue
        date = _DATE.match(lead, m.start())
        if date is None:
            return int(m[1])
        if dated is None:
            dated = int(m[1]) - 1 if 1 <= int(date[2]) <= 3 else int(m[1])
    return dated if dated is not None else since


def report_period(blocks: list[str], lex: Lexicon | None = None) -> Period:
    """The period a report (or one article, given its blocks' text) covers."""
    lex = lex or load_lexicon()
    text = "\n".join(blocks)
    head = "\n".join(blocks[:3])
    term = any(c in text[:3000] for c in lex.term_cues)
    span = _SPAN.search(head)
    if span:
        a, b = int(span[1]), int(span[2])
        return Period(min(a, b), max(a, b), True)
    year = None
    for lead in (*blocks[:3], text[:_LEAD_CHARS]):  # headline, subtitle, first paragraph, opening
        year = _year_of(lead)
        if year is not None:
            break
    if year is None:
        return Period(None, None, term)
    if term:
        since = _SINCE.search(text[:3000])
        start = int(since[1]) if since and int(since[1]) < year else year - 4
        return Period(start, year, True)
    return Period(year, year)


def mention_period(
    text: str, report: Period, s_start: int, pos: int, para_start: int
) -> tuple[int | None, int | None]:
    """The period of a quantity at ``pos`` in the sentence starting at ``s_start``."""
    if report.end is None:
        return report.start, report.end
    since = None
    for m in _SINCE.finditer(text, s_start, pos):  # the sentence up to the quantity
        since = int(m[1])
    if since is not None and since < report.end:
        return since, report.end
    year = None
    for m in _YEAR.finditer(text, s_start, pos):
        if not _SINCE.match(text, m.start(), pos):
            year = int(m[1])
    if year is None:  # a paragraph opened by a year: "2023年，…"
        m = _YEAR.match(text, para_start)
        if m and not _SINCE.match(text, para_start):
            year = int(m[1])
    if year is not None and (year != report.end or report.term) and year >= report.start - 1:
        return year, year
    return report.start, report.end


@dataclass(frozen=True)
class Owner:
    committee: Committee | None
    period: Period


class Attributor:
    """Subject committee and report period per article of one document, computed once each."""

    def __init__(self, doc: Document, lex: Lexicon | None = None):
        self.doc = doc
        self.lex = lex or load_lexicon()
        self._cache: dict[int | None, Owner] = {}

    def _metadata_period(self, term: bool) -> Period:
        """The text names no year: a ``year`` or ``date`` (2025-01-16, 20250116) in the document's
        metadata (an inbox sidecar, the reader) is the report year; otherwise the period stays null."""
        meta = self.doc.metadata or {}
        m = re.match(r"((?:19|20)\d{2})", str(meta.get("year") or meta.get("date") or ""))
        if not m:
            return Period(None, None, term)
        year = int(m[1])
        return Period(year - 4, year, True) if term else Period(year, year)

    def owner(self, article: int | None) -> Owner:
        if article not in self._cache:
            blocks = [
                self.doc.text[b.start : b.end]
                for b in self.doc.blocks
                if article is None or b.article == article
            ] or [self.doc.text]
            period = report_period(blocks, self.lex)
            if period.end is None:
                period = self._metadata_period(period.term)
            subject = find_subject(self.doc, article=article, year=period.end)  # unresolved: None, no guess
            self._cache[article] = Owner(subject.committee, period)
        return self._cache[article]
