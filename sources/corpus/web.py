"""Sample reports as saved web pages (.html) and Word files (.docx), with their truth.

A few generated reports are written in these formats instead of plain text (``HTML_DOCS``,
``DOCX_DOCS``). The page templates carry the furniture of county and city government/CPPCC sites
(breadcrumbs, a date/source line, a read counter, font-size and share bars, a related-article list
with figures, a footer), none of which is a mention. The proposal-work reports add a statistics
table (``项目 | YYYY年`` with rows such as ``收到提案（件）``) whose cells are mentions with the
metric of their row.

The layout of each document's text follows the readers (sources/html_reader.py,
sources/docx_reader.py): headline, then for a web page the byline ``发布时间：… 来源：…``, then the
paragraphs and the table (one line per row, cells separated by a tab), blocks separated by a blank
line; the truth's offsets are offsets in that text. DOCX files are written byte for byte the same
on every run: fixed core properties and fixed zip member dates.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import random
import zipfile
from decimal import Decimal

# doc_id -> (template, declared charset, bytes encoding)
HTML_DOCS = {
    "haiyuan_2023": ("county", "gb2312", "gb18030"),  # declared GB2312, GB18030 bytes
    "guyuan_2023_proposals": ("city", "utf-8", "utf-8"),
    "xiji_2024": ("county", "gbk", "gbk"),
}
DOCX_DOCS = {"guyuan_2024_proposals", "pingluo_2024_proposals", "huinong_2022"}
_FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
_TABLE_ROWS = (  # row header, metric, unit: the statistics table of a proposal-work report
    ("收到提案（件）", "proposals.received", "件"),
    ("立案（件）", "proposals.accepted", "件"),
    ("办结率（%）", "proposals.resolution_rate", "%"),
    ("委员捐款捐物（万元）", "member_services.donations", "元"),  # 22.57 under 万元: an exact 225700
)


def _cell(value: int, unit: str) -> str:
    """A figure as the table writes it: money in 万元 with its decimals (225700 -> 22.57)."""
    if unit == "元":
        return format((Decimal(value) / 10000).normalize(), "f")
    return str(value)


def insert(doc, index: int, text: str, found: list[dict] | None = None) -> None:
    """Insert a paragraph (or table text) at ``index``; later mentions move, ``found`` (offsets
    local to ``text``) join the document's mentions."""
    at = sum(len(p) + 2 for p in doc.paragraphs[:index])
    shift = len(text) + 2
    for m in doc.mentions:
        if m["char_start"] >= at:
            m["char_start"] += shift
            m["char_end"] += shift
    for m in found or []:
        m["char_start"] += at
        m["char_end"] += at
        doc.mentions.append(m)
    doc.paragraphs.insert(index, text)
    doc._pos += shift


def byline(doc) -> tuple[str, str]:
    """The page's date line as the reader prints it, and the date (ISO)."""
    year = doc.period[1]
    day = random.Random(f"{doc.doc_id}:date").randint(8, 26)
    date = f"{year + 1}-01-{day:02d}" if not doc.doc_id.endswith("_proposals") else f"{year}-12-{day:02d}"
    return f"发布时间：{date}　来源：{doc.voice.committee.name}政协办公室", date


def stats_table(doc, facts: dict[str, int]) -> tuple[list[list[str]], str, list[dict]]:
    """Rows of the statistics table, its text as the readers lay it out, and its cell mentions."""
    year = doc.period[1]
    rows = [["项目", f"{year}年"]] + [
        [label, _cell(facts[metric], unit)] for label, metric, unit in _TABLE_ROWS
    ]
    lines, found, pos = [], [], 0
    c = doc.voice.committee
    for r, row in enumerate(rows):
        line = "\t".join(row)
        if r:
            _, metric, unit = _TABLE_ROWS[r - 1]
            start = pos + len(row[0]) + 1
            found.append(
                {
                    "doc": doc.doc_id,
                    "surface": row[1],
                    "value": facts[metric],
                    "unit": unit,
                    "qualifier": "exact",
                    "category": metric.split(".")[0],
                    "metric": metric,
                    "committee": c.committee_name,
                    "committee_code": c.code,
                    "level": c.level,
                    "period_start": year,
                    "period_end": year,
                    "char_start": start,
                    "char_end": start + len(row[1]),
                    "page": None,
                }  # fmt: skip
            )
        lines.append(line)
        pos += len(line) + 1
    return rows, "\n".join(lines), found


def _related(doc) -> list[str]:
    rng = random.Random(f"{doc.doc_id}:related")
    self_ = doc.voice.self_
    return [
        f"{self_}开展委员视察活动{rng.randint(3, 19)}次",
        f"{self_}召开主席会议研究提案督办工作",
        f"委员提交提案{rng.randint(100, 400)}件 聚焦民生",
    ]


def _p(text: str) -> str:
    return f"<p>　　{html.escape(text)}</p>"


def _table_html(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(t)}</th>" for t in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(t)}</td>" for t in row) + "</tr>" for row in rows[1:])
    return f'<table class="data" border="1"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_html(doc, facts: dict[str, int], page: tuple[str, str, str] | None = None) -> bytes:
    """The document as a saved page; ``doc`` gains the byline (and the table) in its text and truth.
    ``page`` is (template, declared charset, bytes encoding), by default the sample's ``HTML_DOCS`` entry."""
    template, charset, encoding = page or HTML_DOCS[doc.doc_id]
    line, date = byline(doc)
    title = doc.paragraphs[0]
    rng = random.Random(f"{doc.doc_id}:page")
    reads = rng.randint(120, 990)
    table = ""
    if doc.doc_id.endswith("_proposals"):
        rows, text, found = stats_table(doc, facts)
        insert(doc, len(doc.paragraphs) - 1, text, found)
        table = _table_html(rows)
    insert(doc, 1, line)
    body_paras = doc.paragraphs[2:]
    parts = []
    for p in body_paras:
        parts.append(table if table and p.startswith("项目\t") else _p(p))
    content = "\n".join(parts)
    site = f"{doc.voice.committee.name}政协网"
    source = f"{doc.voice.committee.name}政协办公室"
    related = "".join(
        f'<li><a href="/xw/{i}.html">{html.escape(t)}</a></li>' for i, t in enumerate(_related(doc))
    )
    esc = html.escape
    if template == "county":
        page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{esc(title)}_{esc(site)}</title>
<meta name="SiteName" content="{esc(site)}">
<script type="text/javascript">var hits = {reads}; document.write("阅读：" + hits + "次");</script>
</head>
<body>
<table width="1000" class="top"><tr><td><a href="/">首页</a> | <a href="/zxgk/">政协概况</a> | <a href="/gzdt/">工作动态</a> | <a href="/tagz/">提案工作</a> | <a href="/sqmy/">社情民意</a></td></tr></table>
<table width="1000" border="0" cellspacing="0" cellpadding="0">
<tr><td class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/gzdt/">工作动态</a> &gt; 正文</td></tr>
<tr><td valign="top">
<table width="100%">
<tr><td class="bt" align="center">{esc(title)}</td></tr>
<tr><td align="center" class="info">发布时间：{date}&nbsp;&nbsp;来源：{esc(source)}&nbsp;&nbsp;阅读：{reads}次&nbsp;&nbsp;【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td class="zoom" id="zoom">
{content}
</td></tr>
<tr><td><div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div></td></tr>
<tr><td>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
<tr><td><div class="xgwz"><b>相关文章</b><ul>{related}</ul></div></td></tr>
</table>
</td></tr>
</table>
<table width="1000" class="foot"><tr><td>版权所有：{esc(source)}　主办单位：{esc(site)}　ICP备{rng.randint(10000000, 99999999)}号</td></tr></table>
</body>
</html>
"""
    else:
        page = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="ArticleTitle" content="{esc(title)}">
<meta name="PubDate" content="{date}">
<meta name="ContentSource" content="{esc(source)}">
<title>{esc(title)} - {esc(site)}</title>
</head>
<body>
<header><div class="logo">{esc(site)}</div>
<nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/yw/">政协要闻</a></li><li><a href="/ta/">提案工作</a></li><li><a href="/lx/">联系我们</a></li></ul></nav>
</header>
<main>
<ol class="breadcrumb"><li><a href="/">首页</a></li><li><a href="/ta/">提案工作</a></li><li>正文</li></ol>
<article>
<h1>{esc(title)}</h1>
<div class="article-meta"><span>{date}</span> <span>来源：{esc(source)}</span> <span class="views">浏览次数：{reads}</span></div>
<div class="article-content">
{content}
</div>
<div class="share-bar">分享到：<a>微信</a> <a>QQ空间</a></div>
</article>
<aside class="related"><h3>相关新闻</h3><ul>{related}</ul></aside>
</main>
<footer class="footer"><p>版权所有 © {doc.period[1] + 1} {esc(site)} | 备案号：ICP备{rng.randint(10000000, 99999999)}号-1</p></footer>
</body>
</html>
"""
    return page.encode(encoding)


def render_docx(doc, facts: dict[str, int]) -> bytes:
    """The document as a Word file: Title-style headline, body paragraphs, the statistics table of a
    proposal-work report (header row marked as repeating), fixed dates so the bytes never change."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if doc.doc_id.endswith("_proposals"):
        rows, text, found = stats_table(doc, facts)
        insert(doc, len(doc.paragraphs) - 1, text, found)
    else:
        rows = None
    d = docx.Document()
    for i, p in enumerate(doc.paragraphs):
        if rows and p.startswith("项目\t"):
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    t.cell(r, c).text = value
            trpr = t.rows[0]._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:tblHeader"))
            assert trpr.find(qn("w:tblHeader")) is not None
        elif i == 0:
            d.add_paragraph(p, style="Title")
        elif p.startswith("——"):
            d.add_paragraph(p, style="Subtitle")
        else:
            d.add_paragraph(p)
    core = d.core_properties
    core.title, core.author = doc.paragraphs[0], f"{doc.voice.committee.name}政协办公室"
    core.created = core.modified = core.last_printed = _FIXED_TIME
    core.revision, core.last_modified_by = 1, "committee-stats"
    raw = io.BytesIO()
    d.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01 and fixed attributes (byte-identical output)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
