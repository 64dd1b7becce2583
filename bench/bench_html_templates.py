"""Real web pages (saved from government and CPPCC sites) against their plain-text copies.

    python bench/bench_html_templates.py [--cache DIR]

The cache (``--cache``, else ``CSTATS_REAL_HTML``, else the gitignored ``.cache/real_html``) holds
pages saved from real sites, ``NAME.html`` (or .htm/.shtml), each with ``NAME.txt``: the article as
a person copies it from the browser (title, date/source line, paragraphs; no navigation). Third-party
pages never enter the repository: bench/real_html/manifest.csv lists where each came from.

For each page it prints whether the HTML gives the same mentions as its plain-text copy (compared as
(value, unit, qualifier, metric) multisets, values exact), the mentions only one of them has, and
every *furniture figure*: a mention of the HTML whose sentence is not in the plain-text copy (read
counters, related-article lists, footers ...). Equal mentions can hide a lost article (a page whose
figures are not metrics gives none either way), so it also checks the text: *text lost* lists the
pieces of the copy (its lines split at spaces, a leading ``来源：``-style label dropped) that the
HTML reading does not have (its metadata counted: the reader keeps the editor there), *furniture
text* the headline/subtitle/body/heading blocks of the HTML reading that the copy does not have
(pieces are matched as substrings: a line repeating words of a longer one counts as kept). It also
prints the reading time of the HTML pages as a ratio to reading their plain-text copies in the same
run. Prints and exits 0 when the cache holds nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.extract import extract_mentions  # noqa: E402
from sources import read_document  # noqa: E402

DEFAULT_CACHE = ROOT / ".cache" / "real_html"
PAGE_SUFFIXES = {".html", ".htm", ".shtml"}
_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,6}[:：]")  # 来源： 发布日期： 责任编辑： as the copy shows them
_TEXT_ROLES = ("headline", "subtitle", "heading", "body", "caption")


def _key(m) -> tuple:
    return (m.value, m.unit, m.qualifier, m.metric)


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def text_check(html_doc, text_doc) -> tuple[list[str], list[str]]:
    """(pieces of the copy the HTML reading lacks, text blocks of the HTML reading the copy lacks)."""
    # the reader keeps the date line's fields and the editor as metadata: they count as kept
    kept = [str(html_doc.metadata.get(k) or "") for k in ("date_text", "source", "author", "editor")]
    got, plain = _compact(html_doc.display_text + "".join(kept)), _compact(text_doc.display_text)
    lost = []
    for line in text_doc.display_text.splitlines():
        for piece in line.split():
            piece = _compact(_LABEL.sub("", piece.strip("()（）【】[]")))
            if len(piece) >= 2 and piece not in got:
                lost.append(piece)
    extra = [
        t
        for b in html_doc.blocks
        if b.role in _TEXT_ROLES and (t := _compact(html_doc.block_text(b, display=True))) and t not in plain
    ]
    return lost, extra


def score_page(page: Path, copy: Path) -> dict:
    t0 = time.perf_counter()
    html_doc = read_document(page)
    t1 = time.perf_counter()
    text_doc = read_document(copy)
    t2 = time.perf_counter()
    html_m, text_m = extract_mentions(html_doc), extract_mentions(text_doc)
    plain = _compact(text_doc.display_text)
    furniture = [  # a sentence the article does not have (table cells are read with their headers)
        m
        for m in html_m
        if html_doc.locate(m.char_start).role != "table" and _compact(m.sentence) not in plain
    ]
    cells = [m for m in html_m if html_doc.locate(m.char_start).role == "table"]
    got = Counter(_key(m) for m in html_m if m not in cells)  # a copied table has no headers to read
    want = Counter(map(_key, text_m))
    lost, extra = text_check(html_doc, text_doc)
    return {
        "page": page.name,
        "same": got == want,
        "html": sum(got.values()),
        "text": sum(want.values()),
        "only_html": sorted((got - want).elements(), key=str),
        "only_text": sorted((want - got).elements(), key=str),
        "furniture": [(m.surface, m.sentence[:40]) for m in furniture],
        "table_cells": len(cells),
        "text_lost": [t[:40] for t in lost],
        "furniture_text": [t[:40] for t in extra],
        "metadata": {k: html_doc.metadata.get(k) for k in ("title", "date", "source")},
        "html_seconds": t1 - t0,
        "text_seconds": t2 - t1,
        "chars_kept": len(plain),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("CSTATS_REAL_HTML", DEFAULT_CACHE)))
    args = ap.parse_args(argv)
    pages = (
        sorted(p for p in args.cache.glob("*") if p.suffix.lower() in PAGE_SUFFIXES)
        if args.cache.is_dir()
        else []
    )
    if not pages:
        print(f"bench_html_templates: {args.cache} holds no saved pages: nothing scored")
        return 0
    rows, missing = [], []
    first = next((p for p in pages if p.with_suffix(".txt").is_file()), None)
    if first is not None:  # warm up (imports, converters) so the timing compares reading only
        read_document(first), read_document(first.with_suffix(".txt"))
    for page in pages:
        copy = page.with_suffix(".txt")
        if not copy.is_file():
            missing.append(page.name)
            continue
        rows.append(score_page(page, copy))
    for r in rows:
        flag = "same" if r["same"] else "DIFFERENT"
        print(f"{r['page']}: {flag} ({r['html']} mentions from HTML outside tables, {r['text']} from the "
              f"text copy; {r['table_cells']} more from table cells), furniture figures {len(r['furniture'])}, "
              f"text lost {len(r['text_lost'])}, furniture text {len(r['furniture_text'])}; "
              f"metadata {r['metadata']}")  # fmt: skip
        for k in ("only_html", "only_text", "furniture", "text_lost", "furniture_text"):
            if r[k]:
                print(f"    {k}: {r[k]}")
    if missing:
        print(f"no plain-text copy (NAME.txt) for: {', '.join(missing)}")
    if rows:
        same = sum(r["same"] for r in rows)
        furn = sum(len(r["furniture"]) for r in rows)
        whole = sum(not r["text_lost"] and not r["furniture_text"] for r in rows)
        html_s, text_s = sum(r["html_seconds"] for r in rows), sum(r["text_seconds"] for r in rows)
        print(
            f"pages {len(rows)}: same mentions as the plain-text copy {same}/{len(rows)}, "
            f"furniture figures {furn}, article text exactly the copy's {whole}/{len(rows)}; reading time HTML / plain text = {html_s / max(text_s, 1e-9):.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
