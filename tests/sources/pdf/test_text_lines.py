"""Text-layer lines (sources/pdf/lines.py) where the content stream's order settles what the
geometry leaves open: a wide space inside a line, and a glyph set off the line's baseline.
Synthetic glyphs numbered in drawing order (``seq``, as the reader numbers them)."""

from __future__ import annotations

import itertools

from sources.pdf.lines import chars_to_lines

SIZE = 8.0


def line(text: str, x: float, top: float, seq: itertools.count | None, gap_after: int = -1, gap: float = 0.0):
    """Glyphs set solid from ``x``; after index ``gap_after`` a space of ``gap`` points."""
    out, pos = [], x
    for i, t in enumerate(text):
        c = {"text": t, "x0": pos, "x1": pos + SIZE, "top": top, "bottom": top + SIZE}
        c.update(size=SIZE, upright=True, fontname="FZBSK")
        if seq is not None:
            c["seq"] = next(seq)
        out.append(c)
        pos += SIZE + (gap if i == gap_after else 0.0)
    return out


def texts(chars) -> list[str]:
    return [ln.text for ln in chars_to_lines(chars)]


def test_a_wide_space_between_glyphs_drawn_one_after_the_other_stays_inside_the_line():
    """A title's full-width space (1.25 em) inside a column: the rows around run over it and the
    stream draws the line in one go, so it is one line; without the stream's order it is cut as
    before."""
    for seq in (itertools.count(), None):
        chars = line("县政协委员围绕乡村振兴开展调研形成报告", 0, 100, seq)
        chars += line("题为《团结奋进新征程共谋发展新篇章》", 0, 112, seq, gap_after=9, gap=10.0)
        chars += line("的报告引起各界关注委员们纷纷建言献策", 0, 124, seq)
        got = texts(chars)
        if seq is not None:
            assert "题为《团结奋进新征程共谋发展新篇章》" in got
        else:
            assert "题为《团结奋进新征程" in got and "共谋发展新篇章》" in got


def test_a_gutter_stays_a_gutter_even_where_the_stream_runs_across_it():
    """Two columns whose rows the stream draws across the page: the gap is a channel (nothing over
    it in the rows around), so each row is still cut in two."""
    seq = itertools.count()
    chars = []
    for k in range(4):
        chars += line(
            "县政协组织委员开展" + "民主监督持续加强推进", 0, 100 + 12 * k, seq, gap_after=8, gap=10.0
        )
    got = texts(chars)
    assert got.count("县政协组织委员开展") == 4 and got.count("民主监督持续加强推进") == 4


def test_a_glyph_drawn_inside_a_line_off_its_baseline_joins_the_line():
    """Ratio colons set in a fallback font 0.8 em below the digits' baseline (12.7∶50.5∶36.8),
    drawn between them: they stay in the line, not in a row of their own."""
    seq = itertools.count()
    chars = line("产业结构由", 0, 100, seq)
    x = 5 * SIZE
    for part in ("12.7", "∶", "50.5", "∶", "36.8"):
        for t in part:
            w = SIZE if t == "∶" else SIZE / 2
            top = 100 + (0.8 * SIZE if t == "∶" else 0.0)
            chars.append(
                {"text": t, "x0": x - (1.5 if t == "∶" else 0), "x1": x + w - (1.5 if t == "∶" else 0),
                 "top": top, "bottom": top + SIZE, "size": SIZE, "upright": True, "fontname": "NEU",
                 "seq": next(seq)}
            )  # fmt: skip
            x += w - (3.0 if t == "∶" else 0)
    chars += line("调整到现在", x, 100, seq)
    chars += line("工业千亿元产业由十一个增加到十七个", 0, 112, seq)
    got = texts(chars)
    assert got[0].replace(" ", "") == "产业结构由12.7∶50.5∶36.8调整到现在", got
