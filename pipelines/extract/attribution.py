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
* Term ordinals: where neither the text nor the date line gives a year, a session (X届X次会议,
  第X届…委员会第X次会议) or a term (第X届, with a term cue) of the subject committee gives the
  years through the register's term data (reference/committee_terms.csv): the session's year
  (one plenary session a year, the first in the term's first year) stands for the date line, so a
  report at the session covers the year before and what the session received counts for its year;
  a term summary covers the term's years. Without term data the period stays null with the reason.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from pipelines.extract.numbers import chinese_numeral
from pipelines.extract.page import find_date, page_frame
from pipelines.extract.subject import SubjectResult, find_subject
from sources.document import Document
from warehouse.register import Committee, load_register

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
_SINCE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:以来|至今)")
_SPAN = re.compile(
    r"((?:19|20)\d{2})\s*(?:年)?\s*(?:(\d{1,2})\s*月(?:份)?)?\s*(?:至|到|-|—|－)\s*((?:19|20)\d{2})\s*年"
    r"(?:\s*(\d{1,2})\s*月)?"
)
_CN_COUNT = "一二两三四五六七八九十"
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_LEAD_CHARS = 400


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    term: bool = False
    published: tuple[int, int, int] | None = None  # the page's publication date, when it gave the year
    reason: str | None = None  # why the period is null


def _span_years(span: re.Match) -> tuple[int, int]:
    """2019年至2023年 -> (2019, 2023); 2008年1月至2013年1月: the term ends in 2012."""
    a, b = int(span[1]), int(span[3])
    if span[4] and int(span[4]) <= 3 and b > a:
        b -= 1
    return min(a, b), max(a, b)


def _cutoff_before(text: str, i: int, lex: Lexicon) -> bool:
    """Whether the date at ``i`` is a cut-off ("截至2026年1月20日"): its year stands as it is."""
    before = text[max(0, i - 4) : i].rstrip()
    return before.endswith(lex.cutoff_words)


def _year_of(lead: str, lex: Lexicon, intake: bool = False) -> int | None:
    """The year a lead names: a plain year first, else a date (a date in January-March means the
    year before, unless it is a cut-off date, or the date a session adopted a text that reports what
    that session received), else a "YYYY年以来"."""
    dated = since = None
    for m in _YEAR.finditer(lead):
        if _SINCE.match(lead, m.start()):
            since = since or int(m[1])
            continue
        date = _DATE.match(lead, m.start())
        if date is None:
            return int(m[1])
        if dated is None:
            at_session = intake and "会议" in lead[date.end() : date.end() + 40]  # (…会议通过)
            early = 1 <= int(date[2]) <= 3 and not at_session and not _cutoff_before(lead, m.start(), lex)
            dated = int(m[1]) - 1 if early else int(m[1])
    return dated if dated is not None else since


_INTAKE = re.compile(r"收到[^。；;，,]{0,14}提案|提案[^。；;]{0,6}收到")


def is_intake(text: str, lex: Lexicon) -> bool:
    """A text about what a session received (截至…共收到提案184件, 提案审查情况的报告)."""
    return any(c in text for c in lex.intake_cues) or bool(_INTAKE.search(text))


def report_period(
    blocks: list[str],
    lex: Lexicon | None = None,
    published: tuple[int, int, int] | None = None,
    lead_relative: bool = False,
) -> Period:
    """The period a report (or one article, given its blocks' text) covers.

    ``published`` is the page's publication date (its date line, or the reader's metadata). For a
    page only its title and first paragraph may name the year; a year further down is a history
    paragraph's, and the page dates from its date line: a January-March page about the past year
    (过去一年, 一年来, X届X次会议以来) covers the year before. ``lead_relative`` (a printed page's
    article dated by its masthead): a first paragraph opening 去年，… reports that year.
    """
    lex = lex or load_lexicon()
    text = "\n".join(blocks)
    head = "\n".join(blocks[:3])
    term = any(c in text[:3000] for c in lex.term_cues)
    reviews = any(c in text for c in lex.review_cues)
    intake = is_intake(text[:3000], lex) and not term and not reviews
    span = _SPAN.search(head)
    if span:
        a, b = _span_years(span)
        return Period(a, b, True)
    year = None
    leads = (*blocks[:2],) if published else (*blocks[:3], text[:_LEAD_CHARS])
    for lead in leads:  # headline, subtitle, first paragraph, opening
        year = _year_of(lead, lex, intake)
        if year is not None:
            break
    from_date = None
    lead = next((b for b in blocks[:5] if "。" in b), "")  # the first paragraph (after title lines)
    back = (
        _relative_year(lead[: lead.find("。")], lex) if year is None and published and lead_relative else None
    )
    if back is not None:  # a lead opening 去年，… on a dated page: the article reports that year
        return Period(published[0] - back, published[0] - back, term)
    elif year is None and published:
        year = published[0]
        if published[1] <= 3 and (term or reviews):
            year -= 1  # a January-March page about the past year or the closing term
        from_date = published
    if year is None:
        return Period(None, None, term, reason="the text names no year and has no date line")
    if term:
        since = _SINCE.search(text[:3000])
        start = int(since[1]) if since and int(since[1]) < year else year - 4
        return Period(start, year, True, from_date)
    return Period(year, year, False, from_date)


_NUM = r"[一二三四五六七八九十]{1,3}|\d{1,2}"
# 十二届一次会议, 政协第十三届安徽省委员会第一次会议 (a plenary session; 常委会议 are not)
_SESSION = re.compile(rf"第?({_NUM})\s*届(?:[^\s，。；,;、]{{0,14}}?委员会)?\s*第?({_NUM})\s*次(?:全体)?会议")
_TERM = re.compile(rf"第?({_NUM})\s*届(?:全国|[^\s，。；,;、]{{0,8}}?)?(?:政协|委员会)")


def _ordinal(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_numeral(text)


def term_period(
    blocks: list[str], committee: Committee, period: Period, lex: Lexicon | None = None
) -> Period:
    """The period a session or term ordinal gives through the register's term data, for a text
    whose own words and date line gave none (``period``: that null period, returned with the reason
    when no term data applies)."""
    lex = lex or load_lexicon()
    text = "\n".join(blocks)[:3000]
    register = load_register()
    session = next(
        (
            m
            for m in _SESSION.finditer(text)
            if not re.search("人民代表大会|人大|常务|常委", m[0]) and (_ordinal(m[2]) or 99) <= 6
        ),
        None,
    )  # a plenary session of a CPPCC term (five a term): not a people's congress, not a standing committee
    if session:
        n, k = _ordinal(session[1]), _ordinal(session[2])
        term = register.term(committee.code, n) if n and k else None
        if term is None:
            return Period(None, None, period.term, reason=f"the text names a session ({session[0]}) but the "
                          f"register has no term data for term {n} of {committee.code}")  # fmt: skip
        year = term.session_year(k)
        if period.term and k == 1:  # a term summary at the next term's first session: the term before
            before = register.term(committee.code, n - 1)
            if before is not None and before.last_year is not None:
                return Period(before.first_year, before.last_year, True, (year, 3, 1))
        if period.term:  # 本届以来 at a later session: from the term's first year
            return Period(term.first_year, year - 1, True, (year, 3, 1))
        return report_period(blocks, lex, (year, 3, 1))  # the session is the date line
    named = _TERM.search(text) if period.term else None
    if named:
        n = _ordinal(named[1])
        term = register.term(committee.code, n) if n else None
        if term is None:
            return Period(None, None, True, reason=f"the text names a term ({named[0]}) but the register "
                          f"has no term data for term {n} of {committee.code}")  # fmt: skip
        if term.last_year is None:
            return Period(None, None, True, reason=f"term {n} of {committee.code} is in office: no last year")
        return Period(term.first_year, term.last_year, True)
    return period


@functools.cache
def _cue_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(alternation(words))


def _relative_year(before: str, lex: Lexicon) -> int | None:
    """Years back a relative word before the quantity names (去年 1, 前年 2), not a comparison."""
    for words, back in ((lex.year_before_last_words, 2), (lex.last_year_words, 1)):
        for w in words:
            i = before.rfind(w)
            if i >= 0 and before[i - 1 : i] not in ("比", "较") and not before.startswith("同期", i + len(w)):
                return back
    return None


def _years_span(text: str, s_start: int, pos: int, lex: Lexicon) -> int | None:
    """A count of years before the quantity in its sentence: 四年形成, 5年间, 近三年来 -> 4, 5, 3."""
    pattern = _years_span_pattern(lex)
    found = None
    for m in pattern.finditer(text, s_start, pos):
        n = m[1]
        found = int(n) if n.isdigit() else chinese_numeral(n)
    return found if found and 2 <= found <= 10 else None


_SPAN_PATTERNS: dict[int, re.Pattern] = {}


def _years_span_pattern(lex: Lexicon) -> re.Pattern:
    p = _SPAN_PATTERNS.get(id(lex))
    if p is None:
        after = "|".join(map(re.escape, lex.years_span_after))
        p = _SPAN_PATTERNS[id(lex)] = re.compile(
            rf"(?<![\d第{_CN_COUNT}])(\d{{1,2}}|[{_CN_COUNT}])年(?=(?:{after}))"
        )
    return p


def mention_period(
    text: str,
    report: Period,
    s_start: int,
    pos: int,
    para_start: int,
    lex: Lexicon | None = None,
) -> tuple[int | None, int | None]:
    """The period of a quantity at ``pos`` in the sentence starting at ``s_start``."""
    lex = lex or load_lexicon()
    if report.end is None:
        return report.start, report.end
    before = text[s_start:pos]
    if _cue_re(lex.history_cues).search(before):  # 早在2003年…还曾…: the text gives no period
        return None, None
    back = _relative_year(before, lex) if report.published else None
    if back is not None:  # 去年，县政协… on a page dated 2023: 2022
        return report.published[0] - back, report.published[0] - back
    sentence = text[s_start : pos + 8]
    if (
        report.published
        and not report.term
        and is_intake(sentence, lex)
        and not any(c in sentence for c in lex.review_cues)
    ):
        return report.published[0], report.published[0]  # what this session received (截至…已收到)
    has_year = "年" in before
    spans = list(_SPAN.finditer(text, s_start, pos)) if has_year else []  # 2013年1月至2018年1月，…
    if spans:
        return _span_years(spans[-1])
    since = None
    for m in _SINCE.finditer(text, s_start, pos):  # the sentence up to the quantity
        since = int(m[1])
    if since is not None and since < report.end:
        return since, report.end
    years = _years_span(text, s_start, pos, lex) if has_year and not report.term else None
    if years is not None:
        return report.end - years + 1, report.end
    year = None
    for m in _YEAR.finditer(text, s_start, pos):
        if not _SINCE.match(text, m.start(), pos) and not _cutoff_before(text, m.start(), lex):
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
    subject: SubjectResult | None = None  # the evidence (title, byline, lead, place, most named) or reason


class Attributor:
    """Subject committee and report period per article of one document, computed once each."""

    def __init__(self, doc: Document, lex: Lexicon | None = None):
        self.doc = doc
        self.lex = lex or load_lexicon()
        self._cache: dict[int | None, Owner] = {}

    def _metadata_date(self) -> tuple[int, int, int] | None:
        """A full publication date in the document's metadata (the HTML reader's date line)."""
        meta = self.doc.metadata or {}
        raw = str(meta.get("publication_date") or meta.get("published") or meta.get("date") or "")
        return find_date(raw) if raw else None

    def _page_date(self, article: int | None) -> tuple[int, int, int] | None:
        """The issue date a printed page carries in its furniture (masthead, date line, page header)
        on the article's first page: every article of the page shares it, not only the first."""
        if article is None:
            return None
        pages = [b.page for b in self.doc.blocks if b.article == article and b.page]
        if not pages:
            return None
        for b in self.doc.blocks:
            if b.article == -1 and b.page == pages[0]:
                found = find_date(self.doc.text[b.start : b.end])
                if found:
                    return found
        return None

    def _metadata_period(self, term: bool) -> Period:
        """The text names no year: a ``year`` or ``date`` (2025-01-16, 20250116) in the document's
        metadata (an inbox sidecar, the reader) is the report year; otherwise the period stays null."""
        meta = self.doc.metadata or {}
        m = re.match(r"((?:19|20)\d{2})", str(meta.get("year") or meta.get("date") or ""))
        if not m:
            return Period(
                None, None, term, reason="the text names no year and has no date line or dated metadata"
            )
        year = int(m[1])
        return Period(year - 4, year, True) if term else Period(year, year)

    def owner(self, article: int | None) -> Owner:
        if article not in self._cache:
            blocks = [
                self.doc.text[b.start : b.end]
                for b in self.doc.blocks
                if article is None or b.article == article
            ] or [self.doc.text]
            frame = page_frame(self.doc, article, self.lex)
            if frame.is_page:  # a saved web page: its furniture and meta lines are no lead
                blocks = [
                    self.doc.text[b.start : b.end]
                    for i, b in enumerate(self.doc.blocks)
                    if (article is None or b.article == article)
                    and i not in frame.furniture
                    and i not in frame.bylines
                ] or blocks
            # the HTML reader's date line; a PDF's date is an issue date, read as before from the text
            published = frame.date or (
                self._metadata_date() if self.doc.media_type != "application/pdf" else None
            )
            period = report_period(blocks, self.lex, published)
            if period.end is None and self.doc.media_type == "application/pdf":
                # the article names no year (去年，…): the masthead or page header's date line
                # dates every article of its page, the second as much as the first
                page_date = self._page_date(article)
                if page_date:
                    period = report_period(blocks, self.lex, page_date, lead_relative=True)
            if period.end is None:
                period = self._metadata_period(period.term)
            subject = find_subject(self.doc, article=article, year=period.end)  # unresolved: None, no guess
            if period.end is None and subject.committee is not None:
                period = term_period(blocks, subject.committee, period, self.lex)
            self._cache[article] = Owner(subject.committee, period, subject)
        return self._cache[article]
