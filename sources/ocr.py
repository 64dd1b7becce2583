"""OCR of scanned PDF pages (and large image regions of text pages) with RapidOCR.

The ``rapidocr`` wheel ships the PP-OCR detection, recognition and orientation models as ONNX
files inside the package and ``onnxruntime`` runs them on the CPU: nothing is downloaded at run
time (the engine is built with the packaged model paths only; a missing model is an error, never
a download). Pages are rendered with pypdfium2.

OCR returns *characters* shaped like pdfplumber's (``text``, ``x0``, ``x1``, ``top``, ``bottom``,
``size``, ``fontname``, ``upright``) in PDF points, plus a ``score`` (recognition confidence,
0-1), so the PDF reader sends them through the same line and layout engine as text-layer glyphs:
columns, roles and articles come from one place.

``CSTATS_OCR=0`` turns OCR off; the reader then reports scans as ``image_only`` as before.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sources.pdf.lines import is_cjk

OCR_DPI = 150.0  # render scale for OCR: enough for 9 pt body text (measured, docs/pdf.md)
OCR_FONT = "OCR"  # the fontname OCR characters carry (never bold: roles rest on size)
MIN_SCORE = 0.5  # lines recognised with a lower confidence are dropped (RapidOCR's default)

_engine = None
_lock = threading.Lock()


def ocr_enabled() -> bool:
    return os.environ.get("CSTATS_OCR", "1").strip().lower() not in ("0", "false", "no", "off")


def _models() -> dict[str, str]:
    """The ONNX models inside the rapidocr package, by task."""
    import rapidocr

    folder = Path(rapidocr.__file__).parent / "models"
    found = {}
    for task, prefix in (("Det", "det"), ("Rec", "rec"), ("Cls", "cls")):
        paths = sorted(p for p in folder.glob("*.onnx") if f"_{prefix}" in p.name)
        if not paths:
            raise RuntimeError(f"rapidocr's packaged {prefix} model is missing from {folder}")
        found[task] = str(paths[0])
    return found


def engine():
    """One RapidOCR engine per process (building it loads three ONNX sessions, ~0.2 s)."""
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr import RapidOCR

            params = {
                "Global.log_level": "error",
                "Global.return_word_box": True,
                "Global.return_single_char_box": True,
                "Global.text_score": MIN_SCORE,
            }
            for task, path in _models().items():
                params[f"{task}.model_path"] = path
            _engine = RapidOCR(params=params)
        return _engine


def _ink_height(grey, x0: int, top: int, x1: int, bottom: int) -> int:
    h, w = grey.shape
    crop = grey[max(top, 0) : min(bottom, h), max(x0, 0) : min(x1, w)]
    if not crop.size:
        return 0
    inked = (crop < 128).any(axis=1).nonzero()[0]
    return int(inked[-1] - inked[0] + 1) if len(inked) else 0


def _size(grey, box, glyphs: list[tuple[str, int, int]]) -> float:
    """Glyph size of an OCR line in pixels, from the ink's height: the median over its CJK glyphs
    (which fill about 0.92 em; a digit on another baseline or a short glyph such as 一 does not
    move a median), else the whole line's ink over 0.72 em (digits, Latin capitals). The
    detector's box adds a margin that varies with the size, and the recogniser's character
    boxes are too coarse for an advance, so neither is used."""
    top, bottom = int(min(p[1] for p in box)), int(max(p[1] for p in box)) + 1
    heights = sorted(
        _ink_height(grey, x0, top, x1, bottom) for text, x0, x1 in glyphs if is_cjk(text) and text.isalpha()
    )
    if heights:
        return heights[len(heights) // 2] / 0.92
    x0, x1 = int(min(p[0] for p in box)), int(max(p[0] for p in box)) + 1
    return _ink_height(grey, x0, top, x1, bottom) / 0.72


_FULL_WIDTH = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


def _cjk_punctuation(texts: list[str]) -> list[str]:
    """The recogniser writes ASCII ( ) , : ; ! ? for the full-width marks of Chinese text: next to
    a CJK glyph they are given back their full-width form (as the text layer of the same page
    has them)."""
    out = list(texts)
    for i, t in enumerate(texts):
        if t in _FULL_WIDTH:
            near = texts[i - 1 : i] + texts[i + 1 : i + 2]
            if any(is_cjk(n[0]) and n.isalpha() for n in near if n):
                out[i] = _FULL_WIDTH[t]
    return out


def _runs(mask, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of the runs of True at least ``min_len`` long, row by row."""
    import numpy as np

    padded = np.pad(mask.astype(np.int8), ((0, 0), (1, 1)))
    d = np.diff(padded, axis=1)
    rows, starts = (d == 1).nonzero()
    _, ends = (d == -1).nonzero()
    keep = ends - starts >= min_len
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _segments(mask, min_len: int, max_thick: int) -> list[tuple[int, int, int, int]]:
    """Straight dark strokes along the rows of ``mask``: (start, first row, end, last row)."""
    open_: list[list[int]] = []  # start, first row, end, last row
    done: list[list[int]] = []
    for row, a, b in _runs(mask, min_len):
        for seg in open_:
            if seg[3] >= row - 1 and a < seg[2] and b > seg[0]:
                seg[0], seg[2], seg[3] = min(seg[0], a), max(seg[2], b), row
                break
        else:
            open_.append([a, row, b, row])
        still = [s for s in open_ if s[3] >= row - 1]
        done += [s for s in open_ if s[3] < row - 1]
        open_ = still
    return [tuple(s) for s in done + open_ if s[3] - s[1] + 1 <= max_thick]


def rules_and_frames(image, scale: float, origin: tuple[float, float] = (0.0, 0.0)):
    """Separator rules and frames (boxed quotes, inset articles) drawn in a scanned page, in
    points: dark strokes at least 40 pt long and at most ~2.5 pt thick; a rectangle closed by two
    horizontal and two vertical strokes is a frame, the other strokes are rules. The layout engine
    uses them as it uses a text page's vector rules."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < 110
    min_len, thick = int(40 * scale), max(int(2.5 * scale), 2)
    ox, oy = origin
    hs = [
        (a / scale + ox, r0 / scale + oy, b / scale + ox, (r1 + 1) / scale + oy)
        for a, r0, b, r1 in _segments(dark, min_len, thick)
    ]
    vs = [
        (r0 / scale + ox, a / scale + oy, (r1 + 1) / scale + ox, b / scale + oy)
        for a, r0, b, r1 in _segments(dark.T, min_len, thick)
    ]
    frames, used = [], set()
    tol = 4.0
    for i, top in enumerate(hs):
        for j, bottom in enumerate(hs):
            overlap = min(top[2], bottom[2]) - max(top[0], bottom[0])
            if (
                j == i
                or bottom[1] - top[3] < 12
                or overlap < 0.8 * min(top[2] - top[0], bottom[2] - bottom[0])
            ):
                continue
            left, right = min(top[0], bottom[0]), max(top[2], bottom[2])
            sides = [
                k
                for k, v in enumerate(vs)
                if v[1] <= top[3] + tol
                and v[3] >= bottom[1] - tol
                and (abs(v[0] - left) <= tol or abs(v[2] - right) <= tol)
            ]
            if len(sides) >= 2:
                frames.append((left, top[1], right, bottom[3]))
                used.update({("h", i), ("h", j), *(("v", k) for k in sides)})
    rules = [h for i, h in enumerate(hs) if ("h", i) not in used] + [
        v for k, v in enumerate(vs) if ("v", k) not in used
    ]
    return rules, frames


def read_image(image, scale: float, origin: tuple[float, float] = (0.0, 0.0)) -> list[dict]:
    """OCR a PIL image; characters in PDF points (``scale`` pixels per point, ``origin`` the
    image's top-left on the page)."""
    import numpy as np

    result = engine()(np.asarray(image.convert("RGB")))
    if not result.txts:
        return []
    grey = np.asarray(image.convert("L"))
    ox, oy = origin
    out: list[dict] = []
    for box, words, score in zip(result.boxes, result.word_results, result.scores, strict=False):
        ys = [float(p[1]) for p in box]
        top, bottom = min(ys) / scale + oy, max(ys) / scale + oy
        glyphs = []
        for text, char_score, cbox in words:
            if not text.strip() or cbox is None:
                continue
            xs = [float(p[0]) for p in cbox]
            glyphs.append((text, min(xs), max(xs), float(char_score)))
        if not glyphs:
            continue
        size = _size(grey, box, [(t, int(x0), int(x1) + 1) for t, x0, x1, _ in glyphs]) / scale
        middle = (top + bottom) / 2
        texts = _cjk_punctuation([g[0] for g in glyphs])
        for text, (_, px0, px1, char_score) in zip(texts, glyphs, strict=True):
            x0, x1 = px0 / scale + ox, px1 / scale + ox
            out.append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": max(x1, x0 + 0.3 * size),
                    "top": middle - size / 2,
                    "bottom": middle + size / 2,
                    "size": size,
                    "fontname": OCR_FONT,
                    "upright": True,
                    "score": min(char_score, float(score)),
                }
            )
    return out


def read_page(pdf_source: bytes | str | Path, index: int, dpi: float = OCR_DPI, crop: tuple | None = None):
    """OCR page ``index`` (0-based) of a PDF (its bytes, or a path), or only its region ``crop`` =
    (x0, top, x1, bottom) in points. Returns the characters, and the rules and frames drawn in the
    image."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_source if isinstance(pdf_source, bytes) else str(pdf_source))
    try:
        page = pdf[index]
        width, height = page.get_size()
        scale = dpi / 72.0
        origin = (0.0, 0.0)
        if crop is None:
            image = page.render(scale=scale, grayscale=True).to_pil()
        else:
            x0, top, x1, bottom = crop
            origin = (max(x0, 0), max(top, 0))
            image = page.render(
                scale=scale,
                grayscale=True,
                crop=(max(x0, 0), max(height - bottom, 0), max(width - x1, 0), max(top, 0)),
            ).to_pil()
    finally:
        pdf.close()
    chars = read_image(image, scale, origin)
    rules, frames = rules_and_frames(image, scale, origin) if chars else ([], [])
    return chars, rules, frames
