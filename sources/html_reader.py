"""Saved web pages (.html, .htm, .shtml) of committees and governments to a Document.

What comes out:

* ``metadata``: ``title``, ``date`` and ``publication_date`` (ISO ``YYYY-MM-DD``, from the page's
  date line or its ``PubDate`` meta), ``date_text`` (the date as written), ``canonical`` (the
  page's address from ``<link rel="canonical">`` or ``og:url``), ``source`` (来源 /
  信息来源 / 稿件来源), ``author`` (作者 / 记者), ``editor`` (责任编辑), ``site`` and
  ``breadcrumb`` (首页 > 专题 > …) when the page has them; ``site`` (its ``SiteName`` meta) is also
  the ``publisher``. The extraction reads them: ``title``,
  ``source`` and ``date`` are context of the subject committee and period (pipelines/extract).
* blocks: the headline (the title), one ``byline`` block with the date/source/author line as
  ``发布时间：… 来源：… 作者：…`` (so the text carries them too), then the main text's headings
  (``level`` 1-6), paragraphs and tables in reading order, each with its element ``path``
  (``html/body/div[2]/div/p[3]``) and character span; ``Document.tables`` keeps each table's rows
  and header cells.
* removed: scripts and styles, navigation and menus, breadcrumbs, share bars (分享到), font-size and
  print controls (字号 大 中 小, 打印, 关闭), read counters (阅读：586次, 浏览次数), previous/next
  links, related-article lists (相关文章, 相关新闻 …) and footers (版权所有, ICP备案, 主办单位).

Why selectolax and rules, not trafilatura: see docs/html.md (measured on government page
templates). In short, trafilatura returns text without the element paths and table cells we need,
and on the templates of county government and CPPCC sites it dropped the date/source line and
sometimes the article's tables or short paragraphs; a content-density choice of the main container
on selectolax's DOM plus a short list of furniture patterns keeps every paragraph, with its path.

Charset: a byte-order mark, else the ``<meta charset>`` / ``http-equiv`` declaration (GB2312 and
GBK are decoded as GB18030, their superset, because pages declaring gb2312 use GBK characters),
else the plain-text sniffing of sources.text_reader (strict UTF-8, then the most plausible legacy
decoding).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.document import Document
from sources.errors import EmptyDocument
from sources.limits import current as current_limits
from sources.safe_open import read_bytes
from sources.structured import Para, TableItem, assemble, clean
from sources.text_reader import decode as sniff_decode

# ----------------------------------------------------------------------------- charset

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "cp936": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs", "utf8": "utf-8"}  # fmt: skip


def decode_html(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``: BOM, else the declared charset (GB2312/GBK read as GB18030), else sniffing."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return sniff_decode(data)  # the text reader honours (and checks) a byte-order mark
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m[1].decode("ascii").lower()
        enc = _SUPERSETS.get(declared, declared)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: sniff
    return sniff_decode(data)


# ----------------------------------------------------------------------------- furniture

_DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "svg", "object", "embed", "select",
              "button", "input", "textarea", "nav", "footer", "aside", "head", "link", "meta", "map")  # fmt: skip
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "table", "tbody", "thead", "tfoot", "tr", "td",
               "th", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "center", "form", "header", "figure", "figcaption", "pre", "hr", "body", "html", "font"}  # fmt: skip
_BLOCK_SELECTOR = ",".join(sorted(_BLOCK_TAGS - {"font"}))
# id/class words of page furniture (navigation, breadcrumbs, share bars, footers, related lists)
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|location|position|dqwz|wzdh|share|bdshare\w*|"
    r"fenxiang|social|footer|foot|bottom|copyright|banquan|related|relate|xgwz|xgxw|xglj|sidebar|side|"
    r"print|fontsize|zihao|pager|prevnext|sxp|comment|toolbar|topbar|header-nav|search|login|qrcode|ewm)"
    r"(?:$|[\s_-]|\d)",
    re.I,
)
_CRUMB_TAGS = {"div", "td", "p", "span", "ol", "ul", "nav", "section"}
_CRUMB_TEXT = re.compile(
    r"(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|现在位置)\s*[:：]|首页\s*[>＞»›/]"
)
_FURNITURE_LINE = re.compile(
    r"^[【\[]?\s*(?:分享到|分享|字号|字体|打印本页|打印|关闭窗口|关闭|收藏|返回顶部|上一篇|下一篇|上一条|下一条|"
    r"扫一扫|阅读[:：]?\s*\d|阅读次数|浏览次数|浏览[:：]|点击[:：]|点击数|访问量|【?[大中小]\s*[中小]|纠错)"
    r"|^(?:[【\[]\d{1,3}[】\]]\s*){2,}$"  # a pager: 【1】【2】【3】
)
_FOOTER_LINE = re.compile(
    r"版权所有|ICP备|ICP证|公网安备|主办单位\s*[:：]|技术支持\s*[:：]|网站标识码|网站地图"
)
_RELATED_HEAD = re.compile(
    r"^[【\[]?\s*(?:相关文章|相关新闻|相关阅读|相关链接|相关稿件|延伸阅读|推荐阅读|热点新闻|热门文章|最新文章)"
)
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_LABELS = r"发布时间|发布日期|发表时间|更新时间|时间|日期|信息来源|稿件来源|文章来源|来源于|来源|作者|记者|撰稿|责任编辑|编辑|审核|通讯员|阅读量|阅读次数|阅读|浏览次数|浏览量|浏览|点击率|点击量|点击数|点击|访问量|访问次数|访问"
_FIELD = re.compile(rf"({_LABELS})\s*[:：]\s*")
_EDITOR = re.compile(r"[(（【\[]?\s*(?:责任编辑|编辑|审核|校对)\s*[:：]\s*([^)）】\]\s]{1,20})")


def _attr_words(node: LexborNode) -> str:
    a = node.attributes
    return f"{a.get('id') or ''} {a.get('class') or ''}"


def _text(node: LexborNode) -> str:
    return clean(node.text(deep=True, separator=""))


def _link_density(node: LexborNode) -> float:
    total = len(_text(node))
    if not total:
        return 0.0
    linked = sum(len(_text(a)) for a in node.css("a"))
    return linked / total


_PATH_ATTR = "data-cstats-path"


def _annotate_paths(node: LexborNode, path: str) -> None:
    """Record each element's path in the page as saved (html/body/div[2]/p[3]), before furniture is
    removed, so a block's path points into the original page."""
    node.attrs[_PATH_ATTR] = path
    children = [c for c in node.iter() if isinstance(c.tag, str) and not c.tag.startswith("-")]
    totals: dict[str, int] = {}
    for c in children:
        totals[c.tag] = totals.get(c.tag, 0) + 1
    seen: dict[str, int] = {}
    for c in children:
        seen[c.tag] = seen.get(c.tag, 0) + 1
        _annotate_paths(c, f"{path}/{c.tag}[{seen[c.tag]}]" if totals[c.tag] > 1 else f"{path}/{c.tag}")


def _element_path(node: LexborNode) -> str | None:
    return node.attributes.get(_PATH_ATTR)


# ----------------------------------------------------------------------------- metadata


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        for sel in (f'meta[name="{name}"]', f'meta[property="{name}"]'):
            node = tree.css_first(sel)
            if node is not None and (v := clean(node.attributes.get("content") or "")):
                return v
    return None


def _iso(m: re.Match) -> str | None:
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def parse_byline(text: str) -> dict:
    """Fields of a date/source line: ``发布时间：2024-01-05 来源：XX县政协 作者：张三 阅读：586次``
    -> date_text, date, source, author (counters and editors are not kept as byline fields)."""
    out: dict = {}
    marks = list(_FIELD.finditer(text))
    for i, m in enumerate(marks):
        label = m[1]
        value = text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip(" \u3000|｜/")
        if label in ("来源", "来源于", "信息来源", "稿件来源", "文章来源") and value:
            out.setdefault("source", re.split(r"[\s\u3000【\[]", value)[0])
        elif label in ("作者", "记者", "撰稿", "通讯员") and value:
            out.setdefault("author", value)
        elif label in ("责任编辑", "编辑", "审核") and value:
            out.setdefault("editor", value)
        elif label in ("发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"):
            d = _DATE.search(value)
            if d and _iso(d):
                out.setdefault("date_text", d[0].strip())
                out.setdefault("date", _iso(d))
    if "date" not in out:  # a bare date on the line: "2024-01-05 10:16  来源：…"
        d = _DATE.search(text)
        if d and _iso(d) and not _FIELD.match(text[: d.start()].strip() or "x"):
            out["date_text"], out["date"] = d[0].strip(), _iso(d)
            rest = text[d.end() :].strip(" \u3000|｜/")
            if (
                not marks
                and d.start() == 0
                and 2 <= len(rest) <= 20
                and re.fullmatch(r"[\u4e00-\u9fff\w-]+", rest)
            ):
                out.setdefault("source", rest)  # "2019-09-26 10:56:28 证券时报网": the unlabelled source
    return out


def _add_byline(meta: dict, text: str) -> None:
    """Keep every date/source line: a page may give the source at the top and the date at the bottom."""
    meta.setdefault("byline", text)
    meta.setdefault("bylines", []).append(text)


def _is_byline(text: str, *, bare: bool = False) -> bool:
    """A date/source line; ``bare``: also a label-less date followed by a short source
    ("2019-09-26 10:56:28 证券时报网"), accepted only where the page's date line is looked for."""
    if len(text) > 160:
        return False
    labels = {m[1] for m in _FIELD.finditer(text)}
    has_date = bool(_DATE.search(text))
    if text[:1] in "(（[【":  # a note in the article: （资料来源：…）
        return False
    if bare and not labels and len(text) <= 60 and (d := _DATE.match(text)):
        rest = text[d.end() :].strip()
        return bool(re.search(r"[\u4e00-\u9fff]", rest)) and not re.search(r"[，。；,;]", text)
    return bool(labels & {"来源", "来源于", "信息来源", "稿件来源", "文章来源", "作者", "记者"}) or (
        has_date
        and bool(labels & {"发布时间", "发布日期", "发表时间", "时间", "日期", "阅读", "浏览", "点击"})
    )


# ----------------------------------------------------------------------------- main text


def _own_text_len(node: LexborNode) -> int:
    return sum(len(clean(c.text(deep=False) or "")) for c in node.iter(include_text=True) if c.tag == "-text")


def _main_container(body: LexborNode) -> LexborNode:
    """The element holding the article: readability-style scores (text of paragraph-like nodes,
    weighted by commas and full stops, less link text) given to the parent and half to the
    grandparent."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for node in body.css("p, div, td, section, article, li, font, span"):
        if node.tag in ("div", "td", "section", "article", "li", "font", "span") and _own_text_len(node) < 20:
            continue
        text = (
            _text(node)
            if node.tag == "p"
            else clean(
                "".join(c.text(deep=False) or "" for c in node.iter(include_text=True) if c.tag == "-text")
            )
        )
        if len(text) < 20:
            continue
        score = 1 + len(text) / 50 + text.count("，") + text.count("。") + text.count(",")
        score *= 1 - _link_density(node) if node.tag == "p" else 1
        for weight, target in ((1.0, node.parent), (0.5, node.parent.parent if node.parent else None)):
            if target is None or target.tag in ("body", "html"):
                continue
            key = target.mem_id
            nodes[key] = target
            scores[key] = scores.get(key, 0.0) + score * weight
        if node.tag != "p":  # text directly in a div/td: the node itself holds the article
            nodes[node.mem_id] = node
            scores[node.mem_id] = scores.get(node.mem_id, 0.0) + score
    if not scores:
        return body
    best = max(scores, key=lambda k: scores[k])
    return nodes[best]


def _is_data_table(table: LexborNode) -> bool:
    if len(table.css("table")) > 1:  # nested tables (css() includes the node itself): a layout table
        return False
    rows = table.css("tr")
    if not rows:
        return False
    cells = table.css("td, th")
    return all(len(_text(c)) <= 200 for c in cells) and not any(
        c.css_first("p, div") and len(_text(c)) > 80 for c in cells
    )


def _table_rows(table: LexborNode) -> list[list[tuple[str, bool]]]:
    """Rows of cells with header flags; a cell spanning rows or columns is repeated under each."""
    grid: dict[tuple[int, int], tuple[str, bool]] = {}
    nrows = 0
    for r, tr in enumerate(table.css("tr")):
        c = 0
        in_head = tr.parent is not None and tr.parent.tag == "thead"
        for cell in tr.iter():
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _text(cell)
            header = cell.tag == "th" or in_head
            rowspan = (
                int(cell.attributes.get("rowspan") or 1)
                if str(cell.attributes.get("rowspan") or "1").isdigit()
                else 1
            )
            colspan = (
                int(cell.attributes.get("colspan") or 1)
                if str(cell.attributes.get("colspan") or "1").isdigit()
                else 1
            )
            for dr in range(max(1, min(rowspan, 50))):
                for dc in range(max(1, min(colspan, 50))):
                    grid[(r + dr, c + dc)] = (text, header)
            c += colspan
        nrows = max(nrows, r + 1)
    if not grid:
        return []
    ncols = max(c for _, c in grid) + 1
    rows = [[grid.get((r, c), ("", False)) for c in range(ncols)] for r in range(nrows)]
    return [row for row in rows if any(t for t, _ in row)]


class _Walker:
    """Emit the main container's headings, paragraphs and tables in document order."""

    def __init__(self, title: str):
        self.items: list[Para | TableItem] = []
        self.title = clean(title)
        self.meta: dict = {}
        self.stopped = False

    def walk(self, node: LexborNode) -> None:
        inline: list[str] = []
        inline_node = node

        def flush() -> None:
            text = "".join(inline)
            inline.clear()
            for line in text.split("\n"):
                self.paragraph(line, inline_node, "body")

        for child in node.iter(include_text=True):
            if self.stopped:
                return
            tag = child.tag
            if tag == "-text":
                inline.append(child.text(deep=False) or "")
            elif tag == "br":
                inline.append("\n")
            elif tag in ("-comment", "img", "hr", "-doctype"):
                continue
            elif tag in _BLOCK_TAGS or len(child.css(_BLOCK_SELECTOR)) > 0:
                flush()
                self.block(child)
            else:  # inline markup: span, a, strong, em, b, font without blocks inside
                inline.append(self._inline_text(child))
        flush()

    def _inline_text(self, node: LexborNode) -> str:
        out = []
        for c in node.iter(include_text=True):
            if c.tag == "-text":
                out.append(c.text(deep=False) or "")
            elif c.tag == "br":
                out.append("\n")
            else:
                out.append(self._inline_text(c))
        return "".join(out)

    def block(self, node: LexborNode) -> None:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.paragraph(self._inline_text(node), node, "heading", int(tag[1]))
            return
        if tag == "table" and _is_data_table(node):
            rows = _table_rows(node)
            if rows and len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                self.items.append(TableItem(rows, _element_path(node)))
                return
            for row in rows:  # a one-row or one-column "table": its cells are paragraphs
                for text, _ in row:
                    self.paragraph(text, node, "body")
            return
        if tag in ("ul", "ol", "dl") and _link_density(node) > 0.5:
            return  # a list of links
        if tag in ("p", "li", "dd", "dt", "figcaption") and len(node.css("p, div, table, ul, ol")) <= (
            tag == "p"
        ):
            role = "caption" if tag == "figcaption" else "body"
            for line in self._inline_text(node).split("\n"):
                self.paragraph(line, node, role)
            return
        self.walk(node)

    def paragraph(self, text: str, node: LexborNode, role: str, level: int | None = None) -> None:
        text = clean(text)
        if not text or self.stopped:
            return
        if _RELATED_HEAD.match(text):
            self.stopped = True  # the rest of the container lists other articles
            return
        if _FURNITURE_LINE.match(text) or (len(text) < 120 and _FOOTER_LINE.search(text)):
            m = _EDITOR.search(text)
            if m:
                self.meta.setdefault("editor", m[1])
            return
        m = _EDITOR.fullmatch(text.strip("()（）【】[]")) or (_EDITOR.match(text) if len(text) < 40 else None)
        if m:
            self.meta.setdefault("editor", m[1])
            return
        if _is_byline(text):
            _add_byline(self.meta, text)
            return
        if text == self.title and not self.items:
            return  # the headline is emitted from the metadata
        if role == "body" and level is None and node.tag == "p" and len(text) <= 30:
            strong = clean("".join(_text(b) for b in node.css("strong, b")))
            if strong == text:
                role, level = "heading", None
        self.items.append(Para(role, text, _element_path(node), level if role == "heading" else None))


# ----------------------------------------------------------------------------- reader


def _title(tree: LexborHTMLParser, body: LexborNode) -> str:
    meta = _meta(tree, "ArticleTitle", "articletitle", "og:title")
    if meta:
        return meta
    for node in body.css("h1, h2, .title, .bt, .article-title, #title"):
        text = _text(node)
        if (
            4 <= len(text) <= 100
            and not _FURNITURE_ATTR.search(_attr_words(node))
            and not _CRUMB_TEXT.search(text)
        ):
            return text
    t = tree.css_first("title")
    text = _text(t) if t is not None else ""
    return re.split(r"\s*[_|｜—–-]{1,2}\s*", text)[0] if text else ""


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _subtitle(body: LexborNode, title: str) -> tuple[str, str | None] | None:
    """The heading right after the title element (an h2 title's h3 subtitle), taken out of the page:
    ``(text, element path)``, or None."""
    for node in body.css("h1, h2, h3, .title, .bt, .article-title, #title"):
        if _text(node) != title:
            continue
        sib, seen = node.next, 0
        while sib is not None and seen < 2:
            if sib.tag in ("h2", "h3", "h4", "h5", "h6") or (
                sib.tag in ("div", "p") and re.search(r"(?:^|[\s_-])sub", _attr_words(sib), re.I)
            ):
                text = _text(sib)
                if 4 <= len(text) <= 80 and not _CRUMB_TEXT.search(text) and not _is_byline(text):
                    path = _element_path(sib)
                    sib.decompose()
                    return text, path
            if not sib.tag.startswith("-"):
                seen += 1
            sib = sib.next
        return None
    return None


def _remove_furniture(body: LexborNode, meta: dict) -> None:
    for node in body.css(",".join(_DROP_TAGS)):
        node.decompose()
    for node in body.css("[style], [hidden]"):  # what the browser does not show, nobody copies
        if node.parent is not None and (
            "hidden" in node.attributes or _HIDDEN_STYLE.search(node.attributes.get("style") or "")
        ):
            node.decompose()
    for node in body.css("*"):
        furniture = _FURNITURE_ATTR.search(_attr_words(node))
        if node.parent is None or not (furniture or node.tag in _CRUMB_TAGS):
            continue
        raw = node.text(deep=True, separator="")
        if not furniture and len(raw) > 600:  # a breadcrumb is short; skip cleaning big containers
            continue
        text = clean(raw)
        if not text:
            continue
        if (
            len(text) < 200
            and _CRUMB_TEXT.search(text)
            and "breadcrumb" not in meta
            and len(node.css("p")) <= (node.tag == "p")
        ):
            meta["breadcrumb"] = re.sub(r"^.*?(?:位置)\s*[:：]\s*", "", text)
            node.decompose()
            continue
        if furniture and (len(text) < 200 or _link_density(node) > 0.4):
            if _is_byline(text):  # a date/source line whose class says "info", "source", "bottom"…
                _add_byline(meta, text)
            node.decompose()


# The address a browser writes into a page it saves: Internet Explorer, Chrome and Edge put
# "<!-- saved from url=(0042)http://... -->" before <html>; SingleFile writes a comment with "url: ...".
_SAVED_FROM = re.compile(
    r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s+url:\s*)(https?://[^\s>]+?)\s*(?:-->|\s)",
    re.IGNORECASE,
)


def saved_from(html: str) -> str | None:
    """The page's address as the browser that saved it wrote it in a comment, if any (first 4 KB)."""
    m = _SAVED_FROM.search(html[:4096])
    return m[1] if m else None


def read_html(path: Path) -> Document:
    data = read_bytes(path, current_limits().max_file_bytes)
    html, encoding = decode_html(data)
    tree = LexborHTMLParser(html)
    body = tree.body or tree.root
    if body is None:
        raise EmptyDocument("the page holds no text")
    _annotate_paths(tree.root, "html")
    meta: dict = {}
    title = _title(tree, body)
    site = _meta(tree, "SiteName", "sitename", "og:site_name")
    subtitle = _subtitle(body, title) if title else None
    _remove_furniture(body, meta)
    # the date/source line: the first short element that reads like one; when it has no date (a
    # source line at the top, "发布日期：… 责任编辑：…" under the article), the next one with a date too
    for node in body.css("div, p, span, td, li, font, em, h5, h6"):
        if node.parent is None:
            continue  # inside a line taken already
        text = _text(node)
        if text and _is_byline(text, bare=True) and len(node.css("p, table")) <= (node.tag == "p"):
            _add_byline(meta, text)
            node.decompose()
            if any("date" in parse_byline(line) for line in meta["bylines"]):
                break
    for node in body.css("p, div, td, span, li, font"):  # (责任编辑：…) anywhere on the page
        text = _text(node)
        if text and len(text) < 40 and (m := _EDITOR.match(text.lstrip("（(【["))):
            meta.setdefault("editor", m[1])
            node.decompose()
            break
    walker = _Walker(title)
    walker.walk(_main_container(body))
    meta.update({k: v for k, v in walker.meta.items() if k not in meta and k != "bylines"})
    fields: dict = {}
    for line in meta.get("bylines", []) + walker.meta.get("bylines", []):
        for key, value in parse_byline(line).items():
            fields.setdefault(key, value)
    if fields.get("editor"):
        meta.setdefault("editor", fields.pop("editor"))
    pub = _meta(tree, "PubDate", "pubdate", "publishdate", "article:published_time", "firstpublishedtime")
    if "date" not in fields and pub:
        fields.update(parse_byline(pub))
    if "source" not in fields and (src := _meta(tree, "ContentSource", "contentsource", "source")):
        fields["source"] = src
    if "author" not in fields and (author := _meta(tree, "Author", "author")):
        fields["author"] = author
    metadata = {"title": title, **fields}
    # the page's own address (its date dates the page when nothing else does: t20240112_, /2023/12/28/)
    canonical = tree.css_first('link[rel="canonical"]')
    address = (
        (canonical.attributes.get("href") if canonical is not None else None)
        or _meta(tree, "og:url", "url")
        or saved_from(html)
    )
    if address:
        metadata["canonical"] = clean(address)
    if fields.get("date"):
        metadata["publication_date"] = fields["date"]
    for key in ("breadcrumb", "editor"):
        if meta.get(key):
            metadata[key] = meta[key]
    if site:  # the site is the page's publisher (context for the subject committee)
        metadata["site"] = metadata["publisher"] = site
    head: list[Para | TableItem] = [Para("headline", title, "title")] if title else []
    if subtitle:
        head.append(Para("subtitle", subtitle[0], subtitle[1]))
    byline = "　".join(
        f"{label}：{fields[k]}"
        for k, label in (("date_text", "发布时间"), ("source", "来源"), ("author", "作者"))
        if fields.get(k)
    )
    if byline:
        head.append(Para("byline", byline, "byline"))
    return assemble(
        head + walker.items,
        doc_id=path.stem,
        path=str(path),
        media_type="text/html",
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        metadata=metadata,
    )
