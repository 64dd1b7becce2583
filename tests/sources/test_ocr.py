"""OCR of scanned pages (sources/ocr.py, hooked into sources/pdf/reader.py).

The scan is a committed fixture of the Chromium family: c5_a4_3col_single printed by Chromium,
rendered at 150 dpi, greyscale with noise and a slight skew, wrapped in an image-only PDF
(c6_a4_3col_scan). OCR is slow on 2 shared cores, so the scan is read once per module.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from pipelines.extract.extractor import extract_mentions
from sources import ocr, read_document
from sources.errors import ImageOnlyDocument, ReadTimeout
from sources.guarded import read_with_limit
from sources.limits import Limits
from sources.pdfgen import Truth
from sources.pdfgen.fonts import register
from sources.pdfgen.score import levenshtein

CHROMIUM = Path(__file__).parent / "pdf" / "chromium"
SCAN = CHROMIUM / "c6_a4_3col_scan.pdf"
TEXT_PAGE = CHROMIUM / "c5_a4_3col_single.pdf"


def _figures(doc) -> set[tuple]:
    # values compared exactly (mentions carry Decimal, the truth JSON numbers)
    return {
        (Decimal(str(m.value)), m.unit, m.qualifier, m.committee, m.period_start)
        for m in extract_mentions(doc)
    }


def _truth_figures(truth: Truth) -> set[tuple]:
    return {
        (Decimal(str(f["value"])), f["unit"], f["qualifier"], f["committee"], f["period"])
        for f in truth.figures
    }


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    return read_document(SCAN)


def test_scan_at_150_dpi_reads_with_character_accuracy_of_at_least_097(scanned):
    truth = Truth.load(SCAN.with_suffix(".truth.json"))
    got, want = "".join(scanned.text.split()), "".join(truth.text().split())
    accuracy = 1 - levenshtein(got, want) / len(want)
    assert accuracy >= 0.97, (accuracy, scanned.text)
    assert scanned.metadata["ocr_pages"] == [1]
    assert {b.source for b in scanned.blocks} == {"ocr"}
    assert all(0.5 <= b.ocr_confidence <= 1 for b in scanned.blocks)


def test_ocr_lines_go_through_the_layout_engine(scanned):
    """Headline band, body, subhead and the framed quote get their roles from the same engine as
    a text layer: sizes come from the glyphs' ink, the frame from the strokes drawn in the scan."""
    truth = Truth.load(SCAN.with_suffix(".truth.json"))
    assert [a.headline for a in scanned.articles] == [a.headline for a in truth.articles]
    roles = {"".join(scanned.text[b.start : b.end].split()): b.role for b in scanned.blocks}
    for tb in truth.blocks:
        if tb.role in ("headline", "subtitle", "heading", "quote", "body"):
            assert roles.get("".join(tb.text.split())) == tb.role, (tb.role, tb.text, roles)


def test_scan_gives_every_figure_of_its_truth(scanned):
    truth = Truth.load(SCAN.with_suffix(".truth.json"))
    assert _truth_figures(truth) <= _figures(scanned)
    ocr_mentions = extract_mentions(scanned)
    assert all(m.source == "ocr" and m.ocr_confidence >= 0.5 for m in ocr_mentions)
    line = ocr_mentions[0].to_dict(with_source=True)
    assert line["source"] == "ocr" and line["ocr_confidence"] == ocr_mentions[0].ocr_confidence
    assert "source" not in ocr_mentions[0].to_dict()  # the default lines keep the original keys


def test_scan_and_text_layer_page_give_the_same_figures(scanned):
    key = lambda t: t[:3]  # noqa: E731 - value, unit, qualifier
    assert {key(f) for f in _figures(scanned)} == {key(f) for f in _figures(read_document(TEXT_PAGE))}


def test_a_page_with_a_text_layer_is_never_ocrd(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("OCR called on a page with a text layer")

    monkeypatch.setattr(ocr, "read_page", refuse)
    doc = read_document(TEXT_PAGE)  # has a text layer (and no large image)
    assert {b.source for b in doc.blocks} == {"text"} and "ocr_pages" not in doc.metadata


def test_cstats_ocr_0_quarantines_scans_as_before(monkeypatch):
    monkeypatch.setenv("CSTATS_OCR", "0")
    with pytest.raises(ImageOnlyDocument, match="1 of 1 page"):
        read_document(SCAN)


def test_ocr_time_is_bounded_by_the_page_cpu_limit():
    with pytest.raises(ReadTimeout):
        read_with_limit(SCAN, 60, limits=Limits(page_cpu_seconds=0.5))


def _clipping(tmp_path: Path) -> Path:
    """The scan's first body paragraph (a scanned clipping), as an image."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        page = pdf[0]
        w, h = page.get_size()
        # crop = (left, bottom, right, top) in points: the first column's first paragraph
        img = page.render(scale=150 / 72, crop=(30, h - 230, w - 210, 150)).to_pil()
    finally:
        pdf.close()
    path = tmp_path / "clip.png"
    img.save(path)
    return path


def test_image_region_of_a_text_page_is_ocrd_and_the_text_layer_kept(tmp_path):
    p = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(p), pagesize=(420, 420))
    c.setFont(register("cid"), 12)
    c.drawString(30, 390, "县政协召开常委会议，审议通过有关事项。")
    c.drawImage(str(_clipping(tmp_path)), 30, 60, 360, 300)
    c.save()
    doc = read_document(p)
    by_source = {b.source: doc.text[b.start : b.end] for b in doc.blocks}
    assert "常委会议" in by_source["text"]
    assert "收到委员提案105件" in "".join(doc.text.split())
    assert "ocr" in by_source and "ocr_pages" not in doc.metadata


def test_ocr_needs_no_network(tmp_path):
    """The engine and its packaged models load and read with every socket call refused."""
    clip = _clipping(tmp_path)
    code = f"""
import socket
def refuse(*a, **k):
    raise OSError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from PIL import Image
from sources import ocr
chars = ocr.read_image(Image.open({str(clip)!r}), 150 / 72)
print("".join(c["text"] for c in chars))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "收到委员提案105件" in out.stdout
