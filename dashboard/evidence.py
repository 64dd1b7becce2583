"""Showing where a figure came from: the sentence with the number highlighted, the PDF page with its box."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PIL import Image, ImageDraw

RENDER_SCALE = 1.5  # 72 dpi PDF points -> 108 dpi image


def highlight(sentence: str, surface: str) -> str:
    """The sentence as HTML with the quantity marked; everything else escaped."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return html.escape(sentence)
    before, after = sentence[:at], sentence[at + len(surface) :]
    return f"{html.escape(before)}<mark><b>{html.escape(surface)}</b></mark>{html.escape(after)}"


def number_box(pdf_path: Path, page: int, bbox: list[float] | None, surface: str) -> list[float] | None:
    """The box of the quantity itself ([x0, top, x1, bottom] in points): ``surface`` searched among the
    page's characters inside the mention's block ``bbox`` (spaces between letters allowed). None when
    it cannot be found there (the block's box is drawn instead)."""
    if not surface or not bbox or len(bbox) != 4:
        return None
    import pdfplumber

    pattern = r"\s*".join(re.escape(ch) for ch in surface if not ch.isspace())
    with pdfplumber.open(str(pdf_path), pages=[page]) as pdf:
        if not pdf.pages:
            return None
        p = pdf.pages[0]
        x0, top, x1, bottom = bbox
        area = (max(0, x0 - 2), max(0, top - 2), min(p.width, x1 + 2), min(p.height, bottom + 2))
        hits = p.crop(area, strict=False).search(pattern, regex=True, return_chars=False)
    if not hits:
        return None
    h = hits[0]
    return [h["x0"], h["top"], h["x1"], h["bottom"]]


def page_image(
    pdf_path: Path, page: int, bbox: list[float] | None, number: list[float] | None = None
) -> Image.Image:
    """Page ``page`` (1-based) rendered, with ``bbox`` ([x0, top, x1, bottom] in points) drawn in red."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"page {page} not in 1..{len(pdf)}")
        pdf_page = pdf[page - 1]
        image = pdf_page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
        pdf_page.close()
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)
    if number and len(number) == 4:  # the number itself in red, its block in a light outline
        if bbox and len(bbox) == 4:
            x0, top, x1, bottom = (v * RENDER_SCALE for v in bbox)
            draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(240, 170, 170), width=1)
        x0, top, x1, bottom = (v * RENDER_SCALE for v in number)
        draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(220, 0, 0), width=4)
    elif bbox and len(bbox) == 4:
        x0, top, x1, bottom = (v * RENDER_SCALE for v in bbox)
        draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(220, 0, 0), width=4)
    return image
