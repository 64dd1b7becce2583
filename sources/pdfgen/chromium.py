"""A second, independent fixture family: newspaper pages written as HTML/CSS and printed to PDF
by Chromium (Debian's ``chromium``, driven by Playwright), with their ground truth.

The pages come from a different producer than ``sources.pdfgen.render`` (reportlab, one glyph at a
time): Chromium lays the text out itself (CSS multi-column flows balanced by the browser, CSS grid,
``text-align: justify`` with ``letter-spacing``, digits and ``%`` set in a Latin font inside CJK
text, so they sit on another baseline), subsets and embeds the fonts (Noto CJK, DejaVu) and maps
some glyphs to Kangxi radicals, as real e-paper producers do. Charts are inline SVG with text
labels, photos are raster images, credit lines (制图：, 数据来源：, 本版图片由…提供) sit under them.

This is a tool, not a reader: nothing under ``sources/`` imports it at run time. It needs
Playwright and ``/usr/bin/chromium`` (or ``CSTATS_CHROMIUM``) plus ``fonts-noto-cjk``; tests read
the committed PDFs and ``*.truth.json`` files and need none of these.

Truth conventions are those of :class:`sources.pdfgen.spec.Truth`, plus two block roles this
family adds: ``figure`` (text drawn inside a chart: its labels and values, row by row) and chart
titles and credit lines as ``caption`` blocks of their own. Per article: kicker, headline,
subtitle, byline, continued-from note, body paragraphs and subheads, continues-to note, pull
quotes, then captions, charts (title, labels, credits) and credit lines in the order they appear.
A vertical column title (栏目名) is page furniture right after the header.
"""

from __future__ import annotations

import html
import os
import random
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from sources.pdfgen.spec import ArticleSpec, Heading, Truth, TruthArticle, TruthBlock

PAGE_MM = {"A3": (297.0, 420.0), "A4": (210.0, 297.0)}
CHROMIUM = os.environ.get("CSTATS_CHROMIUM", "/usr/bin/chromium")

_CSS = """
@page { size: %(w)smm %(h)smm; margin: 0 }
* { box-sizing: border-box }
html, body { margin: 0; padding: 0 }
.page { width: %(w)smm; height: %(h)smm; padding: 12mm 13mm 10mm 13mm; overflow: hidden;
        display: flex; flex-direction: column; break-after: page; position: relative }
.page:last-child { break-after: auto }
.mast { display: flex; align-items: flex-end; justify-content: space-between;
        border-bottom: %(rule)s; padding-bottom: 4pt; margin-bottom: 8pt }
.mast .name { font: 700 30pt "Noto Serif CJK SC"; letter-spacing: 4pt }
.mast .label { font: 400 11pt "Noto Sans CJK SC" }
.mast .date { font: 400 10pt "DejaVu Sans", "Noto Sans CJK SC" }
.grid { flex: 1; display: grid; grid-template-columns: %(cols)s; column-gap: %(gutter)spt;
        row-gap: 10pt; align-content: start; overflow: hidden }
.region { min-width: 0 }
.region.rule-top { border-top: %(rule)s; padding-top: 8pt }
.region.rule-left { border-left: %(rule)s; padding-left: 8pt; margin-left: -8pt }
.region.box { border: 1pt solid #7a5a2a; background: #f6efe0; padding: 8pt 9pt }
.band { margin-bottom: 8pt }
.kicker { font: 400 13pt "Noto Serif CJK SC"; margin-bottom: 3pt }
h1 { font: 700 %(hsize)spt/1.25 "Noto Sans CJK SC", "DejaVu Sans"; margin: 0 0 4pt 0 }
.region.small h1 { font-size: %(hsize_small)spt }
.subtitle { font: 400 13pt "Noto Serif CJK SC", "DejaVu Serif"; margin-bottom: 4pt }
.byline { font: 400 9pt "Noto Sans CJK SC"; margin-top: 3pt }
.flow { column-gap: %(gutter)spt; column-fill: balance; font: 400 %(body)spt/1.62 "DejaVu Serif",
        "Noto Serif CJK SC"; text-align: justify; letter-spacing: %(ls)spt }
.flow p { margin: 0; text-indent: 2em; orphans: 1; widows: 1 }
.flow p.note { text-indent: 0; font-size: 0.9em }
.flow p.note.to { text-align: right }
.flow h3 { font: 700 %(sub)spt/1.5 "Noto Sans CJK SC"; margin: 4pt 0; text-align: center;
           letter-spacing: 0; break-after: avoid }
figure { margin: 5pt 0; break-inside: avoid; text-indent: 0 }
figure img { display: block; width: 100%%; object-fit: cover }
figcaption, .credit, .ctitle { font: 400 %(cap)spt/1.45 "DejaVu Sans", "Noto Sans CJK SC";
        letter-spacing: 0; text-align: left; text-indent: 0 }
.ctitle { font-weight: 700 }
figure svg { display: block; width: 100%%; height: auto }
blockquote { margin: 6pt 0; padding: 6pt 7pt; border: 1.2pt solid #333; break-inside: avoid;
             font: 400 %(quote)spt/1.5 "Noto Serif CJK SC"; letter-spacing: 0; text-indent: 0 }
.vtitle { grid-column: 1; writing-mode: vertical-rl; text-orientation: upright;
          font: 700 20pt "Noto Sans CJK SC"; letter-spacing: 8pt; background: #8c1c13; color: #fff;
          padding: 10pt 2pt; align-self: start }
.foot { border-top: %(rule)s; margin-top: 6pt; padding-top: 3pt; font: 400 8.5pt "Noto Sans CJK SC" }
"""


@dataclass
class Style:
    columns: int = 5
    body_size: float = 10.0
    letter_spacing: float = 0.0
    gutter: float = 14.0
    headline_size: float = 26.0
    rules: bool = True


def load(path: Path) -> tuple[dict, list[dict]]:
    """Stories and pages of a page file (tests/sources/pdf/chromium_pages.yaml)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data["stories"], data["pages"]


def story_article(story: dict, masthead_only: bool = False) -> ArticleSpec:
    """A story of a page file as an article for ``sources.pdfgen.render_page`` (its body's strings
    and headings); ``masthead_only``: its years replaced by 去年, so that only the page's date line
    dates it."""
    body = []
    for b in story["body"]:
        if isinstance(b, str):
            body.append(re.sub(r"(?:19|20)\d\d年", "去年", b) if masthead_only else b)
        elif "heading" in b:
            body.append(Heading(b["heading"]))
    return ArticleSpec(
        headline=story["headline"], subtitle=story.get("subtitle"), byline=story.get("byline"), body=body
    )


def parse_figure(line: str) -> dict:
    surface, value, unit, qualifier = line.split()
    number = float(value)
    return {
        "surface": surface,
        "value": int(number) if number.is_integer() else number,
        "unit": unit,
        "qualifier": qualifier,
    }


class _Page:
    """One printed page: its HTML and its truth blocks."""

    def __init__(self, number: int, page: dict, style: Style, assets: Path, truth: Truth):
        self.n, self.page, self.style, self.assets, self.truth = number, page, style, assets, truth
        self.parts: list[str] = []

    def furniture(self, text: str) -> None:
        self.truth.blocks.append(TruthBlock("furniture", text, self.n, None))

    def block(self, role: str, text: str, article: int) -> None:
        self.truth.blocks.append(TruthBlock(role, text, self.n, article))

    def photo(self, key: str, height: float) -> str:
        """A deterministic, photo-like raster image (no text in it)."""
        from PIL import Image, ImageDraw, ImageFilter

        path = self.assets / f"{key}.jpg"
        if not path.exists():
            rng = random.Random(key)
            w, h = 480, int(480 * height / 120)
            img = Image.new("RGB", (w, h))
            d = ImageDraw.Draw(img)
            sky = [rng.randrange(120, 200) for _ in range(3)]
            for y in range(h):
                t = y / h
                d.line([(0, y), (w, y)], fill=tuple(int(c * (1 - 0.6 * t) + 40 * t) for c in sky))
            for _ in range(14):
                x, y, r = rng.randrange(w), rng.randrange(h // 3, h), rng.randrange(12, 60)
                color = tuple(rng.randrange(30, 220) for _ in range(3))
                d.ellipse([x - r, y - 2 * r, x + r, y + r], fill=color)
            img.filter(ImageFilter.GaussianBlur(2)).save(path, quality=70)
        return f'<img src="{path.name}" style="height:{height}pt" alt="">'


def _chart_svg(bars: list) -> tuple[str, str]:
    """A horizontal bar chart: one row per bar (label, bar, value on one baseline)."""
    top = max(v for _, v in bars)
    rows, labels = [], []
    for i, (label, value) in enumerate(bars):
        y = 8 + i * 16
        length = 70 * value / top
        rows.append(
            f'<text x="0" y="{y + 8}" font-size="8" font-family="Noto Sans CJK SC">{html.escape(label)}</text>'
            f'<rect x="30" y="{y}" width="{length:.1f}" height="10" fill="#b5452f"/>'
            f'<text x="{32 + length:.1f}" y="{y + 8}" font-size="8" font-family="DejaVu Sans">{value}</text>'
        )
        labels.append(f"{label}{value}")
    height = 8 + len(bars) * 16
    svg = (
        f'<svg viewBox="0 0 120 {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="30" y1="4" x2="30" y2="{height - 2}" stroke="#333" stroke-width="0.6"/>'
        + "".join(rows)
        + "</svg>"
    )
    return svg, " ".join(labels)


def _article(pg: _Page, spec: dict, story: dict, index: int, continuation: bool) -> None:
    """Write one article's regions into the page's HTML and its blocks into the truth."""
    cont = story.get("continuation") or {}
    body = cont["body"] if continuation else story["body"]
    head_done = False
    tail: list[tuple[str, str]] = []  # quotes first, then captions/charts/credits, in order
    quotes: list[tuple[str, str]] = []
    for region in spec["regions"]:
        lo, hi = region.get("items", [0, len(body)])
        classes = ["region"]
        if region.get("box"):
            classes.append("box")
        elif pg.style.rules:
            if region["row"] > 1 and region.get("head"):  # no rule between parts of one article
                classes.append("rule-top")
            if region["col"] > 1:
                classes.append("rule-left")
        if region["span"] <= 3:
            classes.append("small")
        offset = 1 if pg.page.get("vertical_title") else 0
        out = [
            f'<section class="{" ".join(classes)}" style="grid-column:{region["col"] + offset} / span '
            f'{region["span"]}; grid-row:{region["row"]}">'
        ]
        if region.get("head") and not head_done:
            head_done = True
            out.append('<div class="band">')
            if story.get("kicker") and not continuation:
                out.append(f'<div class="kicker">{html.escape(story["kicker"])}</div>')
                pg.block("subtitle", story["kicker"], index)
            out.append(f"<h1>{html.escape(story['headline'])}</h1>")
            pg.block("headline", story["headline"], index)
            if story.get("subtitle") and not continuation:
                out.append(f'<div class="subtitle">{html.escape(story["subtitle"])}</div>')
                pg.block("subtitle", story["subtitle"], index)
            if story.get("byline") and not continuation:
                out.append(f'<div class="byline">{html.escape(story["byline"])}</div>')
                pg.block("byline", story["byline"], index)
            out.append("</div>")
        out.append(f'<div class="flow" style="column-count:{region["span"]}">')
        if continuation and lo == 0:
            out.append(f'<p class="note">{html.escape(cont["continued_from"])}</p>')
            pg.block("furniture", cont["continued_from"], index)
        for k, item in enumerate(body[lo:hi], lo):
            key = f"{pg.page['name']}-{index}-{k}"
            if isinstance(item, str):
                out.append(f"<p>{html.escape(item)}</p>")
                pg.block("body", item, index)
            elif "heading" in item:
                out.append(f"<h3>{html.escape(item['heading'])}</h3>")
                pg.block("heading", item["heading"], index)
            elif "photo" in item:
                img = pg.photo(key, item.get("height", 90))
                out.append(f"<figure>{img}<figcaption>{html.escape(item['photo'])}</figcaption></figure>")
                tail.append(("caption", item["photo"]))
            elif "chart" in item:
                c = item["chart"]
                svg, labels = _chart_svg(c["bars"])
                credits = "".join(f'<div class="credit">{html.escape(t)}</div>' for t in c["credits"])
                out.append(
                    f'<figure><div class="ctitle">{html.escape(c["title"])}</div>{svg}{credits}</figure>'
                )
                tail += [("caption", c["title"]), ("figure", labels), *(("caption", t) for t in c["credits"])]
            elif "quote" in item:
                out.append(f"<blockquote>{html.escape(item['quote'])}</blockquote>")
                quotes.append(("quote", item["quote"]))
            elif "credit" in item:
                out.append(f'<p class="credit">{html.escape(item["credit"])}</p>')
                tail.append(("caption", item["credit"]))
            else:
                raise ValueError(f"unknown body item {item!r}")
        if hi == len(body) and story.get("continues_to") and not continuation:
            out.append(f'<p class="note to">{html.escape(story["continues_to"])}</p>')
            pg.block("furniture", story["continues_to"], index)
        out.append("</div></section>")
        pg.parts.append("".join(out))
    for role, text in quotes + tail:
        pg.block(role, text, index)


def page_html(stories: dict, page: dict, assets: Path) -> tuple[str, Truth]:
    """The HTML of a page spec (one or two printed pages) and its Truth."""
    size = page.get("size", "A3")
    w, h = PAGE_MM[size]
    st = page.get("style", {})
    style = Style(
        columns=page["columns"],
        body_size=st.get("body_size", 10.0),
        letter_spacing=st.get("letter_spacing", 0.0),
        gutter=st.get("gutter", 14.0),
        headline_size=st.get("headline_size", 28.0 if size == "A3" else 22.0),
        rules=st.get("rules", True),
    )
    cols = f"repeat({style.columns}, minmax(0, 1fr))"
    if page.get("vertical_title"):
        cols = f"30pt {cols}"
    css = _CSS % {
        "w": w,
        "h": h,
        "cols": cols,
        "gutter": style.gutter,
        "body": style.body_size,
        "ls": style.letter_spacing,
        "hsize": style.headline_size,
        "hsize_small": round(style.headline_size * 0.75, 1),
        "sub": round(style.body_size * 1.15, 1),
        "cap": round(style.body_size * 0.85, 1),
        "quote": round(style.body_size * 1.2, 1),
        "rule": "0.8pt solid #222" if style.rules else "0 none",
    }
    truth = Truth(pages=0)
    sheets = [(page, page["articles"])]
    if page.get("next"):
        sheets.append(({**page, **page["next"]}, page["next"]["articles"]))
    body = []
    index_of: dict[tuple[int, str], int] = {}
    for number, (sheet, arts) in enumerate(sheets, 1):
        truth.pages = number
        pg = _Page(number, sheet, style, assets, truth)
        pg.furniture(sheet["masthead"])
        pg.furniture(sheet["page_label"])
        pg.furniture(sheet["date_line"])
        if sheet.get("vertical_title"):
            rows = max(r["row"] for a in arts for r in a["regions"])
            pg.parts.append(
                f'<div class="vtitle" style="grid-row:1 / span {rows}">{html.escape(sheet["vertical_title"])}</div>'
            )
            pg.furniture(sheet["vertical_title"])
        for a in arts:
            story = stories[a["story"]]
            continuation = bool(a.get("continuation"))
            index = len(truth.articles)
            index_of[(number, a["story"])] = index
            truth.articles.append(
                TruthArticle(
                    headline=story["headline"],
                    page=number,
                    continued_from=story["continuation"]["continued_from"] if continuation else None,
                    continues_to=None if continuation else story.get("continues_to"),
                )
            )
            _article(pg, a, story, index, continuation)
            if not continuation:
                for f in story.get("figures", []):
                    fig = parse_figure(f)
                    text = "".join(_story_texts(story))
                    if fig["surface"] not in text:
                        raise ValueError(f"{a['story']}: figure {fig['surface']} is not in its text")
                    truth.figures.append(
                        {**fig, "committee": story["committee"], "period": story["period"], "page": number}
                    )
        if sheet.get("footer"):
            pg.furniture(sheet["footer"])
        body.append(
            '<div class="page">'
            f'<div class="mast"><div class="name">{html.escape(sheet["masthead"])}</div>'
            f'<div class="label">{html.escape(sheet["page_label"])}</div>'
            f'<div class="date">{html.escape(sheet["date_line"])}</div></div>'
            f'<div class="grid">{"".join(pg.parts)}</div>'
            + (f'<div class="foot">{html.escape(sheet["footer"])}</div>' if sheet.get("footer") else "")
            + "</div>"
        )
    doc = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>{''.join(body)}</body></html>"
    )
    return doc, truth


def _story_texts(story: dict):
    yield from (story.get(k) or "" for k in ("kicker", "headline", "subtitle"))
    for part in (story["body"], (story.get("continuation") or {}).get("body", [])):
        for item in part:
            yield item if isinstance(item, str) else str(item)


_OVERFLOW_JS = """() => {
  const bad = [];
  for (const grid of document.querySelectorAll('.grid')) {
    const limit = grid.getBoundingClientRect().bottom + 0.5;
    for (const el of grid.children) {
      if (el.getBoundingClientRect().bottom > limit) bad.push(el.innerText.slice(0, 30));
    }
  }
  for (const flow of document.querySelectorAll('.flow')) {
    if (flow.scrollWidth > flow.clientWidth + 1) bad.push(flow.innerText.slice(0, 30));
  }
  return bad;
}"""


def print_pdf(doc: str, out: Path, assets: Path) -> None:
    """Print HTML to PDF with Chromium; an article that does not fit its page raises ValueError."""
    from playwright.sync_api import sync_playwright

    src = assets / (out.stem + ".html")
    src.write_text(doc, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.goto(src.as_uri())
            page.emulate_media(media="print")
            page.evaluate("document.fonts.ready")
            bad = page.evaluate(_OVERFLOW_JS)
            if bad:
                raise ValueError(f"{out.name}: does not fit its page: {bad}")
            page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()


def scan_pdf(src: Path, out: Path, dpi: int = 150, seed: int = 1) -> None:
    """An image-only PDF of ``src``'s pages as a scanner makes it: rendered at ``dpi`` with
    pypdfium2, greyscale, a little noise, JPEG-compressed, no text layer."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(src))
    images = []
    try:
        for page in pdf:
            grey = np.asarray(page.render(scale=dpi / 72).to_pil().convert("L"), dtype=np.float32)
            grey = np.clip(grey + rng.normal(0, 6, grey.shape), 0, 255).astype(np.uint8)
            img = Image.fromarray(grey)
            angle = float(rng.uniform(-0.25, 0.25))
            images.append(img.rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC))
    finally:
        pdf.close()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:], quality=80)


def build(page_file: Path, out_dir: Path, only: set[str] | None = None) -> list[Path]:
    """Print every page of ``page_file`` into ``out_dir`` (PDF + truth; scans too)."""
    stories, pages = load(page_file)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        assets = Path(tmp)
        for page in pages:
            if only and page["name"] not in only:
                continue
            doc, truth = page_html(stories, page, assets)
            pdf = out_dir / f"{page['name']}.pdf"
            print_pdf(doc, pdf, assets)
            truth.write(pdf.with_suffix(".truth.json"))
            written.append(pdf)
            if page.get("scan"):
                scan = out_dir / f"{page['scan']['name']}.pdf"
                scan_pdf(pdf, scan, page["scan"].get("dpi", 150))
                truth.write(scan.with_suffix(".truth.json"))
                written.append(scan)
    return written
