"""Subject committee of a document or article: whose report it is.

Interface used by attribution: :func:`find_subject`. The committee register (warehouse.register)
resolves names to committees; this module decides which of the committees a text names is the one
it reports on.

How (docs/register.md has the full rules):

1. File metadata first: ``committee_code`` or ``committee`` (a written name) settle it; ``publisher``,
   ``newspaper``, ``source``, ``region``, ``title`` and ``region_code`` are context for the rest.
2. Otherwise every committee the article names is found, in any written form, and weighed by where
   it stands: headline and subtitle ("——平罗县政协2024年工作综述") 6, byline 4, the first two
   paragraphs 3, the rest of the body 1. A committee that is only the object of the sentence
   ("参加全国政协培训班", "上报自治区、市政协") weighs nothing: it is merely named.
3. The subject is the committee with the highest weight, provided it is named in the headline,
   subtitle, byline or lead. A tie, a name several divisions share that the context (publisher,
   newspaper region, other places named) cannot settle, or a committee named only in the body
   gives ``committee=None`` with the reason, never a guess.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from pipelines.extract.lexicon import alternation, load_lexicon
from pipelines.extract.names_in_text import NameIndex
from pipelines.extract.page import page_frame, source_of
from sources.document import Document
from warehouse.register import (
    FULL_PREFIX,
    ORDINAL,
    REFERENCE_DIR,
    RELATIVE_FORMS,
    Committee,
    Register,
    Resolution,
    division_stem,
    load_register,
    normalise,
)

ZONE_WEIGHTS = {"head": 6, "byline": 4, "lead": 3, "body": 1}
PROMINENT = frozenset({"head", "byline", "lead"})
LEAD_BLOCKS = 2
METADATA_CONTEXT_KEYS = ("publisher", "newspaper", "source", "region", "title")

# Words after which a committee is an object (a destination, an organiser one attends), not the actor.
_OBJECT_BEFORE = re.compile(
    r"(?:参加|参与|出席|上报|报送|报|向|赴|受|配合|陪同|邀请|协助|承办|对接|迎接|接待|学习|被|获|按照|根据)"
    r"(?:[^，。；：！？,;]{0,8}[、及和与])?$"
)
# 我受政协江苏省第十届委员会常务委员会委托，向大会报告…: the speaker reports for that committee
_ON_BEHALF_AFTER = re.compile(r"(?:常务委员会|常委会|主席会议)?委托")
_ENUM_SEPARATORS = "、及和与"
_COMMITTEE_WORD = re.compile(f"政协|{FULL_PREFIX}")
# a township (镇, 乡, 街道) right before 政协 whose liaison group or members' room follows: the
# county's committee works there through it (下埠镇政协工作联络组, 城关镇政协委员工作室)
_TOWNSHIP_SUFFIXES = ("镇", "乡", "街道")
# characters that open a two-character county name (和县) as often as they join words (和, 与 ...):
# inside a sentence, X县政协 after them is the relative form
_FUNCTION_CHARS = frozenset("和与及同跟在对向从为是的等各本该其")
_TOWNSHIP_GROUPS = (
    "工作联络组", "活动联络组", "联络组", "联络处", "联络站", "委员工作室", "委员工作站", "委员联络室", "工作室",
)  # fmt: skip
# A committee that comes to the writer's place (省政协办公厅来瑞调研, 市政协副主席一行来我县视察): the
# page is the host's, the visitor is merely named. Only 来 (towards the writer), not 到/赴: a
# committee's own site reports where it goes (市政协到平罗县调研) as its own work.
_VISIT_AFTER = re.compile(
    r"[^，。；：！？,;、]{0,14}?(?<![以将近未从后本原])来(?:我|本)?[\u4e00-\u9fff]{1,6}?"
    r"(?:调研|视察|考察|检查|督导|走访|指导|慰问|督查)"
)
# A committee whose people come to the writer's own division (芜湖市政协副主席…带领市政协调研组来我县…,
# 某县政协…考察组一行8人到我县考察): 我县, 我区 is the writer's own place, so the page is the host's, whatever
# verb follows; 到 is towards the writer here too, as 来 is. Within the clause (up to a comma or a stop).
_HOST_AFTER = re.compile(r"[^，。；：！？,;:]{0,36}?[来到]我(县|区|市|旗)")
# the level a relative form names (市政协 → a city's committee) when it is the visitor of a county-level
# host (来我县): every committee of that level the page names is the visitor, the head's too
_VISITOR_LEVELS = {"省": "region", "自治区": "region", "市": "city", "州": "city", "盟": "city"}
# A committee named as the one that adopts or acts on the subject's products (其中全国政协采用42篇、省政协
# 采用137篇: the county's information taken up higher): merely named, as 上报全国政协 is.
_ADOPTED_AFTER = re.compile(r"(?:采用|采纳|录用|刊用|选用|批示|转办)")
# A committee's newspaper or its site (重庆政协报, 广西政协报数字报, 四川政协报社): the publisher's name,
# not the committee the page reports on (a county's story in the provincial committee's paper). Not 政协报告,
# 政协报送 (the committee reports, sends).
_PAPER_AFTER = re.compile(r"报(?![告送请批道到名备表经给审销账考效答])")
# Where a block's related-article links begin (上一篇：…, 下一篇：…): what follows names other pages'
# committees, never the subject.
_NAVIGATION = ("上一篇", "下一篇", "相关文章")
_RELATIVE_PREFIXES = ("我", "本")
_SAR_PREFIXES = ("港", "澳")
_WHOLE_PREFIXES = ("我", "本", "全")  # 全州, 本市, 我县 before 政协: the whole (own) division, no name


@dataclass(frozen=True)
class SubjectResult:
    committee: Committee | None
    reason: str | None = None  # why committee is None (unresolved, ambiguous ...)
    candidates: tuple[Committee, ...] = field(default_factory=tuple)
    evidence: str | None = None  # where the subject was found: metadata, head, byline, lead


@dataclass(frozen=True)
class NamedCommittee:
    """One committee name written in a text."""

    form: str  # as written (whitespace removed): 政协平罗县委员会, 县政协
    stem: str  # the division part: 平罗县, 县
    start: int  # offset in the compacted text
    end: int
    relative: bool  # 县政协, 市政协, 自治区政协 ...
    is_object: bool = False  # 参加全国政协..., 上报自治区、市政协


# Inline pinyin notes some pages put after characters: 政協(xié), 會(huì)議, 当(dāng).
PINYIN_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])[(（] ?[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7} ?[)）]")


def compact(text: str) -> str:
    """The text without whitespace and pinyin notes, simplified: letter-spaced and line-broken
    names join up, 政協(xié)第六屆澤州縣委員會 reads 政协第六届泽州县委员会."""
    return normalise(PINYIN_NOTE.sub("", text) if "(" in text or "（" in text else text)


# A headline's column tag naming a division right before 政协 (【富民县】政协十届四次会议召开…,
# a city committee's site running its counties' news): the tag is the committee's place, read as
# 富民县政协. The bracket moves before the name so that offsets stay those of the compacted text.
_COLUMN_TAG = re.compile(r"【([\u4e00-\u9fff]{1,10}?[省市县区州旗盟])】(?=政协)")


def committee_names(text: str, register: Register | None = None) -> list[NamedCommittee]:
    """Every committee name in ``text``, in order: 平罗县政协, 政协平罗县委员会, 县政协 ..."""
    if "政" not in text:  # in 政协 and 中国人民政治协商会议; OpenCC makes it from no other character
        return []
    register = register or load_register()
    s = compact(text)
    s = _COLUMN_TAG.sub(r"【】\1", s) if "【" in s else s
    longest = register.max_name_length
    found: list[NamedCommittee] = []
    taken = 0
    for m in _COMMITTEE_WORD.finditer(s):
        i = m.start()
        if i < taken:
            continue
        named = _forward(s, m, register, longest) or _backward(s, i, register, longest)
        if named is None:
            continue
        taken = named.end
        found.append(named)
    return _mark_objects(s, found)


def _forward(s: str, m: re.Match, register: Register, longest: int) -> NamedCommittee | None:
    """政协平罗县委员会, 中国人民政治协商会议平罗县第十届委员会."""
    body = m.end()
    end = s.find("委员会", body, body + longest + 6)
    if end >= 0:
        stem = ORDINAL.sub("", s[body:end])
        if stem and (register.is_name(stem) or stem in RELATIVE_FORMS):
            return NamedCommittee(s[m.start() : end + 3], stem, m.start(), end + 3, stem in RELATIVE_FORMS)
    # 政协沁县第十四届五次会议, 政协中卫市四届五次会议: the place and the term with no 委员会 between them
    term = _TERM_AFTER_PLACE.match(s, body, body + longest + 12)
    if term and register.is_name(term[1]) and term[1] not in RELATIVE_FORMS:
        return NamedCommittee(term[1] + "政协", term[1], m.start(), term.end(1), False)
    return None


_TERM_AFTER_PLACE = re.compile(r"([^第\s，。；,;、]{2,12}?)第?[一二三四五六七八九十百零\d]+届")


def _backward(s: str, i: int, register: Register, longest: int) -> NamedCommittee | None:
    """平罗县政协, 平罗政协, 宁夏自治区政协; relative 县政协, 自治区政协, 我县政协; a township's
    liaison group of its county's committee (湘东区下埠镇政协工作联络组: 湘东区)."""
    for k in range(min(longest, i), 0, -1):
        stem = s[i - k : i]
        if k == 2 and stem[0] in _FUNCTION_CHARS and i > 2 and "\u4e00" <= s[i - 3] <= "\u9fff":
            continue  # 代表建议和县政协: 和 + 县政协, not 和县
        if k == 2 and stem[0] in _WHOLE_PREFIXES and stem[1] in RELATIVE_FORMS:
            continue  # 全州政协系统: the whole prefecture's committees (全 + 州), not 全州县
        if register.is_name(stem) and stem not in RELATIVE_FORMS:
            return NamedCommittee(stem + "政协", stem, i - k, i + 2, False)
    if s.endswith(_TOWNSHIP_SUFFIXES, 0, i) and s.startswith(_TOWNSHIP_GROUPS, i + 2):
        for t in range(i - 2, max(0, i - 6) - 1, -1):  # the township's name: 2-6 characters
            for k in range(min(longest, t), 1, -1):
                stem = s[t - k : t]
                if register.is_name(stem) and stem not in RELATIVE_FORMS:
                    return NamedCommittee(stem + "政协", stem, t - k, i + 2, False)
    for rel in RELATIVE_FORMS:
        if s.endswith(rel, 0, i):
            start = i - len(rel)
            if rel == "区" and s[start - 1 : start] in _SAR_PREFIXES:
                return None  # 港区政协委员: members from Hong Kong (澳区: Macao), no district's committee
            if start > 0 and s[start - 1] in _RELATIVE_PREFIXES:
                start -= 1
            return NamedCommittee(s[start : i + 2], rel, start, i + 2, True)
    return None


def _in_book_title(s: str, i: int) -> bool:
    """Whether offset ``i`` lies inside 《…》: a committee named in a document's title
    (《中国人民政治协商会议全国委员会提案工作条例》) is merely named."""
    opened = s.rfind("《", 0, i)
    return opened >= 0 and s.rfind("》", opened, i) < 0 and s.find("》", i) >= 0


# a relative form right after another level's word (省市政协, 市县政协, 省、市政协): the committees of
# several levels together (the higher ones that guide the subject), no one committee
_COLLECTIVE_BEFORE = re.compile(r"[省市县区州]、?$")


def _collective(s: str, n: NamedCommittee) -> bool:
    return (
        n.relative
        and n.form[:1] not in _RELATIVE_PREFIXES
        and bool(_COLLECTIVE_BEFORE.search(s, max(0, n.start - 3), n.start))
    )


# a committee name followed by 系统 (全市政协系统, 福州市政协系统信息工作会议) names every committee of that
# division, the lower ones with it: no one committee (the page is usually a lower one's award)
_SYSTEM_AFTER = ("系统",)


def _mark_objects(s: str, found: list[NamedCommittee]) -> list[NamedCommittee]:
    out: list[NamedCommittee] = []
    for n in found:
        before = s[max(0, n.start - 14) : n.start]
        is_object = (
            bool(_OBJECT_BEFORE.search(before))
            and not _ON_BEHALF_AFTER.match(s, n.end)
            or _in_book_title(s, n.start)
            or _collective(s, n)
            or bool(_VISIT_AFTER.match(s, n.end))
            or bool(_HOST_AFTER.match(s, n.end))  # 市政协…来我县: the host's page
            or s.startswith(_SYSTEM_AFTER, n.end)  # 福州市政协系统: all the committees of the city
            or bool(_ADOPTED_AFTER.match(s, n.end))  # 全国政协采用42篇: takes up the subject's products
            or not n.relative
            and bool(_PAPER_AFTER.match(s, n.end))  # 重庆政协报: a newspaper's name
        )
        if not is_object and out and out[-1].is_object:  # 参加全国政协及自治区政协、市政协
            gap = s[out[-1].end : n.start]
            is_object = len(gap) <= 1 and all(ch in _ENUM_SEPARATORS for ch in gap)
        out.append(NamedCommittee(n.form, n.stem, n.start, n.end, n.relative, is_object))
    return out


def _visitor_levels(zones: list[tuple[str, str]]) -> frozenset[str]:
    """The levels of the committees that come to the writer's county or district by their relative
    form (市政协副主席…一行来我县调研): a city's committee when the host is a county, a province's when it
    is a county or a city. The page names the visitor by name elsewhere too (its head: 南通市政协赴如东
    调研), and that name is a visitor's as well."""
    out: set[str] = set()
    for zone, text in zones:
        if zone not in PROMINENT or "我" not in text:
            continue
        s = compact(text)
        for n in committee_names(text):
            m = _HOST_AFTER.match(s, n.end) if n.relative else None
            level = _VISITOR_LEVELS.get(n.stem) if m else None
            if level is not None and (level == "region" or m[1] in "县区旗"):
                out.add(level)
    return frozenset(out)


def _host_county(
    register: Register,
    context: str,
    city: Committee,
    relatives: list[tuple[str, NamedCommittee]],
    year: int | None,
) -> Committee | None:
    """The one county or district of the visiting ``city`` the page names (by its name or its short
    name of two characters or more) that the host's relative form (县政协, 区政协) fits."""
    stems = {n.stem for _, n in relatives}
    s = compact(context)
    found = [
        c
        for c in register.children(city.code, year)
        if any(_fits_relative(c, stem) for stem in stems)
        and (c.name in s or len(c.short_name) >= 2 and c.short_name in s)
    ]
    return found[0] if len(found) == 1 else None


def _page_zones(doc: Document, article: int | None) -> list[tuple[str, str]] | None:
    """Zones of a saved web page: its title is the head, its meta lines (date, source) and
    bylines the byline, the first two text blocks the lead; furniture names nothing."""
    frame = page_frame(doc, article)
    if not frame.is_page:
        return None
    out: list[tuple[str, str]] = []
    for i, b in enumerate(doc.blocks):
        if (article is not None and b.article != article) or i in frame.furniture and i not in frame.meta:
            continue
        text = doc.text[b.start : b.end]
        if i == frame.title or b.role == "subtitle" and i - 1 == frame.title:
            out.append(("head", text))
        elif i in frame.meta:
            out.append(("byline", source_of(text)))
        elif i in frame.bylines:
            out.append(("byline", text))
        elif i in frame.lead:
            out.append(("lead", text))
        else:
            out.append(("body", text))
    return out


def _page_sources(doc: Document, article: int | None) -> list[str]:
    """The sources a saved page's meta lines name (来源：瑞安日报): who published the article."""
    frame = page_frame(doc, article)
    if not frame.is_page:
        return []
    return [source_of(doc.text[doc.blocks[i].start : doc.blocks[i].end]) for i in sorted(frame.meta)]


_REPORTER_CREDIT = re.compile(
    r"[（(]\s*(?:[^（()）\s]{0,6}[·・])?"
    r"([^（()）\s·・]{2,10}?(?:日报|晚报|都市报|融媒体中心|广播电视台|电视台))"
    r"(?:社)?\s*(?:全媒体)?\s*记者"
)


def _reporter_outlets(zones: list[tuple[str, str]]) -> list[str]:
    """The outlets a reporter's credit names at the end of the article's text (（昆明日报记者 某某）,
    （新甘肃·甘肃日报记者…）, （玉溪市融媒体中心记者…）): the paper or station that wrote it, a publisher
    as a source line (来源：昆明日报) is."""
    return [m[1] for _, text in zones for m in _REPORTER_CREDIT.finditer(text)]


def _before_navigation(text: str) -> str:
    """A block's text up to its related-article links (…正文。 上一篇：… 下一篇：…), when it has
    some text before them."""
    cut = min((i for i in (text.find(w) for w in _NAVIGATION) if i > 0), default=-1)
    return text[:cut] if cut > 0 else text


def _zones(doc: Document, article: int | None) -> list[tuple[str, str]]:
    """(zone, text) for each block of the article: head, byline, lead, body; a block's
    related-article links (上一篇：…) name no subject. A formal name broken over two title lines
    (中国人民政治协商会议 / 武汉市第十四届委员会第一次会议) is read as one, in the first line's zone."""
    out: list[tuple[str, str]] = []
    for zone, text in _all_zones(doc, article):
        if out and len(out[-1][1]) <= _PREFIX_LINE_MAX and compact(out[-1][1]) in _PREFIX_LINES:
            out[-1] = (out[-1][0], out[-1][1].strip() + text)
            continue
        out.append((zone, _before_navigation(text)))
    return out


_PREFIX_LINES = frozenset({FULL_PREFIX, "政协"})
_PREFIX_LINE_MAX = 3 * len(FULL_PREFIX)  # (letter-spaced, with pinyin notes: still a short line)


def _all_zones(doc: Document, article: int | None) -> list[tuple[str, str]]:
    page = _page_zones(doc, article)
    if page is not None:
        return page
    blocks = [b for b in doc.blocks if article is None or b.article == article]
    out: list[tuple[str, str]] = []
    lead_left = LEAD_BLOCKS
    for b in blocks:
        text = doc.text[b.start : b.end]
        if b.role in ("headline", "subtitle"):
            out.append(("head", text))
        elif b.role == "byline":
            out.append(("byline", text))
        elif b.role in ("caption", "furniture"):
            continue
        elif lead_left > 0:
            out.append(("lead", text))
            lead_left -= 1
        else:
            out.append(("body", text))
    if not any(z == "head" for z, _ in out):
        headline = _article_headline(doc, article)
        if headline:
            out.insert(0, ("head", headline))
    return out


def _article_headline(doc: Document, article: int | None) -> str:
    index = article if article is not None else 0
    for a in doc.articles:
        if a.index == index:
            return a.headline
    return ""


def _metadata_context(doc: Document, register: Register, year: int | None) -> str:
    """Publisher, newspaper, region ... as text; a region_code adds that division's names; the
    publisher a page's own lines name (its copyright or address line, its breadcrumb's root)."""
    parts = [str(doc.metadata[k]) for k in METADATA_CONTEXT_KEYS if doc.metadata.get(k)]
    code = doc.metadata.get("region_code")
    if code:
        parts += [c.name for c in register.chain(str(code), year) if c.level != "national"]
    parts += _publisher_lines(doc.text)
    return " ".join(parts)


# Who publishes the page, in its own furniture: 版权所有：天门日报社 (also 版权所有 (C) …, 版权所有©…),
# 本报地址：天门市…, 主办单位：…; the root of its breadcrumb (您现在的位置: 靖江政协->工作动态): the site's name; and where, by the
# page's own tag line (标签：福建、政协、委员): a place tagged stands for the page's 省政协.
_PUBLISHER_LINE = re.compile(
    r"(?:版权所有(?:\s*(?:[(（]\s*[Cc]\s*[)）]|©))?|主办单位|主办|本报地址|本站地址)\s*[:：]?\s*([\u4e00-\u9fff]{2,24})"
    r"|(?:当前位置|现在的位置|您的位置|当前的位置)\s*[:：]?\s*([\u4e00-\u9fff]{2,12})\s*(?:->|>|»|＞)"
    r"|(?:标签|关键词|关键字)\s*[:：]\s*([\u4e00-\u9fff、，, ]{2,30})"
    # a committee's own site naming itself before it: Copyright 中国人民政治协商会议宝应县委员会。 版权所有
    # (not any name: 六安新闻网版权所有 would read 安新 as well as 六安)
    r"|((?:中国人民政治协商会议|政协)[\u4e00-\u9fff]{2,16}?委员会)\s*[。.]?\s*版权所有"
)


def _publisher_lines(text: str) -> list[str]:
    plain = PINYIN_NOTE.sub("", text) if "(" in text or "（" in text else text
    found = [m[1] or m[2] or m[3] or m[4] for m in _PUBLISHER_LINE.finditer(plain)]
    if "版权所有" in plain:  # an outlet's name before it (淳安县融媒体中心版权所有): the publisher
        found += _outlet_before_re(load_lexicon().publisher_outlets).findall(plain)
    return found


@functools.cache
def _outlet_before_re(outlets: tuple[str, ...]) -> re.Pattern:
    """An outlet's name (up to eight characters and an outlet word) right before 版权所有."""
    return re.compile(rf"([\u4e00-\u9fff]{{0,8}}(?:{alternation(outlets)}))\s*》?\s*版权所有")


def _from_metadata(doc: Document, register: Register, year: int | None, context: str) -> SubjectResult | None:
    code = doc.metadata.get("committee_code")
    if code:
        c = register.get(str(code), year)
        if c is None:
            return SubjectResult(None, f"metadata committee_code {code} is not a committee in {year}")
        return SubjectResult(c, evidence="metadata")
    name = doc.metadata.get("committee")
    if name:
        res = register.resolve(str(name), year, context=context)
        return SubjectResult(res.committee, res.reason, res.candidates, "metadata" if res.committee else None)
    return None


def _publisher_committee(register: Register, context: str, year: int | None) -> Committee | None:
    """The one division a publisher or newspaper name points to (平罗县融媒体中心 -> 平罗县)."""
    s = compact(context)
    hits: dict[str, Committee] = {}
    present = _division_names(register).present(s)  # every name of two or more characters in s
    renamed: dict[str, list[Committee]] = {}
    if year is None:
        # an undated page's publisher under a name its division no longer bears (中国人民政治协商会议
        # 江苏省海门市委员会; 海门市 is 海门区 since 2020): the division of that name when it last bore it,
        # and not the short name inside it (海门: today's 海门区)
        for name in present:
            if not register.find(name) and (last := _last_year_named(register, name)) is not None:
                renamed[name] = register.find(name, last)
    for name in present:
        if any(name != old and name in old for old in renamed):
            continue
        if any(name != other and name in other for other in present if register.find(other, year)):
            continue  # 应县 inside 宝应县: the longer name is the one written
        if _always_straddled(s, name, present):
            continue  # 新青 in 新青海: a name read across another name is not the one written
        found = renamed.get(name) or register.find(name, year)
        if len({c.code for c in found}) > 1 and not _one_chain(register, found, year):
            # namesakes apart (中山: 中山市 in 广东 and 大连's 中山区): the one the publisher's own words place,
            # else none (the lowest level took 中山区 for 住中山省政协委员 on 中山's site); namesakes one inside
            # the other (甘孜县 in 甘孜州) keep the lowest, whose chain holds both
            found = [c for c in (register.disambiguate(found, s, year).committee,) if c is not None]
        for c in found:
            hits[c.code] = c
    if not hits:
        return None
    # Keep the lowest level: a county named with its city and region is the county.
    rank = {"county": 0, "city": 1, "region": 2, "national": 3}
    low = min(rank[c.level] for c in hits.values())
    lowest = [c for c in hits.values() if rank[c.level] == low]
    return lowest[0] if len(lowest) == 1 else None


def _one_chain(register: Register, found: list[Committee], year: int | None) -> bool:
    """Whether the lowest of ``found`` lies inside every other one (甘孜县 in 甘孜藏族自治州)."""
    low = min(found, key=lambda c: _LEVEL_RANK[c.level])
    chain = {p.code for p in register.chain(low.code, year)}
    return all(c.code in chain for c in found)


_LEVEL_RANK = {"county": 0, "city": 1, "region": 2, "national": 3}


def _all_levels_of(
    register: Register, zones: list[tuple[str, str]], named: NamedCommittee, year: int | None
) -> SubjectResult:
    """The one division the page names as the owner of its committees of every level (辽宁省各级政协组织,
    梅州市各级政协) that the relative form ``named`` (省政协, 市政协) may stand for."""
    found: dict[str, Committee] = {}
    for _, text in zones:
        s = compact(text)
        for m in re.finditer(r"各级政协", s):
            head = s[max(0, m.start() - 12) : m.start()]
            for name in _full_names_re(register).findall(head):
                if not head.endswith(name):
                    continue
                for c in register.find(name, year):
                    if _fits_relative(c, named.stem):
                        found[c.code] = c
    if len(found) == 1:
        c = next(iter(found.values()))
        return SubjectResult(c, evidence=f"{c.name}各级政协")
    return SubjectResult(None, "no division named as the owner of all levels")


def _always_straddled(s: str, name: str, present) -> bool:
    """Whether every occurrence of ``name`` in ``s`` overlaps, without holding or being held by it,
    an occurrence of another name present (新青 in 新青海建设, where 青海 is written)."""
    spans = []
    for other in present:
        if other == name or other in name or name in other:
            continue
        spans += [(i, i + len(other)) for i in _occurrences(s, other)]
    occurrences = list(_occurrences(s, name))
    if not occurrences or not spans:
        return False
    return all(any(a < i + len(name) and i < b for a, b in spans) for i in occurrences)


PRESS_PATH = REFERENCE_DIR / "committee_press.csv"


@functools.cache
def _press() -> dict[str, str]:
    """Committees' own newspapers and news sites (各界导报 -> 610000): warehouse/reference data."""
    with open(PRESS_PATH, encoding="utf-8") as fh:
        return {r["name"]: r["code"] for r in csv.DictReader(fh)}


def _press_committee(register: Register, context: str, year: int | None) -> Committee | None:
    """The one committee whose own paper or site the publisher lines name."""
    s = compact(context)
    codes = {code for name, code in _press().items() if name in s}
    return register.get(codes.pop(), year) if len(codes) == 1 else None


# Which register names a relative form's suffix may stand for: 省政协 -> a province (河北省),
# 市政协 -> a city, a municipality or a county-level city, 县政协 -> a county ...
def _fits_relative(c: Committee, stem: str) -> bool:
    if c.level == "national" or not c.name.endswith(stem):
        return False
    return not (stem == "区" and c.name.endswith("自治区"))


def _relative_by_place(
    register: Register,
    zones: list[tuple[str, str]],
    named: NamedCommittee,
    year: int | None,
    address: str = "",
) -> SubjectResult:
    """A relative form (区政协, 市政协, 省政协) resolved from the place the page names: in its title,
    source line, lead or body (中共上海市委, 泽州县融媒体中心, 和谐河北). Full names count anywhere;
    short names (河北, 重庆) only for provinces and cities, whose short names are distinctive. The
    place weighed highest by zone wins; a tie or no place leaves the committee null."""
    stem = division_stem(normalise(named.stem)) if named.stem not in RELATIVE_FORMS else named.stem
    scores: dict[str, float] = {}
    places: dict[str, Committee] = {}
    texts = [(zone, compact(text)) for zone, text in zones]
    lex = load_lexicon()
    places_index = _place_names(register, stem)
    for zone, s in texts:
        for name in places_index.present(s):  # longest first; s loses each name once counted
            k = s.count(name)
            if k and len(name) == 2 and name.endswith(("县", "区", "旗")):  # 和县 in 代表建议和县政协
                k = sum(_set_off_before(s, i, lex) for i in _occurrences(s, name))
            if not k:
                continue
            found = [c for c in _find_as_written(register, name, year) if _fits_relative(c, stem)]
            kept = _qualified_by_parent(register, s, name, found, year)
            # a name that several divisions share and the text does not qualify (新城区: 西安's or
            # 呼和浩特's, or just "a new urban district") is weaker evidence than a name of one
            s = s.replace(name, "\0" * len(name))  # 雨城区 holds no 城区 of its own
            if not kept:
                continue
            weight = 1.0 if len(kept) == 1 or len(kept) < len(found) else 1.0 / len(kept)
            for c in kept:
                if name == c.name or c.level in ("region", "city"):
                    places[c.code] = c
                    scores[c.code] = scores.get(c.code, 0) + k * ZONE_WEIGHTS[zone] * weight
    how = "place named on the page"
    if not scores:  # a county's short name (闽侯新闻网讯, 金平进入两会, 现代化新垫江)
        scores, places = _short_places(register, texts, stem, year)
        how = "short place name on the page"
    if not scores and stem in _PROVINCE_FORMS:  # 自治区政协 on a page naming 银川市: 宁夏
        scores, places = _province_of_places(register, texts, stem, year)
        how = "province of the places named on the page"
    if not scores and stem in _CITY_FORMS:  # 市政协 on a page naming 融安县 only: 柳州市
        scores, places = _city_of_counties(register, texts, stem, year)
        how = "city of the counties named on the page"
    if not scores and address:  # 县政协 on weiningrm.org.cn: 威宁
        scores, places = _address_places(register, address, stem, year)
        how = "county in the page's address"
    if not scores:
        return SubjectResult(None, f"relative form {named.form}: the page names no place it may stand for")
    ranked = sorted(scores, key=scores.get, reverse=True)
    if len(ranked) > 1 and scores[ranked[0]] == scores[ranked[1]]:
        tied = tuple(places[c] for c in ranked if scores[c] == scores[ranked[0]])
        return SubjectResult(None, f"relative form {named.form}: several places fit", tied)
    return SubjectResult(places[ranked[0]], evidence=f"{how} ({named.form})")


# Indexes built from a register (names, short names, pinyin), once per register and arguments. A
# register is not changed once loaded; it is not hashable, so it is keyed by its identity.
_PER_REGISTER: dict[tuple, object] = {}


def per_register(build, register: Register, *args):
    """``build(register, *args)``, computed once per register and ``args``."""
    key = (build, id(register), *args)
    got = _PER_REGISTER.get(key)
    if got is None:
        got = _PER_REGISTER[key] = build(register, *args)
    return got


_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+)")
_MIN_PINYIN = 6  # letters: shorter names (he, lx, th) are initials or shared by too many places


def _address_places(
    register: Register, address: str, stem: str, year: int | None
) -> tuple[dict[str, int], dict[str, Committee]]:
    """The one county-level division (of ``stem``'s kind) whose name in pinyin opens a label of the
    page's host: a county's own site or news site (xiangyin.gov.cn, weiningrm.org.cn,
    hengshannews.com). Only full pinyin of six letters or more, and only when no other division of
    that kind, in any province, has the same pinyin: the address is the last evidence, after the text."""
    m = _HOST.match(address.strip())
    if m is None:
        return {}, {}
    index = _pinyin_index(register)
    hits: dict[str, Committee] = {}
    for label in m[1].lower().split("."):
        for n in range(len(label), _MIN_PINYIN - 1, -1):
            found = [c for c in index.get(label[:n], ()) if c.valid_in(year) and _fits_relative(c, stem)]
            if found:
                hits.update((c.code, c) for c in found)
                break
    if len(hits) != 1:
        return {}, {}
    ((code, c),) = hits.items()
    return {code: 1}, {code: c}


def _pinyin_index(register: Register) -> dict[str, list[Committee]]:
    """County-level divisions by the pinyin of their short name (Weining Yizu … Zizhixian: weining)."""
    return per_register(_build_pinyin_index, register)


def _build_pinyin_index(register: Register) -> dict[str, list[Committee]]:
    got: dict[str, list[Committee]] = {}
    for c in register.committees:
        if c.level == "county" and c.name_pinyin:
            key = re.sub(r"[^a-z]", "", c.name_pinyin.split()[0].lower())
            if len(key) >= _MIN_PINYIN:
                got.setdefault(key, []).append(c)
    return got


def _find_as_written(register: Register, name: str, year: int | None) -> list[Committee]:
    """The divisions ``name`` means in ``year``; on an undated page (``year`` None), a full name the
    register no longer lists (上虞市, a district since 2013) means the division under that name in the
    last year it bore it, as _resolve_named and _publisher_committee read it: the page was written
    while the name was in use. Short names (上虞) keep today's reading."""
    found = register.find(name, year)
    if found or year is not None:
        return found
    last = _last_year_named(register, name)
    if last is None:
        return []
    return [c for c in register.find(name, last) if c.name == name]


def _qualified_by_parent(
    register: Register, s: str, name: str, found: list[Committee], year: int | None
) -> list[Committee]:
    """Of several divisions sharing ``name``, those the text qualifies by their parent's name
    (北京市通州区: Beijing's, not Nantong's); all of them when it qualifies none."""
    if len(found) < 2:
        return found
    kept = []
    for c in found:
        parent = register.get(c.parent_code, year) if c.parent_code else None
        if parent is not None and any(p + name in s for p in {parent.name, parent.short_name} if len(p) >= 2):
            kept.append(c)
    return kept or found


_PROVINCE_FORMS = ("省", "自治区")
_ANY_DIVISION = ("省", "自治区", "市", "州", "盟", "县", "区", "旗")


def _masked_names(register: Register, s: str) -> str:
    """``s`` with every full division name of three or more characters blanked, longest first: a
    short name counts only where it stands alone (松江 in 人文松江, not in 松江区)."""
    return _full_names_re(register).sub(lambda m: "\0" * len(m[0]), s)


@functools.cache
def _full_names_re(register: Register) -> re.Pattern:
    """Full division names of three or more characters (the longest where several match)."""
    names = {c.name for c in register.committees if len(c.name) >= 3 and c.level != "national"}
    return re.compile(alternation(names))


def _short_places(
    register: Register, texts: list[tuple[str, str]], stem: str, year: int | None
) -> tuple[dict[str, int], dict[str, Committee]]:
    """Counties and districts that fit ``stem`` named by their short name (two characters or more,
    shared by no other division that fits), weighed by zone."""
    scores: dict[str, int] = {}
    places: dict[str, Committee] = {}
    lex = load_lexicon()
    names = _county_short_names(register, stem, year)  # the names of the page's year (洞头县 until 2014)
    if not names:
        return scores, places
    pattern = _short_names_re(register, stem, year)
    for zone, s in texts:
        s = _masked_names(register, s)
        for m in pattern.finditer(s):
            if _stands_for_place(s, m.start(), m.end(), lex):
                c = names[m[0]]
                places[c.code] = c
                scores[c.code] = scores.get(c.code, 0) + ZONE_WEIGHTS[zone]
    return scores, places


def _short_names_re(register: Register, stem: str, year: int | None) -> re.Pattern:
    return per_register(_build_short_names_re, register, stem, year)


def _build_short_names_re(register: Register, stem: str, year: int | None) -> re.Pattern:
    return re.compile(alternation(_county_short_names(register, stem, year)))


def _occurrences(s: str, name: str):
    i = s.find(name)
    while i >= 0:
        yield i
        i = s.find(name, i + len(name))


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _set_off_before(s: str, i: int, lex) -> bool:
    return i == 0 or not _cjk(s[i - 1]) or any(s.endswith(w, 0, i) for w in lex.place_before)


def _stands_for_place(s: str, i: int, j: int, lex) -> bool:
    """Whether the short name at s[i:j] stands for its place: set off by punctuation or the text's
    ends, or beside the lexicon's place words (养生庆元, 闽侯新闻网讯)."""
    before = _set_off_before(s, i, lex)
    after = j == len(s) or not _cjk(s[j]) or s.startswith(lex.place_after, j)
    return before and after


def _county_short_names(register: Register, stem: str, year: int | None) -> dict[str, Committee]:
    return per_register(_build_county_short_names, register, stem, year)


def _build_county_short_names(register: Register, stem: str, year: int | None) -> dict[str, Committee]:
    by_name: dict[str, list[Committee]] = {}
    for c in register.committees:
        if c.level == "county" and len(c.short_name) >= 2 and c.valid_in(year) and _fits_relative(c, stem):
            by_name.setdefault(c.short_name, []).append(c)
    return {n: cs[0] for n, cs in by_name.items() if len({c.code for c in cs}) == 1}


def _province_of_places(
    register: Register, texts: list[tuple[str, str]], stem: str, year: int | None
) -> tuple[dict[str, int], dict[str, Committee]]:
    """The one province (of ``stem``'s kind) whose cities and counties the page names in full, or
    whose cities it names by their short names (在哈尔滨…召开)."""

    def names(s: str) -> list[str]:
        found = [m[0] for m in _full_names_re(register).finditer(s) if m[0].endswith(_ANY_DIVISION)]
        return found + [n for n in _city_short_names(register).present(s) if _city_named(s, n)]

    return _one_parent(register, texts, stem, year, names, "region")


_CITY_FORMS = ("市", "州")
_COUNTY_DIVISION = ("县", "区", "旗")


def _city_of_counties(
    register: Register, texts: list[tuple[str, str]], stem: str, year: int | None
) -> tuple[dict[str, int], dict[str, Committee]]:
    """The one prefecture (of ``stem``'s kind) whose counties and districts the page names in full
    (市政协领导…深入融安县板榄镇: 柳州市), as _province_of_places does for a province's form."""

    def names(s: str) -> list[str]:
        return [m[0] for m in _full_names_re(register).finditer(s) if m[0].endswith(_COUNTY_DIVISION)]

    return _one_parent(register, texts, stem, year, names, "city", child_level="county")


def _one_parent(
    register: Register,
    texts: list[tuple[str, str]],
    stem: str,
    year: int | None,
    names: Callable[[str], list[str]],
    level: str,
    child_level: str | None = None,
) -> tuple[dict[str, int], dict[str, Committee]]:
    """The one division at ``level`` (of ``stem``'s kind) above every place ``names`` finds in the
    page's zones (of ``child_level`` only, when given), with its score by zone; none if there are two."""
    parents: dict[str, Committee] = {}
    scores: dict[str, int] = {}
    for zone, s in texts:
        for name in dict.fromkeys(names(s)):
            for c in register.find(name, year):
                if child_level is not None and c.level != child_level:
                    continue
                up = [p for p in register.chain(c.code, year) if p.level == level]
                if up and _fits_relative(up[0], stem):
                    parents[up[0].code] = up[0]
                    scores[up[0].code] = scores.get(up[0].code, 0) + ZONE_WEIGHTS[zone]
    if len(parents) != 1:
        return {}, {}
    return scores, parents


def _city_named(s: str, name: str) -> bool:
    """Whether a city's short name stands for the city: three characters or more (哈尔滨), or two after
    a word of place (在武汉召开, 赴长沙): two-character short names are often words too (大同)."""
    if len(name) >= 3:
        return True
    media = load_lexicon().media_after
    return any(
        s[max(0, i - 1) : i] in _AT_PLACE or s.startswith(media, i + len(name)) for i in _occurrences(s, name)
    )  # (or before a news outlet's word: 宁波网讯, 大同日报)


_AT_PLACE = frozenset("在赴于到抵回")


def _city_short_names(register: Register) -> NameIndex:
    """The short names of prefecture-level cities (哈尔滨 for 哈尔滨市), longest first."""
    return per_register(_build_city_short_names, register)


def _build_city_short_names(register: Register) -> NameIndex:
    out = {c.short_name for c in register.committees if c.level == "city" and len(c.short_name) >= 2}
    return NameIndex(sorted(out, key=len, reverse=True))


def _place_names(register: Register, stem: str) -> NameIndex:
    """Names (full; short for provinces and cities) of the divisions a relative suffix may stand
    for, longest first; built once per register and suffix."""
    return per_register(_build_place_names, register, stem)


def _build_place_names(register: Register, stem: str) -> NameIndex:
    out = set()
    for c in register.committees:
        if _fits_relative(c, stem):
            out.add(c.name)
            if c.level in ("region", "city") and len(c.short_name) >= 2:
                out.add(c.short_name)
    return NameIndex(sorted(out, key=len, reverse=True))


def _division_names(register: Register) -> NameIndex:
    """Every division name and alias of the register of two or more characters, longest first."""
    return per_register(_build_division_names, register)


def _build_division_names(register: Register) -> NameIndex:
    return NameIndex([n for n in register.names() if len(n) >= 2])


_CITY_SELF = ("我市",)  # the first person of a city's own text


def _resolve_named(register: Register, form: str, year: int | None, context: str) -> Resolution:
    """A committee name as of ``year``; a name the register lists until the year before (郧县政协 on
    a page of 2014, the year 郧县 became 郧阳区) is that division: a page of the year a division was
    renamed or merged often still uses its old name."""
    res = register.resolve(form, year, context=context)
    if len(res.candidates) > 1:
        # namesakes (中山: 中山市 and 大连's 中山区): the one the page names by its full name
        # (中国人民政治协商会议第十三届中山市委员会), when it names only one of them so; also over the
        # register's neighbours evidence (张家口政协 on a page of 张家口市政协 and 我市: the city of 1983, not
        # the prefecture 张家口地区 of the same years, whose counties the page names)
        s = compact(context)
        full = [c for c in res.candidates if c.name != form and c.name in s]
        if len(full) == 1:
            return Resolution(full[0], candidates=res.candidates)
        # a city and the prefecture (地区) of its name in the same years (张家口市 and 张家口地区 until 1993):
        # a page that speaks of itself as 我市 is the city's
        cities = [c for c in res.candidates if c.name.endswith("市")]
        if (
            len(cities) == 1
            and all(c.name.endswith("地区") for c in res.candidates if c is not cities[0])
            and any(w in s for w in _CITY_SELF)
        ):
            return Resolution(cities[0], candidates=res.candidates)
    if res.committee is None and len(res.candidates) > 1:
        s = compact(context)
        # a province's short name that lower divisions share (海南: 海南省, 乌海's 海南区, 青海's 海南州) on a
        # page that speaks of its committee as 省政协 / 自治区政协: the province
        regions = [c for c in res.candidates if c.level == "region"]
        if len(regions) == 1 and any(w + "政协" in s for w in ("省", "自治区")):
            return Resolution(regions[0], candidates=res.candidates)
    if res.committee is None and not res.candidates and year is not None:
        before = register.resolve(form, year - 1, context=context)
        if before.committee is not None:
            return before
        # a name the register lists only from a later year (钢城区, set up in 1992, on a page whose report
        # year is a history's 1937年): the page cannot be older than the name it writes, so the year is
        # not the register's; the division under that name in the first year it bore it
        first = _first_year_named(register, form)
        if first is not None and first > year:
            then = register.resolve(form, first, context=context)
            if then.committee is not None:
                return then
    if res.committee is None and not res.candidates and year is None:
        # an undated page that names a division by a name it no longer bears (安徽省无为县政协 on a page of
        # 2017; 无为县 is 无为市 since 2019): the division under that name in the last year it bore it
        last = _last_year_named(register, form)
        if last is not None:
            then = register.resolve(form, last, context=context)
            if then.committee is not None:
                return then
    return res


def _build_last_year_named(register: Register, form: str) -> int | None:
    for y in range(_THIS_YEAR - 1, FIRST_NAMED_YEAR - 1, -1):
        if register.find(form, y):
            return y
    return None


def _last_year_named(register: Register, form: str) -> int | None:
    """The last year before this one in which the register lists a division under ``form``."""
    return per_register(_build_last_year_named, register, form)


def _build_first_year_named(register: Register, form: str) -> int | None:
    for y in range(FIRST_NAMED_YEAR, _THIS_YEAR + 1):
        if register.find(form, y):
            return y
    return None


def _first_year_named(register: Register, form: str) -> int | None:
    """The first year from the register's first in which it lists a division under ``form``."""
    return per_register(_build_first_year_named, register, form)


_THIS_YEAR = date.today().year
FIRST_NAMED_YEAR = 1980  # the register's first year


def _lower_referred(
    register: Register, zones: list[tuple[str, str]], a: Committee, b: Committee, year: int | None
) -> Committee | None:
    """Of two committees equally prominent, one inside the other (政协重庆市…会议 and 彭水县政协主席 at
    its press conference), the lower one when the text refers back to its division (该县, 该区): the
    page reports on it, the higher one is the venue."""
    if (pair := _nesting(register, a, b, year)) is None:
        return None
    low = pair[0]
    word = "该" + low.name[-1]
    return low if low.name[-1] in "县区市旗" and any(word in compact(t) for _, t in zones) else None


def _inside(register: Register, low: Committee, high: Committee, year: int | None) -> bool:
    """Whether ``low`` lies in ``high``'s division (``high`` is in its chain of parents)."""
    return high.code in {p.code for p in register.chain(low.code, year)[1:]}


def _nesting(
    register: Register, a: Committee, b: Committee, year: int | None
) -> tuple[Committee, Committee] | None:
    """(lower, higher) when one of two committees lies in the other's division, else None."""
    for low, high in ((a, b), (b, a)):
        if _inside(register, low, high, year):
            return low, high
    return None


def _nested_tie(register: Register, a: Committee, b: Committee, year: int | None) -> Committee | None:
    """Of two committees equally prominent, one inside the other and no back-reference to the lower
    (see _lower_referred): the higher one, whose page names a lower committee of its division as where
    its work went (通辽市政协 on the region's information page; 会泽县政协 beside 曲靖市政协 giving to 会泽);
    but the national committee beside a local one is named in its members' titles (全国政协委员): the
    local one."""
    if (pair := _nesting(register, a, b, year)) is None:
        return None
    low, high = pair
    return low if high.level == "national" else high


def _formal_below_source(
    register: Register,
    named_codes: list[tuple[str, str]],
    named_forms: list[tuple[str, str, str]],
    committees: dict[str, Committee],
    top: str,
    year: int | None,
) -> Committee | None:
    """A committee named only in the byline (来源：昆明市政协, the site that carries the item) over
    the one committee of its division the lead names by its formal name (政协富民县第十届委员会第四次
    会议召开…) or by its short name (东川区政协六届五次会议期间…): the lead's, whose news the higher
    committee's site runs."""
    if any(z != "byline" for z, c in named_codes if c == top):
        return None
    formal = {c for z, c, form in named_forms if z == "lead" and c != top}
    if len(formal) != 1:
        return None
    low = committees[formal.pop()]
    return low if _inside(register, low, committees[top], year) else None


def _round_up_parent(
    register: Register,
    relatives: list[tuple[str, NamedCommittee]],
    committees: dict[str, Committee],
    top: Committee,
    year: int | None,
) -> Committee | None:
    """A round-up of a division's lower committees: the headline or lead names a higher committee by its
    relative form (根据州政协《通知》精神，各县市政协…, 驻县市的州政协委员; the notice's sender as well as the
    subject) above the committee named most prominently, and the page
    names three or more lower committees of that higher one by name (珲春市政协…, 图们市政协…, 龙井市政协…): the
    higher committee's page, not its first county's."""
    for _, parent in _prominent_relatives(register, relatives, top, year):
        lower = [c for c in committees.values() if _inside(register, c, parent, year)]
        if len(lower) >= 3:
            return parent
    return None


def _prominent_relatives(
    register: Register, relatives: list[tuple[str, NamedCommittee]], top: Committee, year: int | None
):
    """(zone, committee) for each relative form in the headline, byline or lead that stands for a committee
    other than ``top`` in ``top``'s chain (市政协 on a county's page: its city's), the national one left out."""
    for zone, named in relatives:
        if zone not in PROMINENT:
            continue
        res = register.relative(named.form, top, year)
        c = res.committee if res is not None else None
        if c is not None and c.code != top.code and c.level != "national":
            yield zone, c


def _placed_up_front(zones: list[tuple[str, str]], body_named: tuple[Committee, ...]) -> Committee | None:
    """Of the committees a page names only in its body (海宁市政协, once), the one whose place its
    headline, byline or lead names (——浙江海宁把政协协商平台建在…; 五个泉州; 民革新疆区委会…): the page
    reports on that place, and its committee is the one the body names. The national committee is
    no place (全国政协委员 are members' titles); none when two fit or none does."""
    up_front = "".join(compact(text) for zone, text in zones if zone in PROMINENT)
    fits = [
        c
        for c in body_named
        if c.level != "national"
        and (c.name in up_front or len(c.short_name) >= 2 and c.short_name in up_front)
    ]
    return fits[0] if len(fits) == 1 else None


def _relatives_above(
    register: Register,
    relatives: list[tuple[str, NamedCommittee]],
    top: Committee,
    scores: dict[str, int],
    year: int | None,
) -> Committee | None:
    """The higher committee the lead names by its relative form (市政协副主席…带领市政协委员…赴石台县; 由菏泽市政协
    机关…主办…市政协秘书长主持) more heavily than the lower committee it names by name once or twice (石台县政协,
    武陵区政协常委): the relative forms, resolved through the named committee's chain, count for the committee
    they stand for, with its own name's weight; it is the page's when it then outweighs the named one."""
    weight: dict[str, int] = {}
    found: dict[str, Committee] = {}
    for zone, c in _prominent_relatives(register, relatives, top, year):
        found[c.code] = c
        weight[c.code] = weight.get(c.code, 0) + ZONE_WEIGHTS[zone]
    best = [code for code in weight if weight[code] + scores.get(code, 0) > scores[top.code]]
    return found[best[0]] if len(best) == 1 else None


def find_subject(doc: Document, article: int | None = None, year: int | None = None) -> SubjectResult:
    """The committee a document (or one of its articles) reports on, as of ``year``."""
    register = load_register()
    meta_context = _metadata_context(doc, register, year)
    by_meta = _from_metadata(doc, register, year, meta_context)
    if by_meta is not None:
        return by_meta

    zones = _zones(doc, article)
    context = meta_context + " " + " ".join(t for _, t in zones)
    # the publisher: the metadata's and the page's own lines, and its source line (来源：瑞安日报)
    own_context = " ".join([meta_context, *_page_sources(doc, article), *_reporter_outlets(zones)]).strip()
    scores: dict[str, int] = {}
    prominent: dict[str, str] = {}  # code -> best zone it was named in
    committees: dict[str, Committee] = {}
    unresolved: list[tuple[str, str, tuple[Committee, ...], str]] = []  # zone, reason, candidates, stem
    relatives: list[tuple[str, NamedCommittee]] = []
    resolved: dict[str, Resolution] = {}  # an article names its committees many times
    _named_codes: list[tuple[str, str]] = []
    _named_forms: list[tuple[str, str, str]] = []  # zone, code, the form as written
    objects: list[tuple[str, NamedCommittee]] = []  # relative forms named as objects (出席县政协…会议)
    named_objects: list[tuple[str, NamedCommittee]] = []  # names as objects (向全国政协提交), not titles
    visitors = _visitor_levels(zones)
    visiting: dict[str, Committee] = {}  # the visitors named by name on the host's page
    for zone, text in zones:
        for named in committee_names(text, register):
            if named.is_object:
                if named.relative:
                    objects.append((zone, named))
                elif not _in_book_title(text, named.start) and not _PAPER_AFTER.match(text, named.end):
                    named_objects.append((zone, named))
                continue
            if named.relative:
                relatives.append((zone, named))
                continue
            res = resolved.get(named.form)
            if res is None:
                res = resolved[named.form] = _resolve_named(register, named.form, year, context)
            if res.committee is None:
                unresolved.append((zone, res.reason or "", res.candidates, named.form))
                continue
            if res.committee.level in visitors:  # (南通市政协赴如东调研 on the host county's page)
                named_objects.append((zone, replace(named, is_object=True)))
                visiting[res.committee.code] = res.committee
                continue
            code = res.committee.code
            _named_codes.append((zone, code))
            _named_forms.append((zone, code, named.form))
            committees[code] = res.committee
            scores[code] = scores.get(code, 0) + ZONE_WEIGHTS[zone]
            if zone in PROMINENT and (
                code not in prominent or ZONE_WEIGHTS[zone] > ZONE_WEIGHTS[prominent[code]]
            ):
                prominent[code] = zone

    if not prominent:
        prominent_unresolved = [u for u in unresolved if u[0] in PROMINENT]
        if prominent_unresolved:
            zone, reason, candidates, _ = prominent_unresolved[0]
            return SubjectResult(None, f"{zone}: {reason}", candidates)
        own = _publisher_committee(register, own_context, year) if own_context else None
        press = _press_committee(register, own_context, year) if own_context else None
        own = own or press  # (a committee's own paper names no place: 来源：各界新闻网)
        prominent_relatives = [(z, n) for z, n in relatives if z in PROMINENT]
        if not prominent_relatives and not scores and not unresolved:
            # the page names no committee but as the object of its lead (出席县政协第十一届委员会
            # 第二次会议的207名委员) or as a visitor (自治区政协调研组来我县调研): that committee's
            # session or visit is what it reports
            prominent_relatives = [(z, n) for z, n in objects if z in PROMINENT][:1]
            if not prominent_relatives:
                # the same with a name: parties' proposals handed to a session (农工党向全国政协大会提交
                # 34件提案), the one committee the head and lead name, as an object only, is the session's
                lead_objects = {
                    res.committee.code: res.committee
                    for z, n in named_objects
                    if z in PROMINENT
                    and (res := _resolve_named(register, n.form, year, context)).committee is not None
                }
                if len(lead_objects) == 1:
                    only = next(iter(lead_objects.values()))
                    return SubjectResult(only, evidence="lead (named as the object only)")
        for zone, named in prominent_relatives:
            if own is not None:
                res = register.relative(named.form, own, year)
                if res is not None and res.committee is not None:
                    return SubjectResult(res.committee, evidence=f"{zone} ({named.form}, publisher)")
        if press is not None and not prominent_relatives and not scores and relatives:
            # a committee's own paper (来源：各界新闻网) whose page names it only by its relative form,
            # and only in the body (省政协委员…): the paper's committee, when every such form fits it
            fits = [register.relative(n.form, press, year) for _, n in relatives]
            if all(
                r is not None and r.committee is not None and r.committee.code == press.code for r in fits
            ):
                return SubjectResult(
                    press, evidence=f"body ({relatives[0][1].form}, the committee's own paper)"
                )
        if prominent_relatives:
            address = str((doc.metadata or {}).get("address") or "")
            by_place = _relative_by_place(register, zones, prominent_relatives[0][1], year, address)
            if by_place.committee is not None:
                return by_place
        body_named = tuple(committees[c] for c in sorted(scores, key=scores.get, reverse=True))
        if body_named and not prominent_relatives:
            counts = {c: sum(1 for z, n in _named_codes if n == c) for c in scores}
            top = max(counts.values())
            leaders = [c for c, k in counts.items() if k == top]
            if top >= 2 and len(leaders) == 1:  # the most named committee, named twice or more
                return SubjectResult(
                    committees[leaders[0]], candidates=body_named, evidence="body (most named)"
                )
        if len(body_named) == 1 and relatives:
            # a formal name further down (——2026年1月5日在政协北京市通州区第七届委员会…) and the relative
            # forms throughout (区政协七届四次会议以来) that the page's places resolve to it
            by_place = _relative_by_place(register, zones, relatives[0][1], year)
            if by_place.committee is not None and by_place.committee.code == body_named[0].code:
                return SubjectResult(body_named[0], evidence="body (named, and its relative forms by place)")
        if not body_named and not prominent_relatives and relatives and not unresolved:
            # a chronicle's or a report's section that names its committee only by one relative form
            # (市政协, throughout the body) and no committee by name: the place the page names
            # twice or more (《九江市志》 and 九江's places) resolves it, as it would the form in a headline
            if len({n.stem for _, n in relatives}) == 1:
                by_place = _relative_by_place(register, zones, relatives[0][1], year)
                c = by_place.committee
                # named twice at least (a place named once may be a word: 将会同县委办公室…)
                if c is not None and compact(context).count(c.short_name or c.name) >= 2:
                    return SubjectResult(
                        c, evidence=f"body ({relatives[0][1].form} only, {by_place.evidence})"
                    )
        if prominent_relatives and len(visiting) == 1:
            # the host county of a city's visit (市政协…一行来我县调研, 南通市政协赴如东调研): one of the
            # visiting city's own counties, the one the page names (如东)
            host = _host_county(register, context, next(iter(visiting.values())), prominent_relatives, year)
            if host is not None:
                return SubjectResult(host, evidence="lead (the host of its city's visit)")
        if prominent_relatives:
            return SubjectResult(
                None, "only a relative form (县政协, 市政协 ...) names the committee", body_named
            )
        placed = _placed_up_front(zones, body_named)
        if placed is not None:
            return SubjectResult(placed, candidates=body_named, evidence="body (its place named up front)")
        if body_named:
            names = "、".join(c.committee_name for c in body_named)
            return SubjectResult(None, f"committees named only in the body: {names}", body_named)
        return SubjectResult(None, "no committee named in the headline, byline or lead")

    if "head" not in prominent.values() and own_context:
        # the headline names its committee by a relative form only (市政协召开…) and the page's
        # publisher (its site, its paper) resolves it: that outweighs committees named in the lead
        # (guests, other bodies' members)
        own = _publisher_committee(register, own_context, year)
        for zone, named in relatives:
            if zone == "head" and own is not None:
                res = register.relative(named.form, own, year)
                if res is not None and res.committee is not None:
                    return SubjectResult(res.committee, evidence=f"head ({named.form}, publisher)")
    ranked = sorted(prominent, key=lambda c: scores[c], reverse=True)
    top = ranked[0]
    rivals = [c for c in ranked[1:] if scores[c] == scores[top]]
    stronger_unresolved = [
        u for u in unresolved if u[0] in PROMINENT and ZONE_WEIGHTS[u[0]] > ZONE_WEIGHTS[prominent[top]]
    ]
    if stronger_unresolved:
        zone, reason, candidates, _ = stronger_unresolved[0]
        return SubjectResult(None, f"{zone}: {reason}", candidates)
    if prominent[top] == "lead" and not rivals:
        higher = _relatives_above(register, relatives, committees[top], scores, year)
        if higher is not None:
            return SubjectResult(
                higher, candidates=tuple(committees.values()), evidence="lead (its relative forms outweigh)"
            )
    if committees[top].level == "national" and not rivals and prominent[top] != "head":
        # the national committee named once, as a body outside the story (完成全国政协要求的统计), on a
        # page that names its own committee by a relative form twice or more (省政协…, 省政协机关…) and
        # a place that resolves it (辽宁省各级政协组织): the relative form's committee
        named_top = sum(1 for _, c in _named_codes if c == top)
        lead_relatives = [n for z, n in relatives if z in PROMINENT]
        if named_top == 1 and len(lead_relatives) >= 2:
            by_place = _all_levels_of(register, zones, lead_relatives[0], year)
            if by_place.committee is None:
                by_place = _relative_by_place(register, zones, lead_relatives[0], year)
            if by_place.committee is not None and by_place.committee.level != "national":
                return SubjectResult(
                    by_place.committee,
                    candidates=(committees[top],),
                    evidence=f"lead ({lead_relatives[0].form} throughout, {by_place.evidence})",
                )
    formal = _formal_below_source(register, _named_codes, _named_forms, committees, top, year)
    if formal is not None:
        others = tuple(committees[c] for c in ranked if c != formal.code)
        return SubjectResult(formal, candidates=others, evidence="lead (formal name, below the source)")
    round_up = _round_up_parent(register, relatives + objects, committees, committees[top], year)
    if round_up is not None:
        return SubjectResult(round_up, candidates=tuple(committees.values()), evidence="lead (a round-up)")
    if len(rivals) == 1:
        a, b = committees[top], committees[rivals[0]]
        lower = _lower_referred(register, zones, a, b, year)
        if lower is not None:
            others = tuple(committees[c] for c in ranked if c != lower.code)
            return SubjectResult(
                lower, candidates=others, evidence=f"{prominent[lower.code]} (该{lower.name[-1]})"
            )
        nested = _nested_tie(register, a, b, year)
        if nested is not None:
            others = tuple(committees[c] for c in ranked if c != nested.code)
            return SubjectResult(nested, candidates=others, evidence=f"{prominent[nested.code]} (nested tie)")
    if rivals:
        tied = (committees[top], *(committees[c] for c in rivals))
        names = "、".join(c.committee_name for c in tied)
        return SubjectResult(None, f"several committees equally prominent: {names}", tied)
    others = tuple(committees[c] for c in ranked[1:])
    return SubjectResult(committees[top], candidates=others, evidence=prominent[top])
