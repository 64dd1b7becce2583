"""Real government PDFs that need OCR, and real government A4 pages made into scans (issue 23's
first-pass check on real documents; issue 22's CPU per A4 page on real A4 pages).

    nice .venv/bin/python bench/bench_gov_ocr.py [--cache DIR] [--dpi 200,300] [--gold-from-reading]

The files are third-party and stay in a local cache (``--cache``, ``$CSTATS_REAL_GOV``, default
/work/cache/real_scans_gov); bench/real_gov_pdfs.json says where they come from. Says so when the
cache holds nothing.

1. **PDFs with no text layer** (kind ``outlines``: every glyph a filled path). Per document: the
   reader's outcome (loaded, or the quarantine reason), the pages read by OCR, and its body lines
   found verbatim against the gold: a fingerprint (SHA-1, 12 hex digits) of each body line,
   whitespace removed, as read off the page image by a person (page numbers left out), so no
   third-party text is committed. ``--gold-from-reading`` prints the fingerprints of the current
   reading, for a person to check line by line against the page images before committing them.
2. **Text-layer pages made into scans** (kind ``text_layer``) by ``sources/pdfgen/scanner.py`` at
   every ``--dpi``: sentences of the page's own text layer found verbatim in the OCR text, figures
   exact and CPU seconds per A4 page (target <= 5 s), as ``bench/bench_ocr.py`` measures the
   newspaper family (whose single pages also give the project's time beside bare RapidOCR's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_ocr import A4, Clock, layer_size, make_scan, project_and_bare, score  # noqa: E402

from sources import ocr  # noqa: E402
from sources.errors import SourceError  # noqa: E402
from sources.pdf import read_pdf  # noqa: E402

MANIFEST = ROOT / "bench" / "real_gov_pdfs.json"


def fingerprint(line: str) -> str:
    return hashlib.sha1("".join(line.split()).encode("utf-8")).hexdigest()[:12]


def cached(cache: Path, path: str) -> Path:
    return cache / path.replace("/", "_")


def outlines(name: str, pdf: Path, facts: dict) -> None:
    gold = facts.get("gold_lines")
    with Clock() as c:
        try:
            doc = read_pdf(pdf)
        except SourceError as e:
            print(f"   {name:28} quarantined {e.reason}: {e}")
            return
    text = "".join(doc.text.split())
    n_pages = doc.pages
    line = f"   {name:28} loaded, OCR pages {doc.metadata.get('ocr_pages')}, outline pages {doc.metadata.get('outline_pages')}"
    if gold:
        hashes = {fingerprint(t) for t in _ocr_lines(pdf, n_pages)}
        found = sum(h in hashes for page in gold for h in page)
        total = sum(len(page) for page in gold)
        line += f" | body lines verbatim {found}/{total} = {found / max(total, 1):.3f}"
    w, h = layer_size(pdf)
    line += (
        f" | CPU {c.cpu:.1f} s, {c.cpu * A4 / (w * h) / n_pages:.2f} s per A4 page ({len(text)} characters)"
    )
    print(line)


def _ocr_lines(pdf: Path, n_pages: int) -> list[str]:
    """The lines OCR reads on each page (what the reader's characters come from), with the
    settings the reader uses for text drawn as outlines."""
    import pypdfium2 as pdfium

    out = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(n_pages):
            page = doc[index]
            scale = ocr.OCR_DPI / 72
            image = page.render(scale=scale, grayscale=True).to_pil()
            w, h = page.get_size()
            plain = ocr.default_settings().as_before()  # as the reader reads an outline page
            out += list(ocr.recognise(image.convert("L"), ocr.det_side(w, h), plain).txts)
    finally:
        doc.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default=os.environ.get("CSTATS_REAL_GOV") or "/work/cache/real_scans_gov")
    ap.add_argument("--scans", default="/work/cache/real_gov_scans", help="where the made scans are kept")
    ap.add_argument("--dpi", default="200,300")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gold-from-reading", action="store_true")
    args = ap.parse_args()
    cache = Path(args.cache)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    present = {p: f for p, f in manifest["files"].items() if cached(cache, p).is_file()}
    print(f"cache {cache}: {len(present)} of {len(manifest['files'])} files (bench/real_gov_pdfs.json)")
    if not present:
        print("nothing measured: populate the cache as the manifest says")
        return
    settings = ocr.default_settings()
    print("\n1. PDFs with no text layer")
    for path, facts in present.items():
        if facts["kind"] != "outlines":
            continue
        pdf = cached(cache, path)
        if args.gold_from_reading:
            print(json.dumps([fingerprint(t) for t in _ocr_lines(pdf, facts["pages"])]))
        outlines(path, pdf, facts)
    print(f"\n2. text-layer pages made into scans (seed {args.seed}, scans in {args.scans})")
    print("   document                     dpi | sentences verbatim | figures exact | CPU s per A4 page")
    for path, facts in present.items():
        if facts["kind"] != "text_layer":
            continue
        src = cached(cache, path)
        layer = read_pdf(src)
        w, h = layer_size(src)
        for dpi in (int(d) for d in args.dpi.split(",")):
            scan = make_scan(src, Path(args.scans), dpi, args.seed)
            doc, p, _, _, _ = project_and_bare(scan, settings, 1, False)
            hit, n, fhit, fn = score(doc, layer)
            a4 = p.cpu * A4 / (w * h) / facts["pages"]
            print(
                f"   {path:28} {dpi:3} | {hit:4}/{n:<4} = {hit / max(n, 1):.3f} | {fhit:3}/{fn:<3} = "
                f"{fhit / max(fn, 1):.3f} | {a4:6.2f}"
            )


if __name__ == "__main__":
    main()
