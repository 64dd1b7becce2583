"""Lay out PageSpecs as newspaper pages with reportlab and return their ground truth.

Every glyph is placed individually (as justified newspaper text is), the blocks are written to
the content stream in a shuffled order (as real e-paper producers do), and the reading order is
returned as a :class:`Truth`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from sources.pdfgen.fonts import register
from sources.pdfgen.spec import (
    ArticleSpec,
    Heading,
    Layout,
    PageSpec,
    Photo,
    Truth,
    TruthArticle,
    TruthBlock,
)

_LATIN = re.compile(r"^[A-Za-z0-9.%]+$")
_UNIT = re.compile(r"[A-Za-z0-9.%+\-/:]+|\s|.")
_ASCENT = 0.88  # baseline below the top of a line box, as a fraction of the font size
# Kinsoku: these never start a line; the glyph before them moves down with them.
_NO_LINE_START = set("，。、；：？！）》」』”’…")


@dataclass
class _Glyphs:
    """One block's drawing: text runs (x, baseline, text, size) plus boxes and rules."""

    runs: list[tuple[float, float, str, float]] = field(default_factory=list)
    rects: list[tuple[float, float, float, float, bool]] = field(default_factory=list)  # x,y,w,h,fill
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    bold: bool = False
    font: str | None = None  # a font other than the page's (captions set in another face)


class _Setter:
    def __init__(self, font: str, layout: Layout):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.font, self.layout, self._sw = font, layout, stringWidth

    def width(self, s: str, size: float) -> float:
        return self._sw(s, self.font, size)

    def units(self, text: str, size: float) -> list[tuple[str, float]]:
        ls = self.layout.letter_spacing
        return [(u, self.width(u, size) + ls) for u in _UNIT.findall(text)]

    def break_lines(self, text: str, size: float, width: float, indent: float = 0.0) -> list[list]:
        """Greedy line breaking; a line is a list of (unit, width)."""
        lines, cur, used, avail = [], [], 0.0, width - indent
        for u, w in self.units(text, size):
            if cur and used + w > avail + 0.01:
                carry = []
                if u in _NO_LINE_START and len(cur) > 1:  # kinsoku: take the glyph before along
                    carry = [cur.pop()]
                lines.append(cur)
                cur, avail = carry, width
                used = sum(x for _, x in carry)
                if u.isspace() and not cur:
                    continue
            cur.append((u, w))
            used += w
        if cur:
            lines.append(cur)
        return lines

    def place(self, line: list, x0: float, width: float, justify: bool, align: str = "left") -> list:
        """(x, unit) pairs for one line: justified, left, or centred."""
        total = sum(w for _, w in line)
        n = len(line)
        gap = (width - total) / (n - 1) if justify and n > 1 and width > total else 0.0
        x = x0 + ((width - total) / 2 if align == "center" and not justify else 0.0)
        out = []
        for u, w in line:
            if not u.isspace():
                out.append((x, u))
            x += w + gap
        return out


@dataclass
class _Line:
    kind: str  # body, heading, note
    para: int  # index of the truth block it belongs to
    placed: list  # (x offset from column left, unit)
    size: float
    height: float
    gap_before: float = 0.0


def render_page(page: PageSpec, out: Path, layout: Layout | None = None) -> Truth:
    """Render one page to ``out`` (a PDF) and return its ground truth."""
    return render_pages([page], out, layout)


def render_pages(pages: list[PageSpec], out: Path, layout: Layout | list[Layout] | None = None) -> Truth:
    """Render several pages into one PDF at ``out``; one Layout for all or one per page.

    Writes nothing else; call ``truth.write(path)`` to keep the ground truth beside the PDF.
    """
    from reportlab.pdfgen import canvas

    layouts = layout if isinstance(layout, list) else [layout or Layout()] * len(pages)
    if len(layouts) != len(pages):
        raise ValueError("give one Layout, or one per page")
    truth = Truth(pages=len(pages))
    out = Path(out)
    c = None
    for number, (spec, lay) in enumerate(zip(pages, layouts, strict=True), 1):
        font = register(lay.font)
        if c is None:
            c = canvas.Canvas(str(out), pagesize=lay.page_size, invariant=1)
            c.setTitle("")
        else:
            c.setPageSize(lay.page_size)
        blocks = _lay_out_page(spec, lay, _Setter(font, lay), number, truth)
        if lay.stream_seed is not None:
            random.Random(lay.stream_seed + number).shuffle(blocks)
        for g in blocks:
            _draw(c, g, font, lay.page_size[1], lay.rules, lay.fake_bold, lay)
        c.showPage()
    c.save()
    return truth


def _draw(
    c,
    g: _Glyphs,
    font: str,
    page_h: float,
    rules: bool = True,
    fake_bold: bool = False,
    lay: Layout | None = None,
) -> None:
    c.setFillGray(0.72)
    c.setStrokeGray(0.0)
    c.setLineWidth(0.6)
    for x, y, w, h, fill in g.rects:
        c.rect(x, page_h - y - h, w, h, stroke=0 if fill else 1, fill=1 if fill else 0)
    for x0, y0, x1, y1 in g.rules if rules else ():
        c.line(x0, page_h - y0, x1, page_h - y1)
    if not g.runs:
        return
    c.setFillGray(0.0)
    t = c.beginText()
    t.setTextRenderMode(2 if g.bold else 0)  # fill+stroke imitates a bold weight
    c.setLineWidth(0.35)
    font = g.font or font
    digits = lay.digit_font if lay is not None else None
    for x, base, s, size in g.runs:
        if digits and _LATIN.match(s):  # glyph by glyph in the fallback font, letter-spaced
            small = size * lay.digit_scale
            for ch in s:
                t.setFont(digits, small)
                t.setTextOrigin(x, page_h - base + lay.digit_rise)
                t.textOut(ch)
                x += c.stringWidth(ch, digits, small) + lay.letter_spacing
            continue
        t.setFont(font, size)
        t.setTextOrigin(x, page_h - base)
        t.textOut(s)
    if g.bold and fake_bold:  # the same glyphs again, a hair to the right: a "bold" some producers fake
        for x, base, s, size in g.runs:
            t.setFont(font, size)
            t.setTextOrigin(x + 0.35, page_h - base - 0.2)
            t.textOut(s)
    c.drawText(t)


def _text_block(
    st: _Setter, text: str, size: float, x0: float, y: float, width: float, align: str
) -> tuple[_Glyphs, float]:
    """A short multi-line block (headline, caption...). Returns glyphs and the bottom y."""
    g = _Glyphs()
    lh = size * 1.3
    for line in st.break_lines(text, size, width):
        for x, u in st.place(line, x0, width, justify=False, align=align):
            g.runs.append((x, y + size * _ASCENT, u, size))
        y += lh
    return g, y


def _lay_out_page(spec: PageSpec, lay: Layout, st: _Setter, number: int, truth: Truth) -> list:
    pw, ph = lay.page_size
    m = lay.margin
    blocks: list[_Glyphs] = []
    # Header furniture: masthead left, page label centre, date right, then a full-width rule.
    head = 18.0
    for text, align, size in (
        (spec.masthead, "left", head),
        (spec.page_label, "center", 9.0),
        (spec.date_line, "right", 9.0),
    ):
        if not text:
            continue
        w = st.width(text, size)
        x = {"left": m, "center": (pw - w) / 2, "right": pw - m - w}[align]
        base = m + head * _ASCENT if size == head else m + head * _ASCENT
        blocks.append(_Glyphs(runs=[(x, base, text, size)]))
        truth.blocks.append(TruthBlock("furniture", text, number, None))
    rule_y = m + head + 6
    blocks.append(_Glyphs(rules=[(m, rule_y, pw - m, rule_y)]))
    bottom = ph - m
    footer_blocks = []
    if spec.footer:
        fy = ph - m - 9
        blocks.append(_Glyphs(rules=[(m, fy - 5, pw - m, fy - 5)]))
        blocks.append(_Glyphs(runs=[(m, fy + 9 * _ASCENT, spec.footer, 9.0)]))
        footer_blocks.append(TruthBlock("furniture", spec.footer, number, None))
        bottom = fy - 14
    top = rule_y + 12
    x_left, x_right = m, pw - m
    col_w = (x_right - x_left - (lay.columns - 1) * lay.gutter) / lay.columns
    arts = spec.articles
    if lay.arrangement not in ("stacked", "side_by_side", "mixed"):
        raise ValueError(f"unknown arrangement {lay.arrangement!r}: stacked, side_by_side or mixed")
    if lay.arrangement == "stacked" or len(arts) == 1:
        stacked, side = arts, []
    elif lay.arrangement == "side_by_side":
        stacked, side = [], arts
    else:  # mixed: a lead story across the page, the others side by side under it
        stacked, side = arts[:1], arts[1:]
    y = top
    for i, art in enumerate(stacked):
        if i:
            blocks.append(_Glyphs(rules=[(x_left, y + 4, x_right, y + 4)]))
            y += 14
        art_blocks, y = _lay_out_article(art, lay, st, number, truth, x_left, x_right, lay.columns, y, bottom)
        blocks += (
            _rotated(art_blocks) if lay.stream_rotate and lay.stream_seed is None and i == 0 else art_blocks
        )
    if side:
        if stacked:
            blocks.append(_Glyphs(rules=[(x_left, y + 4, x_right, y + 4)]))
            y += 14
        counts = [a.columns for a in side]
        free = lay.columns - sum(c for c in counts if c)
        n_free = sum(1 for c in counts if not c)
        counts = [c or max(1, free // max(1, n_free)) for c in counts]
        if sum(counts) > lay.columns:
            raise ValueError(f"page {number}: articles ask for {sum(counts)} of {lay.columns} columns")
        col, xs, bottoms = 0, [], []
        for art, n in zip(side, counts, strict=True):
            x0 = x_left + col * (col_w + lay.gutter)
            x1 = x0 + n * col_w + (n - 1) * lay.gutter
            art_blocks, art_bottom = _lay_out_article(art, lay, st, number, truth, x0, x1, n, y, bottom)
            first = lay.stream_rotate and lay.stream_seed is None and not stacked and art is side[0]
            blocks += _rotated(art_blocks) if first else art_blocks
            xs.append(x0)
            bottoms.append(art_bottom)
            col += n
        for x0 in xs[1:]:
            xr = x0 - lay.gutter / 2
            blocks.append(_Glyphs(rules=[(xr, y, xr, max(bottoms))]))
    truth.blocks += footer_blocks
    return blocks


def _rotated(blocks: list) -> list:
    """An article's drawing with its later half first (see Layout.stream_rotate)."""
    half = len(blocks) // 2
    return blocks[half:] + blocks[:half]


def _lay_out_article(
    art: ArticleSpec,
    lay: Layout,
    st: _Setter,
    number: int,
    truth: Truth,
    x0: float,
    x1: float,
    ncols: int,
    top: float,
    page_bottom: float,
) -> tuple[list[_Glyphs], float]:
    index = len(truth.articles)
    truth.articles.append(TruthArticle(art.headline, number, art.continued_from, art.continues_to))
    tb = truth.blocks
    blocks: list[_Glyphs] = []
    col_w = (x1 - x0 - (ncols - 1) * lay.gutter) / ncols
    span = min(ncols, lay.headline_span or ncols)
    span_w = span * col_w + (span - 1) * lay.gutter
    y = top
    # Headlines keep half an em clear at each side, as typesetters do, so two side by side never touch.
    hs = lay.headline_size
    if art.kicker:
        g, y = _text_block(st, art.kicker, hs * 0.5, x0 + hs / 2, y, span_w - hs, "center")
        blocks.append(g)
        tb.append(TruthBlock("subtitle", art.kicker, number, index))
        y += 2
    g, y = _text_block(st, art.headline, hs, x0 + hs / 2, y, span_w - hs, "center")
    g.bold = True
    blocks.append(g)
    tb.append(TruthBlock("headline", art.headline, number, index))
    if art.subtitle:
        g, y = _text_block(st, art.subtitle, lay.headline_size * 0.55, x0, y + 4, span_w, "center")
        blocks.append(g)
        tb.append(TruthBlock("subtitle", art.subtitle, number, index))
    if art.byline:
        g, y = _text_block(st, art.byline, lay.body_size * 0.9, x0, y + 4, span_w, "left")
        blocks.append(g)
        tb.append(TruthBlock("byline", art.byline, number, index))
    header_bottom = y + lay.body_size
    col_tops = [header_bottom if c < span else top for c in range(ncols)]
    col_x = [x0 + c * (col_w + lay.gutter) for c in range(ncols)]

    # The flow: lines of notes, body paragraphs and subheads.
    size = lay.body_size
    lh = size * lay.leading
    flow: list[_Line] = []

    def add_para(text: str, role: str) -> None:
        para = len(tb)
        tb.append(TruthBlock(role, text, number, index))
        if role == "heading":
            hs = size * lay.heading_size
            for k, line in enumerate(st.break_lines(text, hs, col_w)):
                placed = [(x - 0, u) for x, u in st.place(line, 0, col_w, False, "center")]
                flow.append(_Line("heading", para, placed, hs, hs * 1.5, lh * 0.5 if k == 0 else 0))
            return
        indent = 2 * size if role == "body" else 0.0
        lines = st.break_lines(text, size, col_w, indent)
        for k, line in enumerate(lines):
            last = k == len(lines) - 1
            left = indent if k == 0 else 0.0
            justify = lay.justify and not last and role == "body"
            align = "right" if role == "note" and text.startswith("（下") else "left"
            placed = st.place(line, left, col_w - left, justify, align)
            if align == "right":
                wid = sum(w for _, w in line)
                placed = [(x + col_w - wid, u) for x, u in placed]
            flow.append(_Line(role, para, placed, size, lh))

    if art.continued_from:
        add_para(art.continued_from, "note")
    for item in art.body:
        if isinstance(item, Heading):
            add_para(item.text, "heading")
        else:
            add_para(item, "body")
    if art.continues_to:
        add_para(art.continues_to, "note")

    # Obstacles (photos, pull quotes) at fixed places in their columns.
    obstacles: list[tuple[int, int, float, float, object]] = []  # c0, c1, top, bottom, item
    for item in [*art.photos, *art.quotes]:
        c0 = min(item.column, ncols - 1)
        c1 = min(ncols, c0 + item.span)
        o_top = max(col_tops[c0:c1]) + item.after_lines * lh
        w = c1 * col_w + (c1 - 1) * lay.gutter - (c0 * col_w + c0 * lay.gutter)
        if isinstance(item, Photo):
            cap_lines = len(st.break_lines(item.caption, size * lay.caption_size, w))
            h = item.height + 4 + cap_lines * size * lay.caption_size * 1.3 + lh * 0.6
        else:
            q_lines = len(st.break_lines(item.text, size * 1.2, w - 16))
            h = q_lines * size * 1.2 * 1.4 + 16 + lh * 0.6
        obstacles.append((c0, c1, o_top, o_top + h, item))

    def segments(bottom: float) -> list[tuple[int, float, float]]:
        segs = []
        for c in range(ncols):
            cuts = sorted((t, b) for c0, c1, t, b, _ in obstacles if c0 <= c < c1)
            y0 = col_tops[c]
            for t, b in cuts:
                if t > y0:
                    segs.append((c, y0, t))
                y0 = max(y0, b)
            if bottom > y0:
                segs.append((c, y0, bottom))
        return segs

    def flow_into(bottom: float):
        pos, segs = [], segments(bottom)
        si, y = 0, segs[0][1] if segs else 0
        for ln in flow:
            while True:
                if si >= len(segs):
                    return None
                c, s_top, s_bot = segs[si]
                gap = ln.gap_before if y > s_top else 0.0
                if y + gap + ln.height <= s_bot + 0.01:
                    pos.append((c, y + gap))
                    y += gap + ln.height
                    break
                si += 1
                if si < len(segs):
                    y = segs[si][1]
        return pos

    low = max([header_bottom + lh, *(b for *_, b, _ in obstacles)])
    bottom, placed = low, None
    while placed is None:
        if bottom > page_bottom + 0.01:
            raise ValueError(f"article {art.headline!r} does not fit on page {number}")
        placed = flow_into(min(bottom, page_bottom))
        if placed is None:
            bottom += lh / 2
    for ln, (c, y) in zip(flow, placed, strict=True):
        g = _Glyphs(runs=[(col_x[c] + x, y + ln.size * _ASCENT, u, ln.size) for x, u in ln.placed])
        g.bold = ln.kind == "heading"
        blocks.append(g)

    for c0, c1, o_top, _o_bot, item in obstacles:
        x = col_x[c0]
        w = col_x[c1 - 1] + col_w - x
        if isinstance(item, Photo):
            blocks.append(_Glyphs(rects=[(x, o_top, w, item.height, True)]))
            g, _ = _text_block(
                st, item.caption, size * lay.caption_size, x, o_top + item.height + 4, w, "left"
            )
            g.font = register(lay.caption_font) if lay.caption_font else None
            blocks.append(g)
        else:
            qs = size * 1.2
            g = _Glyphs(rects=[(x, o_top, w, 0, False)])
            yq = o_top + 8
            for line in st.break_lines(item.text, qs, w - 16):
                for xx, u in st.place(line, x + 8, w - 16, False, "left"):
                    g.runs.append((xx, yq + qs * _ASCENT, u, qs))
                yq += qs * 1.4
            g.rects = [(x, o_top, w, yq - o_top + 8, False)]
            blocks.append(g)
    for item in art.quotes:
        tb.append(TruthBlock("quote", item.text, number, index))
    for item in art.photos:
        tb.append(TruthBlock("caption", item.caption, number, index))
    # Notes are furniture-like text that belongs to the article.
    for b in tb:
        if b.role == "note":
            b.role = "furniture"
    return blocks, bottom
