"""Issue 12 points 1 and 2 on pages generated here: which signal decides the order (the content
stream where it agrees with the geometry, geometry where it does not), subheads set in headline
size, and digits set in a fallback Latin font (other size, other baseline, letter-spaced)."""

from __future__ import annotations

import re

import pytest
from make_fixtures import article, stories

from sources import read_document
from sources.pdfgen import Layout, PageSpec, Photo, render_page
from sources.pdfgen.score import score


def _page(tmp_path, name: str, **layout) -> tuple:
    st = stories()
    spec = PageSpec(
        [
            article(st["proposals"], photos=[Photo("委员们在现场察看项目进展情况。", 1, 2, 90, 4)]),
            article(st["research"]),
        ]
    )
    out = tmp_path / f"{name}.pdf"
    truth = render_page(spec, out, Layout(**{"columns": 5, **layout}))
    return truth, read_document(out)


def _acceptance(truth, doc) -> None:
    result = score(truth, doc.display_text, doc)
    squeezed = "".join(doc.display_text.split())
    broken = [b.text for b in truth.blocks if "".join(b.text.split()) not in squeezed]
    assert result["similarity"] >= 0.99 and result["cjk_spaces"] == 0, result
    assert not broken, broken[:2]
    assert result["order"] >= 0.98 and result["articles_exact"] is True, result


@pytest.mark.parametrize(
    ("stream_seed", "signal"),
    [(None, "stream"), (7, "geometry")],
    ids=["stream-in-reading-order", "stream-shuffled"],
)
def test_the_stream_decides_only_where_it_agrees_with_the_geometry(tmp_path, stream_seed, signal):
    truth, doc = _page(tmp_path, "p", stream_seed=stream_seed, heading_size=1.6)
    (page,) = doc.metadata["order_signal"]
    assert page["signal"] == signal, page
    if signal == "stream":
        assert page["coherence"] >= 0.95
    else:
        assert page["coherence"] < 0.5
    _acceptance(truth, doc)


def test_subheads_set_in_headline_size_stay_in_their_article(tmp_path):
    """Real papers set 小标题 at ~1.6x body size, above the 1.5x that makes a headline: they must
    not cut the article (each used to become an article of its own)."""
    for seed in (None, 3):
        truth, doc = _page(tmp_path, f"h{seed}", stream_seed=seed, heading_size=1.6)
        headings = [b for b in doc.blocks if b.role == "heading"]
        assert len(headings) == 2 and len(doc.articles) == 2
        assert {h.article for h in headings} == {0}
        _acceptance(truth, doc)


@pytest.mark.parametrize("stream_seed", [None, 5])
@pytest.mark.parametrize("spacing", [0.0, 2.5])
def test_fallback_font_digits_stay_in_their_line(tmp_path, stream_seed, spacing):
    """Digits in Helvetica at 0.85 of the size, 1.2 pt above the CJK baseline, drawn glyph by glyph
    (letter-spaced: "2 0 2 4" on the page) read as one number inside their sentence."""
    truth, doc = _page(
        tmp_path, "d", stream_seed=stream_seed, letter_spacing=spacing, digit_font="Helvetica", digit_rise=1.2
    )
    text = doc.display_text
    assert "138件" in text and "96.5%" in text and "3200万元" in text
    assert not re.search(r"\d \d", text), re.findall(r".{6}\d \d.{6}", text)[:3]
    block = doc.locate(text.index("经审查立案126件"))
    assert block.role == "body" and block.article == 0
    _acceptance(truth, doc)


def test_the_generated_digits_really_sit_apart(tmp_path):
    """The page of the test above sets its digits the way real pages do: another font, a smaller
    size, another baseline, each glyph apart (so the reader has something to put back)."""
    import pdfplumber

    _page(tmp_path, "raw", stream_seed=None, letter_spacing=2.5, digit_font="Helvetica")
    with pdfplumber.open(tmp_path / "raw.pdf") as pdf:
        chars = pdf.pages[0].chars
    text = "".join(c["text"] for c in chars)
    at = text.index("138件")
    one, three, unit = chars[at], chars[at + 1], chars[at + 3]
    assert "Helvetica" in one["fontname"] and "Helvetica" not in unit["fontname"]
    assert one["size"] < 0.9 * unit["size"]
    assert three["x0"] - one["x1"] >= 2.0  # "1 3 8": letter-spaced
    assert abs(one["bottom"] - unit["bottom"]) > 0.5  # another baseline
