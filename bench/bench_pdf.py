"""PDF reader benchmark: accuracy against the fixtures' truth and time per page, beside plain
pdfplumber ``extract_text()`` measured on the same pages in the same run.

    .venv/bin/python bench/bench_pdf.py        (or: make bench)

Prints per fixture of both families (reportlab and Chromium; the scan is OCR's and left out):
whitespace-free similarity to the truth, spaces between two CJK characters,
share of adjacent truth paragraphs intact and in order, article separation; then time per page
and our time as a ratio to extract_text() (target <= 1.3x); then pathological inputs through
the per-document time limit (sources.guarded).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from sources.errors import SourceError  # noqa: E402
from sources.guarded import read_with_limit  # noqa: E402
from sources.normalize import for_extraction  # noqa: E402
from sources.pdf import read_pdf  # noqa: E402
from sources.pdfgen import Truth  # noqa: E402
from sources.pdfgen.score import score  # noqa: E402

FIXTURES = ROOT / "tests" / "sources" / "pdf" / "fixtures"  # the reportlab family
CHROMIUM = ROOT / "tests" / "sources" / "pdf" / "chromium"  # the Chromium print-to-PDF family
REPEAT = 5
LIMIT = 60.0


def baseline_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as p:
        out = []
        for page in p.pages:
            out.append(page.extract_text() or "")
            page.close()
    return "\n".join(out)


def best_time(fn, pdf: Path, repeat: int = REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(pdf)
        best = min(best, time.perf_counter() - t0)
    return best


def fmt(v) -> str:
    if v is None:
        return "  n/a"
    if isinstance(v, bool):
        return "  yes" if v else "   no"
    if isinstance(v, float):
        return f"{v:5.3f}"
    return f"{v:5d}"


def accuracy() -> None:
    pdfs = sorted(FIXTURES.glob("*.pdf")) + sorted(p for p in CHROMIUM.glob("*.pdf") if "scan" not in p.stem)
    print("fixture                          | similarity  | CJK spaces  | para order  | articles")
    print("                                 | plain  ours | plain  ours | plain  ours | ours")
    total_pages = t_base = t_ours = 0.0
    worst = {"similarity": 1.0, "order": 1.0}
    for pdf in pdfs:
        truth = Truth.load(pdf.with_suffix(".truth.json"))
        # Both sides in the extraction form the truths are written in (the Chromium pages map
        # some glyphs to Kangxi radicals: ⼯ for 工).
        base = score(truth, for_extraction(baseline_text(pdf)))
        doc = read_pdf(pdf)
        ours = score(truth, doc.text, doc)
        for k in worst:
            worst[k] = min(worst[k], ours[k])
        print(
            f"{pdf.stem:32s} | {fmt(base['similarity'])} {fmt(ours['similarity'])} | "
            f"{fmt(base['cjk_spaces'])} {fmt(ours['cjk_spaces'])} | {fmt(base['order'])} {fmt(ours['order'])} | "
            f"{fmt(ours['articles_exact'])}"
        )
        total_pages += doc.pages
        # Interleave the two measurements so machine load hits both alike.
        t_base += best_time(baseline_text, pdf)
        t_ours += best_time(read_pdf, pdf)
    print(
        f"\nworst over fixtures: similarity {worst['similarity']:.4f}, paragraph order {worst['order']:.4f}"
    )
    print(
        f"time per page: extract_text() {1000 * t_base / total_pages:.1f} ms, "
        f"reader {1000 * t_ours / total_pages:.1f} ms, ratio {t_ours / t_base:.2f}x (target <= 1.3x)"
    )


def pathological() -> None:
    from reportlab.pdfgen import canvas

    from sources.pdfgen.fonts import register

    tmp = Path(tempfile.mkdtemp(prefix="bench_pdf_"))
    cases = {}

    dense = tmp / "dense.pdf"
    c = canvas.Canvas(str(dense), pagesize=(842, 1191))
    t = c.beginText()
    t.setFont(register("cid"), 5)
    s = "政协委员围绕乡村振兴提出建议共计一百二十件" * 10
    for row in range(220):
        t.setTextOrigin(20, 1170 - row * 5.3)
        t.textOut(s[row % 7 : row % 7 + 150])
    c.drawText(t)
    c.save()
    cases["33,000 glyphs on one page"] = dense

    rotated = tmp / "rotated.pdf"
    c = canvas.Canvas(str(rotated))
    c.setFont(register("cid"), 12)
    for k in range(40):
        c.saveState()
        c.translate(300, 420)
        c.rotate(k * 9)
        c.drawString(20, 0, "旋转排列的标题文字")
        c.restoreState()
    c.save()
    cases["rotated text (40 angles)"] = rotated

    try:
        broken = tmp / "notounicode.pdf"
        c = canvas.Canvas(str(broken), pageCompression=0)
        c.setFont(register("ttf"), 12)
        for row in range(40):
            c.drawString(40, 800 - row * 18, "政协委员提交提案一百二十件，开展调研十五次。")
        c.save()
        broken.write_bytes(broken.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
        cases["font without ToUnicode"] = broken
    except FileNotFoundError as e:
        print(f"(skipped the ToUnicode case: {e})")

    print(f"\npathological input, through read_with_limit(limit={LIMIT:g} s):")
    for name, pdf in cases.items():
        t0 = time.perf_counter()
        try:
            doc = read_with_limit(pdf, LIMIT)
            outcome = f"result: {len(doc.text)} chars, {len(doc.blocks)} blocks"
        except SourceError as e:
            outcome = f"error ({e.reason}): {e}"
        print(f"  {name:28s} {time.perf_counter() - t0:6.2f} s  {outcome}")


if __name__ == "__main__":
    accuracy()
    pathological()
