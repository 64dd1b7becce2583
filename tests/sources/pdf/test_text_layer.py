"""The per-page text-layer check: pages whose glyphs decode to nonsense are read by OCR.

Fixtures: tests/sources/pdf/make_text_layer_fixtures.py (one small generated page, written with
its embedded font's ToUnicode map intact, mapped to ASCII, mapped to private-use code points,
removed, and drawn invisibly). OCR of each page costs a few seconds of CPU."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources import read_document
from sources.errors import UnreadableTextLayer
from sources.pdfgen import Truth
from sources.pdfgen.score import score
from sources.text_quality import measure_page, page_verdict

FIXTURES = Path(__file__).parent / "text_layer"
TRUTH = Truth.load(FIXTURES / "tl_clean.truth.json")


def test_clean_twin_passes_on_its_text_layer():
    doc = read_document(FIXTURES / "tl_clean.pdf")
    (layer,) = doc.metadata["text_layer"]
    assert layer["decision"] == "text" and layer["cjk_share"] > 0.9
    assert "ocr_pages" not in doc.metadata and not doc.metadata.get("notes")
    assert score(TRUTH, doc.text, doc)["similarity"] == 1.0


@pytest.mark.parametrize("kind", ["ascii", "pua", "nomap"])
def test_lying_text_layer_is_read_by_ocr_with_the_clean_twins_figures(kind):
    clean = read_document(FIXTURES / "tl_clean.pdf")
    doc = read_document(FIXTURES / f"tl_{kind}.pdf")
    (layer,) = doc.metadata["text_layer"]
    assert layer["decision"] == "ocr" and layer["cjk_share"] == 0.0 and layer["reason"]
    assert layer["ocr"]["cjk_share"] > 0.9
    assert doc.metadata["ocr_pages"] == [1]
    assert any("read by OCR" in n for n in doc.metadata["notes"])
    ours, twin = score(TRUTH, doc.text, doc), score(TRUTH, clean.text, clean)
    assert ours["similarity"] >= 0.98 and ours["order"] == twin["order"] == 1.0
    assert ours["articles_exact"] == twin["articles_exact"] is True
    assert {b.source for b in doc.blocks} == {"ocr"}


def test_page_that_neither_reading_makes_readable_is_quarantined():
    with pytest.raises(UnreadableTextLayer) as e:
        read_document(FIXTURES / "tl_invisible.pdf")
    assert e.value.reason == "unreadable_text_layer"
    (page,) = e.value.figures["pages"]
    assert page["decision"] == "unreadable" and page["ocr"]["chars"] < page["chars"] / 2


def test_ocr_off_quarantines_instead_of_loading_nonsense(monkeypatch):
    monkeypatch.setenv("CSTATS_OCR", "0")
    with pytest.raises(UnreadableTextLayer, match="turned off"):
        read_document(FIXTURES / "tl_pua.pdf")


@pytest.mark.parametrize(
    "text, ok",
    [
        ("县政协组织委员围绕特色产业发展开展专题调研，走访了8个乡镇、15家企业。" * 4, True),
        ("Committee members visited 8 towns and 15 firms (2024), see p. 3." * 4, True),
        ("| 2022 | 131.5 | 12.3% |\n| 2023 | 147.0 | 11.9% |\n" * 6, True),
        ("1.2% 3.4% (5.6%) -7 +8 1/2 12:30 " * 5, True),
        ('"#$%&\'()*+,-./0"1234(56789:;*8<=>?@RYQ/CD12E*FGHHIJ,KL12MNOFPQRSTU12VWVXYZ[M\\]^E_`ab' * 2, False),
        ("\ue0dc\ue0dd\ue0c7\ue0de\ue0df\ue031\ue0e0\ue032\ue030" * 5, False),
        ("ÜÝÇÞß1à2024é3ê5ÇëËìŒƒÀˆÁƒÂÃÄŽ¨©ª«¬ÊŠ‹á‘Å" * 2, False),
    ],
)
def test_page_verdict(text, ok):
    assert (page_verdict(measure_page(text)) is None) is ok


def test_text_drawn_as_outlines_is_read_by_ocr_with_the_clean_twins_figures():
    """A page with no characters and no image whose glyphs are filled paths (text converted to
    outlines, as some government PDFs are printed) is read by OCR, not refused as empty."""
    from pipelines.extract.extractor import extract_mentions

    clean = read_document(FIXTURES / "tl_clean.pdf")
    doc = read_document(FIXTURES / "tl_outlines.pdf")
    assert doc.metadata["outline_pages"] == doc.metadata["ocr_pages"] == [1]
    assert "text_layer" not in doc.metadata  # there is no layer to judge
    assert doc.metadata["notes"] == ["page 1: no text layer, text drawn as outlines: read by OCR"]
    ours = score(TRUTH, doc.text, doc)
    assert ours["similarity"] >= 0.98 and ours["order"] == 1.0 and ours["articles_exact"] is True
    assert {b.source for b in doc.blocks} == {"ocr"}

    def figures(d):
        return sorted((m.value, m.unit, m.qualifier) for m in extract_mentions(d))

    assert figures(doc) == figures(clean) and figures(clean)


def test_outlined_text_with_ocr_off_is_reported_as_such(monkeypatch):
    from sources.errors import ImageOnlyDocument

    monkeypatch.setenv("CSTATS_OCR", "0")
    with pytest.raises(ImageOnlyDocument, match="outlines.*turned off"):
        read_document(FIXTURES / "tl_outlines.pdf")
