"""OCR benchmark: seconds per scanned page, character accuracy and figures, beside the text-layer
read of the same page in the same run.

    .venv/bin/python bench/bench_ocr.py [--real DIR] [--max-pages N] [--dpi 150]

1. The committed scan fixture (tests/sources/pdf/chromium/c6_a4_3col_scan.pdf, an A4 page printed
   by Chromium and scanned at 150 dpi): seconds per page (wall and CPU of this process), character
   accuracy against its truth, figures (value, unit, qualifier) against the truth and against the
   text-layer page (c5), and the text-layer read's time per page as the baseline.
2. Real e-paper pages, if a cache folder holds them (``--real``, default ``$CSTATS_REAL_PAGES`` or
   .cache/real_pages; third-party pages never enter the repository): each ``rmrbYYYYMMDD07.pdf``
   is rendered at ``--dpi`` into an image-only PDF (a scan without a text layer), read with OCR,
   and scored by the share of its articles' sentences (``rmrbYYYYMMDDNN.json`` beside it, 6+
   characters) found verbatim in the output, beside the same share for the page's own text layer.
   Says so when the folder holds nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.extract.extractor import extract_mentions  # noqa: E402
from sources.pdf import read_pdf  # noqa: E402
from sources.pdfgen import Truth  # noqa: E402
from sources.pdfgen.chromium import scan_pdf  # noqa: E402
from sources.pdfgen.score import levenshtein  # noqa: E402

CHROMIUM = ROOT / "tests" / "sources" / "pdf" / "chromium"


def timed(fn, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def squeeze(text: str) -> str:
    return "".join(text.split())


def figures(doc) -> set[tuple]:
    return {(Decimal(str(m.value)), m.unit, m.qualifier) for m in extract_mentions(doc)}


def fixture() -> None:
    scan, text_page = CHROMIUM / "c6_a4_3col_scan.pdf", CHROMIUM / "c5_a4_3col_single.pdf"
    truth = Truth.load(scan.with_suffix(".truth.json"))
    read_pdf(text_page)  # warm-up: imports, fonts
    text_doc, text_wall, text_cpu = timed(read_pdf, text_page)
    doc, wall, cpu = timed(read_pdf, scan)
    want = squeeze(truth.text())
    accuracy = 1 - levenshtein(squeeze(doc.text), want) / len(want)
    truth_figs = {(Decimal(str(f["value"])), f["unit"], f["qualifier"]) for f in truth.figures}
    got = figures(doc)
    print(f"scan fixture {scan.name} ({doc.pages} page, 150 dpi, A4):")
    print(
        f"  OCR read: {wall:.2f} s wall, {cpu:.2f} s CPU per page (this process; onnxruntime threads count)"
    )
    print(f"  text-layer read of the same page (c5): {text_wall:.3f} s wall, {text_cpu:.3f} s CPU per page")
    print(f"  ratio OCR / text layer (wall): {wall / text_wall:.0f}x")
    print(f"  character accuracy against the truth: {accuracy:.4f} (target >= 0.97)")
    conf = [b.ocr_confidence for b in doc.blocks if b.ocr_confidence is not None]
    print(f"  block confidence: min {min(conf):.4f}, mean {sum(conf) / len(conf):.4f}")
    print(
        f"  truth figures found: {len(truth_figs & got)} of {len(truth_figs)}; extra: {sorted(got - truth_figs)}"
    )
    text_figs = figures(text_doc)
    print(
        f"  same figures as the text-layer page: {got == text_figs} "
        f"(only OCR: {sorted(got - text_figs)}, only text layer: {sorted(text_figs - got)})"
    )


def sentences(folder: Path, pdf: Path) -> list[str]:
    stem = pdf.stem[:-2]  # rmrbYYYYMMDD07 -> rmrbYYYYMMDD
    out = []
    for path in sorted(folder.glob(f"{stem}[0-9][0-9].json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for content in data.get("contents", []):
            for chapter in content.get("chapter", []):
                for section in chapter.get("section", []):
                    out += [squeeze(s["sentence"]) for s in section.get("sentences", [])]
    return [s for s in out if len(s) >= 6]


def real(folder: Path, max_pages: int, dpi: int) -> None:
    pdfs = sorted(folder.glob("rmrb*07.pdf"))[:max_pages] if folder.is_dir() else []
    if not pdfs:
        print(f"\nreal pages: none found in {folder} (set --real or CSTATS_REAL_PAGES); nothing measured")
        return
    print(f"\nreal e-paper pages from {folder}, rendered at {dpi} dpi without a text layer:")
    print("page                 | OCR s/page | sentences found: OCR  text layer | chars OCR/text")
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            want = sentences(folder, pdf)
            scan = Path(tmp) / pdf.name
            scan_pdf(pdf, scan, dpi)
            doc, wall, _ = timed(read_pdf, scan)
            layer = read_pdf(pdf)
            total += wall / doc.pages
            got, ref = squeeze(doc.text), squeeze(layer.text)
            hit = sum(s in got for s in want) / len(want) if want else float("nan")
            ref_hit = sum(s in ref for s in want) / len(want) if want else float("nan")
            print(
                f"{pdf.stem:20} | {wall / doc.pages:10.1f} | {hit:21.3f} {ref_hit:11.3f} | "
                f"{len(got) / max(len(ref), 1):.3f}"
            )
    print(f"mean OCR time per page: {total / len(pdfs):.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.environ.get("CSTATS_REAL_PAGES") or str(ROOT / ".cache" / "real_pages")
    ap.add_argument("--real", default=default, help="folder of real e-paper PDFs (+ article JSON)")
    ap.add_argument("--max-pages", type=int, default=2, help="real pages to OCR (slow: ~10-60 s each)")
    ap.add_argument("--dpi", type=int, default=150)
    args = ap.parse_args()
    fixture()
    real(Path(args.real), args.max_pages, args.dpi)


if __name__ == "__main__":
    main()
