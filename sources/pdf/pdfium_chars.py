"""Characters of a PDF through pdfium, for files pdfplumber cannot open (a broken cross-reference
table, a missing trailer): pdfium rebuilds the object table by scanning the file.

Each character becomes a dict with the fields the layout code reads from pdfplumber's chars
(text, x0, x1, top, bottom, size, fontname, upright), in top-down page coordinates. Geometry
(rules, frames, images) is not recovered on this path; the layout works from the text alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from sources.errors import TooManyPages


def pdfium_pages(data: bytes, max_pages: int) -> Iterator[tuple[int, list[dict], tuple, list]]:
    """``(page number, chars, (width, height), image boxes)`` for each page; raises pdfium's error
    if it cannot open. An image's box is the whole page (pdfium's object bounds are not needed:
    a repaired page's images only decide whether it is a scan)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    try:
        n = len(pdf)
        if n > max_pages:
            raise TooManyPages(f"{n:,} pages, over the page limit of {max_pages:,}")
        for index in range(n):
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                if raw.FPDFText_IsGenerated(textpage.raw, i):
                    continue
                code = raw.FPDFText_GetUnicode(textpage.raw, i)
                if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
                    continue
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                size = raw.FPDFText_GetFontSize(textpage.raw, i) or (top - bottom) or 10.0
                chars.append(
                    {
                        "text": chr(code),
                        "x0": left,
                        "x1": right,
                        "top": height - top,
                        "bottom": height - bottom,
                        "size": size,
                        "fontname": "pdfium",
                        "upright": True,
                    }  # fmt: skip
                )
            has_images = any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=1))
            textpage.close()
            page.close()
            yield index + 1, chars, (width, height), [(0.0, 0.0, width, height)] if has_images else []
    finally:
        pdf.close()


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()
