"""Metric mentions from a document: quantities, their activity (catalog metric), owner and period."""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import replace

from pipelines.extract.attribution import Attributor
from pipelines.extract.context import ContextModel
from pipelines.extract.mention import Mention, new_mention
from pipelines.extract.page import furniture_ranges, page_frame
from pipelines.extract.periods import (
    MentionPeriod,
    TermCalendar,
    arabic_years,
    default_calendar,
    mention_period,
    without_pinyin_notes,
)
from pipelines.extract.tables import table_readings
from sources.document import Block, Document
from warehouse.catalog import Catalog
from warehouse.register import load_register

# 1.6: exact Decimal values, table cells read with their headers; 1.7: saved web pages (furniture,
# date lines, place-resolved relative forms, date-line periods); 1.8: period_source on every mention,
# term calendar (provinces, reviewed and learned ordinals), plans, relative years, publication dates;
# 1.9: plan years date their sessions, sessions of named proposals, spans since a year, relative forms
# from the page's places, sector lists and attendance, other bodies' counts (issue 24); 1.13: sessions
# dated by a level's cycle and the page's date, a session's intake over its paragraph (issue 24, round 5)
# 1.14-1.20: issue 24, rounds 6-14 (docs/extraction.md: the event and plenum calendars, chronicles'
# terms, session arrangements, other bodies' counts as lexicon data, system-wide committees)
# 1.29: issue 24, rounds 37-39 (past names on undated pages, anniversaries as calendar data, trees planted,
# speech materials and speaking turns) and the term calendar's pass 4
EXTRACTOR_VERSION = "1.29.0"


_local = threading.local()


class Ranges:
    """Character ranges (possibly nested or overlapping); :meth:`covers` in O(log n)."""

    def __init__(self, ranges: list[tuple[int, int]]):
        ranges = sorted(ranges)
        self.starts = [a for a, _ in ranges]
        self.reach, far = [], -1  # the furthest end among the ranges up to each one
        for _, b in ranges:
            far = max(far, b)
            self.reach.append(far)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def covers(self, pos: int) -> bool:
        """Whether some range ``(a, b)`` has ``a <= pos < b``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def _default_model() -> ContextModel:
    """One model per thread (it keeps reading state), built once from the default catalog."""
    model = getattr(_local, "model", None)
    if model is None:
        model = _local.model = ContextModel()
    return model


_TITLE_ROLES = ("headline", "subtitle", "heading")
_LEVELS = (  # outline numbering of a heading: 一、 (1), （一） (2), 1. (3)
    (re.compile(r"[一二三四五六七八九十]+、"), 1),
    (re.compile(r"[（(][一二三四五六七八九十]+[)）]"), 2),
    (re.compile(r"\d+[.．、]"), 3),
)


def _level(block: Block, title: str) -> int:
    if block.role != "heading":
        return 0  # headline, subtitle: the whole article
    return next((lv for pattern, lv in _LEVELS if pattern.match(title)), 1)


def plan_blocks(doc: Document, lex) -> set[int]:
    """Starts of the blocks that lie under a plan's headline or heading (2025年工作要点,
    二、2025年工作安排): their figures are targets, not work done. The plan ends at the next heading
    of the same or a higher outline level ("三、…" ends "二、…", "（一）…" inside it does not)."""
    out: set[int] = set()
    plan: dict[int, int] = {}  # article -> outline level of the heading that opened its plan
    for b in doc.blocks:
        if b.role in _TITLE_ROLES:
            title = doc.text[b.start : b.end]
            level = _level(b, title)
            if any(w in title for w in lex.plan_titles) and not any(w in title for w in lex.review_titles):
                plan[b.article] = min(level, plan.get(b.article, level))
            elif b.article in plan and b.role == "heading" and level <= plan[b.article]:
                del plan[b.article]
        if b.article in plan:
            out.add(b.start)
    return out


_CPPCC = ("政协", "政協", "政治协商", "政治協商", "CPPCC")


def names_cppcc(doc: Document) -> bool:
    """Whether the document is about a CPPCC committee at all: its text names 政协 (in any script,
    or the full name), or its metadata names the committee."""
    meta = doc.metadata or {}
    return bool(meta.get("committee_code") or meta.get("committee")) or any(w in doc.text for w in _CPPCC)


def learn_calendar(docs, calendar: TermCalendar | None = None) -> TermCalendar:
    """The term calendar with the ordinals ``docs`` date (a session ordinal beside a dated line):
    each document's committee calendar then dates the others' ordinals (``cross_document``)."""
    lex = _default_model().lex
    facts = [f for doc in docs for f in Attributor(doc, lex).facts()]
    return (calendar or default_calendar()).learned(facts)


def extract_corpus(docs, catalog: Catalog | None = None) -> list[list[Mention]]:
    """Mentions of several documents read together: ordinals are learned across them first."""
    docs = list(docs)
    calendar = learn_calendar(docs)
    return [extract_mentions(d, catalog, calendar) for d in docs]


def extract_mentions(
    doc: Document, catalog: Catalog | None = None, calendar: TermCalendar | None = None
) -> list[Mention]:
    model = ContextModel(catalog) if catalog is not None else _default_model()
    if not names_cppcc(doc):
        return []  # a page about another body's work (县人大…慈善总会慰问…) measures no committee
    attributor = Attributor(doc, model.lex, calendar)
    text = doc.text
    # period words are read without inline pinyin notes (報(bào)到, 會(huì)議期間): as the report's
    # blocks are (attribution.py); ``at`` maps an offset of ``text`` to one of ``plain``
    plain, at = without_pinyin_notes(text)
    plain = arabic_years(plain)  # 截至二00七年底 reads as 截至2007年底 (same length)
    out: list[Mention] = []
    sentences: dict[int, str] = {}
    paragraph: dict[int, object] = {}  # block start -> the committee a dated paragraph opens with
    opening: dict[int, object] = {}  # sentence start -> the lower committee the sentence opens with
    placed: dict[tuple[int, int], object] = {}  # (sentence, figure) -> a lower division a clause opens with
    plans = plan_blocks(doc, model.lex)
    furniture = Ranges(furniture_ranges(doc, model.lex))  # navigation, meta lines, counters: no mentions
    for r in model.read(text):
        q = r.quantity
        block = doc.locate(q.start)
        if block is not None and (block.start in plans or block.role == "table"):
            continue  # a plan's targets; a table's cells are read with their headers below
        if furniture and furniture.covers(q.start):
            continue
        article = block.article if block is not None and len(doc.articles) > 1 else None
        owner = attributor.owner(article)
        para_start = block.start if block is not None else r.sentence_start
        period = mention_period(
            plain,
            owner.period,
            at(r.sentence_start),
            at(q.start),
            at(para_start),
            model.lex,
            owner.sessions,
            owner.terms,
        )
        sentence = sentences.get(r.sentence_start) or sentences.setdefault(
            r.sentence_start, doc.display_text[r.sentence_start : r.sentence_end].strip()
        )
        if block is not None:
            if block.start not in paragraph:
                paragraph[block.start] = attributor.paragraph_committee(text[block.start : block.end], owner)
            if paragraph[block.start] is not None:
                owner = replace(owner, committee=paragraph[block.start])
        if text.find("政", r.sentence_start, q.start) >= 0:
            if r.sentence_start not in opening:  # the committee the sentence opens with (a round-up's county)
                opening[r.sentence_start] = attributor.sentence_committee(
                    text[r.sentence_start : min(r.sentence_end, r.sentence_start + 60)].lstrip(), owner
                )
            if opening[r.sentence_start] is not None:
                owner = replace(owner, committee=opening[r.sentence_start])
            if owner.committee is not None:
                whole = _system_wide(text, r.sentence_start, q.start, owner.committee, period.start, model)
                if whole is not None:
                    owner = replace(owner, committee=whole)
        if owner.committee is not None and owner.committee.level != "county":
            # a division's bare name opening a clause of the sentence (长寿区累计开展…39场)
            key = (r.sentence_start, q.start)
            if key not in placed:
                placed[key] = attributor.place_committee(text[r.sentence_start : q.start], owner)
            if placed[key] is not None:
                owner = replace(owner, committee=placed[key])
        a, b = r.sentence_start, q.start  # (the clause's opening: four rfinds, no generator)
        clause0 = max(
            text.rfind("，", a, b), text.rfind(",", a, b), text.rfind("；", a, b), text.rfind(";", a, b)
        )
        clause0 = clause0 + 1 or r.sentence_start
        if text.find("政", clause0, q.start) >= 0 and (
            giver := attributor.clause_committee(text[clause0 : q.start], owner)
        ):
            owner = replace(owner, committee=giver)
        out.append(_mention(doc, q, r.metric, r.category, owner, period, block, sentence))
    if doc.tables:
        out.extend(_table_mentions(doc, model, attributor, plans))
        out.sort(key=lambda m: m.char_start)
    return _headline_periods(doc, out, model.lex)


# a first line that is a column's tag and a headline (【2019全国两会】…提交提案33件, 【聚焦两会】…会议召开): no
# sentence of a lead follows the tag (issue 24, round 38: 7 pages of 7 sets open so)
_YEAR_NAMED = re.compile(r"(?:19|20)\d{2}\s*年|[今去前本明]年")
_COLUMN_HEADLINE = re.compile(r"\s*【[^】]{1,20}】[^。！？!?\n]{4,60}\s*$")


def _headline_starts(doc: Document, lex) -> set[int]:
    """Starts of the blocks that are headlines whatever their role: a saved page's title line (its
    page frame's, which the reader may have left a body block: 40位…委员积极参政议政 提交提案82件), and a
    first line that is a column's tag and a headline (:data:`_COLUMN_HEADLINE`)."""
    out: set[int] = set()
    if len(doc.articles) <= 1:
        frame = page_frame(doc, None, lex)
        if frame.is_page and frame.title is not None and frame.title < len(doc.blocks):
            out.add(doc.blocks[frame.title].start)
    first = next((b for b in doc.blocks if doc.text[b.start : b.end].strip()), None)
    if first is not None and _COLUMN_HEADLINE.match(doc.text[first.start : first.end]):
        out.add(first.start)
    return out


def _headline_periods(doc: Document, out: list[Mention], lex) -> list[Mention]:
    """A headline's figure that the body repeats (办复率100% in the title, 去年…办复率100% below) is the
    body's figure: it takes the body's period where the headline names no time of its own. A repost's
    bracketed headline line (【title】lead…) is a headline too, and so are a saved page's title line
    and a column's tagged headline (:func:`_headline_starts`)."""
    titled: dict[int, int] = {}  # index of a headline's mention -> the end of its block
    headlines = _headline_starts(doc, lex) if out else set()
    for i, m in enumerate(out):
        block = doc.locate(m.char_start)
        if block is None:
            continue
        if m.period_source == "text" and (
            block.start not in headlines or _YEAR_NAMED.search(doc.text, block.start, m.char_start)
        ):
            continue  # a headline's own year (a tagged or page-title headline's is one it names)
        line = doc.text[block.start : block.end].lstrip()
        if block.role in _TITLE_ROLES or block.start in headlines:
            titled[i] = block.end
        elif (
            line.startswith("【")
            and (close := line.find("】")) > 0
            and m.char_start < block.end - len(line) + close
        ):
            titled[i] = block.end
    for i, end in titled.items():
        m = out[i]
        key = (m.value, m.unit, m.qualifier)
        body = next(
            (
                n
                for j, n in enumerate(out)
                if j not in titled and n.char_start >= end and (n.value, n.unit, n.qualifier) == key
            ),
            None,
        )
        if body is not None and body.period_start is not None:
            out[i] = replace(
                m,
                period_start=body.period_start,
                period_end=body.period_end,
                period_source=body.period_source,
                period_inferred=body.period_inferred,
                period_evidence=body.period_evidence,
                period_reason=body.period_reason,
            )
    return out


def _system_wide(text: str, start: int, end: int, committee, year, model: ContextModel):
    """The province's or city's committee whose whole system (全省各级政协, 全市政协系统) a sentence names
    before the figure, in the chain of the article's committee."""
    for pattern, level in ((model.system_province_re, "region"), (model.system_city_re, "city")):
        if pattern.search(text, start, end):
            chain = load_register().chain(committee.code, year or committee.valid_from)
            return next((c for c in chain if c.level == level), None)
    return None


def _table_mentions(
    doc: Document, model: ContextModel, attributor: Attributor, plans: set[int]
) -> list[Mention]:
    """Mentions in statistics tables: each cell's metric from its row and column headers
    (pipelines.extract.tables); a year in the headers is the figure's period."""
    out = []
    for table in doc.tables:
        block = doc.locate(table.start)
        if block is not None and block.start in plans:
            continue
        article = block.article if block is not None and len(doc.articles) > 1 else None
        owner = attributor.owner(article)
        for r in table_readings(doc, table, model):
            p = owner.period
            period = (
                MentionPeriod(r.year, r.year, "text")
                if r.year
                else MentionPeriod(p.start, p.end, p.source, p.reason)
            )
            out.append(_mention(doc, r, r.metric, r.category, owner, period, block, r.sentence))
    return out


def _as_of(c, year: int | None):
    """The committee as the register lists it in the figure's own year: a chronicle's county whose
    prefecture changed (旌德县: 342722 until 1986, 342530 until 1999, 341825 since) is, for a figure of
    1987, the division of that name valid in 1987, when the register has exactly one such."""
    if c is None or year is None or (c.valid_from <= year and (c.valid_to is None or year <= c.valid_to)):
        return c
    register = load_register()
    same = [k for k in register.find(c.name, year) if k.name == c.name and k.level == c.level]
    if len(same) == 1:
        return same[0]
    # renamed since (兴义县 -> 兴义市 in 1987, 撤县设市): for a figure older than the name, the committee's own
    # code of that year through the register's lineage of the same committee (a figure of 1980 is 兴义县's,
    # 522321). Not forwards: a page of 2014 that still writes 郧县政协 keeps the name it writes.
    if year >= c.valid_from:
        return c
    then = [k for code in register.lineage(c.code) if (k := register.get(code, year)) is not None]
    return then[0] if len(then) == 1 else c


def _mention(
    doc: Document, q, metric, category, owner, period, block: Block | None, sentence: str
) -> Mention:
    """A Mention of the quantity ``q`` (anything with start, end, value, unit, qualifier)."""
    # (a term crossing a code change keeps its first year's, a chronicle's term its own years'; a running
    # total over more than two terms, 31年来累计…, is the committee's that reports it at the span's end)
    long_run = period.start is not None and period.end is not None and period.end - period.start > 10
    c = _as_of(owner.committee, period.end if long_run else period.start)
    same = period.source == owner.period.source and period.start == owner.period.start  # the report's own
    return new_mention(
        doc=doc.doc_id,
        surface=doc.display_text[q.start : q.end],
        value=q.value,
        unit=q.unit,
        qualifier=q.qualifier,
        category=category,
        metric=metric.code if metric else None,
        committee=c.committee_name if c else None,
        committee_code=c.code if c else None,
        level=c.level if c else None,
        period_start=period.start,
        period_end=period.end,
        period_source=period.source,
        period_inferred=period.inferred or bool(same and owner.period.inferred),
        period_reason=period.reason if period.source is None else None,
        period_evidence=period.evidence or (owner.period.evidence if same else None),
        page=block.page if block else None,
        bbox=[round(v, 2) for v in block.bbox] if block and block.bbox else None,
        char_start=q.start,
        char_end=q.end,
        sentence=sentence,
        source=block.source if block else "text",
        ocr_confidence=block.ocr_confidence if block else None,
    )
