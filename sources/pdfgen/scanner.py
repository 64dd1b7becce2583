"""Scanner-like image-only PDFs made from real or generated text-layer PDFs (the real-scan family).

County and city papers reach an official's folder as 200-300 dpi grey scans: paper that is not
white, ink that is not black, a page laid on the glass a little askew, the facing side showing
through, JPEG compression. :func:`degrade` makes such a page from a rendered one, and
:func:`scan_like` writes an image-only PDF (no text layer, same page size in points), so the
source PDF's own text layer is the truth of what OCR must read.

Every step is drawn from one seeded generator: the same source, dpi and seed give the same bytes.
This module is a bench and fixture tool (``bench/bench_ocr.py``, tests); the reading path
never imports it.

The steps, in order (their ranges are :data:`DEFAULTS`):

1. **bleed-through**: the page's mirror image (as the facing side would show through thin
   newsprint), blurred and faint, darkens the paper by up to ``bleed`` of the ink's depth;
2. **grey levels**: paper at ``paper`` (a level drawn per page), ink lifted to ``ink``, a slow
   illumination gradient across the page;
3. **skew**: the page rotated by an angle drawn uniformly in +/- ``skew`` degrees, on a canvas
   large enough to hold the whole turned page (paper colour fills the corners; the image, and so
   the PDF page, grows by up to ~3 % each way: a scanner's glass is larger than the page, and a
   page whose corners were cut off would lose text its truth still has);
4. **noise**: Gaussian sensor noise of ``noise`` grey levels;
5. **JPEG**: compressed at a quality drawn from ``jpeg``, as scanners and e-paper exporters do.
"""

from __future__ import annotations

import io
import time
import zlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Degradation:
    skew: float = 2.0  # degrees, the largest rotation either way
    paper: tuple[int, int] = (205, 238)  # grey level of the paper, drawn per page
    ink: tuple[int, int] = (20, 60)  # grey level of full ink, drawn per page
    bleed: tuple[float, float] = (0.06, 0.16)  # share of the ink's depth the facing side shows
    gradient: float = 12.0  # largest illumination change across the page, grey levels
    noise: float = 5.0  # Gaussian noise, grey levels
    jpeg: tuple[int, int] = (55, 80)  # JPEG quality, drawn per page


DEFAULTS = Degradation()


def degrade(grey, rng, how: Degradation = DEFAULTS):
    """A scanner's view of a clean greyscale page (a 2-D uint8 array, 255 = paper): returns a
    PIL image (mode L) and the parameters drawn."""
    import numpy as np
    from PIL import Image, ImageFilter

    clean = np.asarray(grey, dtype=np.float32)
    depth = (255.0 - clean) / 255.0  # 0 paper .. 1 full ink
    bleed = float(rng.uniform(*how.bleed))
    back = Image.fromarray(np.ascontiguousarray(depth[:, ::-1] * 255).astype(np.uint8))
    back = back.filter(ImageFilter.GaussianBlur(radius=max(clean.shape) / 1500))
    shown = np.asarray(back, dtype=np.float32) / 255.0 * bleed
    paper, ink = float(rng.uniform(*how.paper)), float(rng.uniform(*how.ink))
    h, w = clean.shape
    ramp = np.linspace(-0.5, 0.5, w, dtype=np.float32)[None, :] * float(rng.uniform(-1, 1))
    ramp = ramp + np.linspace(-0.5, 0.5, h, dtype=np.float32)[:, None] * float(rng.uniform(-1, 1))
    base = paper - shown * (paper - ink) + ramp * how.gradient
    out = base - np.maximum(depth, 0) * (base - ink)
    angle = float(rng.uniform(-how.skew, how.skew))
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    # the glass is larger than the page: the turned page is kept whole (its corners are not cut
    # off, which would take text away that the truth still has)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=int(paper))
    noise = rng.normal(0, how.noise, (img.height, img.width)).astype(np.float32)
    noisy = np.asarray(img, dtype=np.float32) + noise
    img = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    quality = int(rng.integers(how.jpeg[0], how.jpeg[1] + 1))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    drawn = {"skew": round(angle, 3), "paper": round(paper, 1), "ink": round(ink, 1),
             "bleed": round(bleed, 3), "jpeg": quality}  # fmt: skip
    return Image.open(io.BytesIO(buf.getvalue())), drawn


def page_seed(name: str, dpi: int, seed: int) -> int:
    """One seed per (page, dpi, run seed): stable across runs and machines."""
    return zlib.crc32(f"{name}|{dpi}|{seed}".encode())


def scan_like(src: Path, out: Path, dpi: int, seed: int = 1, how: Degradation = DEFAULTS) -> list[dict]:
    """Write an image-only PDF of ``src``'s pages as a scanner makes them at ``dpi``; returns the
    parameters drawn per page."""
    import numpy as np
    import pypdfium2 as pdfium

    rng = np.random.default_rng(page_seed(Path(src).name, dpi, seed))
    pdf = pdfium.PdfDocument(str(src))
    images, drawn = [], []
    try:
        for page in pdf:
            grey = page.render(scale=dpi / 72, grayscale=True).to_numpy()
            grey = grey[..., 0] if grey.ndim == 3 else grey
            img, params = degrade(grey, rng, how)
            images.append(img)
            drawn.append(params)
    finally:
        pdf.close()
    # PIL writes each image as a page of (pixels / dpi) inches, the source's size; the artefacts are
    # already in the pixels (quality 95 adds next to nothing)
    fixed = time.gmtime(946684800)  # 2000-01-01: the same bytes for the same seed
    images[0].save(
        out,
        "PDF",
        resolution=dpi,
        save_all=True,
        append_images=images[1:],
        quality=95,
        title=Path(src).stem,
        creationDate=fixed,
        modDate=fixed,
    )
    return drawn
