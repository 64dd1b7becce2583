"""OCR of scanned PDF pages (and large image regions of text pages) with RapidOCR.

The ``rapidocr`` wheel ships the PP-OCR detection, recognition and orientation models as ONNX
files inside the package and ``onnxruntime`` runs them: nothing is downloaded at run time (the
engine is built with the packaged model paths only; a missing model is an error, never a
download). Pages are rendered with pypdfium2.

OCR returns *characters* shaped like pdfplumber's (``text``, ``x0``, ``x1``, ``top``, ``bottom``,
``size``, ``fontname``, ``upright``) in PDF points, plus a ``score`` (recognition confidence,
0-1), so the PDF reader sends them through the same line and layout engine as text-layer glyphs:
columns, roles and articles come from one place.

Settings (environment; docs/pdf.md says how the defaults were chosen by ``bench/bench_ocr.py``):

| variable | default | |
|---|---|---|
| CSTATS_OCR | 1 | ``0`` turns OCR off: scans are then reported as ``image_only`` |
| CSTATS_OCR_DEVICE | auto | ``cpu``, ``cuda`` or ``auto`` (CUDA when onnxruntime-gpu sees a GPU) |
| CSTATS_OCR_THREADS | cores / readers | onnxruntime intra-op threads of one reader |
| CSTATS_READERS | cores | reader processes sharing this machine's cores (one per core) |
| CSTATS_OCR_SQUEEZE | 0.7 | recognition's line width scale (``1``: RapidOCR's own; ``0.5``: faster, a few glyphs misread) |

The device never fails a read: asking for CUDA where onnxruntime has no CUDA provider (no
``committee-stats[gpu]`` extra, no GPU, no driver) logs one line and reads on the CPU.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from sources.pdf.lines import is_cjk

log = logging.getLogger(__name__)

OCR_DPI = 150.0  # render scale of an image region of a text page (its own dpi is unknown)
SCAN_DPI = (150.0, 300.0)  # a scan is rendered at its own dpi, kept within these bounds
DET_DPI = 100.0  # detection works on the page at this resolution (bench/bench_ocr.py's table)
OCR_FONT = "OCR"  # the fontname OCR characters carry (never bold: roles rest on size)
MIN_SCORE = 0.5  # lines recognised with a lower confidence are dropped (RapidOCR's default)
TURN_RECHECK = 0.8  # a line the classifier turned, read with less, is read again unturned (_turned_back)
REC_BATCH = 1  # text lines per recognition batch (RapidOCR: 6; one line is faster, docs/pdf.md)
NO_DOWNSCALE = 100_000  # RapidOCR's max_side_len: never shrink the page before cropping lines
REC_HEIGHT = 48  # the recogniser's input height (PP-OCR: every line is resized to it)
REC_SQUEEZE = 0.7  # a line's width is scaled by this after its height is set to REC_HEIGHT
REC_MIN_WIDTH = 96  # px: a batch is padded to at least this width (RapidOCR: 320)
REC_RECHECK = 0.8  # a squeezed line with a glyph less sure than this is read again unsqueezed


@dataclass(frozen=True)
class Settings:
    """What the engine is built with. ``det_dpi``: the detection side length follows the page
    size (a broadsheet gets a longer side than an A4 page at the same resolution); recognition
    crops its lines from the full-resolution render."""

    device: str = "cpu"  # "cpu" or "cuda": what the engine runs on (after the fallback)
    threads: int = 1  # onnxruntime intra-op threads
    det_dpi: float = DET_DPI
    rec_batch: int = REC_BATCH
    use_cls: bool = True  # the orientation classifier (upside-down lines)
    dpi: float | None = None  # render a scan at this dpi (None: its own, within SCAN_DPI)
    rec_squeeze: float = REC_SQUEEZE  # recognition's horizontal scale (1: RapidOCR's own)
    rec_min_width: int = REC_MIN_WIDTH  # recognition's narrowest batch, px after the squeeze
    resample: str = "bilinear"  # how a skewed image is turned straight ("bicubic": finer, slower)

    def engine_key(self) -> tuple:
        return (self.device, self.threads, self.rec_batch, self.use_cls)

    def as_before(self) -> Settings:
        """These settings with recognition and straightening as they were before issue 22's
        broadsheet work (RapidOCR's own line widths, a bicubic turn): an image region of a text
        page is read so, and the text-layer path's output stays what it was."""
        return dataclasses.replace(self, rec_squeeze=1.0, rec_min_width=320, resample="bicubic")


_engines: dict[tuple, object] = {}
_lock = threading.Lock()
_override: list[Settings] = []


@contextlib.contextmanager
def using(settings: Settings):
    """Read with ``settings`` instead of the defaults inside the block (benches, tests)."""
    _override.append(settings)
    try:
        yield settings
    finally:
        _override.pop()


def ocr_enabled() -> bool:
    return os.environ.get("CSTATS_OCR", "1").strip().lower() not in ("0", "false", "no", "off")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_threads() -> int:
    """onnxruntime intra-op threads for one reader: this machine's cores shared by its readers
    (one reader per core by default, so 1: more would oversubscribe the cores)."""
    if os.environ.get("CSTATS_OCR_THREADS", "").strip():
        return max(1, int(os.environ["CSTATS_OCR_THREADS"]))
    readers = int(os.environ.get("CSTATS_READERS", "0") or 0) or cores()
    return max(1, cores() // readers)


def cuda_available() -> bool:
    """Whether onnxruntime can run on a CUDA GPU here (onnxruntime-gpu installed and a device)."""
    try:
        import onnxruntime as ort
    except ImportError:
        return False
    return "CUDAExecutionProvider" in ort.get_available_providers() and ort.get_device() == "GPU"


def choose_device(wanted: str | None = None) -> str:
    """``cpu`` or ``cuda``: the device asked for (argument, else CSTATS_OCR_DEVICE, else auto)
    when onnxruntime can use it; CUDA asked for but absent falls back to the CPU with a log line."""
    wanted = (wanted or os.environ.get("CSTATS_OCR_DEVICE") or "auto").strip().lower()
    if wanted not in ("auto", "cpu", "cuda", "gpu"):
        log.warning("CSTATS_OCR_DEVICE=%r is not cpu, cuda or auto: OCR runs on the CPU", wanted)
        return "cpu"
    if wanted == "cpu":
        return "cpu"
    if cuda_available():
        return "cuda"
    if wanted != "auto":
        log.warning(
            "OCR device %s asked for, but onnxruntime has no CUDA provider or device here "
            "(install committee-stats[gpu] on a GPU host): OCR runs on the CPU",
            wanted,
        )
    return "cpu"


_chosen: dict[tuple, str] = {}


def default_settings(device: str | None = None) -> Settings:
    """The settings of this process's readers (the device decided, and logged, once)."""
    if _override:
        return _override[-1]
    key = (device, os.environ.get("CSTATS_OCR_DEVICE"))
    if key not in _chosen:
        _chosen[key] = choose_device(device)
    return Settings(device=_chosen[key], threads=default_threads(), rec_squeeze=default_squeeze())


def default_squeeze() -> float:
    """``CSTATS_OCR_SQUEEZE`` (0.2-1), else :data:`REC_SQUEEZE`."""
    raw = os.environ.get("CSTATS_OCR_SQUEEZE", "").strip()
    try:
        return min(max(float(raw), 0.2), 1.0) if raw else REC_SQUEEZE
    except ValueError:
        log.warning("CSTATS_OCR_SQUEEZE=%r is not a number: %s is used", raw, REC_SQUEEZE)
        return REC_SQUEEZE


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


def engine_params(settings: Settings, det_side: int = 2048) -> dict:
    """RapidOCR's parameters for ``settings`` (``bench/bench_ocr.py`` builds the bare engine it
    compares against from the same dict)."""
    ort = "EngineConfig.onnxruntime"
    params = {
        "Global.log_level": "error",
        "Global.return_word_box": True,
        "Global.return_single_char_box": True,
        "Global.text_score": MIN_SCORE,
        "Global.max_side_len": NO_DOWNSCALE,
        "Global.use_cls": settings.use_cls,
        "Det.limit_type": "max",
        "Det.limit_side_len": det_side,
        "Rec.rec_batch_num": settings.rec_batch,
        f"{ort}.intra_op_num_threads": settings.threads,
        f"{ort}.inter_op_num_threads": 1,
        f"{ort}.use_cuda": settings.device == "cuda",
    }
    for task, path in _models().items():
        params[f"{task}.model_path"] = path
    return params


def build_engine(settings: Settings, det_side: int = 2048):
    """A RapidOCR engine for ``settings``, its recogniser squeezed (:func:`squeeze_recogniser`).
    ``bench/bench_ocr.py``'s bare baseline is built here too: the same engine, without the
    project around it."""
    from rapidocr import RapidOCR

    eng = RapidOCR(params=engine_params(settings, det_side))
    squeeze_recogniser(eng._load_rec_model(), settings.rec_squeeze, settings.rec_min_width)
    eng.cls_and_rotate = _recording_turns(eng)
    eng.recognize_txt = _rechecked(eng)
    return eng


def _recording_turns(eng):
    """RapidOCR's ``cls_and_rotate`` for ``eng``, keeping the lines as they stood before the
    orientation classifier turned some of them over (``eng.turned``: index -> the unturned
    line), for :func:`_turned_back`."""
    plain = type(eng).cls_and_rotate.__get__(eng)

    def cls_and_rotate(images):
        turned, out = plain(images)
        eng.turned = {i: a for i, (a, b) in enumerate(zip(images, turned, strict=True)) if a is not b}
        return turned, out

    return cls_and_rotate


def _rechecked(eng):
    """RapidOCR's ``recognize_txt`` for ``eng``, squeezed lines checked: a line whose least sure
    glyph scores under :data:`REC_RECHECK` (or that reads as nothing) is read again at RapidOCR's
    own width, and that reading is kept. On a broadsheet at 200 dpi one line in ten is read
    again; the squeeze's misreadings (入 for 人, 劝 for 勤) are in those lines."""
    plain = type(eng).recognize_txt.__get__(eng)

    def recognize_txt(images):
        turned, eng.turned = getattr(eng, "turned", {}), {}  # set by this read's classifier only
        return _turned_back(squeezed, turned, squeezed(images))

    def squeezed(images):
        out = plain(images)
        rec = eng._load_rec_model()
        factor, min_width = getattr(rec, "squeeze", (1.0, 320))
        if factor == 1.0 or out.txts is None:
            return out
        words = out.word_results or (None,) * len(out.txts)
        again = [
            i
            for i, (text, score, word) in enumerate(zip(out.txts, out.scores, words, strict=True))
            if not text or min(getattr(word, "confs", None) or [score]) < REC_RECHECK
        ]
        if not again:
            return out
        squeeze_recogniser(rec, 1.0, 320)
        try:
            second = plain([images[i] for i in again])
        finally:
            squeeze_recogniser(rec, factor, min_width)
        txts, scores = list(out.txts), list(out.scores)
        words = list(words)
        for k, i in enumerate(again):
            txts[i], scores[i] = second.txts[k], second.scores[k]
            words[i] = second.word_results[k] if second.word_results else None
        out.txts, out.scores = tuple(txts), tuple(scores)
        out.word_results = tuple(words) if out.word_results else out.word_results
        return out

    return recognize_txt


def squeeze_recogniser(recogniser, factor: float, min_width: int) -> None:
    """Make RapidOCR's recogniser read each line ``factor`` times as wide as PP-OCR's own
    resize would (the line set to :data:`REC_HEIGHT` px high, its width scaled by ``factor``),
    and pad a batch to at least ``min_width`` px instead of 320.

    Recognition is most of a dense page's time (a broadsheet: ~490 lines, ~85 % of the engine's
    CPU), and its cost grows with the input's width: a CJK glyph set 48 px high is ~48 px wide,
    more than the recogniser needs (PP-OCR trains on lines squeezed into 320 px, ~13 px a glyph
    for its longest). 0.5 halves recognition's time but misreads a few glyphs per page, 0.7 with
    the recheck (:func:`_rechecked`) reads the development broadsheets as well as no squeeze
    (``bench/bench_ocr.py --table``, docs/pdf.md "OCR speed"). The characters' positions stay
    where they were: the recogniser gives them as fractions of the line's width, and every
    line in a batch is scaled alike. Called again with other values, it sets them for the next reads (one
    engine serves squeezed and plain reads: :meth:`Settings.as_before`)."""
    import cv2

    channels, height, _ = recogniser.rec_image_shape
    # the floor of a batch's width over its height, in the unsqueezed lines RapidOCR measures
    recogniser.rec_image_shape = [channels, height, max(1, round(min_width / factor))]
    recogniser.squeeze = (factor, min_width)
    plain = type(recogniser).resize_norm_img.__get__(recogniser)
    if factor == 1.0:
        recogniser.resize_norm_img = plain
        return

    def resize_norm_img(img, max_wh_ratio: float):
        h, w = img.shape[:2]
        # to REC_HEIGHT's scale first, then narrowed: area averaging keeps thin strokes
        width = max(1, round(w * height / h * factor))
        img = cv2.resize(img, (width, height), interpolation=cv2.INTER_AREA)
        return plain(img, max_wh_ratio * factor)

    recogniser.resize_norm_img = resize_norm_img


def engine(settings: Settings | None = None):
    """One RapidOCR engine per process and settings (building one loads three ONNX sessions)."""
    settings = settings or default_settings()
    with _lock:
        key = settings.engine_key()
        if key not in _engines:
            _engines[key] = build_engine(settings)
        return _engines[key]


def det_side(width_pt: float, height_pt: float, det_dpi: float = DET_DPI) -> int:
    """Detection's longest side in pixels for a page (or region) of this size: ``det_dpi`` over
    its longest side, a multiple of 32 (the network's stride), at least 736 (RapidOCR's own
    floor for small images)."""
    side = max(width_pt, height_pt) / 72.0 * det_dpi
    return max(736, int(round(side / 32.0)) * 32)


def recognise(image, det_px: int, settings: Settings | None = None):
    """RapidOCR's result for an image (PIL, or a greyscale array: RapidOCR makes its three
    channels itself), detection at ``det_px`` on the longest side."""
    import numpy as np

    settings = settings or default_settings()
    eng = engine(settings)
    detector = eng._load_det_model()  # the per-page side length (RapidOCR keeps it per engine)
    detector.limit_side_len = det_px
    squeeze_recogniser(eng._load_rec_model(), settings.rec_squeeze, settings.rec_min_width)
    pixels = image if isinstance(image, np.ndarray) else np.asarray(image.convert("RGB"))
    # the call's switches stay set on the engine, so each call says all three
    return eng(pixels, use_det=True, use_cls=settings.use_cls, use_rec=True)


def _turned_back(read, turned: dict, out):
    """Lines the orientation classifier turned over by mistake, read again as they stood.

    The classifier turns a line it finds upside down before recognition (for a clipping pasted
    in upside down). On real pages it also turns upright lines, and the turned line then reads
    as nonsense or as nothing: a government PDF's line ending in a bracket, ``…的通知》（粤府``,
    came out as ``《`` (0.54); the same line read as it stands scores 0.996. Its scores do not
    tell the two apart (0.95 on upright lines it turned, down to 0.81 on lines really upside
    down), so a turned line read under :data:`TURN_RECHECK` (or as nothing) is read once more
    as it stood, and the better reading is kept: a line really upside down reads worse unturned.
    ``read`` is the engine's recognition; RapidOCR places every line's glyphs on the line as it
    stood before the classifier, which is the line the second reading read."""
    if not turned or out.txts is None:
        return out
    again = [i for i in sorted(turned) if not out.txts[i].strip() or out.scores[i] < TURN_RECHECK]
    if not again:
        return out
    second = read([turned[i] for i in again])
    txts, scores = list(out.txts), list(out.scores)
    words = list(out.word_results) if out.word_results else None
    for k, i in enumerate(again):
        if second.txts[k].strip() and second.scores[k] > scores[i]:
            txts[i], scores[i] = second.txts[k], second.scores[k]
            if words is not None and second.word_results:
                words[i] = second.word_results[k]
    out.txts, out.scores = tuple(txts), tuple(scores)
    out.word_results = tuple(words) if words is not None else out.word_results
    return out


def percentiles(grey, qs: tuple[float, ...]) -> tuple[float, ...]:
    """``np.percentile(grey, qs)`` (its default linear method, the same floats bit for bit) for an
    8-bit image, read from its histogram: numpy partitions the pixels, which on a page of paper
    white (a few hundred thousand equal values) cost ~15 ms a call, a third of what the project
    adds to the engine on an A4 scan; counting them costs a fraction of a millisecond."""
    import numpy as np

    grey = np.asarray(grey)
    if grey.dtype != np.uint8 or not grey.size:
        return tuple(float(v) for v in np.percentile(grey, qs))
    below = np.cumsum(np.bincount(grey.ravel(), minlength=256))  # pixels at or under each level
    n = int(below[-1])
    out = []
    for q in qs:
        virtual = (n - 1) * (q / 100)  # numpy's virtual index for the linear method
        lo = int(virtual // 1)
        a = float(np.searchsorted(below, lo, side="right"))  # the lo-th smallest value
        b = float(np.searchsorted(below, min(lo + 1, n - 1), side="right"))
        t, d = virtual - lo, b - a
        out.append(b - d * (1 - t) if t >= 0.5 else a + d * t)  # numpy's _lerp
    return tuple(out)


def _ink_height(grey, x0: int, top: int, x1: int, bottom: int, level: float) -> int:
    h, w = grey.shape
    crop = grey[max(top, 0) : min(bottom, h), max(x0, 0) : min(x1, w)]
    if not crop.size:
        return 0
    inked = (crop < level).any(axis=1).nonzero()[0]
    return int(inked[-1] - inked[0] + 1) if len(inked) else 0


def _ink_level(grey, box) -> float:
    """The grey level between ink and paper in a line's box: scans print grey ink on grey paper
    (and thin strokes come out lighter than solid ink), so no fixed threshold fits every page."""

    h, w = grey.shape
    xs, ys = [int(p[0]) for p in box], [int(p[1]) for p in box]
    crop = grey[max(min(ys), 0) : min(max(ys) + 1, h), max(min(xs), 0) : min(max(xs) + 1, w)]
    if not crop.size:
        return 128.0
    ink, paper = percentiles(crop, (1, 90))
    return float(ink + paper) / 2 if paper - ink > 24 else float(ink) - 1


def _size(grey, box, glyphs: list[tuple[str, int, int, int, int]]) -> float:
    """Glyph size of an OCR line in pixels, from the ink's height: the median over its CJK glyphs
    (which fill about 0.92 em; a digit on another baseline or a short glyph such as 一 does not
    move a median), else the whole line's ink over 0.72 em (digits, Latin capitals). Each glyph's
    ink is looked for inside its own box (``text, x0, x1, top, bottom``: it follows a skewed
    line), dark being below the line's own ink level. The detector's box adds a margin that
    varies with the size, and the recogniser's character boxes are too coarse for an advance, so
    neither is used as the size."""
    level = _ink_level(grey, box)
    boxes = [(x0, top, x1, bottom) for text, x0, x1, top, bottom in glyphs if is_cjk(text) and text.isalpha()]
    if boxes:
        heights = sorted(_ink_heights(grey, boxes, level))
        return heights[len(heights) // 2] / 0.92
    top, bottom = int(min(p[1] for p in box)), int(max(p[1] for p in box)) + 1
    x0, x1 = int(min(p[0] for p in box)), int(max(p[0] for p in box)) + 1
    return _ink_height(grey, x0, top, x1, bottom, level) / 0.72


def _ink_heights(grey, boxes: list[tuple[int, int, int, int]], level: float) -> list[int]:
    """:func:`_ink_height` of each (x0, top, x1, bottom) box, for a line's glyphs at once: the
    line's pixels under ``level`` are counted once along each row (a running sum), and each box
    takes its columns' count per row; no glyph is cropped on its own (a broadsheet has ~7,000)."""
    import numpy as np

    h, w = grey.shape
    b = np.asarray(boxes, dtype=np.int64).reshape(-1, 4)
    # the crop _ink_height takes, as Python slices it (a negative end counts from the far side)
    x0, top = np.clip(b[:, 0], 0, w), np.clip(b[:, 1], 0, h)
    x1 = np.clip(np.where(b[:, 2] < 0, b[:, 2] + w, b[:, 2]), 0, w)
    bottom = np.clip(np.where(b[:, 3] < 0, b[:, 3] + h, b[:, 3]), 0, h)
    x1, bottom = np.maximum(x1, x0), np.maximum(bottom, top)  # an empty crop
    r0, r1, c0, c1 = int(top.min()), int(bottom.max()), int(x0.min()), int(x1.max())
    if r1 <= r0 or c1 <= c0:
        return [0] * len(boxes)
    dark = grey[r0:r1, c0:c1] < level
    run = np.zeros((r1 - r0, c1 - c0 + 1), dtype=np.int32)
    np.cumsum(dark, axis=1, out=run[:, 1:])
    rows = np.arange(r0, r1)[:, None]
    inked = (run[:, x1 - c0] > run[:, x0 - c0]) & (rows >= top) & (rows < bottom)  # rows x boxes
    first = inked.argmax(axis=0)
    last = inked.shape[0] - 1 - inked[::-1].argmax(axis=0)
    return np.where(inked.any(axis=0), last - first + 1, 0).tolist()


_FULL_WIDTH = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# the recogniser's alphabet has look-alikes of the marks Chinese papers print: the ballot box ☐
# for the white square □ that opens a byline (□本报记者)
_SAME_GLYPH = {"☐": "□"}


def _cjk_punctuation(texts: list[str]) -> list[str]:
    """The recogniser writes ASCII ( ) , : ; ! ? for the full-width marks of Chinese text: next to
    a CJK glyph they are given back their full-width form (as the text layer of the same page
    has them); look-alikes (:data:`_SAME_GLYPH`) are given the mark the papers print."""
    out = [_SAME_GLYPH.get(t, t) for t in texts]
    for i, t in enumerate(texts):
        if t in _FULL_WIDTH:
            near = texts[i - 1 : i] + texts[i + 1 : i + 2]
            if any(is_cjk(n[0]) and n.isalpha() for n in near if n):
                out[i] = _FULL_WIDTH[t]
    return out


RUN_SAMPLES = 4  # _runs looks first at every (min_len / this)-th column


def _runs(mask, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of the runs of True at least ``min_len`` long, row by row. Only rows
    where :data:`RUN_SAMPLES` columns ``min_len // RUN_SAMPLES`` apart are all True in a row are
    looked at closely (a run that long covers that many such columns): on a page of text,
    a few rows in ten."""
    import numpy as np

    step = max(min_len // RUN_SAMPLES, 1)
    if step > 1 and mask.shape[1] >= min_len:
        samples = mask[:, ::step]
        together = samples[:, : samples.shape[1] - RUN_SAMPLES + 1].copy()
        for k in range(1, RUN_SAMPLES):
            together &= samples[:, k : samples.shape[1] - RUN_SAMPLES + 1 + k]
        rows = together.any(axis=1).nonzero()[0]
        found = _runs(mask[rows], min_len) if len(rows) < mask.shape[0] else None
        if found is not None:
            return [(int(rows[r]), a, b) for r, a, b in found]
    padded = np.pad(mask.astype(np.int8), ((0, 0), (1, 1)))
    d = np.diff(padded, axis=1)
    rows, cols = d.nonzero()  # one pass: a row's run starts (+1) and ends (-1) alternate
    up = d[rows, cols] == 1
    rows, starts, ends = rows[up], cols[up], cols[~up]
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


def rules_and_frames(image, scale: float, origin: tuple[float, float] = (0.0, 0.0), angle: float = 0.0):
    """Separator rules and frames (boxed quotes, inset articles) drawn in a scanned page, in
    points: dark strokes at least 40 pt long and at most ~2.5 pt thick, and tinted bars (:func:`_bars`);
    a rectangle closed by two horizontal and two vertical strokes is a frame, the other strokes are
    rules. The layout engine
    uses them as it uses a text page's vector rules. ``angle``: the page's skew, straightened
    first (about the image's centre, as :func:`to_chars` turns the glyphs)."""
    import numpy as np
    from PIL import Image

    image = image if image.mode == "L" else image.convert("L")
    factor = int(scale / (OCR_DPI / 72.0))  # strokes are found at OCR_DPI or finer, never coarser
    if factor > 1:
        image, scale = image.reduce(factor), scale / factor
    grey = np.asarray(image)
    ink, paper = percentiles(grey[::4, ::4], (0.5, 50))
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=int(paper))
        grey = np.asarray(image)
    dark = grey < ink + 0.4 * (paper - ink) if paper - ink > 24 else np.zeros_like(grey, dtype=bool)
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
    bars = _bars(grey, ink, paper, scale, origin, hs + vs)  # tinted: frames are drawn in them too
    hs += [b for b in bars if b[3] - b[1] < b[2] - b[0]]
    vs += [b for b in bars if b[3] - b[1] >= b[2] - b[0]]
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


def _bars(grey, ink: float, paper: float, scale: float, origin: tuple[float, float], strokes) -> list:
    """Separator bars printed in a tint (a grey or coloured band 1-7 pt thick under a page's top
    story, between articles), too light and too thick to be a stroke: each as a thin rule on its
    centre line, which is what the layout engine looks for between articles."""
    if paper - ink <= 24:
        return []
    tint = grey < paper - 0.22 * (paper - ink)
    min_len, thick = int(40 * scale), max(int(7 * scale), 3)
    ox, oy = origin
    out = []
    for along, segs in ((True, _segments(tint, min_len, thick)), (False, _segments(tint.T, min_len, thick))):
        for a, r0, b, r1 in segs:
            if along:
                box = (a / scale + ox, r0 / scale + oy, b / scale + ox, (r1 + 1) / scale + oy)
            else:
                box = (r0 / scale + ox, a / scale + oy, (r1 + 1) / scale + ox, b / scale + oy)
            if any(
                _overlap(box[0], box[2], s[0], s[2]) > 0 and _overlap(box[1], box[3], s[1], s[3]) > 0
                for s in strokes
            ):
                continue  # a dark stroke, found already (with the paper's tint around it)
            if along:
                mid = (box[1] + box[3]) / 2
                out.append((box[0], mid - 0.5, box[2], mid + 0.5))
            else:
                mid = (box[0] + box[2]) / 2
                out.append((mid - 0.5, box[1], mid + 0.5, box[3]))
    return out


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


_reads = itertools.count()  # numbers the images read, so a detected line has one key per process

MAX_SKEW = 5.0  # degrees: a page turned further is not straightened (nor a scan of one)
MIN_SKEW = 0.05  # degrees: a page turned less is read as it is
MIN_TURN_PX = 2.0  # ... and so is one whose lines' ends the turn moves by less than this
SKEW_STRIP = 24  # pixels: the width of the strips whose ink profiles are slid against each other


def page_skew(image) -> float:
    """The skew of a page image in degrees (PIL's sense: ``image.rotate(angle)`` straightens it),
    from its ink alone, before anything is detected: the angle at which the rows' ink profile is
    sharpest (text lines and the gaps between them line up across the whole width).

    The image is cut into vertical strips of :data:`SKEW_STRIP` pixels; each strip's ink per row
    is slid up or down by ``tan(angle)`` times its distance from the centre, and the profiles are
    summed; the sharpness is the sum of the squared sum. Searched over +/- :data:`MAX_SKEW` in
    0.25° steps, then +/- 0.3° around the best in 0.02° steps (a tenth of a degree moves the ends
    of a broadsheet's line by a third of a line's height). Returns 0 for a page without enough
    ink to tell (under 2,000 inked pixels), or when the best is under :data:`MIN_SKEW`."""
    import numpy as np

    image = image if image.mode == "L" else image.convert("L")
    factor = max(1, round(max(image.size) / 2400))  # about 2,400 px on the long side: enough
    grey = np.asarray(image.reduce(factor) if factor > 1 else image)
    ink, paper = percentiles(grey[::3, ::3], (1, 60))
    if paper - ink < 24:
        return 0.0
    dark = grey < (ink + paper) / 2
    h, w = dark.shape
    strips = w // SKEW_STRIP
    if strips < 4 or dark.sum() < 2000:
        return 0.0
    prof = dark[:, : strips * SKEW_STRIP].reshape(h, strips, SKEW_STRIP).sum(axis=2).astype(np.float64)
    centres = (np.arange(strips) + 0.5) * SKEW_STRIP - strips * SKEW_STRIP / 2
    pad = int(np.ceil(np.tan(np.radians(MAX_SKEW + 0.5)) * strips * SKEW_STRIP / 2)) + 2

    def sharpness(angle: float) -> float:
        # a line going down to the right (a positive angle) is lifted at the right
        shifts = np.round(-np.tan(np.radians(angle)) * centres).astype(int)
        total = np.zeros(h + 2 * pad)
        for s in range(strips):
            total[pad + shifts[s] : pad + shifts[s] + h] += prof[:, s]
        return float(np.dot(total, total))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    fine = np.arange(best - 0.3, best + 0.3 + 1e-9, 0.02)
    best = float(max(fine, key=sharpness))
    return round(best, 2) if MIN_SKEW <= abs(best) <= MAX_SKEW else 0.0


def skew(result) -> float:
    """The page's skew in degrees (PIL's sense: rotating the image by it straightens the lines),
    the median slope of the detected lines at least four times as long as high."""
    import math

    angles = []
    for box in result.boxes if result.boxes is not None else []:
        (x0, y0), (x1, y1) = box[0], box[1]
        height = abs(float(box[3][1]) - float(y0))
        if x1 - x0 > 4 * max(height, 1):
            angles.append(math.degrees(math.atan2(float(y1) - float(y0), float(x1) - float(x0))))
    if len(angles) < 3:
        return 0.0
    angle = sorted(angles)[len(angles) // 2]
    return angle if 0.05 <= abs(angle) <= MAX_SKEW else 0.0


def _along(box, x: float) -> float:
    """The y of a (skewed) line box's centre line at ``x``: the glyphs of a line sit on it, and
    their own boxes scatter by a pixel or two around it."""
    lx, ly = (float(box[0][0]) + float(box[3][0])) / 2, (float(box[0][1]) + float(box[3][1])) / 2
    rx, ry = (float(box[1][0]) + float(box[2][0])) / 2, (float(box[1][1]) + float(box[2][1])) / 2
    return ly if rx - lx < 1 else ly + (x - lx) * (ry - ly) / (rx - lx)


def to_chars(
    result, grey, scale: float, origin: tuple[float, float] = (0.0, 0.0), angle: float = 0.0
) -> list[dict]:
    """RapidOCR's lines as pdfplumber-shaped characters in points (``grey``: the image read, as
    a 2-D array, for the glyphs' ink). ``angle``: the page's skew (:func:`skew`); each glyph's
    centre is turned back about the image's centre, so the layout engine sees an upright page."""
    import math

    if not result.txts:
        return []
    ox, oy = origin
    cy, cx = grey.shape[0] / 2, grey.shape[1] / 2
    sin, cos = math.sin(math.radians(angle)), math.cos(math.radians(angle))
    out: list[dict] = []
    read = next(_reads)
    lines = zip(result.boxes, result.word_results, result.scores, strict=False)
    for number, (box, words, score) in enumerate(lines):
        ys = [float(p[1]) for p in box]
        line_middle = (min(ys) + max(ys)) / 2
        # the line's own height, across it (a skewed line's box spans more rows than its glyphs)
        half = abs((float(box[3][1]) - float(box[0][1])) + (float(box[2][1]) - float(box[1][1]))) / 4
        xs = [float(p[0]) for p in box]
        # a line set top to bottom (a vertical headline or byline): its glyphs stack in its box
        vertical = max(ys) - min(ys) > 1.5 * (max(xs) - min(xs)) and len(words) >= 2
        glyphs = []
        for text, char_score, cbox in words:
            if not text.strip() or cbox is None:
                continue
            cxs, cys = [float(p[0]) for p in cbox], [float(p[1]) for p in cbox]
            mid = sum(cys) / len(cys)
            top, bottom = (
                (int(min(cys)), int(max(cys)) + 1) if vertical else (int(mid - half), int(mid + half) + 1)
            )
            glyphs.append((text, min(cxs), max(cxs), float(char_score), top, bottom, mid))
        if not glyphs:
            continue
        size = _size(grey, box, [(g[0], int(g[1]), int(g[2]) + 1, g[4], g[5]) for g in glyphs]) / scale
        texts = _cjk_punctuation([g[0] for g in glyphs])
        for text, (_, px0, px1, char_score, _, _, mid) in zip(texts, glyphs, strict=True):
            if vertical:
                glyph_middle = mid
            else:
                glyph_middle = _along(box, (px0 + px1) / 2) if angle else line_middle
            mx, my = (px0 + px1) / 2 - cx, glyph_middle - cy
            rx, ry = cx + mx * cos + my * sin, cy - mx * sin + my * cos
            x0, x1 = (rx - (px1 - px0) / 2) / scale + ox, (rx + (px1 - px0) / 2) / scale + ox
            middle = ry / scale + oy
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
                    "ocr_line": (read, number),  # the detected line it was read in
                }
            )
    return out


SHORT_LINE = 4  # glyphs: a line this short takes the size of the line right above it
SIZE_CLUSTER = 0.06  # line sizes this close to a more common one are that size (measuring noise)


def snap_sizes(chars: list[dict]) -> list[dict]:
    """One size per type size on the page: each OCR line's size is measured from its own ink, in
    whole pixels (at 150 dpi a pixel is 5 % of a body glyph), so lines set in one size come out a
    few percent apart, and the layout engine, which tells body text, subheads and bylines apart
    by size (8 % apart), would split a column where its lines measure differently. The line sizes
    are clustered, the most common first: every line within :data:`SIZE_CLUSTER` of a cluster's
    size takes the cluster's (character-weighted) median size. A line of at most
    :data:`SHORT_LINE` glyphs set right under a longer one, from its left edge, and within a
    quarter of its size, takes that line's size."""
    sizes: dict = {}
    for c in chars:
        line = sizes.setdefault(c["ocr_line"], [c["size"], 0])
        line[1] += 1
    order = sorted(sizes.items(), key=lambda kv: -kv[1][1])
    weight: dict[float, int] = {}
    for _, (size, n) in order:
        weight[size] = weight.get(size, 0) + n
    snapped: dict[float, float] = {}
    for centre in sorted(weight, key=lambda s: -weight[s]):
        if centre in snapped:
            continue
        members = sorted(s for s in weight if s not in snapped and abs(s - centre) <= SIZE_CLUSTER * centre)
        total, half, median = sum(weight[s] for s in members), 0, centre
        for s in members:
            half += weight[s]
            if 2 * half >= total:
                median = s
                break
        snapped.update((s, median) for s in members)
    # A line of a few glyphs measures its size on those few (a paragraph's last line, 国梦。):
    # set right under a longer line, it has that line's size.
    boxes: dict = {}
    for c in chars:
        b = boxes.setdefault(c["ocr_line"], [c["x0"], c["top"], c["x1"], c["bottom"], 0])
        b[0], b[2], b[4] = min(b[0], c["x0"]), max(b[2], c["x1"]), b[4] + 1
    own: dict = {}
    for key, (x0, top, x1, _bottom, n) in boxes.items():
        if n > SHORT_LINE:
            continue
        size = snapped.get(sizes[key][0], sizes[key][0])
        for other, (ox0, _otop, ox1, obottom, on) in boxes.items():
            osize = snapped.get(sizes[other][0], sizes[other][0])
            if (
                on > SHORT_LINE
                and -0.3 * osize <= top - obottom <= 0.8 * osize
                and abs(x0 - ox0) <= osize
                and x1 <= ox1 + osize
                and abs(size - osize) <= 0.25 * osize
            ):
                own[key] = osize
                break
    for c in chars:
        size = own.get(c["ocr_line"]) or snapped.get(c["size"], c["size"])
        if size != c["size"]:
            middle = (c["top"] + c["bottom"]) / 2
            c["top"], c["bottom"], c["size"] = middle - size / 2, middle + size / 2, size
    return chars


def straighten(image, angle: float, resample: str = "bilinear"):
    """``image`` (mode L) turned by ``angle`` degrees about its centre, the corners filled with
    its paper's grey. Bilinear by default: on a broadsheet at 300 dpi 0.34 s of CPU against
    bicubic's 0.81 (``bench/bench_ocr.py``'s figures since issue 22 are read with it)."""
    import numpy as np
    from PIL import Image

    (paper,) = percentiles(np.asarray(image)[::4, ::4], (60,))
    how = Image.Resampling.BICUBIC if resample == "bicubic" else Image.Resampling.BILINEAR
    return image.rotate(angle, resample=how, fillcolor=int(paper))


def _read(image, scale: float, origin: tuple[float, float], settings: Settings | None):
    """(characters, the greyscale image they were read from): a skewed image is straightened
    (:func:`upright`) before anything is detected, so lines and glyphs come out upright and in
    the page's own coordinates (the turn is about the image's centre). A turn that moves a
    line's ends by less than :data:`MIN_TURN_PX` pixels is not worth its time (an A4 page at
    150 dpi turned by 0.06°: 1.3 px)."""
    import numpy as np

    settings = settings or default_settings()
    grey = upright(image, settings)
    det_px = det_side(grey.width / scale, grey.height / scale, settings.det_dpi)
    pixels = np.asarray(grey)  # one copy, read by the engine and for the glyphs' ink
    result = recognise(pixels, det_px, settings)
    return snap_sizes(to_chars(result, pixels, scale, origin)), grey


def upright(image, settings: Settings | None = None):
    """The greyscale image the engine is given for ``image``: straightened when it is skewed
    (:func:`page_skew`), unless the turn would move a line's ends by less than
    :data:`MIN_TURN_PX` (``bench/bench_ocr.py`` also times bare RapidOCR on it)."""
    import math

    settings = settings or default_settings()
    grey = image if image.mode == "L" else image.convert("L")
    angle = page_skew(grey)
    if abs(math.tan(math.radians(angle))) * grey.width >= MIN_TURN_PX:
        grey = straighten(grey, angle, settings.resample)
    return grey


def read_image(
    image, scale: float, origin: tuple[float, float] = (0.0, 0.0), settings: Settings | None = None
) -> list[dict]:
    """OCR a PIL image; characters in PDF points (``scale`` pixels per point, ``origin`` the
    image's top-left on the page), straightened when the image is skewed."""
    return _read(image, scale, origin, settings)[0]


def scan_dpi(page) -> float | None:
    """The resolution of the largest image on a pypdfium2 page (a scan's own dpi), if any."""
    import pypdfium2.raw as pdfium_c

    best, dpi = 0.0, None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
            px_w, px_h = obj.get_px_size()
        except Exception:  # a broken image object: no dpi from it
            continue
        area = (right - left) * (top - bottom)
        if area > best and right - left > 0 and top - bottom > 0:
            best = area
            dpi = max(px_w / ((right - left) / 72.0), px_h / ((top - bottom) / 72.0))
    return dpi


SCAN_PAGES_LOOKED_AT = 4  # has_scan_pages looks at this many pages at most
OUTLINE_GLYPHS = 100  # a page with no text drawing this many paths prints its text as outlines
SCAN_OBJECTS_LOOKED_AT = 5000  # ... and this many page objects per page


def has_scan_pages(path: str | Path) -> bool:
    """Whether a PDF has pages to OCR (an image and no text object: a scan; or many paths and no
    text object: text printed as outlines), by a cheap look with
    pypdfium2 at its first pages' objects (no text extraction, no OCR, nothing rendered), as the
    reader decides which pages to OCR. For routing only (the cluster's OCR steps): a broken or
    hostile file is not a scan here, and the reader decides what it is."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:
        return False
    try:
        for index in range(min(len(pdf), SCAN_PAGES_LOOKED_AT)):
            page = pdf[index]
            images = paths = texts = 0
            for n, obj in enumerate(page.get_objects(max_depth=2)):
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    texts += 1
                    break
                images += obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
                paths += obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
                if n >= SCAN_OBJECTS_LOOKED_AT:
                    break
            if (images or paths >= OUTLINE_GLYPHS) and not texts:
                return True
        return False
    except Exception:
        return False
    finally:
        pdf.close()


def render_dpi(page, settings: Settings) -> float:
    """The dpi a whole scanned page is rendered at: the settings' own, else the scan's, kept
    within :data:`SCAN_DPI` (rendering finer than the scan adds no detail, only time)."""
    if settings.dpi:
        return settings.dpi
    own = scan_dpi(page)
    return min(max(own, SCAN_DPI[0]), SCAN_DPI[1]) if own else OCR_DPI


def read_page(
    pdf_source: bytes | str | Path,
    index: int,
    dpi: float | None = None,
    crop: tuple | None = None,
    settings: Settings | None = None,
):
    """OCR page ``index`` (0-based) of a PDF (its bytes, or a path), or only its region ``crop`` =
    (x0, top, x1, bottom) in points. A whole page (a scan) is rendered at its image's own dpi
    within :data:`SCAN_DPI`, a region at :data:`OCR_DPI`, unless ``dpi`` says otherwise (a region
    with :meth:`Settings.as_before`: the text-layer path reads as it did). Returns the
    characters, and the rules and frames drawn in the image."""
    import pypdfium2 as pdfium

    settings = settings or default_settings()
    if crop is not None:  # an image region of a text page: read as before issue 22's squeeze
        settings = settings.as_before()
    pdf = pdfium.PdfDocument(pdf_source if isinstance(pdf_source, bytes) else str(pdf_source))
    try:
        page = pdf[index]
        width, height = page.get_size()
        if dpi is None:
            dpi = render_dpi(page, settings) if crop is None else settings.dpi or OCR_DPI
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
    chars, straight = _read(image, scale, origin, settings)
    rules, frames = rules_and_frames(straight, scale, origin) if chars else ([], [])
    return chars, rules, frames
