"""Characters -> text lines, with CJK-aware spacing.

pdfplumber synthesises a space wherever two glyphs are further apart than ``x_tolerance``, which
turns letter-spaced or justified Chinese into "着 力 加 强". Here a space is only ever written
between two non-CJK glyphs (Latin words, numbers) that are visibly apart.
"""

from __future__ import annotations

from dataclasses import dataclass
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

    @property
    def width(self) -> float:
        return self.x1 - self.x0


_BOLD = ("bold", "black", "heavy")


def _make_line(chars: list[dict]) -> Line:
    parts: list[str] = []
    size = median(c["size"] for c in chars)
    prev = None
    for c in chars:
        t = c["text"]
        if prev is not None and c["x0"] - prev["x1"] > 0.15 * size and joins_with_space(prev["text"], t):
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
    )


def chars_to_lines(chars: list[dict]) -> list[Line]:
    """Group upright, non-blank characters into line fragments.

    Characters share a line when their baselines agree (within a third of their size) and their
    sizes agree; a fragment ends where a horizontal gap exceeds the row's usual letter spacing by
    most of a glyph: a column gutter or a separate item on the same baseline.
    """
    chars = sorted(
        (c for c in chars if c["upright"] and c["text"].strip()),
        key=lambda c: (c["bottom"], c["x0"]),
    )
    rows: list[list[dict]] = []
    for c in chars:
        if rows and c["bottom"] - rows[-1][0]["bottom"] <= 0.3 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    lines: list[Line] = []
    for row in rows:
        for group in _split_sizes(row):
            group.sort(key=lambda c: c["x0"])
            gaps = [max(0.0, group[i]["x0"] - group[i - 1]["x1"]) for i in range(1, len(group))]
            # Letter-spaced text widens every gap: measure the row's own spacing first.
            spacing = median(gaps) if gaps else 0.0
            start = 0
            for i in range(1, len(group)):
                if gaps[i - 1] > spacing + 0.8 * group[i]["size"]:
                    lines.append(_make_line(group[start:i]))
                    start = i
            lines.append(_make_line(group[start:]))
    return lines


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
