"""Whose work a number measures, and for which period.

* Committee: the subject committee of the mention's article (``subject.find_subject`` on the
  article of the block holding the number), never a committee merely named in its sentence.
* Period: pipelines/extract/periods.py (the one module of period reasoning), read per article in
  this order: the text and its date line; a session or term ordinal through the committee's term
  calendar; a five-year plan; the publication date from the document's metadata. Every period
  carries its source (``period_source``) or the reason it is null.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from pipelines.extract.page import find_date, page_frame
from pipelines.extract.periods import (
    Period,
    TermCalendar,
    any_year,
    event_date,
    is_intake,
    lead_since,
    mention_period,
    metadata_date,
    named_terms,
    ordinal_facts,
    plan_period,
    report_period,
    running_term,
    session_date,
    session_over_history,
    session_since,
    session_years,
    spring_session_date,
    term_period,
    term_years,
)
from pipelines.extract.subject import PINYIN_NOTE, SubjectResult, committee_names, compact, find_subject
from sources.document import Document
from warehouse.register import Committee, load_register

__all__ = ["Attributor", "Owner", "Period", "is_intake", "mention_period", "report_period", "term_period"]


_RANK = {"county": 0, "city": 1, "region": 2, "national": 3}
# a paragraph opening with its date: 6月29日，… / 6月29日下午，… / 3月5日至6日，… / 近日，… / 日前，…
_DATED_OPENING = re.compile(
    r"\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日(?:至\d{1,2}日)?(?:上午|下午|晚上|晚)?|近日|日前)\s*[，,]\s*"
)


# clause breaks inside a sentence; the adverbs that may open a clause before its subject (据了解，…)
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


@functools.cache
def _clause_lead_re(words: tuple[str, ...]) -> re.Pattern:
    """The adverbs that may open a clause before its subject (据了解，…; lexicon ``clause_lead``)."""
    return re.compile(f"^(?:{alternation(words)})")


def _cjk_word(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True)
class Owner:
    committee: Committee | None
    period: Period
    subject: SubjectResult | None = None  # the evidence (title, byline, lead, place, most named) or reason
    sessions: dict | None = None  # (term, session) -> SessionYear of the sessions the article names
    terms: dict | None = None  # term -> (first year, last year, source) of the closed terms it names


class Attributor:
    """Subject committee and report period per article of one document, computed once each.

    ``calendar`` is the term calendar ordinals are read through: the reference calendar by default,
    or one that also holds ordinals learned from the other documents of a corpus
    (:func:`pipelines.extract.extractor.learn_calendar`)."""

    def __init__(self, doc: Document, lex: Lexicon | None = None, calendar: TermCalendar | None = None):
        self.doc = doc
        self.lex = lex or load_lexicon()
        self.calendar = calendar
        self._cache: dict[int | None, Owner] = {}
        self._blocks: dict[int | None, tuple[list[str], tuple[int, int, int] | None, str]] = {}

    def _reader_date(self) -> tuple[tuple[int, int, int], str] | None:
        """The reader's date (the HTML reader's date line, else its PubDate meta; an inbox sidecar)."""
        meta = self.doc.metadata or {}
        raw = str(meta.get("publication_date") or meta.get("published") or meta.get("date") or "")
        date = find_date(raw) if raw else None
        if date is None:
            return None
        return date, "date_line" if meta.get("date_text") else "publication_date"

    def _metadata_period(self, term: bool) -> Period:
        """A ``year`` or ``date`` (2025-01-16, 20250116) in the document's metadata (an inbox
        sidecar, the reader) is the report year; otherwise the period stays null."""
        meta = self.doc.metadata or {}
        m = re.match(r"((?:19|20)\d{2})", str(meta.get("year") or meta.get("date") or ""))
        if not m:
            return Period(None, None, term, reason="no dated context: the text names no year, no session or term "
                          "the calendar dates, no five-year plan, and the document has no dated metadata")  # fmt: skip
        year = int(m[1])
        how = {"source": "publication_date"}
        return Period(year - 4, year, True, **how) if term else Period(year, year, **how)

    def _header_date(self, article: int | None) -> tuple[int, int, int] | None:
        """An e-paper page's date in its page header (2024年12月5日 星期四) on the article's pages."""
        blocks = self.doc.blocks
        pages = {b.page for b in blocks if article is None or b.article == article}
        for b in blocks:
            if b.page in pages and (b.article == -1 or b.role == "furniture"):
                if date := find_date(self.doc.text[b.start : b.end]):
                    return date
        return None

    def _article(self, article: int | None):
        got = self._blocks.get(article)
        if got is None:
            blocks = [
                self.doc.text[b.start : b.end]
                for b in self.doc.blocks
                if article is None or b.article == article
            ] or [self.doc.text]
            frame = page_frame(self.doc, article, self.lex)
            if frame.is_page:  # a saved web page: its furniture and meta lines are no lead, nor the
                # site's name and header lines above its title (od体育官网入口)
                first = frame.title if frame.title is not None else 0
                blocks = [
                    self.doc.text[b.start : b.end]
                    for i, b in enumerate(self.doc.blocks)
                    if (article is None or b.article == article)
                    and i >= first
                    and i not in frame.furniture
                    and i not in frame.bylines
                ] or blocks
            blocks = [
                PINYIN_NOTE.sub("", b) if "(" in b or "（" in b else b for b in blocks
            ]  # 十四届三次(ci)会议 reads as written
            # the page's date line, else the HTML reader's; a PDF's issue date comes last (below)
            published, source = frame.date or self._inline_date(blocks), "date_line"
            if published is None and self.doc.media_type != "application/pdf":
                published, source = self._reader_date() or (None, "date_line")
            got = self._blocks[article] = (blocks, published, source)
        return got

    def _lead(self, article: int | None) -> str | None:
        """The article's lead: its first paragraph after its title lines and bylines (a saved page's
        first lead block; a printed page's first body block)."""
        frame = page_frame(self.doc, article, self.lex)
        if frame.is_page:
            index = frame.lead[0] if frame.lead else None
        else:
            index = next(
                (
                    i
                    for i, b in enumerate(self.doc.blocks)
                    if (article is None or b.article == article) and b.role == "body"
                ),
                None,
            )
        if index is None:
            return None
        b = self.doc.blocks[index]
        return PINYIN_NOTE.sub("", self.doc.text[b.start : b.end])

    def _inline_date(self, blocks: list[str]) -> tuple[int, int, int] | None:
        """A date line run into the page's first block (…再掀热潮 管理员 时间:2013-05-15 分类:…): a
        meta word right before a full date near its start."""
        head = blocks[0][:200] if blocks else ""
        for cue in self.lex.meta_cues:
            i = head.find(cue)
            while i >= 0:
                after = head[i + len(cue) : i + len(cue) + 24].lstrip(":： ")
                if after[:1].isdigit() and (date := find_date(after[:19])):
                    return date
                i = head.find(cue, i + 1)
        return None

    def _late_date(self, article: int | None) -> tuple[int, int, int] | None:
        """A publication date found outside the text: the e-paper page header, the canonical address,
        the PDF's metadata, the file name."""
        if self.doc.media_type == "application/pdf" and (date := self._header_date(article)):
            return date
        found = metadata_date(self.doc.metadata or {}, self.doc.doc_id, self.doc.path or "")
        return found[0] if found else None

    def owner(self, article: int | None) -> Owner:
        if article not in self._cache:
            blocks, published, source = self._article(article)
            lead = self._lead(article)
            period = report_period(blocks, self.lex, published, source, lead=lead)
            # the register as of the report's year; with no period, as of any year the text names (a
            # plan's: 2024年…将) rather than today's (a district renamed since keeps its name)
            year = period.end if period.end is not None else any_year(blocks)
            subject = find_subject(self.doc, article=article, year=year)  # unresolved: None, no guess
            if period.end is None and subject.committee is not None:
                period = term_period(
                    blocks, subject.committee, period, self.lex, self.calendar, self._late_date(article)
                )
            elif period.term and period.published and subject.committee is not None:
                period = running_term(blocks, subject.committee, period)
            elif subject.committee is not None:
                period = session_over_history(blocks, subject.committee, period, self.lex, self.calendar)
                period = session_date(blocks, subject.committee, period, self.calendar)
                period = spring_session_date(blocks, subject.committee, period, self.lex, self.calendar)
                period = session_since(blocks, subject.committee, period, self.calendar)
            if period.end is None:
                period = plan_period(blocks, period)
            if (
                period.published is None
                and period.end is not None
                and period.start == period.end
                and period.source == "text"
                and lead_since(blocks, self.lex) == period.end
                and (late := self._late_date(article)) is not None
                and late[0] > period.end
                and not (late[0] == period.end + 1 and late[1] == 1)  # (a January page: a review of the year)
            ):  # 2024年以来，… on a page its address dates in February 2025 or later: 2024-2025
                period = Period(
                    period.end, late[0], True, late, source="text", date_source="publication_date"
                )
            if period.end is None:
                late = self._late_date(article)
                if late is not None:
                    period = report_period(blocks, self.lex, late, "publication_date", lead=lead)
                elif (meta := self._metadata_period(period.term)).end is not None:
                    period = meta
                elif (event := event_date(blocks)) is not None:  # 开展“两学一做”学习教育: 2016
                    period = report_period(blocks, self.lex, event, "event", lead=lead)
                elif period.reason is None or period.reason.startswith("no dated context"):
                    period = replace(period, reason=meta.reason)
            if subject.committee is None and year is None and period.end is not None:
                # a page dated only outside its text (its address): the register of that year (县政协 on
                # ningxiangnews.net in 2012 is 宁乡县's; 宁乡 is a county-level city since 2017)
                subject = find_subject(self.doc, article=article, year=period.end)
            c = subject.committee
            own_date = period.published if period.source not in ("session", "cross_document") else None
            dated = session_years(blocks, c, self.calendar, own_date) if c else None
            terms = term_years(blocks, c, self.calendar) if c else None
            self._cache[article] = Owner(c, period, subject, dated, terms)
        return self._cache[article]

    def paragraph_committee(self, text: str, owner: Owner) -> Committee | None:
        """The committee a dated paragraph opens with, when it is another than the article's: a
        round-up of several committees' news (6月29日，灵宝市政协组织…。6月29日，长葛市政协…),
        each paragraph reporting its own committee's work. A relative form (县政协), a committee
        named as an object, or one named after other words opens no paragraph of its own."""
        m = _DATED_OPENING.match(text)
        if m is None:
            return None
        # (the name and what follows it in its clause: 某县政协…一行8人到我县考察 names a visitor)
        named = committee_names(text[m.end() : m.end() + 80])
        if not named or named[0].start > 0 or named[0].relative or named[0].is_object:
            return None
        year = owner.period.end
        found = load_register().resolve(named[0].form, year).committee
        if found is None or (owner.committee is not None and found.code == owner.committee.code):
            return None
        return found

    def clause_committee(self, text: str, owner: Owner) -> Committee | None:
        """The committee a clause opens with right before its figure, when it is another than the
        article's: in a list of givers (…，江西省新余市政协捐款20万元) that committee gave it."""
        named = committee_names(text)
        if not named or named[0].start > 0 or named[0].relative or named[0].is_object:
            return None
        if len(compact(text)) - named[0].end > 6:
            return None  # (the name is the clause's subject only when a verb and the figure follow)
        found = load_register().resolve(named[0].form, owner.period.end).committee
        if found is None or (owner.committee is not None and found.code == owner.committee.code):
            return None
        if owner.committee is not None and _RANK[found.level] > _RANK[owner.committee.level]:
            return None  # 全国政协采用30余条: a higher committee acts on the article's committee's products
        return found

    def sentence_committee(self, text: str, owner: Owner) -> Committee | None:
        """The lower committee a sentence opens with, inside the article's committee's division: a
        round-up of its counties' work (醴陵市政协28个委员工作室的170余名委员…捐资捐物15万余元。芦淞区政协发动…共
        6万余元) gives each sentence's figures to the committee that is its subject. Not a relative form,
        an object, a higher or a peer committee (全国政协采用30余条), or one outside the division."""
        if owner.committee is None:
            return None
        named = committee_names(text[:40])
        if not named or named[0].start > 0 or named[0].relative or named[0].is_object:
            return None
        found = load_register().resolve(named[0].form, owner.period.end).committee
        if found is None or found.code == owner.committee.code:
            return None
        if _RANK[found.level] >= _RANK[owner.committee.level]:
            return None
        own = owner.committee.code
        if (
            own not in (found.parent_code, found.city_code, found.region_code)
            and owner.committee.level != "national"
        ):
            return None
        return found

    def place_committee(self, text: str, owner: Owner) -> Committee | None:
        """The lower committee whose division is the subject of a clause before the figure, by the
        division's bare name (长寿区累计开展协商议事活动39场, 信阳市已征集史料36篇, 巧家认真组织…创作收集作品
        100余幅): a higher committee's page (its visit, its exhibition, its paper) carrying one division's
        own figures, which are that division's committee's. ``text`` runs from the sentence's start to
        the figure; the last clause that opens with such a name decides. Only a division inside the
        article committee's own, named right before a verb or an adverb: not before another body's
        word (长寿区委, 长寿区政府), a possessive, a list (长寿区、涪陵区) or a number (长寿区12个)."""
        if owner.committee is None or owner.committee.level == "county":
            return None
        register = load_register()
        own = owner.committee.code
        year = owner.period.end
        for clause in reversed(_CLAUSE_BREAK.split(compact(text))):
            clause = _clause_lead_re(self.lex.clause_lead).sub("", clause)
            for n in range(min(10, len(clause) - 1), 1, -1):
                name = clause[:n]
                found = register.find(name, year) if not name.endswith("政协") else []
                if not found:
                    continue
                # the longest name at the clause's start decides (吉林省政协: no 吉林 in it)
                after = clause[n : n + 2]
                if (
                    not _cjk_word(after[0])
                    or after.startswith(self.lex.place_not_subject_after)
                    or clause.startswith(tuple(self.lex.media_after), n)  # 运城日报: an outlet
                    or self._names_institution(clause, n)  # 武汉协和医院: an institution, not 武汉
                    or (  # 泉港组: a group of the higher committee's members, not 泉港's committee
                        clause.startswith(self.lex.group_after, n)
                        and not clause.startswith(self.lex.group_not, n)
                    )
                ):
                    break
                inside = [
                    c
                    for c in found
                    if c.code != own
                    and _RANK[c.level] < _RANK[owner.committee.level]
                    and own in (c.parent_code, c.city_code, c.region_code)
                ]
                if len(inside) == 1:
                    return inside[0]
                break
        return None

    def _names_institution(self, clause: str, n: int) -> bool:
        """Whether the division's name ending at ``n`` opens an institution's name (武汉协和医院, 南京中医药大学,
        宜昌市第一人民医院): one of ``institution_after`` within four characters after it, unless the characters after
        the name open with a word that makes the division act on the institution (长寿区为医院…: ``institution_gap_not``)."""
        if clause.startswith(self.lex.institution_gap_not, n):
            return False
        return any(clause.find(word, n, n + 4 + len(word)) >= 0 for word in self.lex.institution_after)

    def named_terms(self) -> dict[str, set[int]]:
        """Committee code -> the term ordinals this document names for it."""
        out: dict[str, set[int]] = {}
        articles = sorted({b.article for b in self.doc.blocks}) if len(self.doc.articles) > 1 else [None]
        for a in articles:
            committee = self.owner(a).committee
            if committee is not None:
                out.setdefault(committee.code, set()).update(named_terms(self._article(a)[0], committee))
        return out

    def facts(self) -> list:
        """Ordinals this document dates for its committees (learned across documents)."""
        out = []
        articles = sorted({b.article for b in self.doc.blocks}) if len(self.doc.articles) > 1 else [None]
        for a in articles:
            blocks, published, _ = self._article(a)
            committee = self.owner(a).committee
            if committee is not None:
                out += ordinal_facts(self.doc.doc_id, blocks, committee, published)
        return out
