"""The frame of a saved web page: furniture, title, meta lines, publication date, source, lead.

A plain-text (or HTML-reader) copy of a committee's web page carries navigation, breadcrumbs
(首页>专题>…), meta lines (发布时间：2020-04-23 信息来源：泽州县融媒体中心), share and font bars, counters
(阅读：586次), editor lines and footers around the article. :func:`page_frame` marks those blocks so
that

* subject detection reads the real title, the source line and the lead (pipelines/extract/subject.py);
* the period can start from the page's publication date (pipelines/extract/attribution.py);
* no figure in furniture becomes a mention (pipelines/extract/extractor.py).

Every cue word is lexicon data (``furniture_cues``, ``meta_cues``, ``source_cues``,
``furniture_patterns`` in pipelines/extract/lexicon.yaml). A document without furniture (a report
written as text) gets an empty frame: its blocks keep the roles the reader gave them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from sources.document import Document

SHORT_BLOCK = 80  # a cue makes a block furniture when the block is at most this long
TITLE_MAX = 60  # a title is a short block without a full stop
META_SEARCH_BLOCKS = 8  # meta lines are looked for among the first blocks of an article
NAV_RUN = 3  # this many very short blocks in a row are a navigation list
NAV_MAX = 8

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d{2})(?!\d)"
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_URL = re.compile(r"https?://\S+|www\.\S+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LIST_ITEM = re.compile(r"\s*[-•·]\s+")
_SENTENCE_END = "。！？!?"
_CAPTION = re.compile(r"(?:摄|供图|图片来源\S*)\s*$|\.(?:jpg|jpeg|png|gif)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PageFrame:
    furniture: frozenset[int] = frozenset()  # block indices of furniture (meta lines included)
    title: int | None = None  # block index of the article's title
    meta: tuple[int, ...] = ()  # block indices of meta lines (date, source, author)
    date: tuple[int, int, int] | None = None  # publication date (year, month, day)
    source: str = ""  # the source line's value: 泽州县融媒体中心
    lead: tuple[int, ...] = ()  # the first two text blocks (not title, not byline)
    bylines: tuple[int, ...] = ()  # short reporter / agency lines (新华社北京3月11日电)
    spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)  # furniture spans inside text
    links: frozenset[int] = frozenset()  # lists of other articles' headlines (neither title nor lead)

    @property
    def is_page(self) -> bool:
        return bool(self.furniture or self.meta or self.links)


class _Cues:
    def __init__(self, lex: Lexicon):
        self.furniture = re.compile(alternation(lex.furniture_cues))
        self.meta = re.compile(alternation(lex.meta_cues))
        self.source = re.compile(f"(?:{alternation(lex.source_cues)})\\s*[:：]\\s*([^\\s|｜]+)")
        self.patterns = [re.compile(p) for p in lex.furniture_patterns]
        self.byline = re.compile(alternation(lex.byline_cues))
        self.byline_end = tuple(lex.byline_endings)


_CUE_FIELDS = (
    "furniture_cues",
    "meta_cues",
    "source_cues",
    "furniture_patterns",
    "byline_cues",
    "byline_endings",
)
_cues: dict[tuple, _Cues] = {}
# id(lexicon) -> (the lexicon, its cues): the lexicon is kept, so its id is never reused
_cues_of: dict[int, tuple[Lexicon, _Cues]] = {}


def _cues_for(lex: Lexicon) -> _Cues:
    """The compiled cues of ``lex``, one object per set of cue words: a lexicon copied with other
    units (pipelines.extract.context) shares its original's cues, and so its page frames."""
    known = _cues_of.get(id(lex))
    if known is not None and known[0] is lex:
        return known[1]
    key = tuple(getattr(lex, f) for f in _CUE_FIELDS)
    c = _cues.get(key)
    if c is None:
        c = _cues[key] = _Cues(lex)
    _cues_of[id(lex)] = (lex, c)
    return c


def source_of(meta_line: str, lex: Lexicon | None = None) -> str:
    """The source a meta line names (信息来源：泽州县融媒体中心 -> 泽州县融媒体中心), or ""."""
    m = _cues_for(lex or load_lexicon()).source.search(meta_line)
    return m[1] if m else ""


def find_date(text: str) -> tuple[int, int, int] | None:
    """The first full date in ``text``: 2020-04-23, 2020年04月23日, 2020/4/23, 10.01.2016 (day first)."""
    for m in _DATE.finditer(text):
        if m["y"]:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        else:
            y, mo, d = int(m["y2"]), int(m["m2"]), int(m["d2"])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return y, mo, d
    return None


def _is_meta(block: str, cues: _Cues) -> bool:
    """A meta line: short, holds a full date or a source cue, and little else."""
    if len(block) > SHORT_BLOCK * 2:
        return False
    has_date = find_date(block) is not None
    if block.lstrip().startswith(("—", "-")) and (not has_date or _CJK.search(_DATE.sub("", block))):
        return False  # a report's delivery line (——2025年1月8日在…会议上) belongs to its header; a dash
        # before a date alone (——— 2024-01-25) is the page's date line (issue 24, round 25)
    if cues.source.search(block) and len(block) <= SHORT_BLOCK * 2:
        return True
    if not has_date:
        return False
    if cues.meta.search(block):
        return True
    rest = _URL.sub("", _CLOCK.sub("", _DATE.sub("", block)))
    return len(_CJK.findall(rest)) <= 12 and not any(ch in rest for ch in _SENTENCE_END)


_CRUMB = re.compile(r"[>»》]")
_TOKEN_LIST = re.compile(r"^(?:\S{2,4}[\s|｜/]+){3,}\S{2,4}$")  # 济南 青岛 淄博 …: a menu


def _is_furniture(block: str, cues: _Cues) -> bool:
    stripped = block.strip(" \t|｜-•·")
    if not stripped:
        return True
    if len(block) <= SHORT_BLOCK and (len(_CRUMB.findall(block)) >= 2 or _TOKEN_LIST.match(stripped)):
        return True  # breadcrumbs (首页 > 专题 > 正文) and menus
    if cues.furniture.match(stripped):
        return True
    if len(block) <= SHORT_BLOCK and cues.furniture.search(block):
        return True
    return len(block) <= 40 and bool(_CAPTION.search(block))


def _is_byline(block: str, cues: _Cues) -> bool:
    b = block.strip()
    return len(b) <= 30 and (bool(cues.byline.search(b)) or b.endswith(cues.byline_end))


def _title_like(block: str) -> bool:
    return (
        len(block) <= TITLE_MAX
        and len(_CJK.findall(block)) >= 4
        and block.rstrip()[-1:] not in _SENTENCE_END
        and "。" not in block
    )


# a government disclosure catalogue (索引号, 发布机构, 标题: …, 成文日期): its 标题 field is the title
_CATALOGUE_TITLE = re.compile(r"标\s*题\s*[:：]\s*(.+?)(?=\s{2,}|\s*(?:发布日期|成文日期|发文字号|文号)|$)")


def _catalogue_title(idx: list[int], simple: dict[int, str], content: list[int]) -> int | None:
    """The block, after a disclosure catalogue's fields, whose text is its 标题 field's value."""
    for i in idx[:META_SEARCH_BLOCKS]:
        m = _CATALOGUE_TITLE.search(simple[i])
        if m is None:
            continue
        value = re.sub(r"\s+", "", m[1])
        if len(value) < 6:
            return None
        for j in content:
            if j > i and re.sub(r"\s+", "", simple[j]) == value:
                return j
        return None
    return None


def _title_above_meta(content: list[int], meta: list[int], texts: dict[int, str]) -> int | None:
    """The title: the title-like block right above the article's own date line. A site's date or
    header line at the top of the page (2022-08-20 above the paper's name) comes first, so the
    article's line is the last meta line before the first paragraph that has a title above it."""
    first_paragraph = next(
        (i for i in content if not _title_like(texts[i]) and len(texts[i]) > TITLE_MAX // 2), None
    )
    title = None
    for m in meta:
        if first_paragraph is not None and m > first_paragraph:
            break
        above = [i for i in content if i < m]
        if above and _title_like(texts[above[-1]]):
            title = above[-1]
        elif title is None:
            title = next((i for i in reversed(above) if _title_like(texts[i])), None)
    return title


DATE_LIST_RUN = 3  # consecutive date lines: the dates of a list of other articles


def _date_list(meta: list[int]) -> set[int]:
    """Bare date lines (no cue word) that stand in a run of three or more consecutive ones
    (2024-04-26 10:16:13 / 2024-01-26 09:11:53 / 2023-12-17 …): the dates of a related-articles
    list, none the page's own."""
    out: set[int] = set()
    run: list[int] = []
    for i in [*meta, None]:
        if i is not None and run and i == run[-1] + 1:
            run.append(i)
            continue
        if len(run) >= DATE_LIST_RUN:
            out.update(run)
        run = [i] if i is not None else []
    return out


_LOCATION_WORDS = ("当前位置", "您的位置", "您现在的位置", "当前的位置", "本页位置")
_CRUMB_SEARCH_BLOCKS = 40


_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def _uploaded(text: str) -> bool:
    """Whether the page says its text was uploaded by the site's users (periods.yaml upload_cues),
    pinyin notes dropped (網(wǎng)友上傳)."""
    from pipelines.extract.periods import calendars

    cues = calendars().get("upload_cues") or ()
    return bool(cues) and any(c in _PINYIN.sub("", text) for c in cues)


_recent = threading.local()  # the frames of the document read last in this thread


def page_frame(doc: Document, article: int | None = None, lex: Lexicon | None = None) -> PageFrame:
    """The frame of one article of ``doc`` (indices into ``doc.blocks``), computed once per document:
    extraction, subject detection and the period all ask for it."""
    lex = lex or load_lexicon()
    if getattr(_recent, "doc", None) is not doc:
        _recent.doc, _recent.frames = doc, {}
    key = (article, id(_cues_for(lex)))  # the frame depends on the lexicon's cue words only
    frame = _recent.frames.get(key)
    if frame is None:
        frame = _recent.frames[key] = _page_frame(doc, article, lex)
    return frame


def _page_frame(doc: Document, article: int | None, lex: Lexicon) -> PageFrame:
    if doc.media_type == "application/pdf":
        return PageFrame()  # a printed page: the PDF reader's layout gives its roles and articles
    cues = _cues_for(lex)
    idx = [i for i, b in enumerate(doc.blocks) if article is None or b.article == article]
    texts = {i: doc.display_text[doc.blocks[i].start : doc.blocks[i].end] for i in idx}
    simple = {i: doc.text[doc.blocks[i].start : doc.blocks[i].end] for i in idx}
    furniture: set[int] = set()
    meta: list[int] = []
    bylines: list[int] = []
    # the article starts after the page's location line (当前位置：首页 > …): a sidebar of other
    # headlines above it moves the date line further down
    crumb = next(
        (
            n
            for n, i in enumerate(idx[:_CRUMB_SEARCH_BLOCKS])
            if simple[i].lstrip().startswith(_LOCATION_WORDS)
        ),
        -1,
    )
    for n, i in enumerate(idx):
        if n - max(crumb, 0) < META_SEARCH_BLOCKS and _is_meta(simple[i], cues):
            meta.append(i)
        elif _is_furniture(simple[i], cues):
            furniture.add(i)
        elif _is_byline(simple[i], cues):
            bylines.append(i)
    run: list[int] = []  # navigation lists: runs of very short blocks
    for i in [*idx, None]:
        if i is not None and len(texts[i].strip()) <= NAV_MAX and i not in meta:
            run.append(i)
            continue
        if len(run) >= NAV_RUN:
            furniture.update(run)
        run = []
    furniture.update(meta)
    spans = tuple(
        (doc.blocks[i].start + m.start(), doc.blocks[i].start + m.end())
        for i in idx
        for p in cues.patterns
        for m in p.finditer(simple[i])
    )
    links = _link_lists(idx, texts, furniture)
    if not furniture and not spans and not links:
        return PageFrame(bylines=tuple(bylines))
    date = None
    source = ""
    listed = _date_list(
        [i for i in meta if not cues.source.search(simple[i]) and not cues.meta.search(simple[i])]
    )
    for i in meta:
        if i not in listed:
            date = date or find_date(simple[i])
        source = source or source_of(simple[i], lex)
    content = [i for i in idx if i not in furniture and i not in bylines and i not in links]
    before_meta = _title_above_meta(content, meta, texts)
    if before_meta is not None:  # the article's own date line stands below its title; a date line
        # above the title is the site's clock or a crawl line (2020-07-14 over a page of 2013)
        below = [d for i in meta if i > before_meta and i not in listed and (d := find_date(simple[i]))]
        date = below[0] if below else date
    if date is not None and _uploaded(doc.text):
        date = None  # a text a site's users uploaded (…一文来源于网友上传): its time line is the upload's
    if (named := _catalogue_title(idx, simple, content)) is not None:
        title = named  # a disclosure catalogue's 标题 field names the title block below it
        content = [i for i in content if i > title]
        furniture.update(i for i in idx if i < title)
    elif before_meta is not None:
        title = before_meta  # the title stands right above the date line
    else:  # else the first text block, when it is short and comes before any paragraph
        title = content[0] if content and _title_like(texts[content[0]]) else None
    after = title if title is not None else -1  # the site's header lines above the title lead nothing
    lead = tuple(i for i in content if i > after and len(_CJK.findall(texts[i])) >= 10)[:2]
    return PageFrame(
        furniture=frozenset(furniture),
        title=title,
        meta=tuple(meta),
        date=date,
        source=source,
        lead=lead,
        spans=spans,
        bylines=tuple(bylines),
        links=frozenset(links),
    )


def _link_lists(idx: list[int], texts: dict[int, str], furniture: set[int]) -> set[int]:
    """Runs of list items that are headlines (- 自治区政协召开…座谈会, - 全区政协…在桂林召开): a list of other
    articles' links above or beside the article. They neither title nor lead it; their figures stay (a
    headline's count may be labelled), and a fact box's items (- 中文名：…) are no headlines."""
    links: set[int] = set()
    run: list[int] = []
    for i in [*idx, None]:
        if i is not None and i not in furniture and _is_link_item(texts[i]):
            run.append(i)
            continue
        if len(run) >= NAV_RUN:
            links.update(run)
        run = []
    return links


def _is_link_item(block: str) -> bool:
    m = _LIST_ITEM.match(block)
    return m is not None and _title_like(block[m.end() :]) and ":" not in block and "：" not in block


def furniture_ranges(doc: Document, lex: Lexicon | None = None) -> list[tuple[int, int]]:
    """Character ranges of ``doc.text`` that are page furniture (whole blocks and inline spans)."""
    out: list[tuple[int, int]] = []
    articles = sorted({b.article for b in doc.blocks}) if len(doc.articles) > 1 else [None]
    for a in articles:
        frame = page_frame(doc, a, lex)
        out += [(doc.blocks[i].start, doc.blocks[i].end) for i in frame.furniture]
        out += list(frame.spans)
    return sorted(out)
