"""Read a PDF into a Document: reading order, roles, articles and provenance per block."""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import logging
import re
from pathlib import Path

from sources import ocr, progress
from sources.document import Article, Block, Document
from sources.errors import (
    CorruptDocument,
    EncryptedDocument,
    ImageOnlyDocument,
    LimitExceeded,
    ReferenceFanout,
    TooManyChars,
    TooManyPages,
    UnreadableTextLayer,
)
from sources.limits import current as current_limits
from sources.normalize import for_extraction
from sources.pdf.layout import Box, PageBlock, PageLayout, analyse_page
from sources.pdf.lines import chars_to_lines, joins_with_space
from sources.pdf.pdfium_chars import page_count, pdfium_pages
from sources.pdf.preflight import preflight
from sources.safe_open import read_bytes
from sources.text_quality import measure_page, page_verdict

logging.getLogger("pdfminer").setLevel(logging.ERROR)

SEPARATOR = "\n\n"
SCAN_AREA = 0.5  # an image covering this share of an image-only page is the scan itself
OUTLINE_SIZE = 0.05  # a glyph drawn as a path is under this share of the page's width and height
REGION_AREA = 0.25  # an image without text over it covering this share of a text page is OCR'd


def _area(box) -> float:
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0)


def _inside(c: dict, box, pad: float = 1.0) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def _ocr_regions(data: bytes, number: int, page_area: float, images: list, good: list[dict]) -> list[dict]:
    """OCR characters of a text page's large images that no text-layer glyph lies on (a scanned
    clipping pasted into an e-paper page); the text layer itself is never OCR'd."""
    out: list[dict] = []
    for box in images:
        if _area(box) >= REGION_AREA * page_area and not any(_inside(c, box, 0) for c in good):
            out += ocr.read_page(data, number - 1, crop=box)[0]
    return out


class _OcrIndex:
    """A page's OCR characters sorted by their centre's y, so the characters inside a box are
    found by bisection (a broadsheet scan has ~8,000 characters and ~60 blocks: testing every
    character against every block's boxes cost seconds per page)."""

    def __init__(self, chars: list[dict]):
        self.chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
        self.ys = [(c["top"] + c["bottom"]) / 2 for c in self.chars]

    def inside(self, boxes, pad: float = 1.0) -> list[dict]:
        """The characters whose centre lies in any of ``boxes`` (each once)."""
        found: dict[int, dict] = {}
        for box in boxes:
            lo, hi = bisect.bisect_left(self.ys, box[1] - pad), bisect.bisect_right(self.ys, box[3] + pad)
            for i in range(lo, hi):
                if i not in found and _inside(self.chars[i], box, pad):
                    found[i] = self.chars[i]
        return list(found.values())


def _source(block: PageBlock, ocr_chars: _OcrIndex | None) -> tuple[str, float | None]:
    """ "ocr" and the mean confidence of the OCR characters inside the block, or "text"."""
    if ocr_chars is None:
        return "text", None
    scores = [c["score"] for c in ocr_chars.inside(block.boxes)]
    if not scores:
        return "text", None
    return "ocr", round(sum(scores) / len(scores), 4)


def _geometry(page) -> tuple[list[Box], list[Box], list[Box]]:
    """Rules (thin lines), figures (images, filled areas) and frames (stroked boxes)."""
    rules: list[Box] = []
    figures: list[Box] = []
    frames: list[Box] = []
    for ln in page.lines:
        rules.append((ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
    for r in page.rects:
        box = (r["x0"], r["top"], r["x1"], r["bottom"])
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if min(w, h) < 2:
            rules.append(box)
        elif r.get("fill"):
            figures.append(box)
        elif r.get("stroke") and w * h < 0.5 * float(page.width) * float(page.height):
            frames.append(box)
    for im in page.images:
        figures.append((im["x0"], im["top"], im["x1"], im["bottom"]))
    return rules, figures, frames


def _merge_boxes(boxes: list[Box]) -> list[Box]:
    """Consecutive line boxes in one column -> one box per column piece."""
    out: list[list[float]] = []
    for b in boxes:
        if out and b[0] < out[-1][2] and b[2] > out[-1][0] and b[1] - out[-1][3] < (b[3] - b[1]):
            o = out[-1]
            o[0], o[1], o[2], o[3] = min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])
        else:
            out.append(list(b))
    return [tuple(round(v, 2) for v in o) for o in out]


def _rotated_block(chars: list[dict]) -> PageBlock:
    words = "".join(c["text"] for c in chars).split()
    text = ""
    for w in words:  # keep the source's spaces, except between two CJK glyphs
        text += (" " if joins_with_space(text, w) else "") + w
    box = (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )
    return PageBlock("furniture", text, [box], None)


def _outline_glyphs(page) -> int:
    """Glyph-sized filled paths on the page: text converted to outlines by its producer (some
    government PDFs print every character as a path, so the page has no text layer at all)."""
    w, h = OUTLINE_SIZE * float(page.width), OUTLINE_SIZE * float(page.height)
    return sum(
        1 for c in page.curves if c.get("fill") and c["x1"] - c["x0"] < w and c["bottom"] - c["top"] < h
    )


def _pdfplumber_pages(pdf):
    """``(page number, chars, geometry, (width, height), image boxes, outline glyphs)`` per page,
    each page closed after use; outline glyphs are counted only on a page with neither characters
    nor images."""
    for number, page in enumerate(pdf.pages, 1):
        try:
            chars = page.chars
            geometry = _geometry(page)
            images = [(im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images]
            size = (float(page.width), float(page.height))
            outlines = 0 if chars or images else _outline_glyphs(page)
        except (LimitExceeded, MemoryError):
            raise
        except Exception as e:
            raise CorruptDocument(f"page {number} cannot be parsed: {e.__class__.__name__}: {e}") from e
        page.close()
        yield number, chars, geometry, size, images, outlines


def _is_password_error(e: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    causes = [e, *e.args, e.__cause__, e.__context__]
    return any(isinstance(c, PDFPasswordIncorrect) or c is PDFPasswordIncorrect for c in causes)


def _open(data: bytes, limits):
    """The pages to read and the notes on how: pdfplumber's, else pdfium's (a repair)."""
    import pdfplumber

    try:
        preflight(data, limits)
        pdf = pdfplumber.open(io.BytesIO(data))
        n_pages = len(pdf.pages)
        return n_pages, _pdfplumber_pages(pdf), pdf, {}
    except (LimitExceeded, CorruptDocument, MemoryError):
        raise
    except RecursionError as e:
        raise ReferenceFanout("objects nest too deep to follow") from e
    except Exception as e:  # pdfminer raises many types for broken files; pdfplumber wraps them
        if _is_password_error(e):
            raise EncryptedDocument("the PDF is encrypted (a password is needed to read it)") from e
        detail = str(e) or repr(e.args[0] if e.args else e)
        failure = f"{e.__class__.__name__}: {detail}"
    try:  # pdfium rebuilds a broken cross-reference table by scanning the file
        n_pages = page_count(data)
    except Exception as e:
        if "password" in str(e).lower():
            raise EncryptedDocument("the PDF is encrypted (a password is needed to read it)") from e
        raise CorruptDocument(f"not a readable PDF: {failure}; pdfium: {e}") from e
    pages = (
        (n, chars, ([], [], []), size, images, 0)
        for n, chars, size, images in pdfium_pages(data, limits.max_pages)
    )
    note = f"repaired: pdfplumber could not open it ({failure[:200]}); read through pdfium's characters"
    return n_pages, pages, contextlib.nullcontext(), {"repair": note}


def _creation_date(handle) -> str | None:
    """The PDF's CreationDate (D:20241205083000+08'00') as YYYY-MM-DD, when pdfplumber opened it."""
    info = getattr(handle, "metadata", None) or {}
    raw = info.get("CreationDate") or info.get("ModDate")
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1", "replace")
    m = re.match(r"(?:D:)?((?:19|20)\d{2})(\d{2})(\d{2})", str(raw or ""))
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return None


OCR_AGREES = 0.8  # a failing text layer OCR reads the same is what the page prints: kept
OCR_MIN_SHARE = 0.5  # OCR of a failing page must find this share of the text layer's glyph count
_LAYER_FIGURES = ("chars", "cjk_share", "odd_share", "latin1_share", "ascii_symbol_share", "common_share")


def _layout(chars: list[dict], geometry) -> tuple[list, PageLayout]:
    vrules = [((r[0] + r[2]) / 2, r[1], r[3]) for r in geometry[0] if r[2] - r[0] < 2]
    lines = chars_to_lines(chars, vrules) if chars else []
    return lines, (analyse_page(lines, *geometry) if lines else PageLayout([], [], []))


def _layout_text(layout: PageLayout) -> str:
    blocks = [*layout.header, *(b for a in layout.articles for b in a.blocks), *layout.footer]
    return "\n".join(b.text for b in blocks)


def _agreement(a: str, b: str) -> float:
    """Share of the text layer's visible characters that OCR read too (as a multiset)."""
    from collections import Counter

    ca, cb = Counter(c for c in a if not c.isspace()), Counter(c for c in b if not c.isspace())
    return round(sum((ca & cb).values()) / max(sum(ca.values()), 1), 4)


def _check_layer(data: bytes, number: int, layout: PageLayout, geometry, use_ocr: bool):
    """The per-page text-layer check: ``(decision, lines, layout, ocr_chars)``. A page whose text
    layer does not read as language (sources.text_quality.page_verdict) is read by OCR instead;
    ``decision`` holds what was decided and the figures on both readings."""
    figures = measure_page(_layout_text(layout))
    why = page_verdict(figures)
    decision = {"page": number, "decision": "text", **{k: figures[k] for k in _LAYER_FIGURES}}
    if why is None:
        return decision, None, layout, []
    decision["reason"] = why
    if not use_ocr:
        decision["decision"] = "unreadable"
        decision["ocr"] = "off"
        return decision, None, None, []
    ocr_chars = ocr.read_page(data, number - 1)[0]
    lines, ocr_layout = _layout(ocr_chars, geometry)
    again = measure_page(_layout_text(ocr_layout))
    decision["ocr"] = {k: again[k] for k in _LAYER_FIGURES}
    # OCR must find the page's text, not a stray line of it: at least half as many characters
    # as the text layer has glyphs
    if not lines or again["chars"] < OCR_MIN_SHARE * figures["chars"] or page_verdict(again) is not None:
        agreement = _agreement(_layout_text(layout), _layout_text(ocr_layout))
        decision["ocr"]["agreement"] = agreement
        if agreement >= OCR_AGREES:  # the page does print what its text layer says (a table of codes)
            decision["decision"] = "text"
            return decision, None, layout, []
        decision["decision"] = "unreadable"
        return decision, None, None, []
    decision["decision"] = "ocr"
    return decision, lines, ocr_layout, ocr_chars


def read_pdf(path: Path) -> Document:
    path = Path(path)
    limits = current_limits()
    data = read_bytes(path, limits.max_file_bytes)
    n_pages, page_iter, handle, notes = _open(data, limits)
    if n_pages > limits.max_pages:
        raise TooManyPages(f"{n_pages:,} pages, over the page limit of {limits.max_pages:,}")

    pieces: list[tuple[PageBlock, int, int, tuple]] = []  # block, page, article (doc-wide), source
    articles: list[Article] = []
    image_only: list[int] = []
    outlined: list[int] = []  # pages whose text is drawn as outlines (no text layer): read by OCR
    signals: list[dict] = []  # per page: which signal decided the order, and the stream's coherence
    ocr_pages: list[int] = []
    layers: list[dict] = []  # per page: the text-layer check's decision and figures
    use_ocr = ocr.ocr_enabled()
    unmapped = rotated = mapped = 0
    with handle:
        for number, chars, geometry, (width, height), images, outlines in progress.pages(page_iter, n_pages):
            good, turned = [], []
            for seq, c in enumerate(chars):  # pdfplumber keeps the content stream's order
                c["seq"] = seq
                if c["text"].startswith("(cid:"):
                    unmapped += 1
                elif not c["upright"]:
                    turned.append(c)
                else:
                    good.append(c)
                    mapped += 1
            if mapped > limits.max_chars:
                raise TooManyChars(f"more than {limits.max_chars:,} characters (character limit)")
            rotated += len(turned)
            ocr_chars: list[dict] = []
            if not good and not turned:
                outline = not chars and not images and outlines >= ocr.OUTLINE_GLYPHS
                if outline:
                    outlined.append(number)
                if (images or outline) and not chars and use_ocr:  # a scan: OCR it (never a text page)
                    # text drawn as outlines renders like a text layer, not like a scan: read it as
                    # the text-layer path reads (RapidOCR's own line widths; the squeeze for scans
                    # moved a 10 pt page's glyphs across its gutter)
                    settings = ocr.default_settings().as_before() if outline else None
                    ocr_chars, rules, frames = ocr.read_page(data, number - 1, settings=settings)
                    if outline:  # the vector rules and boxes are glyph strokes: only the image's count
                        geometry = (rules, [], frames)
                    else:
                        scan = SCAN_AREA * width * height
                        figures = [f for f in geometry[1] if _area(f) < scan]
                        geometry = (geometry[0] + rules, figures, geometry[2] + frames)
                if not ocr_chars:
                    if (images or outline) and not chars:
                        image_only.append(number)
                    continue
                ocr_pages.append(number)
                good = ocr_chars
            elif use_ocr and images:
                ocr_chars = _ocr_regions(data, number, width * height, images, good)
                good = good + ocr_chars
            lines, layout = _layout(good, geometry)
            if lines and number not in ocr_pages:
                decision, _, checked, layer_ocr = _check_layer(data, number, layout, geometry, use_ocr)
                layers.append(decision)
                if checked is None:  # neither reading makes the page readable: it is left out
                    continue
                if layer_ocr:
                    ocr_pages.append(number)
                    layout, ocr_chars = checked, layer_ocr
            if lines:
                signals.append({"page": number, "signal": layout.signal, "coherence": layout.coherence})
            ocr_index = _OcrIndex(ocr_chars) if ocr_chars else None
            for b in layout.header:
                pieces.append((b, number, -1, _source(b, ocr_index)))
            for art in layout.articles:
                idx = len(articles)
                articles.append(Article(idx, art.headline, art.continued_from, art.continues_to))
                for b in art.blocks:
                    pieces.append((b, number, idx, _source(b, ocr_index)))
            for b in layout.footer:
                pieces.append((b, number, -1, _source(b, ocr_index)))
            if turned:  # rotated text (margin notes, vertical labels): kept, in stream order
                pieces.append((_rotated_block(turned), number, -1, ("text", None)))
    if unmapped > mapped:
        raise CorruptDocument(
            f"{unmapped} of {unmapped + mapped} glyphs come from fonts without a ToUnicode map: "
            "the text cannot be recovered"
        )
    unreadable = [d for d in layers if d["decision"] == "unreadable"]
    if not pieces and unreadable:
        raise UnreadableTextLayer(
            f"the text layer of {len(unreadable)} page(s) does not read as language "
            f"({unreadable[0]['reason']}) and OCR "
            + ("is turned off" if unreadable[0].get("ocr") == "off" else "cannot read it either"),
            figures={"pages": unreadable},
        )
    if not pieces:
        if image_only:
            what = "images" if len(outlined) < len(image_only) else "text drawn as outlines"
            raise ImageOnlyDocument(
                f"{len(image_only)} of {n_pages} page(s) are {what} without a text layer"
                + (" (scans)" if what == "images" else "")
                + ("" if use_ocr else "; OCR is turned off (CSTATS_OCR)")
            )
        raise CorruptDocument("the PDF has no text")
    blocks, texts, pos = [], [], 0
    for b, number, idx, (source, confidence) in pieces:
        boxes = _merge_boxes(b.boxes)
        blocks.append(
            Block(
                start=pos,
                end=pos + len(b.text),
                role=b.role,
                page=number,
                bbox=tuple(round(v, 2) for v in b.bbox),
                article=idx,
                boxes=tuple(boxes),
                source=source,
                ocr_confidence=confidence,
            )
        )
        texts.append(b.text)
        pos += len(b.text) + len(SEPARATOR)
    display = SEPARATOR.join(texts)
    metadata = {"title": articles[0].headline if articles else "", **notes}
    if created := _creation_date(handle):
        metadata["pdf_date"] = created  # the file's creation date: dates the page when nothing else does
    if signals:
        metadata["order_signal"] = signals
    if image_only:
        metadata["image_only_pages"] = image_only
    if ocr_pages:
        metadata["ocr_pages"] = ocr_pages
    if outlined:
        metadata["outline_pages"] = outlined
    if layers:
        metadata["text_layer"] = layers
    failed = [d for d in layers if d["decision"] != "text"]
    read_outlines = [n for n in outlined if n in ocr_pages]
    if failed or read_outlines:  # a short note for dim_document.notes (sources/readers.py gathers them)
        metadata["text_layer_note"] = "; ".join(
            [
                f"page {d['page']}: text layer {d['reason']}: "
                + ("read by OCR" if d["decision"] == "ocr" else "unreadable, left out")
                for d in failed
            ]
            + [f"page {n}: no text layer, text drawn as outlines: read by OCR" for n in read_outlines]
        )
    if unmapped:
        metadata["unmapped_glyphs"] = unmapped
    if rotated:
        metadata["rotated_glyphs"] = rotated
    return Document(
        doc_id=path.stem,
        path=str(path),
        media_type="application/pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        text=for_extraction(display),
        display_text=display,
        blocks=blocks,
        articles=articles,
        pages=n_pages,
        metadata=metadata,
    )
