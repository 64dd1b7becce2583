"""Showing where a figure came from: the sentence with the number highlighted, the PDF page with its box."""

from __future__ import annotations

import html
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


def page_image(pdf_path: Path, page: int, bbox: list[float] | None) -> Image.Image:
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
    if bbox and len(bbox) == 4:
        x0, top, x1, bottom = (v * RENDER_SCALE for v in bbox)
        draw = ImageDraw.Draw(image)
        draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(220, 0, 0), width=4)
    return image
