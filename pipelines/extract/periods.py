"""The years a figure covers, and the evidence for them: the one module of period reasoning.

Every period carries its ``source`` (``period_source`` on the mention, one of :data:`SOURCES`):

* ``text``: a year the text itself names (2024年工作回顾, "2023年，承办…", 2019年至2023年);
* ``date_line``: the page's date line (发布时间：2024-01-05, a report's delivery line
  ——2025年1月8日在…会议上), and what relative words mean on it (去年, 今年, 上半年, 截至6月);
* ``session`` / ``term``: a session or term ordinal (十二届三次会议, 十二届省政协履职五年) read through the
  committee's term calendar (:class:`TermCalendar`);
* ``cross_document``: the same, where the calendar entry was learned from another document of the
  corpus (``evidence`` names it);
* ``plan``: a five-year plan (“十二五”时期 = 2011-2015, warehouse/reference/periods.yaml);
* ``publication_date``: the publication date from the document's metadata (HTML meta, the canonical
  address, PDF metadata, the e-paper page header, the file name).
* ``event``: a nationwide campaign or event the text names (开展“两学一做”学习教育: 2016; the 2020
  outbreak's 疫情防控阻击战), on a page with no year and no date of its own (periods.yaml ``dated_events``).

A null period has a ``reason``. ``inferred`` marks a period that comes from a level's term cycle
rather than the committee's own evidence (a term extrapolated five years from a dated one).

Reading order (docs/mentions.md, ../shared/labelling.md): the text and its date line first, then a
session or term ordinal, then a five-year plan, then the publication date. A session's work report
covers the year before the session; proposals received at a session count for the session's year;
五年来 / 本届以来 is the term's range; a January review covers the year just ended.
"""

from __future__ import annotations

import calendar as calendar_module
import functools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import yaml

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from pipelines.extract.numbers import chinese_numeral
from warehouse.register import REFERENCE_DIR, Committee, Register, Term, load_register

SOURCES = ("text", "date_line", "session", "term", "plan", "publication_date", "cross_document", "event")
PERIODS_PATH = REFERENCE_DIR / "periods.yaml"
ORDINALS_PATH = REFERENCE_DIR / "term_ordinals.csv"
# a term is inferred from a dated term at most this many terms away (periods.yaml infer_terms per level)
INFER_TERMS = 3

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
# a year a span starts from: 2019年以来, 2019年至今, 2006年起, 从2014年开始, 自2012年活动开展以来; with its month
# or day too (2020年4月启动至今, 2020年12月以来: issue 24 round 25, 4 pages on 3 sets)
_SINCE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*)?(?:以来|至今|起|开始|[^，,。；;：:！？\n\d]{1,10}?(?:以来|至今))"
)
# how many years a span since a year has lasted: 三年来, 5年间, 已连续开展了二十年
_YEARS_LASTED = re.compile(
    r"(?:(?<![\d第一二三四五六七八九十两])([一二三四五六七八九十两]{1,3}|\d{1,2})年(?:来|间|里)"
    r"|连续[^，,。；;\d]{0,4}?([一二三四五六七八九十两]{1,3}|\d{1,2})年)"
)
_SPAN = re.compile(
    r"((?:19|20)\d{2})\s*(?:年)?\s*(?:(\d{1,2})\s*月(?:份)?)?\s*(?:至|到|-|—|－|–|~|～)\s*((?:19|20)\d{2})\s*年"
    r"(?:\s*(\d{1,2})\s*月)?"
)
_CN_COUNT = "一二两三四五六七八九十"
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?")
# a month-day date line with no year: "12月5日，县政协…", "本报讯 12月5日，…"
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_LEAD_CHARS = 400
# a term cue this near the top makes the whole report a term summary; further down, only its own
# sentences span the term (五年来，…共召开全体会议5次; 十二届安徽省政协期间，…共提交提案4531件)
_TERM_CHARS = 400


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    term: bool = False
    published: tuple[int, int, int] | None = None  # the date relative words are read against
    reason: str | None = None  # why the period is null
    source: str | None = None  # one of SOURCES; None when the period is null
    inferred: bool = False  # from a level's term cycle, not the committee's own evidence
    evidence: str | None = None  # the document or address whose ordinal dated the calendar entry
    date_source: str | None = None  # where ``published`` comes from, when not from ``source``


# ----------------------------------------------------------------------------- calendars (data)


@functools.cache
def calendars(path: Path = PERIODS_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def _plan_re() -> re.Pattern:
    plans = calendars()["five_year_plans"]
    # “十二五”时期, 十四五以来, 十三五期间: a plan named as a period, not as a slogan
    return re.compile(rf"[“\"']?({alternation(plans)})[”\"']?(?:规划|计划)?(时期|期间|以来|开局|收官|末|初)")


@functools.cache
def _congress_re() -> re.Pattern:
    # 党的十八大以来, 十九大以来: a national party congress as the start of a span
    return re.compile(rf"({alternation(calendars()['party_congresses'])})以来")


# whose plan is drafted (编制湖南省“十五五”规划, 谋划全区“十五五”): a division's name or a relative one
_PLACE_WORD = r"全[省市区县州盟旗]|本[省市区县]|[^\s“”\"'，。,；;、：:]{1,4}?[省市区县州盟旗]"


@functools.cache
def _drafting_re() -> re.Pattern:
    plans = calendars()["five_year_plans"]
    # “十三五”规划编制, 编制“十四五”规划: a plan is drafted in the year before it starts
    return re.compile(
        rf"[“\"']?({alternation(plans)})[”\"']?(?:规划|计划)(?:纲要)?(?:的)?(?:编制|起草)(?!和|与|及)"
        rf"|(?:编制|起草)(?:{_PLACE_WORD})?[“\"']?({alternation(plans)})[”\"']?(?:规划|计划)"
        rf"|谋划(?:{_PLACE_WORD})?[“\"']?({alternation(plans)})[”\"']?(?!时期|期间|以来|开局|收官)"
    )


def plan_years(name: str) -> tuple[int, int]:
    a, b = calendars()["five_year_plans"][name]
    return int(a), int(b)


# ----------------------------------------------------------------------------- term calendar


@dataclass(frozen=True)
class OrdinalFact:
    """A committee's term (and session) ordinal dated by a document or a public page."""

    code: str
    term: int
    session: int | None  # None: the term itself (its first year)
    year: int
    evidence: str  # a doc id (learned) or an address (reviewed CSV)
    basis: str = "document"  # document (learned from the corpus) or reviewed (term_ordinals.csv)
    month: int | None = None

    @property
    def first_year(self) -> int:
        """The term's first year, one plenary session a year. A first session held in December opens
        a term whose sessions and reports run from the next year (1st session in late December
        2021, 2nd in January 2023 ... 5th in January 2026)."""
        if (self.session or 1) == 1 and self.month == 12:
            return self.year + 1
        return self.year - (self.session or 1) + 1


@dataclass(frozen=True)
class TermYears:
    code: str
    term: int
    first_year: int
    last_year: int | None
    basis: str  # public, document, reviewed, cycle
    evidence: str | None = None
    inferred: bool = False
    december_opening: bool = False  # its first session was held in the December before first_year
    # session -> year where the evidence's months show a term that did not hold one plenary session
    # a year (two in one year: January and December; a year with none)
    schedule: tuple[tuple[int, int, int], ...] = ()  # (session, year, month)
    # inferred across a term boundary where the level's cycles leave two years (a term lengthened or
    # shortened by a year to come into step): a date of the page's own outranks it
    ambiguous: bool = False

    def session_year(self, session: int) -> int:
        """The year ``session`` is held in; a first session held in December is that December's (its
        own figures, what it received, count in that year), the term's reports from the next."""
        for k, year, _ in self.schedule:
            if k == session:
                return year
        if session == 1 and self.december_opening:
            return self.first_year - 1
        return self.first_year + session - 1

    def session_month(self, session: int) -> int | None:
        """The month ``session`` is held in, where the evidence's months give the term's sessions."""
        return next((month for k, _, month in self.schedule if k == session), None)


def _month_schedule(facts: list[OrdinalFact], sessions: int = 7) -> tuple[tuple[int, int, int], ...] | None:
    """The sessions of one term by the months its dated sessions were held in, where the years
    disagree with one session a year: each session about a year after the one before (6 to 15
    months: a January session and a December one in the same year; a December session and the next
    in the January thirteen months later). Sessions the evidence does not date keep the rhythm of the
    nearest dated one before them (of the first dated one, counted back). None when a fact has no
    month or no session, or the months do not fit (the evidence then conflicts)."""
    if any(f.session is None or f.month is None for f in facts):
        return None
    at = sorted({(f.session, f.year * 12 + f.month - 1) for f in facts})
    for (k1, t1), (k2, t2) in zip(at, at[1:], strict=False):
        if k1 == k2 and abs(t2 - t1) > 2:
            return None
        if k1 != k2 and not 12 * (k2 - k1) - 6 <= t2 - t1 <= 12 * (k2 - k1) + 3:
            return None
    known = dict(at)
    out = []
    for k in range(1, sessions + 1):
        if k in known:
            t = known[k]
        else:
            lower = [(kk, tt) for kk, tt in at if kk < k]
            upper = [(kk, tt) for kk, tt in at if kk > k]
            if lower:
                kk, tt = lower[-1]
                t = tt + 12 * (k - kk)
                if upper:
                    t = min(t, upper[0][1] - 6 * (upper[0][0] - k))
            else:
                kk, tt = upper[0]
                t = tt - 12 * (kk - k)
        out.append((k, t // 12, t % 12 + 1))
    return tuple(out)


@functools.cache
def reviewed_facts(path: Path = ORDINALS_PATH) -> tuple[OrdinalFact, ...]:
    import csv

    if not path.exists():
        return ()
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(
            OrdinalFact(
                r["code"],
                int(r["term"]),
                int(r["session"]) if r["session"] else None,
                int(r["year"]),
                r["address"],
                "reviewed",
                int(r["month"]) if r.get("month") else None,
            )
            for r in csv.DictReader(fh)
            if r.get("reviewed", "yes").strip().lower() in ("yes", "y", "true", "1")
        )


class TermCalendar:
    """Term years of every committee: the register's cited terms (national, provincial, cited
    documents), the reviewed ordinals of public pages, and ordinals learned from documents.

    Evidence about the same term that disagrees is recorded in :attr:`conflicts` and that term stays
    undated (never silently resolved). A term with no evidence of its own is extended from the
    committee's nearest dated term by the level's term length: ``inferred``."""

    def __init__(self, register: Register | None = None, facts: tuple[OrdinalFact, ...] = ()):
        self.register = register or load_register()
        self.term_years = int(calendars().get("term_years", 5))
        self.facts = tuple(reviewed_facts()) + tuple(facts)
        by_term: dict[tuple[str, int], list[OrdinalFact]] = defaultdict(list)
        for f in self.facts:
            by_term[(f.code, f.term)].append(f)
        self.dated: dict[tuple[str, int], OrdinalFact] = {}
        self.conflicts: dict[tuple[str, int], str] = {}
        self.schedules: dict[tuple[str, int], tuple[tuple[int, int, int], ...]] = {}
        self.december: set[tuple[str, int]] = set()  # terms opened by a first session in December
        for key, fs in by_term.items():
            cited = self.register.term(*key)
            firsts = {f.first_year for f in fs} | ({cited.first_year} if cited else set())
            schedule = _month_schedule(fs) if len(firsts) > 1 and cited is None else None
            if schedule is not None:  # two sessions in one year, or a year with none: by the months
                best = min(fs, key=lambda f: (f.basis != "reviewed", f.evidence))
                first = min(fs, key=lambda f: (f.session, f.year, f.month))
                t1 = first.year * 12 + first.month - 1 - 12 * (first.session - 1)
                self.schedules[key] = schedule
                self.dated[key] = OrdinalFact(
                    key[0], key[1], 1, schedule[0][1], best.evidence, best.basis, t1 % 12 + 1
                )
                if t1 % 12 + 1 == 12:
                    self.december.add(key)
            elif len(firsts) > 1:
                told = "; ".join(f"{f.evidence}: {f.term}届{f.session or ''}次 in {f.year}" for f in fs)
                cited_txt = f"; register: first year {cited.first_year}" if cited else ""
                self.conflicts[key] = (
                    f"term {key[1]} of {key[0]}: first years {sorted(firsts)} ({told}{cited_txt})"
                )
            elif cited is None:
                self.dated[key] = min(fs, key=lambda f: (f.basis != "reviewed", f.evidence))
                if any(f.session == 1 and f.month == 12 for f in fs):  # (the facts agree)
                    self.december.add(key)
        # a learned or reviewed term must sit about a term length from the committee's other dated
        # terms (1 year of slack: sessions move); otherwise the evidence conflicts
        cited_by_code: dict[str, dict[int, int]] = defaultdict(dict)
        for t in self.register.terms():
            cited_by_code[t.code][t.term] = t.first_year
        for (code, n), fact in list(self.dated.items()):
            others = dict(cited_by_code.get(code, {}))
            others.update({m: f.first_year for (c, m), f in self.dated.items() if c == code and m != n})
            bad = [
                (m, y) for m, y in others.items() if abs(fact.first_year - y - self.term_years * (n - m)) > 1
            ]
            if bad:
                m, y = min(bad, key=lambda my: abs(my[0] - n))
                self.conflicts[(code, n)] = (
                    f"term {n} of {code}: {fact.evidence} dates it from {fact.first_year}, but term {m} "
                    f"opened in {y}, {self.term_years} years a term"
                )
        for key in self.conflicts:
            self.dated.pop(key, None)
        self._anchors: dict[str, list[int]] = defaultdict(list)
        for code, n in self.dated:
            self._anchors[code].append(n)

    def learned(self, facts) -> TermCalendar:
        """This calendar with ``facts`` (ordinals learned from documents) added."""
        return TermCalendar(
            self.register, tuple(f for f in self.facts if f.basis != "reviewed") + tuple(facts)
        )

    def _first(self, code: str, n: int) -> TermYears | None:
        cited = self.register.term(code, n)
        if cited is not None and (code, n) not in self.conflicts:
            return TermYears(code, n, cited.first_year, cited.last_year, "public", cited.source)
        fact = self.dated.get((code, n))
        if fact is not None:
            return TermYears(
                code,
                n,
                fact.first_year,
                None,
                fact.basis,
                fact.evidence,
                december_opening=(code, n) in self.december,
                schedule=self.schedules.get((code, n), ()),
            )
        return None

    def term(self, code: str, n: int) -> TermYears | None:
        """The years of ``code``'s ``n``-th term, or None (see :meth:`why_not`)."""
        if (code, n) in self.conflicts:
            return None
        own = self._first(code, n)
        if own is not None:
            if own.last_year is None and own.basis != "public":
                nxt = self._first(code, n + 1)
                last = nxt.first_year - 1 if nxt else None
                return replace(own, last_year=last)
            return own
        c = self.register.get(code)
        reach = int(calendars().get("infer_terms", {}).get(c.level if c else "", INFER_TERMS))
        anchors = [m for m in self._anchors.get(code, ()) if abs(m - n) <= reach]
        anchors += [t for t in range(n - reach, n + reach + 1) if t != n and self.register.term(code, t)]
        anchors = [m for m in anchors if (code, m) not in self.conflicts]
        if not anchors:
            return None
        m = min(anchors, key=lambda t: (abs(t - n), t))
        base = self._first(code, m)
        if base is None:
            return None
        first = base.first_year + self.term_years * (n - m)
        # (the level's cycle leaves two years: the term may have been lengthened or shortened by a
        # year to come into step; a date of the page's own then decides, see term_period)
        ambiguous = len(_cycle_years(c.level if c else "", first)) > 1
        return TermYears(
            code,
            n,
            first,
            first + self.term_years - 1,
            "cycle",
            base.evidence,
            inferred=True,
            ambiguous=ambiguous,
        )

    def why_not(self, code: str, n: int, what: str) -> str:
        if (code, n) in self.conflicts:
            return f"conflicting ordinals: the text names {what}, and the evidence on it disagrees: {self.conflicts[(code, n)]}"
        return f"no term data: the text names {what} but the calendar has no term data for term {n} of {code}"


@functools.cache
def default_calendar() -> TermCalendar:
    return TermCalendar()


# ----------------------------------------------------------------------------- report period


def _head_span(head: str) -> re.Match | None:
    """The first span of years in a page's head that is not part of a document's title
    (《…三年行动方案(2022-2024年)》 names a programme, not the years the page reports)."""
    for m in _SPAN.finditer(head):
        if not _in_title(head, m.start()):
            return m
    return None


def _in_title(text: str, i: int) -> bool:
    """Whether position ``i`` stands inside a 《…》 title."""
    return text.rfind("《", 0, i) > text.rfind("》", 0, i)


def _span_years(span: re.Match) -> tuple[int, int]:
    """2019年至2023年 -> (2019, 2023); 2008年1月至2013年1月: the term ends in 2012."""
    a, b = int(span[1]), int(span[3])
    if span[4] and int(span[4]) <= 3 and b > a:
        b -= 1
    return min(a, b), max(a, b)


def _year_end(text: str, m: re.Match) -> bool:
    """Whether the year ``m`` (after its 年) is a year's end (2007年底, 2023年末): a cut-off there
    dates its figures in that year."""
    return text.startswith(("底", "末"), m.end())


def _cutoff_before(text: str, i: int, lex: Lexicon) -> bool:
    """Whether the date at ``i`` is a cut-off ("截至2026年1月20日"): its year stands as it is."""
    before = text[max(0, i - 4) : i].rstrip()
    return before.endswith(lex.cutoff_words)


def _year_of(lead: str, lex: Lexicon, intake: bool = False) -> tuple[int, str] | None:
    """The year a lead names and how: a plain year first (text), else a date (a date in
    January-March means the year before, unless it is a cut-off date, or the date a session adopted
    a text that reports what that session received: date_line), else a "YYYY年以来" (text)."""
    found = _year_and_date_of(lead, lex, intake)
    return found[:2] if found else None


def _year_and_date_of(
    lead: str, lex: Lexicon, intake: bool = False
) -> tuple[int, str, tuple[int, int, int] | None] | None:
    """:func:`_year_of`, with the date it read as the year before (a January-March date, 2024年1月29日;
    an annual session's year, 2025年江西省两会: its first of January): the page's own date, at which
    the session it names is held (issue 24, round 29)."""
    dated = since = None
    early_date = None
    titled = [(t.start(), t.end()) for t in _SPAN.finditer(lead) if _in_title(lead, t.start())]
    for m in _YEAR.finditer(lead):
        if any(a <= m.start() < b for a, b in titled):
            continue  # 《…行动方案(2022-2024年)》: a programme's years, not the page's
        if _SINCE.match(lead, m.start()):
            since = since or int(m[1])
            continue
        date = _DATE.match(lead, m.start())
        if date is None and _spring_session_year(lead, m.end(), lex):
            # 2021年甘肃“两会”: held in January-March of that year, read as a plain year is (first)
            y = int(m[1])
            return (y, "date_line", None) if intake else (y - 1, "date_line", (y, 1, 1))
        if date is None:
            if _is_plan_year(lead, m.end()):
                continue  # 2024年区政协将聚焦…: a plan for that year, not the year reported
            return int(m[1]), "text", None
        if dated is None:
            at_session = intake and "会议" in lead[date.end() : date.end() + 40]  # (…会议通过)
            early = 1 <= int(date[2]) <= 3 and not at_session and not _cutoff_before(lead, m.start(), lex)
            dated = int(m[1]) - 1 if early else int(m[1])
            if early and (full := _FULL_DATE.match(lead, m.start())):
                early_date = (int(m[1]), int(full[2]), int(full[3] or 1))
    if dated is not None:
        return dated, "date_line", early_date
    return (since, "since", None) if since is not None else None


def _spring_session_year(text: str, end: int, lex: Lexicon) -> bool:
    """Whether the year ending at ``end`` is named as the annual sessions' (2021年甘肃“两会”,
    2024年全国两会): a few characters of place, then the word."""
    words = "|".join(map(re.escape, lex.spring_session_words))
    return bool(words) and re.match(rf"[^，,。；;\d]{{0,6}}?[“\"]?(?:{words})", text[end:]) is not None


def _since_lasted(lead: str) -> tuple[int, int] | None:
    """A span the lead opens from a year and counts in years (从2014年开始…三年来; 自2006年起…已连续
    开展了二十年): its first and last year."""
    since = _SINCE.search(lead)
    if since is None:
        return None
    n = _lasted(lead[since.end() :])
    return (int(since[1]), int(since[1]) + n - 1) if n else None


def _lasted(text: str) -> int | None:
    """Years a span lasted, as the text counts them (三年来 3, 已连续开展了二十年 20), or None."""
    m = _YEARS_LASTED.search(text)
    if m is None:
        return None
    n = m[1] or m[2]
    years = _ordinal(n)
    return years if years and 2 <= years <= 30 else None


# a year whose clause goes on to a plan (2024年区政协将聚焦…, 2025年要…): the plan's year
_PLAN_YEAR = re.compile(r"[^，,。；;：:、\n]{0,8}?(?:将(?!近)|要|拟|计划|計劃|力争)")
# a draft for the year a session adopts (2014年…执行情况及2015年国民经济和社会发展计划(草案)的报告,
# 2015年财政预算草案): the session is held in that year
_DRAFT_YEAR = re.compile(r"[^，,。；;：:、\n\d年]{0,16}?[（(]?草案")
# a year the sentence calls the current one and plans for (2026年是“十五五”的开局之年，市政协将…), or
# names as the year of the tasks set (2011年的工作任务, 2024年工作要点): also a plan's year
_PLAN_SENTENCE = re.compile(r"是[^。；;！？\n]{0,40}?[，,][^。；;！？\n]{0,12}?(?:将(?!近)|要|拟|力争)")
_TASK_YEAR = re.compile(
    r"的?(?:主要)?(?:工作任务|工作安排|工作要[点點]|工作部署|工作思路|重点工作|主要任务)"
    r"(?!完成|落实|情况|回顾|总结|进展|成效|推进)"  # (2023年重点工作完成情况: a review)
)


def _is_plan_year(text: str, end: int) -> bool:
    """Whether the year ending at ``end`` (after its 年) is a plan's: its clause plans for it."""
    return bool(
        _PLAN_YEAR.match(text, end)
        or _PLAN_SENTENCE.match(text, end)
        or _TASK_YEAR.match(text, end)
        or _DRAFT_YEAR.match(text, end)
    )


def plan_year(blocks: list[str]) -> int | None:
    """The year the text plans for (2024年区政协将…, 2026年是…之年，…将…, 2011年的工作任务): the
    year of the session or meeting that sets the plan, when the text names no date of its own."""
    text = "\n".join(blocks)[:3000]
    review_cues = tuple(load_lexicon().review_cues)
    for m in _YEAR.finditer(text):
        if (
            not _SINCE.match(text, m.start())
            and not _DATE.match(text, m.start())
            and _is_plan_year(text, m.end())
            and not _reviewed_next(text, m.end(), review_cues)
        ):
            return int(m[1])
    return None


def _reviewed_next(text: str, end: int, review_cues: tuple[str, ...]) -> bool:
    """Whether the sentence after the one the year at ``end`` stands in opens with a review
    (2014年是…的开局之年。一年来，…): the year a work report reviews, not one it plans."""
    stop = text.find("。", end, end + 120)
    return stop >= 0 and text[stop + 1 :].lstrip().startswith(review_cues)


# (issue 24, round 22) what a party or sector submitted at the session it names (会上，…共递交提案22件;
# 大会上，…共提交集体提案27篇): the session received it, so it counts for the session's year
_INTAKE = re.compile(r"收到[^。；;，,]{0,14}提案|提案[^。；;]{0,6}收到")
# what members handed in at or to the session the sentence names (会上，…共递交提案22件; 大会上，…共提交
# 集体提案27篇; 向大会提交提案35件, 向大会提交了28份…提案): the session received it, on a page that
# reviews the year before as well (issue 24, round 29: 8 pages of 6 sets name it so)
_HANDED_IN = re.compile(
    r"(?:^|[。；;，,\n])\s*(?:会上|大会上|会议上|会议期间|大会期间)[^。]{0,80}?(?:提交|递交)[^。；;]{0,12}提案\d"
    r"|向(?:本次)?大会(?:提交|递交)了?\s*(?:提案\s*)?\d"
)


def _handed_in(text: str) -> bool:
    """:data:`_HANDED_IN` over ``text``, tried only where its verbs stand (the pattern opens with a
    clause boundary, so a bare search tries every position)."""
    return ("提交" in text or "递交" in text) and _HANDED_IN.search(text) is not None


def is_intake(text: str, lex: Lexicon, strict: bool = False) -> bool:
    """A text about what a session received (截至…共收到提案184件, 提案审查情况的报告); ``strict``: by
    the lexicon's intake words and what the text says was handed in at the session only (a page
    reviewing the past year: 共收到的925件提案中 is the year's)."""
    return (
        any(c in text for c in lex.intake_cues)
        or _handed_in(text)
        or (not strict and bool(_INTAKE.search(text)))
    )


def _intake(scope: str, report: Period, lex: Lexicon) -> bool:
    """Whether ``scope`` (a sentence, or its paragraph up to the figure) is about what a session
    received and reviews no past year: 大会共收到委员提案89件。经提案审查委员会认真审查，予以立案39件
    counts the session's own proposals in both sentences. What the sentence says was handed in to the
    session (一年来，…向大会提交了28份…提案) is the session's after a review word too: the year
    prepared it, the session received it."""
    reviewed = report.end < report.published[0]
    if reviewed and _NO_SESSION_RECEIVED.search(scope) and not _SESSION_WORD.search(scope):
        return False  # 举办协商活动244场次；收到提案1320件 in a review of the year: the year's
    if _handed_in(scope):
        return True
    return is_intake(scope, lex, strict=reviewed) and not any(c in scope for c in lex.review_cues)


# a bare 收到提案 among the year's other figures, with no session, meeting or cut-off date in its scope
_NO_SESSION_RECEIVED = re.compile(r"[；;﹔，,、]\s*收到提案\d")
_SESSION_WORD = re.compile(r"(?<!协商)会议|大会|全会|会上|会期|届|截[至止]|目前|期间")


# a lead on the year just ended (记载着刚刚过去的2024年里…, 回望刚过去的一年): on a January page, a review
_JUST_PAST = re.compile(r"刚刚?过去的\s*(?:(?:19|20)\d{2}\s*年|一年)")


def _january_review(head: str, published: tuple[int, int, int], lex: Lexicon) -> bool:
    """A page dated in January whose title or lead reviews a year (盘点, 年终, 回顾, 一年来 ...)."""
    if published[1] != 1:
        return False
    for word in lex.year_review_not:
        head = head.replace(word, "")
    return any(c in head for c in lex.year_review_cues) or _JUST_PAST.search(head) is not None


def _report_title(blocks: list[str], lex: Lexicon) -> bool:
    """Whether the page's title or subtitle is a session's work report itself (省政协常委会工作报告解读,
    …常务委员会工作报告(摘要)): the report reviews the year before the session. A title that tells of its
    delivery or discussion (崔波作政协常委会工作报告, 听取…工作报告) is a session's news instead (issue 24,
    round 25)."""
    words = [w for w in lex.session_report_words if w.endswith("工作报告") and not w.startswith("作")]
    for b in blocks[:2]:
        if len(b) > 60 or "。" in b:
            continue  # (a paragraph, not a title)
        for w in words:
            i = b.find(w)
            if i >= 0 and not any(v in b[:i] for v in lex.report_delivery_words):
                return True
    return False


# 截至2024年12月31日, 截至2024年底: a count closed at a year's end, so the page stands after that year
_CLOSED_YEAR = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*(?:12\s*月\s*31\s*日|年?底)")


def _closed_year(text: str) -> int | None:
    """The latest year the text closes a count at its end (截至2024年12月31日), or None."""
    years = [int(m[1]) for m in _CLOSED_YEAR.finditer(text)]
    return max(years) if years else None


def report_period(
    blocks: list[str],
    lex: Lexicon | None = None,
    published: tuple[int, int, int] | None = None,
    published_source: str = "date_line",
    month_day: bool = True,
    lead: str | None = None,
) -> Period:
    """The period a report (or one article, given its blocks' text) covers.

    ``published`` is the page's publication date (its date line, or the reader's metadata:
    ``published_source`` says which). For a page only its title and first paragraph may name the
    year; a year further down is a history paragraph's, and the page dates from its date line: a
    January-March page about the past year (过去一年, 一年来, X届X次会议以来) covers the year before,
    and so does a January review (年终盘点). ``lead`` is the article's first paragraph after its
    title lines and bylines: a news lead that opens with the year before (去年，…, 去年以来，…) frames
    the story, so on a dated page its later sentences without a time word of their own are of that
    year too.
    """
    lex = lex or load_lexicon()
    text = "\n".join(blocks)
    head = "\n".join(blocks[:3])
    term = any(c in text[:_TERM_CHARS] for c in lex.term_cues)
    reviews = any(c in text for c in lex.review_cues)
    intake = is_intake(text[:3000], lex) and not term and not reviews
    span = _head_span(head)
    if span:
        a, b = _span_years(span)
        return Period(a, b, True, published, source="text")  # (今年 still reads against the date)
    if wide := _FROM_TO.search(head):  # 从1949年…会议到2024年…的3.2万余件提案中: the whole history
        return Period(int(wide[1]), int(wide[2]), True, published, source="text")
    if yearbook := _yearbook_year(head, lex):  # 江苏年鉴 2015: the yearbook of 2015 records 2014
        return Period(yearbook - 1, yearbook - 1, False, source="text")
    found = None
    leads = (*blocks[:2], *_first_paragraph(blocks)) if published else (*blocks[:3], text[:_LEAD_CHARS])
    if not published and (lasted := _since_lasted(text[:_LEAD_CHARS])):
        return Period(*lasted, True, source="text")  # 从2014年开始…三年来: 2014-2016
    for opening in leads:  # headline, subtitle, first paragraph, opening
        found = _year_and_date_of(opening, lex, intake)
        if found is not None:
            break
    year, source, lead_date = found if found else (None, None, None)
    if year is not None and published is None and source == "text" and _closed_year(text) == year + 1:
        year += 1  # 2023年，…(an aside) … 截至2024年12月31日，所有提案已全部办复: the page reports on 2024
    if source == "since":  # 自2012年活动开展以来 on a page dated 2013-05-15: 2012-2013
        source = "text"
        if published and published[0] > year:
            return Period(year, published[0], True, published, source="text")
    from_date = None
    date_source = None
    planned = plan_year(blocks) if published is None else None
    if year is not None and year == planned and (md := _month_day_line(blocks)) is not None and md[0] >= 10:
        year = None  # 12月28日，…审议通过了…2020年工作要点: the only year is the plan's, set in the December before
    if year is None and planned is not None:
        # the session or meeting that plans for year P (会议指出，2024年区政协将…) is held in P
        # (a December one plans for the next year): its month-day date line, else P's start
        md = _month_day_line(blocks)
        published, published_source = (planned, *(md or (1, 1))), "text"
        if md is not None and md[0] >= 10:
            published = (planned - 1, *md)
    elif year is not None and planned == year + 1:
        from_date, date_source = (planned, 1, 1), "text"  # 报告对2010年的工作进行了回顾 … 2011年的工作任务
    elif year is not None and published is None and source == "text" and _reviewed_as_past(text, year):
        from_date, date_source = (year + 1, 1, 1), "text"  # 总结2017年…工作 … 今年: 2018
    elif year is not None and published is None and source == "text" and _called_current(text, year + 1):
        from_date, date_source = (year + 1, 1, 1), "text"  # 2017年…一年来 … 2018年是…的开局之年
    elif (
        year is not None and published is None and source == "text" and _current_after_review(text, year, lex)
    ):
        year, from_date, date_source = year - 1, (year, 1, 1), "text"  # 一年来，… 2016年是…的开局之年
    elif (
        year is not None
        and lead_date is not None
        and lead_date[0] == year + 1
        and (published is None or published[0] == lead_date[0])  # (a date line of the same year)
    ):
        # 2024年1月29日—31日，…政协…第三次会议…召开 with no date line: the page stands at that date (its
        # report reviews the year before), so what the session itself received and who attended it
        # count for the date's year, and 今年 reads against it (issue 24, round 29)
        from_date, date_source = lead_date, "text"
    if year is None and published:
        year, source = published[0], published_source
        this_year = any(w in head for w in lex.this_year_words + lex.part_year_words)
        md = month_day_year(blocks, published) if month_day else None  # (a session's year has no day)
        if md is not None and md < year:  # "12月28日，…" on a page dated in January: last December
            year = md
        elif (published[1] <= 3 and (term or reviews or _report_title(blocks, lex))) or (
            not this_year and _january_review(head, published, lex)
        ):
            year -= 1  # a January-March page about the past year or the closing term; a January review
        elif lead is not None and _opens_last_year(lead, lex):
            year -= 1  # 去年，县政协…: the lead's time word frames the story
        from_date = published
    if year is None:
        return Period(
            None, None, term, reason="no dated context: the text names no year and has no date line"
        )

    if term:
        since = _SINCE.search(text[:3000])
        start = int(since[1]) if since and int(since[1]) < year else year - 4
        return Period(start, year, True, from_date, source=source, date_source=date_source)
    return Period(year, year, False, from_date, source=source, date_source=date_source)


def lead_since(blocks: list[str], lex: Lexicon | None = None) -> int | None:
    """The year a page with no date line of its own dates its report from, when that year is the start
    of a span (2024年以来，区政协…): the span runs to the page's publication, so a date found outside
    the text (its address, its metadata) closes it, as a date line does."""
    lex = lex or load_lexicon()
    text = "\n".join(blocks)
    term = any(c in text[:_TERM_CHARS] for c in lex.term_cues)
    reviews = any(c in text for c in lex.review_cues)
    intake = is_intake(text[:3000], lex) and not term and not reviews
    if _head_span("\n".join(blocks[:3])) or _since_lasted(text[:_LEAD_CHARS]):
        return None
    for opening in (*blocks[:3], text[:_LEAD_CHARS]):
        found = _year_of(opening, lex, intake)
        if found is not None:
            return found[0] if found[1] == "since" else None
    return None


# a repost's line naming the original title (原标题：…, 原题为《…》), a photo's caption (…。张三 摄, …开幕。李四 图)
_NOT_PARAGRAPH = re.compile(r"^\s*[(（]?原(?:标|標)?(?:题|題)|(?:摄|攝|图|圖)\s*[)）]?\s*$")


def _first_paragraph(blocks: list[str]) -> tuple[str, ...]:
    """The page's first paragraph when lines of furniture stand between it and the headline (原标题：…,
    a photo's caption): a repost's lead is the paragraph under them, and it frames the story as the
    second block of a plain page does. Empty when the second block is the first paragraph."""
    for i, b in enumerate(blocks[1:6], start=1):
        if _NOT_PARAGRAPH.search(b):
            continue
        return (b,) if i >= 2 else ()
    return ()


def _yearbook_year(head: str, lex: Lexicon) -> int | None:
    """The year of a yearbook the head names as its source (江苏年鉴 2015年00期, 《中国政协年鉴2015》,
    2015江苏年鉴): a yearbook records the year before its own."""
    words = alternation(lex.yearbook_words)
    if not words:
        return None
    m = re.search(
        rf"(?:{words})\s*[（(\-－—–]?\s*((?:19|20)\d{{2}})(?!\d)|(?<!\d)((?:19|20)\d{{2}})\s*年?\s*[^\s\d，。；,;]{{0,8}}?(?:{words})",
        head,
    )
    return int(m[1] or m[2]) if m else None


def _opens_last_year(lead: str, lex: Lexicon) -> bool:
    """Whether a news lead opens with the year before as its time word (去年，…; 去年以来，…)."""
    words = "|".join(map(re.escape, lex.last_year_words))
    return bool(words) and re.match(rf"\s*(?:{words})(?:以来)?\s*[，,]", lead) is not None


_REVIEWED = "(?:总结|回顾|盘点)"


def _reviewed_as_past(text: str, year: int) -> bool:
    """Whether the text's lead sums up ``year`` as a year gone by (总结2017年建议、提案办理工作,
    回顾2023年), so that its 今年 is the year after."""
    lead = text[:_LEAD_CHARS]
    return bool(re.search(rf"{_REVIEWED}{year}\s*年", lead)) and any(w in text for w in ("今年", "本年度"))


# a year the text calls the one it stands in (2018年是全面贯彻…的开局之年, 2019年是…关键一年)
_CURRENT_YEAR = r"\s*年(?:是|为)[^。；;！？\n]{0,40}?(?:之年|一年)"


def _current_after_review(text: str, year: int, lex: Lexicon) -> bool:
    """Whether the only year a text names is one it calls the year it stands in after it has
    reviewed (一年来，…。2016年是“十三五”的开局之年): the review is of the year before. (Called so
    before the review, 2014年是…之年。一年来，…, the year is the one reviewed.)"""
    head = text[:3000]
    current = re.search(rf"(?<!\d){year}{_CURRENT_YEAR}", head)
    if current is None or any(int(m[1]) != year for m in _YEAR.finditer(head)):
        return False
    reviewed = [i for i in (head.find(c) for c in lex.review_cues) if i >= 0]
    return bool(reviewed) and min(reviewed) < current.start()


def _called_current(text: str, year: int) -> bool:
    """Whether the text calls ``year`` the year it stands in (2018年是…的开局之年): a report that
    reviews the year before and names this one so is delivered in it (at the session)."""
    return bool(re.search(rf"(?<!\d){year}{_CURRENT_YEAR}", text[:3000]))


def any_year(blocks: list[str]) -> int | None:
    """The latest year the text's opening names at all (a plan's year included), or None."""
    years = [int(m[1]) for m in _YEAR.finditer("\n".join(blocks)[:3000])]
    return max(years) if years else None


_AHEAD = ("将", "定于", "拟于")  # words before a date ahead of the page


def month_day(blocks: list[str]) -> tuple[int, int] | None:
    """A month-day date line with no year (12月28日，…) opening the lead: (month, day)."""
    for lead in blocks[:3]:
        m = _MONTH_DAY.search(lead[:60])
        if m and any(w in lead[max(0, m.start() - 8) : m.start()] for w in _AHEAD):
            continue  # a date ahead (将分别于3月5日开幕, 定于11月9日至10日召开) is no date line
        if m and not _YEAR.search(lead[: m.end() + 2]):
            month, day = int(m[1]), int(m[2])
            return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    return None


_month_day_line = month_day  # (report_period's argument ``month_day`` hides the function)


def month_day_year(blocks: list[str], dated: tuple[int, int, int]) -> int | None:
    """The year of a month-day date line, read against the nearest dated context ``dated`` (year,
    month, day), such as the publication date: the latest year whose month-day is not after it."""
    md = month_day(blocks)
    if md is None:
        return None
    return dated[0] if md <= dated[1:] else dated[0] - 1


# ----------------------------------------------------------------------------- ordinals


_NUM = r"[一二三四五六七八九十]{1,3}|\d{1,2}"
# every character a match of 第?(_NUM) can open with (change it with _NUM): as a pattern's first test it
# lets the scan pass the other characters at once (same matches, about half the time on a long text)
_NUM_FIRST = r"(?=[第一二三四五六七八九十\d])"
# 十二届一次会议, 政协第十三届安徽省委员会第一次会议 (a plenary session; 常委会议 are not)
_SESSION = re.compile(
    rf"{_NUM_FIRST}第?({_NUM})\s*届(?:[^\s，。；,;、]{{0,14}}?委员会)?\s*第?({_NUM})\s*次(?:全体)?会议"
)
# 十届政协二次全会, 十五届政协一次会议: the term, the word 政协, the session (全会 only so: a party
# committee's plenum is 县委十四届二次全会)
_SESSION_ZX = re.compile(rf"{_NUM_FIRST}第?({_NUM})\s*届政协\s*第?({_NUM})\s*次(?:全体会议|会议|全会)")


class _SessionPatterns:
    """Both ways of writing a plenary session, matched as one pattern (``finditer`` in text order)."""

    def __init__(self, *patterns: re.Pattern):
        self.patterns = patterns

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        found = sorted(
            (m for p in self.patterns for m in p.finditer(text, pos, end)), key=lambda m: m.start()
        )
        last = -1
        for m in found:
            if m.start() >= last:
                last = m.end()
                yield m


SESSION = _SessionPatterns(_SESSION, _SESSION_ZX)
TERM = re.compile(rf"{_NUM_FIRST}第?({_NUM})\s*届(?:全国|[^\s，。；,;、]{{0,8}}?)?(?:政协|委员会)")
_NOT_PLENARY = re.compile("人民代表大会|人大|常务|常委|党代会|代表大会")
_FORTHCOMING = ("即将", "将于", "筹备", "准备", "预备")
# a people's congress named right before an ordinal (市人大十七届三次会议): not the committee's session
_CONGRESS_BEFORE = re.compile(r"(?:人大|人民代表大会|党代会)(?:常委会)?第?$")


def _ordinal(text: str) -> int | None:
    """An ordinal or a count written in digits or in Chinese numerals (12, 十二, 两)."""
    return int(text) if text.isdigit() else chinese_numeral(text)


def _own_ordinal(text: str, m: re.Match, committee: Committee, register: Register) -> bool:
    """Whether the ordinal at ``m`` is the subject committee's: no other committee is named right
    before it or inside it (全国政协十四届二次会议 in a county's page is the national committee's)."""
    from pipelines.extract.subject import committee_names

    window = text[max(0, m.start() - 14) : m.end()]
    for named in committee_names(window, register):
        if named.relative or committee.short_name in named.stem:
            continue  # 县政协, or the committee's own name (江北区政协 in a 江北区 page)
        found = register.find(named.stem, None) or register.find(named.form, None)
        if found and all(c.code != committee.code for c in found):
            return False
    return True


def sessions(text: str, committee: Committee, register: Register | None = None):
    """Plenary sessions (term, session, match) of ``committee`` named in ``text``."""
    register = register or load_register()
    for m in SESSION.finditer(text):
        if _NOT_PLENARY.search(m[0]) or (_ordinal(m[2]) or 99) > 6:
            continue  # a people's congress, a standing committee, or no plenary number
        if _CONGRESS_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # 常州市人大十七届三次会议和…政协十五届三次会议: the congress's ordinal
        n, k = _ordinal(m[1]), _ordinal(m[2])
        if n and k and _own_ordinal(text, m, committee, register):
            yield n, k, m


def ordinal_facts(
    doc_id: str, blocks: list[str], committee: Committee, dated: tuple[int, int, int] | None
) -> list[OrdinalFact]:
    """What one article tells about its committee's calendar: a session ordinal that stands beside
    a full date (in its sentence), or in the headline of a page with a date line (``dated``)."""
    text = "\n".join(blocks)[:3000]
    head_end = len(blocks[0]) if blocks else 0
    out = []
    for n, k, m in sessions(text, committee):
        if text.startswith("以来", m.end()):
            continue  # 十届二次会议以来: the sentence's date is a cut-off, not the session's
        s0 = max(text.rfind(c, 0, m.start()) for c in "。\n！？") + 1
        ends = [i for i in (text.find(c, m.end()) for c in "。\n！？") if i >= 0]
        sentence = text[s0 : min(ends) if ends else len(text)]
        # the full date nearest the session (1949年11月…成立，到2021年2月市政协十五届四次会议: 2021)
        at = m.start() - s0
        date = min(
            _FULL_DATE.finditer(sentence),
            key=lambda d: at - d.end() if d.end() <= at else d.start() - at + len(m[0]),
            default=None,
        )
        if date and not _SINCE.match(sentence, date.start()):
            out.append(OrdinalFact(committee.code, n, k, int(date[1]), doc_id, month=int(date[2])))
        elif dated and m.start() < head_end and not any(w in text[:head_end] for w in _FORTHCOMING):
            out.append(OrdinalFact(committee.code, n, k, dated[0], doc_id, month=dated[1]))
    return out


_OF_SESSION = re.compile(r"(?:期间|上)?(?:共)?(?:的|收到的|提出的|提交的|提交了?)?(?:政协|委员)?提案(?!工作)")


_ITSELF = "the article itself"  # the evidence of an ordinal the article dates in its own words


class SessionYear(NamedTuple):
    year: int
    source: str
    inferred: bool = False
    evidence: str | None = None  # the document or address that dated the term (cross-document, inferred)

    def as_period(self) -> MentionPeriod:
        return MentionPeriod(
            self.year, self.year, self.source, inferred=self.inferred, evidence=self.evidence
        )


def _cycle_allows(level: str, session: int, year: int) -> bool:
    """Whether a ``session``-th plenary session may fall in ``year`` by its level's term cycle
    (periods.yaml ``term_cycles``); True where the level has no cycle."""
    cycles = calendars().get("term_cycles", {}).get(level)
    if not cycles:
        return True
    length = int(calendars().get("term_years", 5))
    return any((year - session + 1 - first) % length == 0 for first in cycles)


def _cycle_years(level: str, first: int) -> set[int]:
    """The years within one of ``first`` that the level's term cycles (periods.yaml ``term_cycles``,
    read by :func:`_cycle_allows`) let a term open in: a term inferred across a term boundary may have
    been lengthened or shortened by a year to come into step (a county's 2016 term ran to 2021 or to
    2022). Two years: the inference cannot choose; one or none (the committee is out of step, or the
    level has no cycle): the term length holds."""
    if not calendars().get("term_cycles", {}).get(level):
        return set()
    return {y for y in (first - 1, first, first + 1) if _cycle_allows(level, 1, y)}


def cycle_session_year(level: str, session: int, published: tuple[int, int, int] | None) -> int | None:
    """The year of a committee's ``session``-th plenary session by its level's term cycle alone
    (periods.yaml ``term_cycles``), on a page published in ``published``: the one candidate year
    that is the page's year or the year before (a page reports the session it was written for, or
    the last one). None when the cycle allows both (city and county terms open in two years), or
    neither."""
    if not calendars().get("term_cycles", {}).get(level) or published is None or not 1 <= session <= 5:
        return None
    near = {y for y in (published[0] - 1, published[0]) if _cycle_allows(level, session, y)}
    return near.pop() if len(near) == 1 else None


def _stated_sessions(blocks: list[str], committee: Committee) -> list[OrdinalFact]:
    """The plenary sessions the page dates in its own words: a full date in the sentence that names
    the session (2021年12月30日政协某市第五届委员会第一次会议通过; 2024年1月10日，县政协十届三次会议开幕)."""
    return [f for f in ordinal_facts(_ITSELF, blocks, committee, None) if f.session is not None]


def _stated(blocks: list[str], committee: Committee, n: int, k: int) -> OrdinalFact | None:
    """The page's own dated statement of ``committee``'s ``n``-th term's ``k``-th session, if any:
    it outranks the calendar for this page (the calendar's model of the term may not fit)."""
    return next((f for f in _stated_sessions(blocks, committee) if (f.term, f.session) == (n, k)), None)


def session_years(
    blocks: list[str],
    committee: Committee,
    calendar: TermCalendar | None = None,
    published: tuple[int, int, int] | None = None,
) -> dict[tuple[int, int], SessionYear]:
    """The year of every plenary session of ``committee`` the article names, by the committee's
    calendar and by what the article itself dates (2020年，区政府共收到区政协三届四次会议提案115件:
    the 4th session in 2020, so the 3rd in 2019): (term, session) -> (year, source, inferred,
    evidence). A term extended from the committee's nearest dated term is inferred. On a page with
    a date of its own (``published``, not one the calendar gave), a session of a term with no
    dated evidence of its own is dated by the level's cycle and that date when only one year fits
    (:func:`cycle_session_year`; inferred)."""
    calendar = calendar or default_calendar()
    text = "\n".join(blocks)[:3000]
    named = list(sessions(text, committee, calendar.register))
    if not named:
        return {}
    facts = []
    for n, k, m in named:
        if text.startswith("以来", m.end()) or not _OF_SESSION.match(text, m.end()):
            continue
        s0 = max(text.rfind(c, 0, m.start()) for c in "。\n！？") + 1
        years = [y for y in _YEAR.finditer(text, s0, m.start()) if not _DATE.match(text, y.start())]
        if len(years) == 1 and years[0].start() == s0 and not _SINCE.match(text, s0):  # 2020年，…
            facts.append(OrdinalFact(committee.code, n, k, int(years[0][1]), _ITSELF))
    own = calendar.learned(facts) if facts else calendar
    # a session the page dates in its own words, a full date in the sentence that names it (the line
    # a report was adopted on: 2021年12月30日政协某市第五届委员会第一次会议通过): that year, whatever the
    # calendar says (the calendar's model of a term may not fit its sessions)
    stated = {(f.term, f.session): f.year for f in _stated_sessions(blocks, committee)}
    out = {}
    for n, k, _ in named:
        if (n, k) in stated:
            out[(n, k)] = SessionYear(stated[(n, k)], "text")
            continue
        term = own.term(committee.code, n)
        if term is not None and not published:
            term = _after_congress(term, k, text, own, committee.level)
        if term is not None and not (term.inferred and published):  # (a term extended from the
            # committee's nearest dated one is inferred, and yields to a date of the page's own:
            # terms out of step were shortened or lengthened to come into step)
            # (dated by this article's own words: text)
            source = "text" if term.evidence == _ITSELF else _calendar_source(term, "session")
            out[(n, k)] = SessionYear(
                term.session_year(k), source, term.inferred, _calendar_evidence(term, source)
            )
        elif (committee.code, n) not in own.conflicts:  # (no term near, or the page is dated)
            if (year := cycle_session_year(committee.level, k, published)) is not None:
                out[(n, k)] = SessionYear(year, "session", True)
    return out


def _congress_studied(text: str) -> int | None:
    """The year of the latest national party congress whose spirit ``text`` studies (学习贯彻党的二十大
    精神, 二十大和二十届二中全会精神; periods.yaml ``party_congresses``): the page comes after that
    congress (held in the autumn of its year), so a session it names was held in a later year."""
    years = [int(calendars()["party_congresses"][m[1]]) for m in _congress_spirit_re().finditer(text)]
    return max(years) if years else None


@functools.cache
def _congress_spirit_re() -> re.Pattern:
    return re.compile(rf"({alternation(calendars()['party_congresses'])})[^。，,；;！？\n]{{0,12}}?精神")


def _after_congress(term: TermYears, k: int, text: str, calendar: TermCalendar, level: str) -> TermYears:
    """A term inferred across a cycle boundary where the level's cycles leave two years
    (:attr:`TermYears.ambiguous`), whose session ``k`` would fall in the spring of a year no later
    than a party congress the text studies: the later of the two years (the session cannot precede
    the congress it studies; issue 24, round 35)."""
    if not (term.inferred and term.ambiguous) or term.december_opening or term.schedule:
        return term
    congress = _congress_studied(text)
    if congress is None or term.session_year(k) > congress:
        return term
    if term.first_year + 1 not in _cycle_years(level, term.first_year):
        return term
    moved = replace(
        term,
        first_year=term.first_year + 1,
        last_year=term.last_year + 1 if term.last_year is not None else None,
        ambiguous=False,
    )
    return moved if moved.session_year(k) > congress else term


def term_years(
    blocks: list[str], committee: Committee, calendar: TermCalendar | None = None
) -> dict[int, tuple[int, int, str]]:
    """The years of every closed term of ``committee`` the article names (十二届安徽省政协期间):
    term -> (first year, last year, source)."""
    calendar = calendar or default_calendar()
    out = {}
    for n in named_terms(blocks, committee):
        term = calendar.term(committee.code, n)
        if term is not None and term.last_year is not None and not term.inferred:
            source = _calendar_source(term, "term")
            out[n] = (term.first_year, term.last_year, source)
    for n, years in chronicle_terms(blocks).items():
        out.setdefault(n, years)
    return out


# a term in a chronicle's list (第九届市政协共征集提案, 第二届设18个界别): an ordinal and 届 that is no
# session (二届一次会议), no party plenum (届三中全会) and no congress (第十届人大)
_TERM_NAMED = re.compile(
    rf"{_NUM_FIRST}第?({_NUM})\s*届(?!\s*(?:{_NUM})\s*次|[一二三四五六七]中|[^，,。；;]{{0,6}}?(?:人大|人民代表|党代会|党委))"
)
# the first session of a term dated by the text (二届一次会议于1984年4月16日召开)
_TERM_OPENED = re.compile(
    rf"{_NUM_FIRST}第?({_NUM})\s*届[^，,。；;\d]{{0,12}}?第?一次(?:全体)?会议[^，,。；;\d]{{0,4}}?((?:19|20)\d{{2}})\s*年(?:\s*(\d{{1,2}})\s*月)?"
)
# a term dated by a span: 1994-1998年，第十届市政协…; 第十届（1994-1998年）
_TERM_SPANNED = re.compile(
    rf"{_NUM_FIRST}((?:19|20)\d{{2}})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{{2}})\s*年[，,\s]*第?({_NUM})\s*届"
    rf"|{_NUM_FIRST}第?({_NUM})\s*届[^，,。；;]{{0,10}}?[（(]((?:19|20)\d{{2}})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{{2}})\s*年?[)）]"
)


def chronicle_terms(blocks: list[str]) -> dict[int, tuple[int, int, str]]:
    """The years of the terms a chronicle dates itself (a county's history of its committee, a city
    annal's section by term): a term's first session (二届一次会议于1984年4月16日召开) or its span
    (1994-1998年，第十届市政协…). A term runs to the year before the next term's first session (to that
    year when the session was held from October: a December session opens the term at the year's end);
    the last dated term runs five years (periods.yaml ``term_years``), and a term the page names just
    before a dated one runs the five years before it. Only on a page that dates two terms or more, or
    dates a term by its span and names the one before it (a session page that dates its own first
    session is no chronicle): term -> (first year, last year, "text")."""
    text = "\n".join(blocks)[:20000]
    named = {n for m in _TERM_NAMED.finditer(text) if (n := _ordinal(m[1]))}
    if len(named) < 2:
        return {}
    opened: dict[int, tuple[int, int]] = {}
    spans: dict[int, tuple[int, int]] = {}
    for m in _TERM_OPENED.finditer(text):
        if (n := _ordinal(m[1])) and n not in opened:
            opened[n] = (int(m[2]), int(m[3] or 1))
    for m in _TERM_SPANNED.finditer(text):
        n = _ordinal(m[3] or m[4])
        a, b = (int(m[1]), int(m[2])) if m[3] else (int(m[5]), int(m[6]))
        if n and a <= b and n not in spans:
            spans[n] = (a, b)
    if len(set(opened) | set(spans)) < 2 and not any(n + 1 in spans for n in named):
        return {}  # (one term dated, as a session page dates its own: no chronicle)
    length = int(calendars().get("term_years", 5))
    out: dict[int, tuple[int, int, str]] = {}
    for n in sorted(set(opened) | set(spans)):
        if n in spans:
            out[n] = (*spans[n], "text")
            continue
        first = opened[n][0]
        if n + 1 in opened:
            y, month = opened[n + 1]
            last = y if month >= 10 else y - 1
        elif n + 1 in spans:
            last = spans[n + 1][0] - 1
        else:
            last = first + length - 1
        if last >= first:
            out[n] = (first, last, "text")
    for n in named - set(out):  # the term just before a dated one: its five years
        if n + 1 in out and n + 1 not in opened:
            last = out[n + 1][0] - 1
            out[n] = (last - length + 1, last, "text")
    return out


def named_terms(blocks: list[str], committee: Committee) -> set[int]:
    """The term ordinals of ``committee`` an article names (its sessions, and its terms beside a
    committee word: 十届县政协, 政协平罗县第十届委员会)."""
    text = "\n".join(blocks)[:3000]
    register = load_register()
    out = {n for n, _, _ in sessions(text, committee, register)}
    for m in TERM.finditer(text):
        n = _ordinal(m[1])
        if n and not _NOT_PLENARY.search(m[0]) and _own_ordinal(text, m, committee, register):
            out.add(n)
    return out


def term_period(
    blocks: list[str],
    committee: Committee,
    period: Period,
    lex: Lexicon | None = None,
    calendar: TermCalendar | None = None,
    late: tuple[int, int, int] | None = None,
) -> Period:
    """The period a session or term ordinal gives through the committee's term calendar, for a text
    whose own words and date line gave none (``period``: that null period, returned with the reason
    when no calendar entry applies). ``late``: the page's publication date found outside its text
    (its address): it outranks a term inferred across a boundary where the level's cycles leave two
    years (:attr:`TermYears.ambiguous`)."""
    lex = lex or load_lexicon()
    calendar = calendar or default_calendar()
    text = "\n".join(blocks)[:3000]
    session = next(sessions(text, committee, calendar.register), None)
    if session:
        n, k, m = session
        term = calendar.term(committee.code, n)
        stated = _stated(blocks, committee, n, k)  # the page's own dated line on the session
        if stated is not None and not text.startswith("以来", m.end()) and not period.term:
            held = (stated.year, stated.month, 1) if (stated.month or 0) >= 10 else (stated.year, 3, 1)
            got = report_period(blocks, lex, held, month_day=False)
            return replace(got, source="text") if got.end is not None else got
        if term is not None and term.ambiguous and late is not None:
            return Period(
                None,
                None,
                period.term,
                reason=f"term inferred across a cycle boundary: the text names a session ({m[0]}); term {n} "
                f"of {committee.code} is inferred as {term.first_year}, but the level's term cycles "
                "leave two years and the page has a date of its own",
            )
        if term is None:
            return Period(
                None, None, period.term, reason=calendar.why_not(committee.code, n, f"a session ({m[0]})")
            )
        term = _after_congress(term, k, text, calendar, committee.level)
        source = _calendar_source(term, "session")
        how = {
            "source": source,
            "inferred": term.inferred,
            "evidence": _calendar_evidence(term, source),
        }
        year = term.session_year(k)
        if text.startswith("以来", m.end()):  # 十二届二次会议以来: the time since that session
            if period.term and k == 1:  # 十届一次会议以来 … 十届省政协期间: the whole term
                if term.last_year is None:
                    return Period(
                        None,
                        None,
                        True,
                        reason=f"term in office: term {n} of {committee.code} has no last year yet",
                    )
                return Period(term.first_year, term.last_year, True, **how)
            if period.term:
                return (
                    Period(year, term.last_year or year, True, **how)
                    if term.last_year
                    else Period(
                        None,
                        None,
                        True,
                        reason=f"term in office: term {n} of {committee.code} has no last year yet",
                    )
                )
            return Period(year, year, False, (year + 1, 1, 1), **how)  # reported at the next session
        if period.term and k == 1:  # a term summary at the next term's first session: the term before
            before = calendar.term(committee.code, n - 1)
            if before is not None and before.last_year is not None:
                inferred = before.inferred or term.inferred
                return Period(
                    before.first_year, before.last_year, True, (year, 3, 1), **{**how, "inferred": inferred}
                )
        if period.term:  # 本届以来 at a later session: from the term's first year
            return Period(term.first_year, year - 1, True, (year, 3, 1), **how)
        md = month_day(blocks)
        if md is not None and md[0] >= 4 and not any(w in text[:200] for w in _FORTHCOMING):
            return Period(year, year, False, (year, 12, 31), **how)  # a dated news item of the session's year
        # the session is the date line (a session the evidence's months put at the year's end
        # reviews that year)
        month = term.session_month(k)
        held = (year, month, 1) if (month or 0) >= 10 else (year, 3, 1)
        got = report_period(blocks, lex, held, month_day=False)
        return replace(got, **how) if got.end is not None else got
    named = TERM.search(text) if period.term else None
    if named:
        n = _ordinal(named[1])
        term = calendar.term(committee.code, n) if n else None
        if term is None:
            return Period(
                None, None, True, reason=calendar.why_not(committee.code, n, f"a term ({named[0]})")
            )
        if term.last_year is None:
            return Period(
                None, None, True, reason=f"term in office: term {n} of {committee.code} has no last year yet"
            )
        source = _calendar_source(term, "term")
        return Period(term.first_year, term.last_year, True, source=source, inferred=term.inferred,
                      evidence=_calendar_evidence(term, source))  # fmt: skip
    return period


def running_term(blocks: list[str], committee: Committee, period: Period) -> Period:
    """A dated term summary (本届以来) at a later session (k = 2-5) of the committee's term: from the
    term's first year (the session's year - k + 1), not five years back."""
    if period.start != period.end - 4:
        return period  # the text gave the start (2019年以来)
    found = next(sessions("\n".join(blocks)[:3000], committee), None)
    if found is None or not 2 <= found[1] <= 5:
        return period
    start = period.published[0] - found[1] + 1  # the session is held in the page's year
    return replace(period, start=start) if start <= period.end else period


def _calendar_source(term: Term, own: str) -> str:
    """The ``period_source`` a calendar entry gives: ``own`` (session, term), or cross_document when
    the entry was learned from another document."""
    return "cross_document" if term.basis == "document" else own


def _calendar_evidence(term: Term, source: str) -> str | None:
    """The evidence a calendar entry records on its periods: the document or address that dated a
    term learned from another document (``source`` cross_document) or extended from a neighbour."""
    return term.evidence if source == "cross_document" or term.inferred else None


def _head_session(head: str, committee: Committee, calendar: TermCalendar) -> tuple[Term, int] | None:
    """The first plenary session of ``committee`` a report's head names (not the time since it:
    十二届二次会议以来), with its term in the committee's calendar: (term, session), or None."""
    found = next(sessions(head, committee, calendar.register), None)
    if found is None or head.startswith("以来", found[2].end()):
        return None
    term = calendar.term(committee.code, found[0])
    return (term, found[1]) if term is not None else None


def session_date(
    blocks: list[str], committee: Committee, period: Period, calendar: TermCalendar | None = None
) -> Period:
    """A report dated by its text (2025年…履职情况) whose head names its committee's session
    (山东省政协十三届四次会议新闻发布会): the session, in the year after the report's, is its date
    line, so what the session received counts for the session's year and 去年/今年 read
    against it."""
    if period.published or period.term or period.end is None:
        return period
    found = _head_session("\n".join(blocks[:3]), committee, calendar or default_calendar())
    if found is None:
        return period
    term, k = found
    if term.session_year(k) != period.end + 1:
        return period  # (a session in the report's own year changes nothing)
    if _stated(blocks, committee, term.term, k) is not None:
        return period  # (the page dates the session itself: its own line outranks the calendar)
    return replace(
        period, published=(term.session_year(k), 1, 1), date_source=_calendar_source(term, "session")
    )


def spring_session_date(
    blocks: list[str],
    committee: Committee,
    period: Period,
    lex: Lexicon | None = None,
    calendar: TermCalendar | None = None,
) -> Period:
    """A plenary session's page with a month-day date line in January-March and no year of its own
    (3月5日，政协…第四次会议开幕), whose text names the year its work report reviews (报告指出，2023年，…;
    总结了过去一年…): an annual session reports the year before its own, so the session is held in the
    year after the report's. Its figures of the session itself (attendance) take that year, the
    report's figures keep theirs. Where the committee's calendar dates the session,
    :func:`session_date` decides; the level's cycle must allow the session in that year."""
    if period.published or period.term or period.end is None or period.source != "text":
        return period
    lex = lex or load_lexicon()
    calendar = calendar or default_calendar()
    md = month_day(blocks)
    if md is None or not 1 <= md[0] <= 3:
        return period
    head = "\n".join(blocks[:3])
    found = next(sessions(head, committee, calendar.register), None)
    if found is None or head.startswith("以来", found[2].end()):
        return period
    n, k, _ = found
    year = period.end + 1
    if calendar.term(committee.code, n) is not None or not _cycle_allows(committee.level, k, year):
        return period
    text = "\n".join(blocks)[:3000]
    if not (
        any(c in text for c in lex.review_cues)
        or any(w in text for w in lex.session_report_words)
        or _year_awarded(text, period.end)
    ):
        return period
    return replace(period, published=(year, *md), date_source="text")


def _year_awarded(text: str, year: int) -> bool:
    """Whether the text names ``year`` as the year of the commendations a session hands out
    (表彰了2023年度各项先进; periods.yaml ``year_award_patterns``)."""
    return any(
        re.search(p.replace("{year}", str(year)), text) for p in calendars().get("year_award_patterns", ())
    )


def session_since(
    blocks: list[str], committee: Committee, period: Period, calendar: TermCalendar | None = None
) -> Period:
    """A report whose head names the time since a plenary session (全国政协十二届二次会议以来已办复
    提案5044件; 向大会报告政协十三届一次会议以来的提案工作情况), dated by its date line in the year
    after that session: it is delivered at (or before) the next session and covers the session's
    year (labelling.md: a report since the last session covers the year before), not its date line's
    year. The session is dated by the committee's own calendar (never by a level's cycle)."""
    if period.term or period.end is None or period.source == "text":
        return period  # (a year the text names stands)
    calendar = calendar or default_calendar()
    head = "\n".join(blocks[:3])[:_LEAD_CHARS]
    for n, k, m in sessions(head, committee, calendar.register):
        if not head.startswith("以来", m.end()):
            continue
        term = calendar.term(committee.code, n)
        if term is None or term.inferred or term.session_year(k) != period.end - 1:
            continue
        year = term.session_year(k)
        source = _calendar_source(term, "session")
        evidence = term.evidence if source == "cross_document" else None
        return replace(period, start=year, end=year, source=source, evidence=evidence,
                       date_source=period.date_source or (period.source if period.published else None))  # fmt: skip
    return period


def session_over_history(
    blocks: list[str],
    committee: Committee,
    period: Period,
    lex: Lexicon | None = None,
    calendar: TermCalendar | None = None,
) -> Period:
    """A text year older than the year before the plenary session the lead reports (全国政协十四届
    一次会议开幕 … 2019年，在人民政协诞生70周年之际): a history paragraph's, not the report's. The
    session, dated by the committee's own calendar, dates the report instead."""
    if period.source != "text" or period.published or period.end is None:
        return period
    calendar = calendar or default_calendar()
    found = _head_session("\n".join(blocks[:2])[:_LEAD_CHARS], committee, calendar)
    if found is None:
        return period
    term, k = found
    if term.inferred or period.end >= term.session_year(k) - 1:
        return period
    got = term_period(blocks, committee, Period(None, None, period.term), lex, calendar)
    return got if got.end is not None else period


def plan_period(blocks: list[str], period: Period) -> Period:
    """A five-year plan named as the text's period (“十二五”时期, 十三五以来) in its head."""
    head = "\n".join(blocks[:3])[:_LEAD_CHARS]
    m = _plan_re().search(head)
    if not m:
        # a review (一年来) or a year so far (今年以来) whose head drafts the next plan (谋划“十四五”, “十四五”规划编制) is of the
        # year before that plan starts
        drafting = _drafting_re().search(head)
        lex = load_lexicon()
        if drafting and any(w in head for w in lex.review_cues + lex.this_year_words):
            y = plan_years(next(g for g in drafting.groups() if g))[0] - 1
            return Period(y, y, False, source="plan")
        return period
    a, b = plan_years(m[1])
    return Period(a, b, True, source="plan")


@functools.cache
def _events() -> tuple[re.Pattern, dict[str, tuple[int, int, int, int]], tuple[str, ...]]:
    data = calendars().get("dated_events") or {}
    spans = {name: tuple(int(x) for x in span) for name, span in data.items()}
    return re.compile(alternation(spans)), spans, tuple(calendars().get("dated_events_not") or ())


_EVENT_DROP = re.compile(r"[“”\"'‘’「」『』、·\s]")


# 党的十八届五中、六中全会 (、 dropped): a term of the Central Committee and its plenums; not a local party
# committee's (县委十四届二次全会 has 次, 省委…届…中全会 is preceded by 委)
_PLENUMS = re.compile(r"(?<!委)(十[六七八九]|二十)届((?:[二三四五六七]中)+)全会")
_CUTOFF_MONTH_DAY = re.compile(r"截[至止](\d{1,2})月(\d{1,2})日")


@functools.cache
def _year_end_re() -> re.Pattern:
    # 年末视察, 年底走访; not a target (年底前完成, 到年底)
    return re.compile(
        rf"(?<![到至])(?:{alternation(calendars().get('year_end_words') or ('年末',))})(?![前将])"
    )


def _plenum_spans(text: str) -> list[tuple[int, int, int, int]]:
    """The span the latest Central Committee plenum ``text`` names is studied in (periods.yaml
    ``party_plenums``): [first year, first month, last year, last month]; [] when none is named."""
    dates = calendars().get("party_plenums") or {}
    after_not = (*(calendars().get("dated_events_not") or ()), "以来")
    found = []
    for m in _PLENUMS.finditer(text):
        if any(w in text[m.end() : m.end() + 8] for w in after_not):
            continue  # 十八届三中全会以来: any later year
        for k in re.findall("[二三四五六七]", m[2]):
            if (d := dates.get(f"{m[1]}届{k}中")) is not None:
                found.append((int(d[0]), int(d[1])))
    if not found:
        return []
    y, mo = max(found)
    end = mo + int(calendars().get("plenum_study_months", 8))
    return [(y, mo, y + (end - 1) // 12, (end - 1) % 12 + 1)]


@functools.cache
def _anniversary_re() -> re.Pattern | None:
    names = calendars().get("anniversary_events") or {}
    if not names:
        return None
    # 人民政协成立75周年, 人民政协诞生70周年, 澳门回归祖国20周年, 改革开放四十周年; not a local committee's founding
    # (县人民政协成立)
    return re.compile(
        rf"(?<![县市区州省旗])({alternation(names)})(?:成立|诞生|祖国)?\s*([一二三四五六七八九十百零]{{1,5}}|\d{{1,3}})\s*周年"
    )


def _anniversary_spans(text: str) -> list[tuple[int, int, int, int]]:
    """The years the anniversaries ``text`` keeps fall in (periods.yaml ``anniversary_events``: 人民政协成立75
    周年 is 2024's), each as a one-year span; not one still ahead (迎接…周年: ``anniversary_not``)."""
    pattern = _anniversary_re()
    if pattern is None:
        return []
    names = calendars()["anniversary_events"]
    ahead = tuple(calendars().get("anniversary_not") or ())
    out = []
    for m in pattern.finditer(text):
        n = _ordinal(m[2])
        if n is None or not 1 <= n <= 200 or any(w in text[max(0, m.start() - 6) : m.start()] for w in ahead):
            continue
        y = int(names[m[1]]) + n
        out.append((y, 1, y, 12))
    return out


def event_date(blocks: list[str]) -> tuple[int, int, int] | None:
    """The date a nationwide campaign or event the text names gives a page with no year and no date
    of its own (periods.yaml ``dated_events``: 开展“两学一做”学习教育 is 2016's; 新型冠状病毒感染的肺炎疫情
    防控阻击战 the spring of 2020; an anniversary, ``anniversary_events``: 人民政协成立75周年 is 2024's): its
    year, with the page's month-day date line where it has one,
    else the middle of the year. A month-day line must fall in the event's span, and a span over two
    years dates only with one; names of different years date nothing (conflicting evidence)."""
    pattern, spans, after_not = _events()
    text = _EVENT_DROP.sub("", "\n".join(blocks)[:6000])  # (the document text is simplified already)
    md = month_day(blocks)
    named = [
        spans[m[0]]
        for m in (pattern.finditer(text) if spans else ())
        if not any(w in text[max(0, m.start() - 4) : m.end() + 6] for w in after_not)
    ]  # (两学一做学习教育常态化制度化, 巩固拓展主题教育成果: later years)
    named += _plenum_spans(text)
    named += _anniversary_spans(text)  # 人民政协成立75周年: 2024 (issue 24, round 38)
    years: set[int] = set()
    used = md
    for y1, m1, y2, m2 in named:
        hint = md
        if hint is None and y2 > y1:  # (a span over two years: a month in the text, or the year's end)
            if cut := _CUTOFF_MONTH_DAY.search(text[:1500]):
                hint = (int(cut[1]), int(cut[2]))
            elif _year_end_re().search(text):
                hint = (12, 31)
        if hint is not None:
            used = hint
            fit = {y for y in range(y1, y2 + 1) if (y1, m1) <= (y, hint[0]) <= (y2, m2)}
        else:
            fit = {y1} if y1 == y2 else set()
        if not fit:
            return None  # (a date line outside the span: a later page)
        years |= fit
    if len(years) != 1:
        return None
    (year,) = years
    return (year, *used) if used is not None else (year, 6, 30)


# ----------------------------------------------------------------------------- per mention


@functools.cache
def _cue_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(alternation(words))


@functools.cache
def _attendance_re(words: tuple[str, ...]) -> re.Pattern:
    """The attendance cues, not inside a verb of carrying out (落实到, 压实到, 做实到: 实到 there is no
    count of members present; issue 24, round 22)."""
    return re.compile(rf"(?<![落夯做压抓])(?:{alternation(words)})")


# a sentence over several sessions or years (五年来, 历次会议期间): not one session's figures
_OVER_YEARS = re.compile("历次|历届|[五5]年")
_SO_FAR = re.compile(r"截[至止](?:目前|今|\s*\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月)")


# 从1949年皖北区…会议到2024年省政协十三届二次会议: a span whose ends are events named by their years
_FROM_TO = re.compile(r"从\s*((?:19|20)\d{2})\s*年[^。；;]{0,40}?(?:到|至)\s*((?:19|20)\d{2})\s*年")
# 参加了政协石家庄市第十二届委员会第一次会议, 出席大会: who attends a plenary session
_ATTENDED = re.compile(r"(?:参加|出席|列席)了?[^，,。；;]{0,30}?(?:次(?:全体)?会议|大会)(?!精神)")


@functools.cache
def _session_own_re() -> re.Pattern:
    cal = calendars()
    return re.compile("|".join([alternation(cal["session_own_cues"]), *cal["session_own_patterns"]]))


@functools.cache
def _session_opened_re() -> re.Pattern:
    return re.compile(alternation(calendars()["session_opened_cues"]))


@functools.cache
def _session_during_re() -> re.Pattern:
    return re.compile("|".join(calendars()["session_during_patterns"]))


_SENTENCE_OPENING = re.compile(r"(?<=[。！？；;\n])|^")
_TIME_OPENING = re.compile(r"[^，,。；;！？\n]{0,20}?(?:\d{1,2}\s*日|[前后]|以来|年|期间)[，,]")


def _during_session(text: str, para_start: int, s_start: int) -> bool:
    """Whether an earlier sentence of the paragraph opens with the session's time (会议期间，…; 市政协全会
    期间，…: ``session_during_patterns``) and no sentence between opens with another time (会后，…): the
    sentences after it (…。据统计，…其中集体提案1件; …。提交社情民意信息一篇) are the session's too."""
    starts = [m.start() for m in _SENTENCE_OPENING.finditer(text, para_start, s_start + 1)]
    for i in reversed([i for i in starts if para_start <= i <= s_start]):
        if _session_during_re().match(text, i):
            return True
        if _TIME_OPENING.match(text, i):
            return False
    return False


def _session_own(text: str, para_start: int, s_start: int, pos: int, lex: Lexicon) -> bool:
    """Whether the figure at ``pos`` is the session's own on a session page whose report reviews the
    year before: its sentence names the session's arrangements (委员通道, 大会口头发言, 会期内, 来自…界别
    的…委员: ``session_own_cues``), or the paragraph's earlier sentence opened the session
    (3月5日，…会议开幕。324名县政协委员…), or the paragraph opens with the session's time (会议期间，…;
    ``session_during_patterns``), and the sentence up to the figure names no year, no review and no time
    span; only on a page that names a plenary session (政协…第四次会议)."""
    end = _sentence_end(text, pos)
    para = text[min(para_start, s_start) : pos]
    if (
        _named_year(text, s_start, pos, lex)
        or _OVER_YEARS.search(text, s_start, end)
        or any(c in para for c in lex.review_cues)
        or "年" in text[s_start:pos]
    ):
        return False
    if _session_own_re().search(text, s_start, end) or _session_during_re().match(text, s_start):
        own = True  # (a sentence opened by the session's time: 在…召开的…政协十五届三次会议上，…17名委员…)
    else:
        own = para_start < s_start and (
            bool(_session_opened_re().search(text, para_start, s_start))
            or _during_session(text, para_start, s_start)
        )
    # (on a page that names a plenary session: a January review of a year is no session page)
    return own and next(SESSION.finditer(text, 0, min(len(text), 4000)), None) is not None


def _since_last_year(before: str, lex: Lexicon) -> bool:
    """Whether the clause counts since last year (去年以来): a span of two years, not last year's."""
    return any(w + "以来" in before for w in lex.last_year_words)


_YEARS_SO_FAR = re.compile(rf"(?<![\d{_CN_COUNT}第])(\d{{1,2}}|[{_CN_COUNT}]{{1,3}})\s*年多?(?:来|以来)")
_RUNNING_YEAR = re.compile(rf"连续第\s*(\d{{1,2}}|[{_CN_COUNT}]{{1,3}})\s*个?年")
_FOUNDED = re.compile(r"((?:19|20)\d{2})\s*年[^。！？\n]{0,40}?(?:成立|组建|创办|创立|设立|启动)")


# a running total up to a dated cut-off (截至2025年8月，累计开展…; 截至2023年9月，该工作室共收集…)
_CUT_TOTAL = re.compile(
    r"截[至止]到?\s*((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:底|末)?[^。；;！？]*?(?:累计|累积|共)"
)


def _cumulative_since(
    text: str, para_start: int, s_start: int, pos: int, end: int, lex: Lexicon, published: int | None = None
) -> tuple[int, int, str | None] | None:
    """The first and last year of a running total (累计, 截至目前…共), and its source: the year the
    paragraph says the thing counted was founded (2015年…成立了助学联盟。截至目前，联盟共筹集…:
    "text"), or the years the sentence says it has run (连续第4年…，累计惠及75名: None, the report's
    own source). A total up to a dated cut-off (截至2025年8月，累计…) ends in the cut-off's year and
    starts in the year the text says the thing counted was founded or began (自2021年以来…打造…平台;
    工作室于2022年9月…成立), which may be stated in an earlier paragraph. None when the sentence names
    a year of its own, or the start is not before the end (``end``: the report's last year)."""
    before = text[s_start:pos]
    lasted = _YEARS_SO_FAR.search(before)  # 5年多来，全省4万多名委员…: since a year the paragraph names
    cut = None
    for m in _CUT_TOTAL.finditer(before) if "截" in before else ():
        cut = m
    if not (lasted or cut or _cue_re(lex.cumulative_words).search(before)) or _named_year(
        text, s_start, pos, lex
    ):
        return None
    running = None
    for m in _RUNNING_YEAR.finditer(before) if "连续第" in before else ():
        running = m
    if running is not None and _cue_re(lex.cumulative_words).search(before, running.end()):
        n = _ordinal(running[1])
        return (end - n + 1, end, None) if n and 2 <= n <= 30 else None
    if cut is not None:
        end = int(cut[1])
    founded = None
    for m in _FOUNDED.finditer(text, min(para_start, s_start), s_start):
        founded = int(m[1])
    so_far = (
        cut is None and not lasted and _cue_re(lex.so_far_words).search(before) is not None
    )  # 截至目前，…
    if founded is None and (cut is not None or so_far):  # (the start stated earlier: what was founded)
        at = -1
        for pattern in (_FOUNDED, _SINCE) if cut is not None else (_FOUNDED,):
            for m in pattern.finditer(text, 0, min(para_start, s_start)):
                if m.start() > at and int(m[1]) < end:
                    founded, at = int(m[1]), m.start()
        if founded is None and so_far and published is not None:  # 去年4月，…发出成立…的倡议
            for m in _relative_founded_re((*lex.last_year_words, *lex.year_before_last_words)).finditer(
                text, 0, s_start
            ):
                back = 2 if m[1] in lex.year_before_last_words else 1
                if published - back < end:
                    founded = published - back
    if founded is None or founded >= end:
        return None
    if lasted is not None:  # (the years said to have passed must fit the year named)
        n = _ordinal(lasted[1])
        if not n or not n - 1 <= end - founded <= n + 1:
            return None
    return founded, end, "text"


@functools.cache
def _relative_founded_re(words: tuple[str, ...]) -> re.Pattern:
    """A founding dated by a relative year (去年4月，…成立; 前年…启动), the words of ``_FOUNDED``."""
    return re.compile(
        rf"(?<![比较])({alternation(words)})(?:\s*\d{{1,2}}\s*月)?[^。！？\n]{{0,120}}?(?:成立|组建|创办|创立|设立|启动)"
    )


def _relative_year(before: str, lex: Lexicon, review: bool = False) -> int | None:
    """Years back a relative word before the quantity names (今年 0, 去年 1, 前年 2, 截至6月 0), not a
    comparison (比去年, 较去年同期). In a ``review`` of a past year or term a cut-off "as of now"
    names no year: 一年来，共提出提案426件…，截至目前，立案的420件提案全部办复 counts the year's
    proposals."""
    if "截" in before and _SO_FAR.search(before):
        return None if review else 0
    found, at = None, -1  # the word nearest the quantity (去年以来…，其中今年…5场: this year)
    for words, back in ((lex.year_before_last_words, 2), (lex.last_year_words, 1), (lex.this_year_words, 0)):
        for w in words:
            i = before.rfind(w)
            if i > at and before[i - 1 : i] not in ("比", "较") and not before.startswith("同期", i + len(w)):
                found, at = back, i
    return found


def _years_span(text: str, s_start: int, pos: int, lex: Lexicon) -> int | None:
    """A count of years before the quantity in its sentence: 四年形成, 5年间, 近三年来 -> 4, 5, 3."""
    found, end = None, pos
    for m in _years_span_pattern(lex).finditer(text, s_start, pos):
        found, end = _ordinal(m[1] or m[2]), m.end()
    found = _running_years(text, s_start, pos) or _fits_span(found, text, end, pos)
    return found


# the opening clause of a paragraph, a quotation mark allowed before it (“这两年，…)
_OPENING_CLAUSE = re.compile(r"[“\"'「『]?([^，,。；;！？\n]{1,12})[，,]")


def _opening_span(text: str, para_start: int, s_start: int, lex: Lexicon) -> int | None:
    """The years a paragraph's opening clause spans when that clause is only a span of years (这两年，…;
    近两年来，…; 三年来，…): it frames the paragraph's later sentences that name no time of their own,
    as a paragraph opened by a year does (2023年，…)."""
    m = _OPENING_CLAUSE.match(text, para_start, s_start)
    if m is None:
        return None
    clause = m[1].strip()
    span = _years_span_pattern(lex).match(clause)
    rest = clause[span.end() :] if span else None
    if rest is None or (rest and rest.removeprefix("多") not in lex.years_span_after):
        return None
    return _fits_span(_ordinal(span[1] or span[2]), text, m.end(), m.end())


def _running_years(text: str, s_start: int, pos: int) -> int | None:
    """The years a sentence says its work has run before the quantity (连续两年围绕…提交近200件提案)."""
    found, end = None, pos
    for m in _RUNNING_YEARS.finditer(text, s_start, pos):
        found, end = _ordinal(m[1]), m.end()
    return _fits_span(found, text, end, pos)


def _fits_span(years: int | None, text: str, end: int, pos: int) -> int | None:
    """A count of years a figure covers: two to ten; more (31年来累计义诊5万人次, 连续23年…该基金已发放73万余元)
    only where a running-total word (累计, 已, 共) stands between the span and the figure: a fund's
    or a service's total since it began (an anniversary's 70年来 with no total is history)."""
    if years is None or years < 2:
        return None
    if years <= 10:
        return years
    return years if years <= _LONG_RUN_YEARS and _LONG_RUN_TOTAL.search(text, end, pos) else None


_RUNNING_YEARS = re.compile(rf"连续\s*(\d{{1,2}}|[{_CN_COUNT}]{{1,3}})\s*年")
_LONG_RUN_YEARS = 50
_LONG_RUN_TOTAL = re.compile(r"累计|累积|已|共")


_SPAN_PATTERNS: dict[int, re.Pattern] = {}


def _years_span_pattern(lex: Lexicon) -> re.Pattern:
    p = _SPAN_PATTERNS.get(id(lex))
    if p is None:
        after = "|".join(map(re.escape, lex.years_span_after))
        before = "|".join(map(re.escape, lex.years_span_before)) or "(?!)"
        p = _SPAN_PATTERNS[id(lex)] = re.compile(
            rf"(?<![\d第{_CN_COUNT}])(\d{{1,2}}|[{_CN_COUNT}])年(?=(?:{after}))"
            rf"|(?:{before})(\d{{1,2}}|[{_CN_COUNT}])年(?![\d{_CN_COUNT}])"  # 这两年，…; 过去三年，…
        )
    return p


def _named_year(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the span names a year of its own (not a cut-off date, not YYYY年以来)."""
    return any(
        not _SINCE.match(text, m.start(), end)
        and (not _cutoff_before(text, m.start(), lex) or _year_end(text, m))
        for m in _YEAR.finditer(text, start, end)
    )


def _of_session(text, s_start, pos, dated, lex) -> MentionPeriod | None:
    """Proposals of a named session (区政协三届三次会议政协提案23件): the session's year, when the
    sentence names no year of its own and reviews no past year at the session."""
    found = None
    for m in SESSION.finditer(text, s_start, pos):
        found = m
    if found is None or text.startswith("以来", found.end()) or not _OF_SESSION.match(text, found.end()):
        return None
    n, k = _ordinal(found[1]), _ordinal(found[2])
    if (n, k) not in dated or _named_year(text, s_start, pos, lex):
        return None
    if any(c in text[s_start : _sentence_end(text, pos)] for c in lex.review_cues):
        return None
    got = dated[(n, k)]
    return got.as_period()


def _session_attended(text, report, s_start, pos, para_start, dated, lex) -> MentionPeriod | None:
    """Who attends a session the paragraph names and dates (出席市政协十二届二次会议的委员应到517名;
    全国政协十四届一次会议将于3月4日…召开。2000多名…委员将汇聚一堂): the session's year, also on a
    page whose report covers a term or a plan's years (a session's own attendance is not the term's),
    when the sentence names no year, no span of years and no review, and the session's year is the
    calendar's or the page's own (not a year the level's cycle guessed with no evidence)."""
    end = _sentence_end(text, pos)
    if not (
        _attendance_re(lex.attendance_cues).search(text, s_start, end) or _ATTENDED.search(text, s_start, end)
    ):
        return None
    before = text[s_start:pos]
    if _named_year(text, s_start, pos, lex) or _OVER_YEARS.search(text, s_start, end):
        return None
    if any(c in before for c in lex.review_cues):
        return None
    got = _named_session(text, min(para_start, s_start), pos, dated)
    if got is None or (got.inferred and got.evidence is None):
        return None  # (a year the level's cycle guessed yields to the page's other dating)
    if (report.published and got.year == report.published[0]) or (report.start == report.end == got.year):
        return None  # (the page's date or report already gives that year, with its own source)
    return got.as_period()


def _new_term_session(text, s_start, pos, dated, lex) -> MentionPeriod | None:
    """A figure of the new term, the words before it (在新一届区政协大会上，…12名…担任本届区政协委员),
    on a page that names and dates one first session: the year that session opens the
    term, also where the page's report reviews the term before (五年来) or has no date of its own."""
    if not _cue_re(lex.new_term_words).search(text, s_start, pos) or _named_year(text, s_start, pos, lex):
        return None
    firsts = {got.year: got for (n, k), got in dated.items() if k == 1}
    if len(firsts) != 1:
        return None
    return next(iter(firsts.values())).as_period()


def _cut_off_intake(text, report, para_start, s_start, pos, lex, dated) -> MentionPeriod | None:
    """What a session had received by a month-day cut-off (截至1月23日12时，大会秘书处已收到提案315件)
    counts for the session's year as the calendar dates it (not inferred), when its paragraph names
    the session and the sentence names no year and no 今年: a cut-off "so far" dates the figure to the
    page's own year only when nothing else does (a page republished a year on keeps its session's
    year)."""
    before = text[s_start:pos]
    if not (dated and report.published and not report.term and "截" in before and _SO_FAR.search(before)):
        return None
    if _cue_re(lex.this_year_words).search(before) or _named_year(text, s_start, pos, lex):
        return None
    sentence = text[s_start : pos + 8]
    if not (_intake(sentence, report, lex) or _intake(text[min(para_start, s_start) : pos + 8], report, lex)):
        return None
    got = _named_session(text, min(para_start, s_start), pos, dated)
    if got is None or got.inferred or got.year == report.published[0]:
        return None
    return got.as_period()


def _named_session(text, start, pos, dated) -> SessionYear | None:
    """The year of the last dated plenary session named between ``start`` and ``pos`` (not the time
    since it: 十二届二次会议以来)."""
    got = None
    for m in SESSION.finditer(text, start, pos) if dated else ():
        if not text.startswith("以来", m.end()):
            got = dated.get((_ordinal(m[1]), _ordinal(m[2]))) or got
    return got


def _since_session(text, s_start, pos, dated, published_year, lex) -> MentionPeriod | None:
    """Work since a named session (省政协十二届二次会议以来，立案提案1280件) on a page dated the year
    after it, or in the session's own year (the proposals handed in since this spring's session):
    the session's year, as a report since the last session covers the year before."""
    found = None
    for m in SESSION.finditer(text, s_start, pos):
        found = m
    if found is None or not text.startswith("以来", found.end()) or _named_year(text, s_start, pos, lex):
        return None
    got = dated.get((_ordinal(found[1]), _ordinal(found[2])))
    if got is None or got.year not in (published_year - 1, published_year):
        return None
    return got.as_period()


def _that_year(text: str, para_start: int, s_start: int, pos: int, lex: Lexicon) -> int | None:
    """The year 当年 (同年) refers back to: the last year the paragraph names before it, when the
    sentence names none of its own."""
    before = text[s_start:pos]
    if _cue_re(lex.that_year_words).search(before) is None:  # (most sentences: no word to look back from)
        return None
    at = max((before.rfind(w) for w in lex.that_year_words), default=-1)
    if at < 0 or _named_year(text, s_start, pos, lex):
        return None
    year = None
    for m in _YEAR.finditer(text, min(para_start, s_start), s_start + at):
        year = int(m[1])
    return year


def _of_term(before: str, dated: dict[int, tuple[int, int, str]], lex) -> MentionPeriod | None:
    """A paragraph about a closed term of the committee (十二届安徽省政协期间，…共提交提案4531件): the
    term's years, from the term the paragraph names last before the figure."""
    if not any(c in before for c in lex.term_cues):
        return None
    found = None
    for m in TERM.finditer(before):
        n = _ordinal(m[1])
        if n in dated:
            found = dated[n]
    return MentionPeriod(*found) if found else None


_CLOSED_ASIDE = re.compile(r"[（(][^（()）]*[)）]")


def _of_chronicle_term(para: str, dated: dict[int, tuple[int, int, str]]) -> MentionPeriod | None:
    """A figure of a term a chronicle dates itself (:func:`chronicle_terms`): the term its paragraph
    names last before it (第九届市政协共征集提案1594件…，其中集体提案39件; 第二届设18个界别), unless a
    year stands between the term and the figure outside a closed aside (…1594件(1991-1993年期间征集
    提案699件): 699件 is of the years the aside names)."""
    last = None
    for m in _TERM_NAMED.finditer(para):
        n = _ordinal(m[1])
        if n in dated and dated[n][2] == "text":
            last = (m, dated[n])
        elif n:
            last = None  # (another term, not dated by the page)
    if last is None:
        return None
    m, (a, b, _) = last
    if _YEAR.search(_CLOSED_ASIDE.sub("", para[m.end() :])):
        return None
    return MentionPeriod(a, b, "text")


def _sentence_end(text: str, pos: int) -> int:
    m = _END.search(text, pos)
    return m.start() if m else len(text)


_END = re.compile(r"[。！？!?\n]")


def without_pinyin_notes(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` without inline pinyin notes (報(bào)到 -> 報到), and a map from an offset of ``text`` to
    the offset of the same place in it (a note's own characters map to the character after it)."""
    from pipelines.extract.subject import PINYIN_NOTE

    notes = [m.span() for m in PINYIN_NOTE.finditer(text)]
    if not notes:
        return text, _same
    pieces, starts, last = [], [], 0  # starts: (offset in text, offset in the plain text, cut length)
    removed = 0
    for a, b in notes:
        pieces.append(text[last:a])
        removed += b - a
        starts.append((a, b, removed))
        last = b
    pieces.append(text[last:])
    cuts_at = [a for a, _, _ in starts]

    def at(i: int) -> int:
        k = bisect_right(cuts_at, i) - 1
        if k < 0:
            return i
        a, b, removed_to = starts[k]
        if i < b:  # inside a note: the character after it
            return a - (removed_to - (b - a))
        return i - removed_to

    return "".join(pieces), at


# a year written in Chinese numerals, digit by digit (二〇〇七年, 二00七年, 一九九八年)
_NUMERAL_YEAR = re.compile(r"(?:一九|二[〇○零0])[〇○零0一二三四五六七八九\d]{2}(?=年)")
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def arabic_years(text: str) -> str:
    """``text`` with years written digit by digit in Chinese numerals in Arabic digits
    (截至二00七年底 -> 截至2007年底); the same length, so offsets hold."""
    return _NUMERAL_YEAR.sub(lambda m: m[0].translate(_YEAR_DIGITS), text)


def _same(i: int) -> int:
    return i


def _own_years(text: str, s_start: int, pos: int, lex: Lexicon) -> tuple[int, int] | None:
    """The years a sentence names for its own figures on a page that dates nothing else: a span
    (2003年至2004年共计征集…八十余篇) or one plain year (2023年，县政协共…), not a year something
    began from (2019年以来), a cut-off (截至2024年6月) or a sentence of history (早在2003年)."""
    before = text[s_start:pos]
    if "年" not in before or _cue_re(lex.history_cues).search(before):
        return None
    if spans := list(_SPAN.finditer(text, s_start, pos)):
        return _span_years(spans[-1])
    years = [
        int(m[1])
        for m in _YEAR.finditer(text, s_start, pos)
        if not _SINCE.match(text, m.start(), pos) and not _cutoff_before(text, m.start(), lex)
    ]
    return (years[0], years[0]) if len(set(years)) == 1 else None


class MentionPeriod(NamedTuple):
    start: int | None
    end: int | None
    source: str | None
    reason: str | None = None
    inferred: bool = False  # from a level's cycle or a neighbouring term, not the committee's own evidence
    evidence: str | None = None  # the document or address that dated the session's term


def mention_period(
    text: str,
    report: Period,
    s_start: int,
    pos: int,
    para_start: int,
    lex: Lexicon | None = None,
    sessions_dated: dict[tuple[int, int], SessionYear] | None = None,
    terms_dated: dict[int, tuple[int, int, str]] | None = None,
) -> MentionPeriod:
    """The period of a quantity at ``pos`` in the sentence starting at ``s_start``; ``sessions_dated``
    holds the years of the sessions the article names (:func:`session_years`)."""
    lex = lex or load_lexicon()
    before = text[s_start:pos]
    has_year = "年" in before
    if sessions_dated and "次" in before and (got := _of_session(text, s_start, pos, sessions_dated, lex)):
        return got
    if sessions_dated and (
        got := _session_attended(text, report, s_start, pos, para_start, sessions_dated, lex)
    ):
        return got  # 出席市政协十二届二次会议的委员应到517名 on a page whose report spans the plan's years
    if sessions_dated and (got := _new_term_session(text, s_start, pos, sessions_dated, lex)):
        return got
    if sessions_dated and report.published and "以来" in before:
        if got := _since_session(text, s_start, pos, sessions_dated, report.published[0], lex):
            # (the report's own source where the report already has that year)
            return got._replace(source=report.source) if report.start == report.end == got.end else got
    if (that := _that_year(text, para_start, s_start, pos, lex)) is not None:
        return MentionPeriod(that, that, "text")  # 从2013年起…开展了…。当年共募集资金98万元
    para = text[min(para_start, s_start) : pos]  # (据悉，十二届安徽省政协期间，…。共提交提案4531件)
    if terms_dated and "届" in para and (got := _of_chronicle_term(para, terms_dated)):
        return got
    if terms_dated and not report.term and "届" in para and (got := _of_term(para, terms_dated, lex)):
        return got
    if "五" in before and (drafting := _drafting_re().search(before)):  # 在“十三五”规划编制中…
        y = plan_years(next(g for g in drafting.groups() if g))[0] - 1
        return MentionPeriod(y, y, "plan")
    if report.end is None:
        plan = _plan_re().search(before) if "五" in before else None
        if plan:
            a, b = plan_years(plan[1])
            return MentionPeriod(a, b, "plan")
        if own := _own_years(text, s_start, pos, lex):  # 2003年至2004年共计征集文史稿件八十余篇
            return MentionPeriod(*own, "text")
        return MentionPeriod(None, None, None, report.reason or "no dated context: the text gives no period")
    if _cue_re(lex.history_cues).search(before):  # 早在2003年…还曾…: the text gives no period
        return MentionPeriod(
            None, None, None, "history: a sentence of history (早在, 还曾, 多年来 ...) gives no period"
        )
    dated_by = report.date_source or report.source
    if report.published and _cue_re(lex.new_term_words).search(before):
        y = report.published[0]  # 新一届政协委员…共521名: the new term, opened at this date's session
        return MentionPeriod(y, y, dated_by)
    if (
        cumulative := _cumulative_since(
            text, para_start, s_start, pos, report.end, lex, report.published[0] if report.published else None
        )
    ) is not None:
        a, b, how = cumulative  # 2015年…成立了助学联盟。截至目前，联盟共筹集善款340余万元: 2015 on
        return MentionPeriod(a, b, how or report.source)
    back = None
    if report.published:  # (a review: the page's or, on a page of the year before, the paragraph's)
        review = (
            report.term
            or (  # (a term summary reviews its term, even in the term's last year)
                report.end < report.published[0]
                and any(c in text[min(para_start, s_start) : pos] for c in lex.review_cues)
            )
        )
        back = _relative_year(before, lex, review)
    if back == 1 and _since_last_year(before, lex):  # 去年以来共开展主题活动16场: last year and this
        y = report.published[0]
        return MentionPeriod(y - 1, y, dated_by)
    if back == 0 and (got := _cut_off_intake(text, report, para_start, s_start, pos, lex, sessions_dated)):
        return got  # 截至1月23日12时，大会秘书处已收到提案315件 of a 2018 session, on a page of 2019
    if back is not None:  # 去年，县政协… on a page dated 2023: 2022; 今年以来: 2023
        y = report.published[0] - back
        return MentionPeriod(y, y, dated_by)
    if report.published and (terms_dated or sessions_dated) and "届" in before:
        for m in TERM.finditer(before):  # 十三届省政协共设立30个界别 on the eve of its first session
            n = _ordinal(m[1])
            got = terms_dated.get(n)
            first = SessionYear(got[0], got[-1]) if got else (sessions_dated or {}).get((n, 1))
            if first is not None and first.year == report.published[0] and not report.term:
                return first.as_period()
    sentence = text[s_start : pos + 8]
    if (
        report.published
        and not report.term
        and (_intake(sentence, report, lex) or _intake(text[min(para_start, s_start) : pos + 8], report, lex))
        and not _named_year(text, s_start, pos, lex)  # 2025年内蒙古政协收到提案1190件: that year
    ):
        # what the session received counts for its year: the session the paragraph names, else the
        # one the page was dated for (截至…已收到)
        if (got := _named_session(text, min(para_start, s_start), pos, sessions_dated)) is not None:
            return got.as_period()
        y = report.published[0]
        return MentionPeriod(y, y, dated_by)
    if (
        report.published
        and (
            _attendance_re(lex.attendance_cues).search(text, s_start, _sentence_end(text, pos))
            or _ATTENDED.search(text, s_start, _sentence_end(text, pos))
        )
        and not _named_year(text, s_start, pos, lex)
        and not _OVER_YEARS.search(text, s_start, _sentence_end(text, pos))  # (五年来历次会议期间)
        and not any(c in before for c in lex.review_cues)  # (从…开幕的…会议上获悉，一年来，…)
    ) or (
        report.published
        and not report.term
        and report.end < report.published[0]
        and _session_own(text, para_start, s_start, pos, lex)
    ):
        y = report.published[0]  # who attends the session and how it is arranged: the session's year
        return MentionPeriod(y, y, dated_by)
    spans = list(_SPAN.finditer(text, s_start, pos)) if has_year else []  # 2013年1月至2018年1月，…
    if spans:
        a, b = _span_years(spans[-1])
        return MentionPeriod(a, b, "text")
    if has_year and "从" in before and (wide := _FROM_TO.search(text, s_start, pos)):
        return MentionPeriod(int(wide[1]), int(wide[2]), "text")  # 从1949年…会议到2024年…3.2万余件提案
    if "五" in before and (plan := _plan_re().search(before)):  # “十三五”期间，累计…
        a, b = plan_years(plan[1])
        return MentionPeriod(a, b, "plan")
    since = None
    for m in _SINCE.finditer(text, s_start, pos) if has_year else ():  # the sentence up to the quantity
        since = int(m[1])
    if (
        since is None
        and text.find("大以来", para_start, pos) >= 0
        and not _named_year(text, s_start, pos, lex)
    ):
        for m in _congress_re().finditer(text, min(para_start, s_start), pos):  # 党的十八大以来，…28次
            since = int(calendars()["party_congresses"][m[1]])
    if since is not None and since < report.end:
        return MentionPeriod(since, report.end, "text")
    years = None
    if has_year:  # (in a term summary 五年来 is the term itself; 连续两年 still counts back)
        years = _running_years(text, s_start, pos) if report.term else _years_span(text, s_start, pos, lex)
    elif not report.term and para_start < s_start:  # 这两年，我参加…。我撰写社情民意9篇: the paragraph's span
        years = _opening_span(text, para_start, s_start, lex)
    if years is not None:
        return MentionPeriod(report.end - years + 1, report.end, report.source)
    year = None
    cutoff = False
    asides = [a.span() for a in _CLOSED_ASIDE.finditer(text, s_start, pos)] if has_year else []
    for m in _YEAR.finditer(text, s_start, pos) if has_year else ():  # (a year holds 年)
        if any(a <= m.start() and b <= pos for a, b in asides if b > m.start()):
            continue  # 共收到509件(2013年全会收到516件)；其中…101件: the aside's year is its own
        if not _SINCE.match(text, m.start(), pos) and (
            not (cut := _cutoff_before(text, m.start(), lex)) or _year_end(text, m)  # 截至2007年底: 2007
        ):
            year, cutoff = int(m[1]), cut
    if year is None:  # a paragraph opened by a year: "2023年，…"
        m = _YEAR.match(text, para_start)
        if m and not _SINCE.match(text, para_start):
            year = int(m[1])
    if year is not None and report.term and year == report.end and cutoff:
        return MentionPeriod(report.start, report.end, report.source)  # 截止到2022年底 in a term summary
    if year is not None and (year != report.end or report.term) and year >= report.start - 1:
        return MentionPeriod(year, year, "text")
    return MentionPeriod(report.start, report.end, report.source)


# ----------------------------------------------------------------------------- publication dates

# (a date run into its time of day and a serial: /qs/2019012318041473647.htm, 20230426160601)
_ADDRESS_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])[-_/.]?([0-2]\d|3[01])(?:(?!\d)|(?=(?:[01]\d|2[0-3])[0-5]\d[0-5]\d))"
)
_ADDRESS_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/]?(0[1-9]|1[0-2])(?=/)")  # /202401/
# a year alone as a folder of the address (/zhengxie/2024/277336.html, /qzxw/2020-1237/: a site's
# archive by year, an e-paper's year and issue number)
_ADDRESS_YEAR = re.compile(r"/((?:19|20)\d{2})(?=/|-\d+/)")


def date_in_address(address: str) -> tuple[int, int, int] | None:
    """The date a page's address or a file name carries: t20240105_123.html, /2024-01/05/,
    /2024/0105/, 2024-01-05_report.pdf; else a month alone (/202401/), as its last day: the page is
    of some day of that month, so a month-day date line in it (1月20日) is not after it."""
    for m in _ADDRESS_DATE.finditer(address or ""):
        if m[3] != "00":
            return int(m[1]), int(m[2]), int(m[3])
    m = _ADDRESS_MONTH.search(address or "")
    if m is None:
        return None
    year, month = int(m[1]), int(m[2])
    return year, month, calendar_module.monthrange(year, month)[1]


def year_in_address(address: str) -> tuple[int, int, int] | None:
    """A year alone in a page's address (/zhengxie/2024/277336.html), as its last day: the page is
    of that year, its month unknown (so no January rule reads it as the year before)."""
    m = _ADDRESS_YEAR.search(address or "")
    return (int(m[1]), 12, 31) if m else None


def metadata_date(meta: dict, doc_id: str = "", path: str = "") -> tuple[tuple[int, int, int], str] | None:
    """The publication date from a document's metadata, and where it was found: the reader's date
    (HTML meta PubDate, an inbox sidecar), the canonical address, the file name, the PDF's
    metadata (its creation date, last: a file may be made long after the page)."""
    from pipelines.extract.page import find_date

    for key in ("publication_date", "published", "date"):
        raw = str(meta.get(key) or "")
        if raw and (d := find_date(raw) or _compact_date(raw)):
            return d, key
    for key in ("canonical", "address", "url"):
        if d := date_in_address(str(meta.get(key) or "")):
            return d, key
    for key in ("canonical", "address", "url"):
        if d := year_in_address(str(meta.get(key) or "")):
            return d, key
    name = Path(path).name if path else doc_id
    if d := date_in_address(name):
        return d, "file_name"
    if (d := find_date(str(meta.get("pdf_date") or ""))) and d[0] > 2000:  # 2000-01-01: a tool's placeholder
        return d, "pdf_date"
    return None


def _compact_date(raw: str) -> tuple[int, int, int] | None:
    m = re.match(r"((?:19|20)\d{2})(\d{2})(\d{2})", raw)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return int(m[1]), int(m[2]), int(m[3])
    return None
