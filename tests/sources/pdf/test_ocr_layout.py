"""The layout engine on OCR geometry (issue 23): what changes for glyphs read by OCR (fontname
"OCR", one ``ocr_line`` per line the detector found), and that text-layer glyphs are laid out as
before. Synthetic glyphs: no OCR runs here."""

from __future__ import annotations

import itertools

import pytest

from sources.pdf.layout import analyse_page
from sources.pdf.lines import chars_to_lines

_lines = itertools.count()


def glyphs(text: str, x: float, top: float, size: float = 10.0, ocr: bool = True, skip=()) -> list[dict]:
    """One line of glyphs set solid from ``x``; the glyphs at the indexes in ``skip`` are left out
    (as a recogniser drops a character it has no class for), their place left empty."""
    line = next(_lines)
    out = []
    for i, t in enumerate(text):
        if i in skip:
            continue
        c = {"text": t, "x0": x + i * size, "x1": x + (i + 1) * size, "top": top, "bottom": top + size}
        c.update(size=size, upright=True, fontname="OCR" if ocr else "SimSun")
        if ocr:
            c["ocr_line"] = (0, line)
        out.append(c)
    return out


@pytest.mark.parametrize("ocr", [True, False])
def test_a_glyph_ocr_dropped_leaves_its_line_whole_but_a_gutter_still_splits(ocr):
    """A hole inside one detected line, with text over it in the rows around, is a glyph the
    recogniser dropped (勠 is not in its alphabet): the line stays whole. Text-layer glyphs with
    the same hole are split as before."""
    chars = glyphs("中国特色社会主义进入新时代", 0, 100, ocr=ocr)
    chars += glyphs("全体中华儿女勠力同心奋力实现", 0, 114, ocr=ocr, skip={6})
    chars += glyphs("中华民族伟大复兴的中国梦想", 0, 128, ocr=ocr)
    texts = [ln.text for ln in chars_to_lines(chars)]
    if ocr:
        assert "全体中华儿女力同心奋力实现" in texts
    else:
        assert "全体中华儿女" in texts and "力同心奋力实现" in texts


def test_a_line_the_detector_ran_across_a_gutter_is_split_at_the_gutter():
    """Two columns 1.2 glyphs apart; the detector read their middle row as one line: the rows
    around leave the gap empty (a channel), so it is a gutter."""
    chars = []
    for k, top in enumerate((100, 114, 128)):
        if k == 1:
            chars += glyphs("改革开放以来我们党坚持不懈地推进各项工作", 0, top)[:10]
            both = glyphs("改革开放以来我们党坚持不懈地推进各项工作", 0, top)[10:]
            for c in both:  # the second column's glyphs, 12 pt further right, on the same line
                c["x0"], c["x1"], c["ocr_line"] = c["x0"] + 12, c["x1"] + 12, chars[-1]["ocr_line"]
            chars += both
        else:
            chars += glyphs("一二三四五六七八九十", 0, top) + glyphs("甲乙丙丁戊己庚辛壬癸", 112, top)
    texts = [ln.text for ln in chars_to_lines(chars)]
    assert "改革开放以来我们党坚" in texts and "持不懈地推进各项工作" in texts


def test_a_gutter_is_found_where_ocr_placed_the_gaps_edges_a_quarter_em_apart():
    """Recognition places a glyph's box within about a quarter em (one recognition column), so
    the gutter's edges in the detected line and in the rows around differ by that much: the
    channel is looked for about the gap's middle, and the line is still split there."""
    text = "改革开放以来我们党坚持不懈地推进各项工作"
    chars = []
    for k, top in enumerate((100, 114, 128)):
        if k == 1:
            row = glyphs(text, 0, top)
            for i, c in enumerate(row):  # first column 0.05 em right, second 0.28 em right of the rows around
                shift = 0.5 if i < 10 else 12 + 2.8
                c["x0"], c["x1"], c["ocr_line"] = c["x0"] + shift, c["x1"] + shift, row[0]["ocr_line"]
            chars += row
        else:
            chars += glyphs("一二三四五六七八九十", 0, top) + glyphs("甲乙丙丁戊己庚辛壬癸", 112, top)
    texts = [ln.text for ln in chars_to_lines(chars)]
    assert "改革开放以来我们党坚" in texts and "持不懈地推进各项工作" in texts


def _two_article_page(ocr: bool) -> list[dict]:
    """Headline A over column 1, whose paragraph stops mid-sentence at its foot; headline B over
    column 2, whose first line ends that sentence."""
    chars = glyphs("第一篇的标题", 0, 0, size=24, ocr=ocr)
    col1 = [
        "我们今天来到这里参",
        "观学习了很多新的知",
        "识和经验，大家都觉",
        "得这次活动办得很好",
        "也学到了不少新的知",
    ]
    chars += glyphs(col1[0], 20, 40, ocr=ocr)
    for k, text in enumerate(col1[1:], 1):
        chars += glyphs(text, 0, 40 + 14 * k, ocr=ocr)
    chars += glyphs("第二篇", 150, 20, size=24, ocr=ocr)
    chars += glyphs("识，收获很大。", 150, 60, ocr=ocr)
    chars += glyphs("下午大家一起去了", 170, 74, ocr=ocr)
    chars += glyphs("农业园区参观学习。", 150, 88, ocr=ocr)
    return chars


def test_on_an_ocr_page_a_sentence_cut_at_a_column_foot_goes_on_at_the_next_columns_top():
    layout = analyse_page(chars_to_lines(_two_article_page(ocr=True)), [], [], [])
    assert layout.signal == "geometry"  # OCR'd lines have no content stream to follow
    first, second = layout.articles
    assert first.blocks[-1].text.endswith("也学到了不少新的知识，收获很大。")
    assert [b.text for b in second.blocks if b.role == "body"] == ["下午大家一起去了农业园区参观学习。"]


def test_on_a_text_layer_page_the_same_geometry_is_laid_out_as_before():
    layout = analyse_page(chars_to_lines(_two_article_page(ocr=False)), [], [], [])
    bodies = [b.text for a in layout.articles for b in a.blocks if b.role == "body"]
    assert not any("的知识，收获很大" in t for t in bodies)


@pytest.mark.parametrize("folio", ["— 50 —", "-50", "52", "第3页", "- 7 -"])
def test_a_page_number_at_the_foot_is_footer_furniture_not_the_last_paragraphs_end(folio):
    """A page's last row that is only its page number is furniture: a paragraph running on to the
    next page (no full stop at the foot) is not joined to it."""
    chars = glyphs("附件1", 0, 60)
    text = "县政协组织委员开展专题调研形成调研报告十二篇提出意见建议三十条推动"
    for k in range(6):
        chars += glyphs(text, 0, 100 + 14 * k)
    chars += glyphs(folio, 150, 200)
    page = analyse_page(chars_to_lines(chars), [], [], [])
    assert ["".join(b.text.split()) for b in page.footer] == ["".join(folio.split())]
    assert all(folio.strip("— -") not in b.text for a in page.articles for b in a.blocks)
