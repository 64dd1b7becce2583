"""Characters -> text lines, with CJK-aware spacing.

pdfplumber synthesises a space wherever two glyphs are further apart than ``x_tolerance``, which
turns letter-spaced or justified Chinese into "着 力 加 强". Here a space is only ever written
between two non-CJK glyphs (Latin words, numbers) that are visibly apart.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from statistics import median


def is_cjk(ch: str) -> bool:
    """CJK ideographs, radicals, CJK and full-width punctuation and forms."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x303F  # radicals, Kangxi, CJK symbols and punctuation
        or 0x3040 <= o <= 0x9FFF  # kana, CJK ideographs (incl. extension A)
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x3FFFF
        or ch in "“”‘’—…·□■○●◆◇"
    )


def joins_with_space(left: str, right: str) -> bool:
    """Whether two text pieces that meet at a gap or a line break need a space between them."""
    return bool(left) and bool(right) and not is_cjk(left[-1]) and not is_cjk(right[0])


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    font: str = ""  # the font name (subset prefix removed) of the line's first glyph
    seq: int = 0  # content-stream position of the line's first-drawn glyph (pdfplumber's char order)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


_BOLD = ("bold", "black", "heavy")


def _make_line(chars: list[dict]) -> Line:
    parts: list[str] = []
    size = median(c["size"] for c in chars)
    # Letter spacing (and justification) widens every gap of the line alike: a space is a gap
    # visibly wider than the line's own spacing, so "2 0 2 4" set letter-spaced reads 2024.
    gaps = [chars[i]["x0"] - chars[i - 1]["x1"] for i in range(1, len(chars))]
    spacing = max(0.0, min(median(gaps), 0.5 * size)) if len(gaps) >= 3 else 0.0
    prev = None
    for c in chars:
        t = c["text"]
        if (
            prev is not None
            and c["x0"] - prev["x1"] > spacing + 0.15 * size
            and joins_with_space(prev["text"], t)
        ):
            parts.append(" ")
        parts.append(t)
        prev = c
    name = chars[0]["fontname"].lower().split("+")[-1]
    return Line(
        text="".join(parts),
        x0=min(c["x0"] for c in chars),
        x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        size=size,
        bold=any(b in name for b in _BOLD),
        font=name,
        seq=min(c.get("seq", 0) for c in chars),
    )


def chars_to_lines(chars: list[dict], vrules: list[tuple[float, float, float]] = ()) -> list[Line]:
    """Group upright, non-blank characters into line fragments.

    Characters share a line when their baselines agree (within a third of their size) and their
    sizes agree; a fragment ends where a horizontal gap exceeds the row's usual letter spacing by
    most of a glyph: a column gutter or a separate item on the same baseline. A vertical rule
    ``(x, top, bottom)`` crossing a gap always ends the fragment.
    """
    chars = sorted(
        _onto_stream_baselines([c for c in chars if c["upright"] and c["text"].strip()]),
        key=lambda c: (c["bottom"], c["x0"]),
    )
    rows: list[list[dict]] = []
    for c in chars:
        if rows and c["bottom"] - rows[-1][0]["bottom"] <= 0.3 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    # Each row split by glyph size; gutters are looked for among rows set in the same size.
    groups_of = [_split_sizes(row) for row in rows]
    bottoms = [row[0]["bottom"] for row in rows]
    span_cache: dict[int, list[tuple[float, _RowSpans]]] = {}

    def spans(j: int) -> list[tuple[float, _RowSpans]]:  # built only for rows that are asked about
        if j not in span_cache:
            span_cache[j] = [(g[0]["size"], _RowSpans(g)) for g in groups_of[j]]
        return span_cache[j]

    def near_rows(k: int, size0: float) -> list[_RowSpans]:
        reach = 3 * size0  # the same-size rows within three glyph heights, above and below
        lo = bisect_left(bottoms, bottoms[k] - reach)
        hi = bisect_left(bottoms, bottoms[k] + reach + 0.01)
        return [sp for j in range(lo, hi) if j != k for sz, sp in spans(j) if abs(sz - size0) <= 0.06 * size0]

    def any_size_rows(k: int, size0: float) -> list[_RowSpans]:  # the rows just above and below
        lo = bisect_left(bottoms, bottoms[k] - 2 * size0)
        hi = bisect_left(bottoms, bottoms[k] + 2 * size0 + 0.01)
        return [sp for j in range(lo, hi) if j != k for _, sp in spans(j)]

    frags: list[list[dict]] = []
    for k in range(len(rows)):
        for group in groups_of[k]:
            near = None
            group = _dedupe(_in_line_order(group))
            gaps = [max(0.0, group[i]["x0"] - group[i - 1]["x1"]) for i in range(1, len(group))]
            # Letter-spaced text widens every gap: measure the row's own spacing first.
            # (capped: in a row of few glyphs the median may be the very gutter being tested).
            spacing = min(median(gaps), 0.6 * group[0]["size"]) if gaps else 0.0
            start = 0
            for i in range(1, len(group)):
                gap, size = gaps[i - 1], group[i]["size"]
                wide = gap > spacing + 0.8 * size
                # inside one line OCR detected, or between two glyphs the content stream draws
                # one after the other, a wide gap is a gutter only as the rows around show it (a
                # channel); else it is a glyph the recogniser dropped (a rare one) or a space
                # inside the line (a title's full-width space: 《共担…责任　共促…》)
                # The channel is looked for about the gap's middle: an OCR'd glyph box is placed
                # within about a quarter em (its recognition column), so the gap's edges in two
                # rows of one column pair differ by up to that much each.
                if wide and gap <= 2.5 * size and _one_line(group[i - 1], group[i]):
                    mid = (group[i - 1]["x1"] + group[i]["x0"]) / 2
                    half = min(0.2 * size, gap / 2 - 0.25 * size)
                    wide = not any(sp.covers(mid - half, mid + half) for sp in any_size_rows(k, size))
                if not wide and vrules and gap > 0.2 * size:
                    g0, g1, y = group[i - 1]["x1"] - 1, group[i]["x0"] + 1, group[i]["bottom"]
                    wide = any(g0 <= x <= g1 and t <= y and y - size <= b for x, t, b in vrules)
                if not wide and gap > spacing + 0.4 * size:
                    # A gutter is a vertical channel: empty in the rows around, which have text
                    # on both sides of it. Letter spacing is not (the glyphs above fill it).
                    g0, g1 = group[i - 1]["x1"] + 0.5, group[i]["x0"] - 0.5
                    if near is None:
                        near = near_rows(k, group[0]["size"])
                    flanked = [s for s in near if s.covers(g0 - size, g0) and s.covers(g1, g1 + size)]
                    wide = bool(flanked) and not any(s.covers(g0, g1) for s in near)
                if wide:
                    frags.append(group[start:i])
                    start = i
            frags.append(group[start:])
    return [_make_line(f) for f in _rejoin_foreign(frags)]


def _onto_stream_baselines(chars: list[dict]) -> list[dict]:
    """A text-layer glyph the content stream draws between two glyphs of one line, and that is set
    between them across, belongs to that line even where it sits off the line's baseline by up to
    a glyph: a punctuation mark or digit set in a fallback font on another baseline (the ratio
    colons of ``12.7∶50.5∶36.8``), a raised or lowered mark. It is given the line's top and
    bottom (a copy; the other glyphs are returned as they are). OCR'd glyphs carry no ``seq``."""
    by_seq = {c["seq"]: c for c in chars if c.get("seq") is not None}
    if not by_seq:
        return chars
    out = []
    for c in chars:
        seq, size = c.get("seq"), c["size"]
        a, b = (by_seq.get(seq - 1), by_seq.get(seq + 1)) if seq is not None else (None, None)
        if (
            a is not None
            and b is not None
            and abs(a["bottom"] - b["bottom"]) <= 0.3 * size
            and 0.3 * size < abs(c["bottom"] - a["bottom"]) <= size
            and (a["x0"] + a["x1"]) / 2 < (c["x0"] + c["x1"]) / 2 < (b["x0"] + b["x1"]) / 2
        ):
            c = {**c, "top": a["top"], "bottom": a["bottom"]}
        out.append(c)
    return out


def _one_line(a: dict, b: dict) -> bool:
    """Whether two glyphs were set as one line: OCR'd glyphs from one line the detector found
    (``ocr_line``, set by sources/ocr.py; the detector does not run a line across a column
    gutter), or text-layer glyphs the content stream draws one right after the other (``seq``,
    set by the reader; a producer draws a column's line in one go, and two columns' lines apart)."""
    line = a.get("ocr_line")
    if line is not None:
        return line == b.get("ocr_line")
    seq = a.get("seq")
    return seq is not None and b.get("seq") == seq + 1


def _in_line_order(chars: list[dict]) -> list[dict]:
    """Left to right; two glyphs drawn at (almost) one x, such as a colon and an opening quote
    squeezed into one em (：“), keep the order the content stream drew them in."""
    out = sorted(chars, key=lambda c: c["x0"])
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if b["x0"] - a["x0"] < 0.25 * b["size"] and b.get("seq", 0) < a.get("seq", 0):
            out[i - 1], out[i] = b, a
    return out


def _foreign(frag: list[dict]) -> bool:
    """A short run of non-CJK glyphs (digits, Latin, %): what a fallback font sets inside CJK text,
    often in another size or on another baseline."""
    return len(frag) <= 12 and not any(is_cjk(c["text"]) for c in frag)


def _rejoin_foreign(frags: list[list[dict]]) -> list[list[dict]]:
    """Put digits and Latin runs set in a fallback font back into the line their box overlaps.

    Such a run lands in a fragment of its own when its glyph size differs from the line's (split
    by size) or its baseline sits lower or higher (another row), and the line around it is cut
    at the hole it leaves. It belongs to the CJK fragments whose box it overlaps vertically (at
    least half its height) and that end or start within 1.5 glyphs of it, on either side, unless
    the gap between is a gutter (no glyphs over it in the lines just above and below): they are
    joined again, so "2 0 2 4" and "8 6 0人次" stay inside their sentence.
    """
    foreign = [i for i, f in enumerate(frags) if _foreign(f)]
    if not foreign:
        return frags
    boxes = [
        (min(c["top"] for c in f), max(c["bottom"] for c in f), f[0]["x0"], max(c["x1"] for c in f))
        for f in frags
    ]
    sizes = [median(c["size"] for c in f) for f in frags]
    hosts = sorted((boxes[i][0], i) for i, f in enumerate(frags) if not _foreign(f))
    tops = [h[0] for h in hosts]
    reach = max(sizes)
    parent = list(range(len(frags)))

    def covered(span: tuple[float, float], top: float, bottom: float, size: float) -> bool:
        """Whether the lines just above or below have glyphs over the gap (a hole inside a
        column does; a gutter between columns does not)."""
        mid = (span[0] + span[1]) / 2
        lo = bisect_left(tops, top - 3 * size)
        for _t, k in hosts[lo:]:
            b = boxes[k]
            if b[0] > bottom + 3 * size:
                break
            if (b[1] < top - 0.5 * size or b[0] > bottom) and b[2] <= mid <= b[3]:
                return True
        return False

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in foreign:
        top, bottom, x0, x1 = boxes[i]
        sides: dict[str, tuple[float, int]] = {}  # nearest host on the left and on the right
        for k in range(bisect_left(tops, top - reach), len(hosts)):
            j = hosts[k][1]
            h_top, h_bottom, h_x0, h_x1 = boxes[j]
            if h_top > bottom:
                break
            if min(bottom, h_bottom) - max(top, h_top) < 0.5 * (bottom - top):
                continue
            host = frags[j]
            gaps = [host[k]["x0"] - host[k - 1]["x1"] for k in range(1, len(host))]
            spacing = max(0.0, min(median(gaps), 0.6 * sizes[j])) if gaps else 0.0
            reach_x = spacing + 1.5 * sizes[j]
            if h_x0 < x0 and x0 - reach_x <= h_x1 < x1:  # ends at (or a little into) the run
                side, gap = "left", max(0.0, x0 - h_x1)
            elif h_x1 > x1 and x0 < h_x0 <= x1 + reach_x:  # starts at (or a little inside) it
                side, gap = "right", max(0.0, h_x0 - x1)
            elif h_x0 <= x0 and x1 <= h_x1:
                side, gap = "inside", 0.0
            else:
                continue
            if gap > spacing + 0.3 * sizes[j] and not covered(
                (x0 - gap, x0) if side == "left" else (x1, x1 + gap), top, bottom, sizes[j]
            ):
                continue  # a gutter to the next column, not the hole the run left in its line
            if side not in sides or gap < sides[side][0]:
                sides[side] = (gap, j)
        found = [j for _, j in sides.values()]
        if len(found) > 1 and max(sizes[j] for j in found) > 1.08 * min(sizes[j] for j in found):
            found = [min(sides.values())[1]]  # two lines of different size: the nearer one
        for j in found:
            parent[root(j)] = root(i)
    groups: dict[int, list[dict]] = {}
    order: list[int] = []
    for i, f in enumerate(frags):
        r = root(i)
        if r not in groups:
            groups[r] = []
            order.append(r)
        groups[r].extend(f)
    return [_in_line_order(groups[r]) if len(groups[r]) > 1 else groups[r] for r in order]


class _RowSpans:
    """The x-intervals a row's glyphs cover, for 'is this x-range empty?' questions."""

    def __init__(self, row: list[dict]):
        pairs = sorted((c["x0"], c["x1"]) for c in row)
        self.x0 = [p[0] for p in pairs]
        self.x1 = list(accumulate((p[1] for p in pairs), max))  # running max of right edges

    def covers(self, a: float, b: float) -> bool:
        """Whether any glyph overlaps the open interval (a, b)."""
        i = bisect_left(self.x0, b)  # glyphs starting before b
        return i > 0 and self.x1[i - 1] > a


def _dedupe(group: list[dict]) -> list[dict]:
    """Drop glyphs printed twice at almost the same place (a "fake bold" some producers use)."""
    out: list[dict] = []
    for c in group:
        if any(
            p["text"] == c["text"]
            and abs(p["x0"] - c["x0"]) < 0.25 * c["size"]
            and abs(p["bottom"] - c["bottom"]) < 0.25 * c["size"]
            for p in out[-3:]
        ):
            continue
        out.append(c)
    return out


def _split_sizes(row: list[dict]) -> list[list[dict]]:
    """Split a row by glyph size; sizes within 8% of each other count as one."""
    groups: list[list[dict]] = []
    last = None
    for c in sorted(row, key=lambda c: c["size"]):
        if last is not None and c["size"] <= last * 1.08:
            groups[-1].append(c)
        else:
            groups.append([c])
            last = c["size"]
    return groups
