"""One page's lines -> ordered, role-labelled blocks grouped into articles.

Steps (no fixed coordinates, no fixed column count):

1. furniture: text above the topmost / below the bottom-most page-wide rule, when that text is
   no more than a few lines (masthead, date line, page number; editor credits);
2. runs: lines stacked in one column with one glyph size;
3. roles from size relative to the page's body size, weight, and context: a headline is much
   larger than body text; the runs directly under it are its subtitle (larger) and byline
   (smaller); small text under or over a figure is its caption; text inside a drawn box is a
   pull quote; larger or bold short runs among the columns are subheads;
4. articles: the page is cut along its separator rules (XY-cut); a region with several
   headlines is split at each headline;
5. reading order per article: headline, subtitle, byline, then the text columns left to right,
   each top to bottom, with subheads in place; paragraphs are rebuilt across columns and figures
   from first-line indents; then pull quotes and captions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sources.pdf.lines import Line, joins_with_space

CONTINUATION = re.compile(r"^[（(]?\s*(上接|下转|接上|转下|转第|接第|续)[^）)]{0,12}?[版页][）)]?$")

# A stream order inside an article is tested against its geometry on body pieces this long.
REVERSAL_MIN_CHARS = 20
# A headline-sized run in a column is a subhead when column text sits this many body sizes (or
# less) above or below it: real papers leave up to about 3.5 lines around a display subhead.
SUBHEAD_GAP = 4.0
# A vertical headline governs text set beside it up to this many body sizes away (real pages:
# up to about 4.6, the gutter between the headline and its columns).
VERTICAL_BESIDE = 5.0

# An author note closes an article: （作者为中央党校教授）, （作者系…）, （作者单位：…）.
CLOSING = re.compile(r"[（(]\s*作者(为|系|是|单位|分别为|均为)[^（()）]*[）)]$")

# Credit lines under a chart or photo: each is a caption block of its own.
CREDIT = re.compile(r"^(制图|制表|绘图|数据来源|资料来源|来源|摄影|图片来源|本版图片)")

FURNITURE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|第\s*[\dA-Z一二三四五六七八九十]{1,3}\s*版|[A-Z]\d{1,2}\s*版"
    r"|星期[一二三四五六日天]|责任编辑|本版编辑|编辑[:：]|校对[:：]|美编[:：]|版式[:：]"
)

# A page's last row that is nothing but its page number (— 50 —, - 3 -, 52, 第3页) is furniture.
PAGE_NUMBER = re.compile(
    r"[—–\-－~·\s]*\d{1,4}[—–\-－~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# The content stream decides reading order and article runs on a page when it agrees with the
# geometry at least this far (_stream_coherence); below it, geometry alone decides.
STREAM_COHERENT = 0.75
OCR_FONT = "ocr"  # Line.font of OCR'd characters (sources.ocr.OCR_FONT, lowered as every font name)


@dataclass(eq=False)
class Run:
    lines: list[Line]
    role: str = "body"
    owner: Run | None = None  # the headline a kicker, subtitle or byline belongs to
    box: int = -1  # index of the framed inset box (an article of its own) holding the run

    @property
    def seq(self) -> int:
        return min(ln.seq for ln in self.lines)

    @property
    def x0(self) -> float:
        return min(ln.x0 for ln in self.lines)

    @property
    def x1(self) -> float:
        return max(ln.x1 for ln in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom

    @property
    def size(self) -> float:
        return self.lines[0].size

    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class PageBlock:
    role: str
    text: str
    boxes: list[Box]
    article: int | None  # index among the page's articles; None for page furniture

    @property
    def bbox(self) -> Box:
        return (
            min(b[0] for b in self.boxes),
            min(b[1] for b in self.boxes),
            max(b[2] for b in self.boxes),
            max(b[3] for b in self.boxes),
        )


@dataclass
class PageArticle:
    headline: str
    continued_from: str | None = None
    continues_to: str | None = None
    blocks: list[PageBlock] = field(default_factory=list)


@dataclass
class PageLayout:
    header: list[PageBlock]
    articles: list[PageArticle]
    footer: list[PageBlock]
    signal: str = "geometry"  # what decided the order and the articles: "stream" or "geometry"
    coherence: float = 0.0  # how far the content stream agrees with the geometry (0..1)


def join_lines(lines: list[Line]) -> str:
    out = ""
    for ln in lines:
        out += (" " if joins_with_space(out, ln.text) else "") + ln.text
    return out


def _box(ln: Line) -> Box:
    return (ln.x0, ln.top, ln.x1, ln.bottom)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def analyse_page(lines: list[Line], rules: list[Box], figures: list[Box], frames: list[Box]) -> PageLayout:
    """Lay out one page. ``rules`` are thin lines, ``figures`` images and filled areas,
    ``frames`` stroked rectangles (pull-quote boxes)."""
    if not lines:
        return PageLayout([], [], [])
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    hrules = [r for r in rules if r[3] - r[1] < 2 and r[2] - r[0] >= 0.6 * (right - left)]
    header_y, footer_y = _furniture_limits(lines, hrules)
    header = [ln for ln in lines if ln.bottom <= header_y]
    footer = [ln for ln in lines if ln.top >= footer_y]
    content = [ln for ln in lines if header_y < ln.bottom and ln.top < footer_y]
    fblock = lambda ln: PageBlock("furniture", ln.text, [_box(ln)], None)  # noqa: E731
    header_blocks = [fblock(ln) for row in _rows(header) for ln in row]
    footer_blocks = [fblock(ln) for row in _rows(footer) for ln in row]
    if not content:
        return PageLayout(header_blocks, [], footer_blocks)

    # OCR'd pages (a scan: every line read by OCR) read text in pictures too, as display type
    scanned = all(ln.font == OCR_FONT for ln in lines)
    runs = _runs(content, scanned)
    body_size = _body_size(runs)
    runs = _join_display_lines(runs, body_size)
    coherence = _stream_coherence(runs, body_size)
    # OCR'd lines have no content stream: their order (RapidOCR's, top to bottom) is no signal
    signal = "stream" if coherence >= STREAM_COHERENT and not scanned else "geometry"
    figures = [f for f in figures if not _background(f, runs, body_size)]
    boxes = _article_boxes(runs, body_size, frames)
    _assign_roles(runs, body_size, figures, frames)
    separators = [
        r
        for r in rules
        if header_y < r[1] and r[3] < footer_y and max(r[2] - r[0], r[3] - r[1]) >= 3 * body_size
    ]
    body_font = _body_font(runs, body_size)
    _chart_labels(runs, body_size, figures)
    _captions(runs, body_size, figures, above_too=False, body_font=body_font)
    main = [r for r in runs if r.box < 0]
    in_box = [[r for r in runs if r.box == k] for k in range(len(boxes))]
    regions = _xy_cut(main, separators)
    for region in regions + in_box:
        _headline_context(region, body_size, scanned)
    _captions(runs, body_size, figures, above_too=True)
    _subheads(runs, body_size)
    if scanned:  # a name set top to bottom beside a column (OCR reads it as stacked glyphs)
        for r in runs:
            if _vertical(r) and r.role != "headline":
                r.role = "byline"
    if signal == "stream":
        groups = _stream_groups(main, body_size) + [g for g in in_box if g]
        groups.sort(key=lambda g: min(r.seq for r in g))
    else:
        groups = [g for region in regions for g in _split_by_headlines(region, scanned)]
        groups += [g for g in in_box if g]
    articles: list[PageArticle] = []
    for group in groups:
        if all(_vertical(r) for r in group):  # a vertical column title that governs no text
            header_blocks += [
                PageBlock("furniture", r.text(), [_box(ln) for ln in r.lines], None) for r in group
            ]
            continue
        heads = [r for r in group if r.role == "headline"]
        if not heads and articles and group[0].box < 0:
            art = articles[-1]  # text without a headline continues the article before it
        else:
            art = PageArticle(headline=heads[0].text() if heads else "")
            articles.append(art)
        _order_article(group, art, len(articles) - 1, body_size, stream=signal == "stream")
    if scanned:
        _join_column_feet(articles, body_size, frames)
    return PageLayout(header_blocks, articles, footer_blocks, signal, round(coherence, 3))


def _stream_coherence(runs: list[Run], body: float) -> float:
    """How far the content stream agrees with the page's geometry (0..1), the lower of two shares:

    * lines: of the line pairs the geometry stacks in one run (one column, one size, line under
      line), the share the stream draws one right after the other;
    * pieces: of the body runs stacked in one column (the next one down, within a few lines), the
      share the stream draws top first (out of at least 6: a page with few pieces proves little).

    Real e-paper producers write each column piece in reading order (~1.0 on both); a stream
    written in shuffled order breaks at every paragraph or block (<= 0.5 on one of them)."""
    lines = sorted((ln for r in runs for ln in r.lines), key=lambda ln: ln.seq)
    rank = {id(ln): i for i, ln in enumerate(lines)}
    pairs = [(a, b) for r in runs for a, b in zip(r.lines, r.lines[1:], strict=False)]
    if not pairs:
        return 0.0
    by_line = sum(1 for a, b in pairs if rank[id(b)] == rank[id(a)] + 1) / len(pairs)
    body_runs = sorted(
        (r for r in runs if abs(r.size - body) <= 0.07 * body and len(r.lines) >= 2), key=lambda r: r.top
    )
    ordered = total = 0
    for i, a in enumerate(body_runs):
        for b in body_runs[i + 1 :]:
            if b.top - a.bottom > 4 * body:
                continue
            if b.top >= a.bottom - 1 and _overlap(a.x0, a.x1, b.x0, b.x1) >= 0.5 * min(
                a.x1 - a.x0, b.x1 - b.x0
            ):
                total += 1
                ordered += a.seq < b.seq
                break
    by_piece = 1 - (total - ordered) / max(total, 6)  # a page with few pieces proves little
    return min(by_line, by_piece)


def _furniture_limits(lines: list[Line], hrules: list[Box]) -> tuple[float, float]:
    """The page-wide rules that close off the header and the footer, if any."""
    header_y, footer_y = float("-inf"), float("inf")
    for r in sorted(hrules, key=lambda r: r[1]):
        above = [ln for ln in lines if ln.bottom <= r[1] + 1]
        if above and len({round(ln.top) for ln in above}) <= 3 and len(above) < 0.1 * len(lines):
            header_y = r[1] + 1
        break
    for r in sorted(hrules, key=lambda r: -r[1]):
        below = [ln for ln in lines if ln.top >= r[1] - 1]
        if below and len({round(ln.top) for ln in below}) <= 2 and len(below) < 0.1 * len(lines):
            footer_y = r[1] - 1
        break
    # No rule: the top and bottom rows are furniture when they read like it (a date line, a page
    # label, editor credits), which is how they are recognised in context.
    rows = _rows(lines)
    if header_y == float("-inf") and len(rows) > 2:
        for k, row in enumerate(rows[:2]):
            if any(FURNITURE.search(ln.text) for ln in row):
                header_y = max(ln.bottom for ln in rows[k]) + 0.5
    if footer_y == float("inf") and len(rows) > 2:
        row = rows[-1]
        folio = PAGE_NUMBER.fullmatch("".join(ln.text for ln in row))
        if folio or any(FURNITURE.search(ln.text) for ln in row):
            footer_y = min(ln.top for ln in row) - 0.5
    return header_y, footer_y


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by vertical overlap into rows, top to bottom; each row left to right."""
    rows: list[list[Line]] = []
    bottom = float("-inf")
    for ln in sorted(lines, key=lambda ln: ln.top):
        if rows and ln.top < bottom - 0.2 * ln.size:
            rows[-1].append(ln)
            bottom = max(bottom, ln.bottom)
        else:
            rows.append([ln])
            bottom = ln.bottom
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _aside(a: Line, b: Line) -> bool:
    """One of two lines is a glyph or two set off to the side of the other (a vertical name or
    headline OCR read as stacked glyphs beside a column), not its paragraph's short last line,
    which starts at the column's left edge."""
    short, other = (a, b) if len(a.text) <= len(b.text) else (b, a)
    return len(short.text) <= 2 < len(other.text) and short.x0 > other.x0 + 2 * short.size


def _runs(lines: list[Line], scanned: bool = False) -> list[Run]:
    runs: list[Run] = []
    active: list[Run] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        active = [r for r in active if ln.top - r.bottom < 2 * ln.size]
        home = None
        for r in active:
            last = r.lines[-1]
            if abs(last.size - ln.size) > 0.08 * ln.size:
                continue
            if not (-0.3 * ln.size <= ln.top - last.bottom <= 1.0 * ln.size):
                continue
            if scanned and _aside(last, ln):
                continue
            if _overlap(last.x0, last.x1, ln.x0, ln.x1) >= 0.5 * min(last.width, ln.width):
                home = r
                break
        if home is None:
            home = Run([ln])
            runs.append(home)
            active.append(home)
        else:
            home.lines.append(ln)
    return runs


def _join_display_lines(runs: list[Run], body: float) -> list[Run]:
    """Display type (headlines, subheads) set on two or more centred lines of unequal length: a
    line right under another of the same size that overlaps it at all continues it."""
    out: list[Run] = []
    for r in sorted(runs, key=lambda r: r.top):
        if r.size >= 1.3 * body:
            for o in out:
                if (
                    abs(o.size - r.size) <= 0.08 * r.size
                    and -0.3 * r.size <= r.top - o.bottom <= 0.8 * r.size
                    and _overlap(o.x0, o.x1, r.x0, r.x1) > 0
                ):
                    o.lines.extend(r.lines)
                    break
            else:
                out.append(r)
        else:
            out.append(r)
    return out


def _body_size(runs: list[Run]) -> float:
    count: Counter[float] = Counter()
    for r in runs:
        for ln in r.lines:
            count[round(ln.size, 1)] += len(ln.text)
    return count.most_common(1)[0][0]


def _inside_box(b: Box, box: Box, slack: float = 2.0) -> bool:
    return (
        b[0] >= box[0] - slack
        and b[2] <= box[2] + slack
        and b[1] >= box[1] - slack
        and b[3] <= box[3] + slack
    )


def _inside(r: Run, box: Box, slack: float = 2.0) -> bool:
    return _inside_box((r.x0, r.top, r.x1, r.bottom), box, slack)


def _background(fig: Box, runs: list[Run], body: float) -> bool:
    """An image or tint printed behind body text (a page decoration, a tinted box), not a figure
    with a caption: body-sized lines of text lie on it."""
    inside = 0
    for r in runs:
        if abs(r.size - body) <= 0.07 * body and _inside(r, fig):
            inside += len(r.lines)
            if inside >= 3:
                return True
    return False


def _banner(r: Run, fig: Box, runs: list[Run]) -> bool:
    return _inside(r, fig) and not any(o is not r and _inside(o, fig) for o in runs)


def _article_boxes(runs: list[Run], body: float, frames: list[Box]) -> list[Box]:
    """Framed inset boxes that are articles of their own (a headline inside, or more text than a
    pull quote holds); marks their runs with the box's index."""
    boxes: list[Box] = []
    for f in sorted(frames, key=lambda f: (f[1], f[0])):
        inside = [r for r in runs if r.box < 0 and _inside(r, f)]
        lines = sum(len(r.lines) for r in inside)
        if any(r.size >= 1.5 * body for r in inside) or lines >= 12:
            for r in inside:
                r.box = len(boxes)
            boxes.append(f)
    return boxes


def _assign_roles(runs: list[Run], body: float, figures: list[Box], frames: list[Box]) -> None:
    """Quotes (inside a frame that is not an article box) and headlines (much larger than body
    text). A headline-sized line set inside a column, with the column's text right above and
    right below it, is a subhead."""
    for r in runs:
        if r.box < 0 and any(_inside(r, f) for f in frames):
            r.role = "quote"
        elif r.size >= 1.5 * body and len(r.lines) == 1 and any(_banner(r, f, runs) for f in figures):
            r.role = "quote"  # a slogan banner: display type alone on a tint, governs no text
        elif r.size >= 1.5 * body:
            r.role = "headline"
    cols = sorted(r.x1 - r.x0 for r in runs if r.role == "body" and len(r.lines) >= 3)
    if not cols:
        return
    col = cols[len(cols) // 2]
    flow = [r for r in runs if r.role == "body" and abs(r.size - body) <= 0.07 * body]

    def next_to(r: Run, other: Run, above: bool) -> bool:
        gap = r.top - other.bottom if above else other.top - r.bottom
        width = min(r.x1 - r.x0, other.x1 - other.x0)
        return -1 <= gap <= SUBHEAD_GAP * body and _overlap(r.x0, r.x1, other.x0, other.x1) >= 0.5 * width

    heads = [r for r in runs if r.role == "headline"]
    for r in runs:
        if r.role == "headline" and r.size < 1.8 * body and len(r.lines) <= 4 and r.x1 - r.x0 <= 1.15 * col:
            above = any(next_to(r, o, True) for o in flow)
            below = any(next_to(r, o, False) for o in flow)
            # text above and below it, or text on one side and a larger headline above it (a
            # subhead at the head or at the foot of a column)
            if (above and below) or (
                (above or below)
                and any(
                    h.size >= 1.3 * r.size and h.bottom <= r.top and _overlap(h.x0, h.x1, r.x0, r.x1) > 0
                    for h in heads
                )
            ):
                r.role = "heading"


def _headline_context(region: list[Run], body: float, scanned: bool = False) -> None:
    """Subtitle and byline: the runs stacked directly under a headline, within its zone (on an
    OCR'd page, ``scanned``, also under the headline itself: OCR reads the display type of a
    sidebar graphic beside it as text)."""
    same = lambda s: abs(s - body) <= 0.07 * body  # noqa: E731
    heads = sorted((r for r in region if r.role == "headline"), key=lambda r: -r.size)
    subtitle_of: dict[int, Run] = {}
    for h in heads:  # a smaller headline-sized run right under a headline is its subtitle
        if h.role != "headline":
            continue
        for r in heads:
            if (
                r.role == "headline"
                and r.size < 0.85 * h.size
                and -1 <= r.top - h.bottom <= 0.8 * r.size
                and _overlap(h.x0, h.x1, r.x0, r.x1) > 0
                and id(h) not in subtitle_of
            ):
                r.role, r.owner = "subtitle", h
                subtitle_of[id(h)] = r
    for h in heads:  # a kicker (引题): display type set right above the headline
        if h.role != "headline":
            continue
        above = [
            r
            for r in region
            if r.role in ("body", "headline")
            and r is not h
            and r.size < 0.85 * h.size
            and (r.size > body * 1.05 or abs((r.x0 + r.x1) - (h.x0 + h.x1)) / 2 < 0.05 * (h.x1 - h.x0))
            and len(r.lines) <= 2
            and -1 <= h.top - r.bottom <= 0.8 * h.size
            and _overlap(h.x0, h.x1, r.x0, r.x1) > 0.5 * min(h.x1 - h.x0, r.x1 - r.x0)
        ]
        if above:
            kicker = max(above, key=lambda r: r.bottom)
            for r in above:  # a kicker set in two parts on one row (疏堵结合　强化管理)
                if abs(r.top - kicker.top) < 0.3 * kicker.size:
                    r.role, r.owner = "subtitle", h
    bands = _bands([r for r in region if r.role == "headline"], region)
    for band in bands:
        for h in band:
            lo, hi = _zone(h, band)
            sub = subtitle_of.get(id(h))
            y, taken_sub = (sub.bottom, True) if sub else (h.bottom, False)
            # Columns running beside a headline that spans part of its zone are not under it.
            beside = [r for r in region if r.role == "body" and r.top < h.bottom - 1 and r.bottom > h.top]
            for _ in range(3):
                below = [
                    r
                    for r in region
                    if r.role == "body"
                    and lo <= (r.x0 + r.x1) / 2 <= hi
                    and not any(_overlap(b.x0, b.x1, r.x0, r.x1) > 0.3 * (r.x1 - r.x0) for b in beside)
                    and -1 <= r.top - y <= 3 * body
                    and (not scanned or _overlap(h.x0, h.x1, r.x0, r.x1) > 0)
                ]
                if not below:
                    break
                r = min(below, key=lambda r: (r.top, r.x0))
                centred = abs((r.x0 + r.x1) - (h.x0 + h.x1)) / 2 < 0.05 * (h.x1 - h.x0) and len(r.lines) <= 2
                if scanned and len(r.lines) > (3 if r.size > body else 1):
                    break  # a subtitle is a few lines and a byline one, not a column of text
                if same(r.size) and not r.lines[0].bold:
                    if taken_sub or not centred:
                        break
                    r.role = "subtitle"  # a body-sized subtitle, centred under the headline
                elif r.size > body and not taken_sub:
                    r.role = "subtitle"
                elif r.size < body:
                    r.role = "byline"
                else:
                    break
                taken_sub = taken_sub or r.role == "subtitle"
                r.owner = h
                y = r.bottom


def _captions(
    runs: list[Run], body: float, figures: list[Box], *, above_too: bool, body_font: str = ""
) -> None:
    """Small text right under a figure (image or filled box) is its caption, and so is body-sized
    text there set in another face than the body; with ``above_too`` also small text right over
    a figure (checked after bylines, which may sit over a photo)."""
    for r in runs:
        if r.role != "body":
            continue
        small = r.size < 0.95 * body
        other_face = body_font and r.lines[0].font != body_font and r.size < 1.08 * body and len(r.lines) <= 3
        if not (small or other_face):
            continue
        for f in figures:
            if _overlap(f[0], f[2], r.x0, r.x1) <= 0:
                continue
            # under it (its first line may dip into the figure's box, as browsers draw them)
            under = r.top >= (f[1] + f[3]) / 2 and -0.9 * r.size <= r.top - f[3] <= 2 * r.size
            if under or (small and above_too and -1 <= f[1] - r.bottom <= 2 * r.size):
                r.role = "caption"
                break


def _chart_labels(runs: list[Run], body: float, figures: list[Box]) -> None:
    """Text drawn in a chart (category labels, values next to the bars) is the chart's own block
    (role ``figure``), never part of a sentence. A chart shows as two or more filled bars of one
    orientation close together; its labels are short lines right beside or under a bar."""
    bars = [f for f in figures if min(f[2] - f[0], f[3] - f[1]) <= 2.5 * body]
    charted = [
        b
        for b in bars
        if any(
            o is not b
            and (_overlap(b[0], b[2], o[0], o[2]) > 0 or _overlap(b[1], b[3], o[1], o[3]) > 0)
            and max(o[0] - b[2], b[0] - o[2], o[1] - b[3], b[1] - o[3]) <= 3 * body
            for o in bars
        )
    ]
    if not charted:
        return

    def label(ln: Line) -> bool:
        if len(ln.text) > 8 or ln.size > 1.05 * body:
            return False
        for b in charted:
            beside = (
                _overlap(b[1], b[3], ln.top, ln.bottom) > 0
                and max(b[0] - ln.x1, ln.x0 - b[2]) <= 1.5 * ln.size
            )
            under = (
                _overlap(b[0], b[2], ln.x0, ln.x1) > 0
                and max(b[1] - ln.bottom, ln.top - b[3]) <= 1.5 * ln.size
            )
            if beside or under:
                return True
        return False

    for r in runs:
        if r.role == "body" and all(label(ln) for ln in r.lines):
            r.role = "figure"


def _body_font(runs: list[Run], body: float) -> str:
    count: Counter[str] = Counter()
    for r in runs:
        if abs(r.size - body) <= 0.07 * body:
            for ln in r.lines:
                count[ln.font] += len(ln.text)
    return count.most_common(1)[0][0] if count else ""


def _subheads(runs: list[Run], body: float) -> None:
    """Subheads: short runs among the columns, larger than body text or bold."""
    for r in runs:
        if r.role == "body" and r.size >= 0.95 * body:
            if (r.size >= 1.08 * body or r.lines[0].bold) and len(r.lines) <= 4:
                r.role = "heading"


def _xy_cut(runs: list[Run], seps: list[Box]) -> list[list[Run]]:
    """Split runs into regions along separator rules, in reading order."""
    if not runs or not seps:
        return [runs] if runs else []
    x0 = min(r.x0 for r in runs)
    x1 = max(r.x1 for r in runs)
    top = min(r.top for r in runs)
    bottom = max(r.bottom for r in runs)
    for s in sorted(seps, key=lambda s: s[1]):  # horizontal: across most of the region
        if s[3] - s[1] < 2 and _overlap(s[0], s[2], x0, x1) >= 0.8 * (x1 - x0) and top < s[1] < bottom:
            above = [r for r in runs if r.bottom <= s[1] + 1]
            below = [r for r in runs if r.bottom > s[1] + 1]
            if above and below:
                return _xy_cut(above, seps) + _xy_cut(below, seps)
    for s in sorted(seps, key=lambda s: s[0]):  # vertical: down most of the region
        if s[2] - s[0] < 2 and _overlap(s[1], s[3], top, bottom) >= 0.5 * (bottom - top) and x0 < s[0] < x1:
            lft = [r for r in runs if r.x1 <= s[0] + 1]
            rgt = [r for r in runs if r.x1 > s[0] + 1]
            if lft and rgt:
                return _xy_cut(lft, seps) + _xy_cut(rgt, seps)
    return [runs]


def _bands(heads: list[Run], region: list[Run]) -> list[list[Run]]:
    """Headlines grouped into bands of side-by-side ones, each band left to right, bands top to
    bottom. A headline's extent includes its kicker, subtitle and byline (its owned runs), so a
    headline with a kicker still shares a band with its neighbour."""
    extent = {id(h): (h.top, h.bottom) for h in heads}
    for r in region:
        if r.owner is not None and id(r.owner) in extent:
            t, b = extent[id(r.owner)]
            extent[id(r.owner)] = (min(t, r.top), max(b, r.bottom))
    bands: list[list[Run]] = []
    band_bottom = float("-inf")
    for h in sorted(heads, key=lambda r: extent[id(r)][0]):
        top, bottom = extent[id(h)]
        if bands and top < band_bottom:
            bands[-1].append(h)
            band_bottom = max(band_bottom, bottom)
        else:
            bands.append([h])
            band_bottom = bottom
    for band in bands:
        band.sort(key=lambda h: h.x0)
    return bands


def _zone(h: Run, band: list[Run]) -> tuple[float, float]:
    """The x-range a headline owns in its band: halfway to its neighbours."""
    k = next(i for i, x in enumerate(band) if x is h)
    lo = (band[k - 1].x1 + h.x0) / 2 if k > 0 else float("-inf")
    hi = (h.x1 + band[k + 1].x0) / 2 if k + 1 < len(band) else float("inf")
    return lo, hi


def _split_by_headlines(region: list[Run], scanned: bool = False) -> list[list[Run]]:
    """One group of runs per headline. Headlines on one band (side by side) share the band's
    width: a run belongs to the band above it, and within the band to the headline whose zone
    (split halfway between neighbouring headlines) holds the run's centre.

    ``scanned`` (a page read by OCR, which also reads the display type inside pictures and
    infographics: a figure's "25.6万人" set large): a run belongs to the lowest band above it
    that has a headline (with its kicker, subtitle and byline) over its own x-range, give or
    take two body glyphs; only when no band above reaches it, to the band right above it."""
    heads = sorted((r for r in region if r.role == "headline"), key=lambda r: r.top)
    if len(heads) <= 1:
        return [region]
    bands = _bands(heads, region)
    groups: dict[int, list[Run]] = {id(h): [h] for h in heads}
    in_band: dict[int, list[Run]] = {id(b[0]): [] for b in bands}
    # A band starts at its highest headline or kicker.
    band_top = [min([h.top for h in b] + [r.top for r in region if r.owner in b]) for b in bands]
    reach: dict[int, list[tuple[float, float]]] = {}  # per band: its headlines' x-ranges
    if scanned:
        slack = 2 * min(r.size for r in region)
        for b in bands:
            owned = [r for r in region if r in b or r.owner in b]
            reach[id(b[0])] = [(r.x0 - slack, r.x1 + slack) for r in owned]
    for r in region:
        if r.role == "headline" and id(r) in groups:
            continue
        if r.owner is not None and id(r.owner) in groups:
            groups[id(r.owner)].append(r)
            continue
        band = reaching = None
        for b, top in zip(bands, band_top, strict=True):
            if top <= r.top + 0.5 * min(h.size for h in b):
                band = b
                if scanned and any(_overlap(e[0], e[1], r.x0, r.x1) > 0 for e in reach[id(b[0])]):
                    reaching = b
        band = reaching or band or bands[0]
        in_band[id(band[0])].append(r)
    for band in bands:
        # Whole columns go to one headline: the zone that holds the column's centre.
        for col in _columns(in_band[id(band[0])], scanned):
            mids = sorted((r.x0 + r.x1) / 2 for r in col)
            mid = mids[len(mids) // 2]
            k = 0
            while k + 1 < len(band) and mid > (band[k].x1 + band[k + 1].x0) / 2:
                k += 1
            groups[id(band[k])].extend(col)
    return [groups[id(h)] for band in bands for h in band if groups[id(h)]]


def _stream_groups(runs: list[Run], body: float) -> list[list[Run]]:
    """Articles when the stream is coherent: each headline with its kicker, subtitle and byline;
    the text walked in stream order. A piece of text joins the article whose headline is the
    nearest one above it (x-overlapping), unless the stream already left that article (a
    coherent stream writes an article in one go): then it stays in the article the stream is in,
    which is how a column running beside another article's headline band, or continuing under
    it, finds its article. Text with no headline above it stays with the stream's article."""
    heads = [r for r in runs if r.role == "headline"]
    extent: dict[int, list[float]] = {id(h): [h.x0, h.top, h.x1, h.bottom] for h in heads}
    for r in runs:
        if r.owner is not None and id(r.owner) in extent:
            e = extent[id(r.owner)]
            e[0], e[1], e[2], e[3] = min(e[0], r.x0), min(e[1], r.top), max(e[2], r.x1), max(e[3], r.bottom)

    def governed_by(r: Run) -> Run | None:
        best, key = None, None
        for h in heads:
            e = extent[id(h)]
            ov = _overlap(e[0], e[2], r.x0, r.x1)
            if _vertical(h):  # a vertical headline governs the text set beside it
                beside = _overlap(e[1], e[3], r.top, r.bottom) > 0 and ov > -VERTICAL_BESIDE * body
                k = (float("-inf"), ov) if beside else None  # only where no headline is above
            elif e[3] <= r.top + 1 and ov > 0.2 * min(r.x1 - r.x0, e[2] - e[0]):
                k = (e[3], ov)
            else:
                k = None
            if k is not None:
                if key is None or k > key:
                    best, key = h, k
        return best

    groups: dict[int, list[Run]] = {id(h): [h] for h in heads}
    headless: list[list[Run]] = []
    current: list[Run] | None = None
    left: set[int] = set()
    tail = ""  # the end of the text the stream wrote last: an author note there closes the article
    for r in sorted(runs, key=lambda r: r.seq):
        if r.role == "headline":
            continue
        if r.owner is not None and id(r.owner) in groups:
            groups[id(r.owner)].append(r)
            continue
        h = governed_by(r)
        flow = r.role in ("body", "heading")
        if not flow:  # captions, quotes: the article above them, else the stream's
            target = groups[id(h)] if h is not None else current
        elif h is not None and groups[id(h)] is not current and id(h) not in left:
            target = groups[id(h)]
        elif current is None or CLOSING.search(tail):
            headless.append([])
            target = headless[-1]
        else:
            target = current
        if target is None:
            headless.append([])
            target = headless[-1]
        if flow:
            if current is not None and target is not current:
                left.update(k for k, g in groups.items() if g is current)
            current = target
            tail = (tail + r.text())[-80:]
        target.append(r)
    # A headline that governs no text (set beside its article, vertical) goes to the nearest
    # article without a headline.
    for h in heads:
        if any(r.role in ("body", "heading") for r in groups[id(h)]) or not headless:
            continue
        near = min(headless, key=lambda g: _distance(h, g))
        if not any(r.role == "headline" for r in near):
            near.extend(groups.pop(id(h)))
    _join_cut_paragraphs(list(groups.values()), headless)
    return [g for g in [*groups.values(), *headless] if g]


_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*$|[）)]$")


def _join_cut_paragraphs(headed: list[list[Run]], headless: list[list[Run]]) -> None:
    """A headless article whose text stops mid-sentence, where the stream goes straight on into a
    headline's article, is that article's opening (a column set beside its headline band, drawn
    before the band): a sentence is never cut between two articles."""
    flow = sorted(
        (r for g in [*headed, *headless] for r in g if r.role in ("body", "heading")), key=lambda r: r.seq
    )
    owner = {id(r): g for g in [*headed, *headless] for r in g}
    for g in headless:
        mine = [r for r in g if r.role in ("body", "heading")]
        if not mine or any(CONTINUATION.match(ln.text) for r in mine for ln in r.lines):
            continue
        last = max(mine, key=lambda r: r.seq)
        if _SENTENCE_END.search(last.text().rstrip()):
            continue
        after = [r for r in flow if r.seq > last.seq]
        target = owner[id(after[0])] if after else None
        if target is not None and target is not g and any(r.role == "headline" for r in target):
            target.extend(g)
            g.clear()


def _join_column_feet(articles: list[PageArticle], body: float, frames: list[Box] = ()) -> None:
    """On an OCR'd page: a body paragraph that stops mid-sentence at the foot of a column goes on
    at the top of the next column to its right, even where the articles were split wrongly there
    (display type read in a picture, a headline band misjudged): a sentence is never cut at a
    column's foot. The continuation is the nearest body paragraph to the right whose first line
    starts higher up, with no body text right above it and no first-line indent; it is moved to
    the end of the cut paragraph. Text never goes on into or out of a frame (a boxed article)."""
    blocks = [(a, b) for a in articles for b in a.blocks if b.role == "body"]

    def framed(box: Box) -> int:
        return next((k for k, f in enumerate(frames) if _inside_box(box, f)), -1)

    lines = [box for _, b in blocks for box in b.boxes]

    def free(box: Box, above: bool) -> bool:  # no body line right above (below) it in its column
        for o in lines:
            if o is box or _overlap(o[0], o[2], box[0], box[2]) <= 0.3 * (box[2] - box[0]):
                continue
            gap = box[1] - o[3] if above else o[1] - box[3]
            if -0.3 * body <= gap <= 1.5 * body:
                return False
        return True

    moved: set[int] = set()
    for _art, cut in blocks:
        if id(cut) in moved or _SENTENCE_END.search(cut.text.rstrip()) or CONTINUATION.match(cut.text):
            continue
        last = cut.boxes[-1]
        width = max(b[2] - b[0] for b in cut.boxes)
        if not free(last, above=False):
            continue
        best = None
        for other_art, cont in blocks:
            first = cont.boxes[0]
            if (
                cont is cut
                or id(cont) in moved
                or not (last[2] - 0.3 * width < first[0] <= last[0] + 2.5 * width)
            ):
                continue
            if first[1] >= last[1] or not free(first, above=True) or framed(first) != framed(last):
                continue
            rest = cont.boxes[1:]
            if rest and first[0] > min(b[0] for b in rest) + 0.5 * body:  # indented: a paragraph's start
                continue
            key = (first[0] - last[0], first[1])
            if best is None or key < best[0]:
                best = (key, other_art, cont)
        if best is None:
            continue
        _, other_art, cont = best
        other_art.blocks.remove(cont)
        cut.text += (" " if joins_with_space(cut.text, cont.text) else "") + cont.text
        cut.boxes = cut.boxes + cont.boxes
        moved.add(id(cont))


def _vertical(r: Run) -> bool:
    """Text set top to bottom: a stack of lines of one or two upright glyphs each."""
    return len(r.lines) >= 3 and all(len(ln.text) <= 2 for ln in r.lines)


def _distance(h: Run, group: list[Run]) -> float:
    x0, x1 = min(r.x0 for r in group), max(r.x1 for r in group)
    top, bottom = min(r.top for r in group), max(r.bottom for r in group)
    dx = max(0.0, x0 - h.x1, h.x0 - x1)
    dy = max(0.0, top - h.bottom, h.top - bottom)
    return dx + dy


def _columns(runs: list[Run], scanned: bool = False) -> list[list[Run]]:
    """Cluster runs into columns by horizontal overlap, left to right.

    Columns are found from body runs of ordinary width; a run wider than that (a subhead or
    a stray line spanning two columns) joins the column it overlaps most, so it cannot fuse two.
    On an OCR'd page (``scanned``) a wide run that overlaps no column (text read in a sidebar
    graphic) is a column of its own, never the nearest one's.
    """
    body = [r for r in runs if r.role == "body"]
    widths = sorted(r.x1 - r.x0 for r in body) or sorted(r.x1 - r.x0 for r in runs)
    typical = widths[len(widths) // 2] if widths else 0.0
    narrow = [r for r in runs if r.x1 - r.x0 <= 1.3 * typical] or runs
    cols: list[list] = []  # [x0, x1, members]
    for r in sorted(narrow, key=lambda r: r.x0):
        if cols:
            c = cols[-1]
            if _overlap(c[0], c[1], r.x0, r.x1) >= 0.3 * min(c[1] - c[0], r.x1 - r.x0):
                c[1] = max(c[1], r.x1)
                c[2].append(r)
                continue
        cols.append([r.x0, r.x1, [r]])
    chosen = set(map(id, narrow))
    for r in runs:
        if id(r) not in chosen:
            best = max(cols, key=lambda c: _overlap(c[0], c[1], r.x0, r.x1))
            if scanned and _overlap(best[0], best[1], r.x0, r.x1) <= 0:
                cols.append([r.x0, r.x1, [r]])
                continue
            best[2].append(r)
    return [sorted(c[2], key=lambda r: r.top) for c in sorted(cols, key=lambda c: c[0])]


def _reverses_geometry(pieces: list[Run], column_of: dict[int, int]) -> bool:
    """Whether a stream order of one article's text pieces reads against its geometry: a piece
    drawn before one set above it in the same column, or before one in a column to its left on
    the same level (Chinese horizontal text reads down each column, columns left to right). Only
    body pieces of some length count: a name or note set apart (an author's name beside the
    headline, drawn last) proves nothing."""
    pieces = [r for r in pieces if r.role == "body" and len(r.text()) >= REVERSAL_MIN_CHARS]
    for i, a in enumerate(pieces):
        for b in pieces[i + 1 :]:
            ca, cb = column_of[id(a)], column_of[id(b)]
            if ca == cb and b.bottom <= a.top + 1:
                return True
            if cb < ca and _overlap(a.top, a.bottom, b.top, b.bottom) > 0 and b.x1 <= a.x0 + 1:
                return True
    return False


def _order_article(group: list[Run], art: PageArticle, index: int, body: float, stream: bool = False) -> None:
    top_roles = ("headline", "subtitle", "byline")
    for r in sorted((r for r in group if r.role in top_roles), key=lambda r: (r.top, r.x0)):
        art.blocks.append(PageBlock(r.role, r.text(), [_box(ln) for ln in r.lines], index))
    flow = [r for r in group if r.role in ("body", "heading")]
    paras: list[tuple[str, list[Line]]] = []
    lefts: list[tuple[float, Run]] = []  # each run with its column's left edge (for indents)
    column_of: dict[int, int] = {}
    right_of: dict[int, float] = {}  # each line's column's right edge
    for i, col in enumerate(_columns(flow)):
        body_lines = [ln for r in col if r.role == "body" for ln in r.lines]
        left = min((ln.x0 for ln in body_lines), default=0.0)
        right = max((ln.x1 for ln in body_lines), default=0.0)
        lefts += [(left, r) for r in col]
        column_of.update((id(r), i) for r in col)
        right_of.update((id(ln), right) for r in col for ln in r.lines)
    # The stream's order of the column pieces, unless it reverses the geometry inside the article
    # (then geometry's: columns left to right, each top to bottom).
    if stream and not _reverses_geometry(sorted((r for _, r in lefts), key=lambda r: r.seq), column_of):
        lefts.sort(key=lambda p: p[1].seq)
    for left, r in lefts:
        if r.role == "heading":
            paras.append(("heading", list(r.lines)))
            continue
        for ln in r.lines:
            note = bool(CONTINUATION.match(ln.text))
            prev = paras[-1] if paras else None
            indent = ln.x0 > left + 0.9 * ln.size
            if indent and prev is not None and prev[0] == "body" and ln.x0 <= left + 3.5 * ln.size:
                # A block indented as a whole (a quoted passage): a line left of the one above
                # it, or level with it after the paragraph's first line, starts no paragraph.
                last = prev[1][-1]
                if _overlap(last.x0, last.x1, ln.x0, ln.x1) > 0 and (
                    ln.x0 < last.x0 - 0.5 * ln.size
                    or (len(prev[1]) >= 2 and abs(ln.x0 - last.x0) < 0.5 * ln.size)
                ):
                    indent = False
            if ln.x0 > left + 3.5 * ln.size and prev is not None:
                # Far more than a first-line indent: a line set short beside a figure. It goes on
                # with the paragraph when the line before it ran to the same right edge, or, in
                # another column, to its own column's right edge.
                last = prev[1][-1]
                if _overlap(last.x0, last.x1, ln.x0, ln.x1) > 0:
                    indent = last.x1 < ln.x1 - ln.size
                else:
                    indent = last.x1 < right_of.get(id(last), last.x1) - ln.size
            starts = prev is None or prev[0] != "body" or note or indent
            if starts:
                paras.append(("furniture" if note else "body", [ln]))
            else:
                prev[1].append(ln)
    for role, lines in paras:
        text = join_lines(lines)
        if role == "furniture":
            if "上" in text[:3] or "接" in text[:3]:
                art.continued_from = text
            else:
                art.continues_to = text
        art.blocks.append(PageBlock(role, text, [_box(ln) for ln in lines], index))
    for r in sorted((r for r in group if r.role == "quote"), key=lambda r: (r.top, r.x0)):
        art.blocks.append(PageBlock("quote", r.text(), [_box(ln) for ln in r.lines], index))
    # Captions, credit lines and charts: in stream order when the stream decides, else by place.
    # A chart's labels make one block, read row by row ("2022年131 2023年147").
    side = [r for r in group if r.role in ("caption", "figure")]
    chart = [ln for r in side if r.role == "figure" for ln in r.lines]
    pieces: list[tuple[str, list[Line]]] = []
    if chart:
        pieces.append(("figure", [ln for row in _rows(chart) for ln in row]))
    for r in side:
        if r.role == "caption":  # a credit line (制图：, 数据来源：) is a block of its own
            for ln in r.lines:
                if (
                    pieces
                    and pieces[-1][0] == "caption"
                    and pieces[-1][1][-1] in r.lines
                    and not CREDIT.match(ln.text)
                ):
                    pieces[-1][1].append(ln)
                else:
                    pieces.append(("caption", [ln]))
    key = (lambda p: min(ln.seq for ln in p[1])) if stream else (lambda p: (p[1][0].top, p[1][0].x0))
    for role, lines in sorted(pieces, key=key):
        art.blocks.append(PageBlock(role, join_lines(lines), [_box(ln) for ln in lines], index))
