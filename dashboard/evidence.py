"""Showing where a figure came from: the sentence with the number highlighted, the PDF page with its box."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw

RENDER_SCALE = 1.5
NUMERAL = set("0123456789.零〇一二两三四五六七八九十百千万亿")  # 72 dpi PDF points -> 108 dpi image


def highlight(sentence: str, surface: str) -> str:
    """The sentence as HTML with the quantity marked; everything else escaped."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return html.escape(sentence)
    before, after = sentence[:at], sentence[at + len(surface) :]
    return f"{html.escape(before)}<mark><b>{html.escape(surface)}</b></mark>{html.escape(after)}"


def number_box(pdf_path: Path, page: int, bbox: list[float] | None, surface: str) -> list[list[float]] | None:
    """The boxes of the quantity itself ([x0, top, x1, bottom] in points, one per line it spans):
    ``surface`` found among the page's characters inside the mention's block ``bbox``, read along
    its line and on to the start of the next line of the same column. None when it cannot be found
    there (the block's box is drawn instead)."""
    target = [ch for ch in unicodedata.normalize("NFKC", surface or "") if not ch.isspace()]
    if not target or not bbox or len(bbox) != 4:
        return None
    import pdfplumber

    with pdfplumber.open(str(pdf_path), pages=[page]) as pdf:
        if not pdf.pages:
            return None
        x0, top, x1, bottom = bbox
        chars = [
            c for c in pdf.pages[0].chars
            if c["x0"] >= x0 - 2 and c["x1"] <= x1 + 2 and c["top"] >= top - 2 and c["bottom"] <= bottom + 2
            and c["text"].strip()
        ]  # fmt: skip
    for c in chars:  # full-width digits and signs compare as the extracted (normalised) surface
        c["text"] = unicodedata.normalize("NFKC", c["text"])
    for first in (c for c in chars if c["text"] == target[0]):
        run = [first]
        for want in target[1:]:
            nxt = _next_char(run[-1], want, chars)
            if nxt is None:
                break
            run.append(nxt)
        # the whole surface, or all of its number when the counting word went on to another column
        if not any(ch in NUMERAL for ch in target[len(run) :]):
            lines: dict[float, list[dict]] = {}
            for c in run:
                lines.setdefault(round(c["top"]), []).append(c)
            return [
                [min(c["x0"] for c in cs), min(c["top"] for c in cs), max(c["x1"] for c in cs),
                 max(c["bottom"] for c in cs)]
                for cs in lines.values()
            ]  # fmt: skip
    return None


def _next_char(prev: dict, text: str, chars: list[dict]) -> dict | None:
    """The character ``text`` that follows ``prev`` in reading order: right after it on its line, or
    at the start of the next line of the same column."""
    h = prev["bottom"] - prev["top"] or 1.0
    same = [
        c
        for c in chars
        if abs(c["top"] - prev["top"]) < h / 2 and -h / 4 <= c["x0"] - prev["x1"] < 1.5 * h and c is not prev
    ]
    if same:
        c = min(same, key=lambda c: c["x0"])
        return c if c["text"] == text else None
    start = prev  # the start of prev's line within its column: walk left while the gaps are small
    while True:
        left = [
            c for c in chars if abs(c["top"] - start["top"]) < h / 2 and 0 <= start["x0"] - c["x1"] < 1.5 * h
        ]
        if not left:
            break
        start = max(left, key=lambda c: c["x0"])
    below = [
        c for c in chars
        if h / 2 < c["top"] - prev["top"] < 2.5 * h and abs(c["x0"] - start["x0"]) < h
    ]  # fmt: skip
    if not below:
        return None
    c = min(below, key=lambda c: (c["top"], c["x0"]))
    return c if c["text"] == text else None


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
    if number:  # the number itself in red (a box per line it spans), its block in a light outline
        if bbox and len(bbox) == 4:
            x0, top, x1, bottom = (v * RENDER_SCALE for v in bbox)
            draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(240, 170, 170), width=1)
        for box in number:
            x0, top, x1, bottom = (v * RENDER_SCALE for v in box)
            draw.rectangle([x0 - 2, top - 2, x1 + 2, bottom + 2], outline=(220, 0, 0), width=3)
    elif bbox and len(bbox) == 4:
        x0, top, x1, bottom = (v * RENDER_SCALE for v in bbox)
        draw.rectangle([x0 - 3, top - 3, x1 + 3, bottom + 3], outline=(220, 0, 0), width=4)
    return image
