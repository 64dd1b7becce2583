"""Real e-paper pages: our reader beside pdfplumber's content-stream order, side by side.

    .venv/bin/python bench/bench_real_pages.py [--cache DIR] [-v]

The pages are third-party content and never enter the repository: they live in a local cache
folder (``--cache``, else the env var ``CSTATS_REAL_PAGES``, else ``.cache/real_pages`` in the
repository, which git ignores). ``bench/real_pages.json`` says where they come from and how the
folder is laid out: ``<prefix>PP.pdf`` pages beside ``<prefix>NN.json`` article texts (``prefix``
= the first 12 characters, e.g. ``rmrb20180102``). The bench scores whatever the folder holds and
says so when it holds nothing.

For every page, against the articles' texts (sentence lists, subheads, titles):

* ``verbatim``: share of truth sentences of 6+ characters found verbatim (whitespace ignored) in
  the output; for our reader inside ONE block (a sentence cut by a block boundary is broken), for
  pdfplumber in the page text (it has no blocks);
* ``whole``: share of truth articles of which >= 98% of the items (sentences, subheads, title
  parts) sit in one chunk of the output: consecutive items of the same truth article (and, for
  our reader, the same output article), with no other article's item between them;
* ``extra switches``: chunks minus truth articles found: every time the output leaves an article
  (for our reader: or starts a new output article) more often than the truth needs;
* ``time``: ms per page, ours and ``extract_text()`` interleaved in the same run (best of 3).

Items not found at all count against ``whole`` (they are not in the chunk). ``-v`` lists the
sentences missed and where the chunks break.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
from bench_pdf import baseline_text, best_time  # noqa: E402

from sources.pdf import read_pdf  # noqa: E402

DEFAULT_CACHE = ROOT / ".cache" / "real_pages"
ENV = "CSTATS_REAL_PAGES"
MIN_CHARS = 6
WHOLE = 0.98
_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text))


@dataclass
class TruthArticle:
    name: str
    sentences: list[str]
    items: list[str] = field(default_factory=list)  # sentences + subheads + title parts


def load_truth(path: Path) -> TruthArticle:
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences, heads = [], []
    for content in data.get("contents", []):
        for chapter in content.get("chapter", []):
            heads.append(chapter.get("name", ""))
            for section in chapter.get("section", []):
                heads.append(section.get("name", ""))
                sentences += [squeeze(s.get("sentence", "")) for s in section.get("sentences", [])]
    titles = [squeeze(t) for t in re.split(r"\s{2,}", data.get("title", "")) if t.strip()]
    sentences = [s for s in sentences if s]
    items = sentences + [squeeze(h) for h in heads if squeeze(h)] + [t for t in titles if len(t) >= 4]
    return TruthArticle(path.stem, sentences, items)


@dataclass
class Output:
    """A reader's page output: segments (blocks) with an article label each."""

    segments: list[tuple[str, int]]  # (squeezed text, output article; -1 = none/furniture)

    def __post_init__(self) -> None:
        self.text = "".join(s for s, _ in self.segments)
        self.starts, pos = [], 0
        for s, _ in self.segments:
            self.starts.append(pos)
            pos += len(s)

    def segment_at(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def ours_output(pdf: Path) -> Output:
    doc = read_pdf(pdf)
    return Output([(squeeze(doc.block_text(b, display=True)), b.article) for b in doc.blocks])


def flow_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as p:
        return "\n".join(page.extract_text(use_text_flow=True) or "" for page in p.pages)


def flow_output(pdf: Path) -> Output:
    return Output([(squeeze(flow_text(pdf)), -1)])


def score(out: Output, truth: list[TruthArticle], verbose: bool = False, label: str = "") -> dict:
    long_sents = [s for a in truth for s in a.sentences if len(s) >= MIN_CHARS]
    missed = []
    for s in long_sents:
        at = out.text.find(s)
        ok = False
        while at >= 0 and not ok:
            k = out.segment_at(at)
            ok = at + len(s) <= out.starts[k] + len(out.segments[k][0])
            at = out.text.find(s, at + 1)
        if not ok:
            missed.append(s)
    # Locate every item (cursor per article: a pull quote may repeat a body sentence).
    placed: list[tuple[int, int, int]] = []  # (offset, truth article, output article)
    totals = []
    for t, art in enumerate(truth):
        totals.append(len(art.items))
        cursor = 0
        for item in art.items:
            at = out.text.find(item, cursor)
            if at < 0:
                at = out.text.find(item)
            if at < 0:
                continue
            cursor = at + len(item)
            placed.append((at, t, out.segments[out.segment_at(at)][1]))
    placed.sort()
    chunks: list[list] = []  # [truth article, output article, count]
    for _at, t, o in placed:
        if chunks and chunks[-1][0] == t and chunks[-1][1] == o:
            chunks[-1][2] += 1
        else:
            chunks.append([t, o, 1])
    best = [0] * len(truth)
    for t, _o, n in chunks:
        best[t] = max(best[t], n)
    whole = sum(1 for t in range(len(truth)) if totals[t] and best[t] >= WHOLE * totals[t])
    found_articles = len({t for _a, t, _o in placed})
    if verbose:
        for s in missed:
            print(f"    [{label}] missed: {s[:60]}")
        for t, art in enumerate(truth):
            if totals[t] and best[t] < WHOLE * totals[t]:
                lost = [i for i in art.items if i not in out.text]
                print(
                    f"    [{label}] not whole: {art.name} {best[t]}/{totals[t]}, not found: {[i[:20] for i in lost][:4]}"
                )
        if len(chunks) > found_articles:
            print(f"    [{label}] chunks: " + " ".join(f"{truth[t].name[-2:]}/{o}:{n}" for t, o, n in chunks))
    return {
        "sentences": len(long_sents),
        "verbatim": len(long_sents) - len(missed),
        "articles": len(truth),
        "whole": whole,
        "switches": len(chunks) - found_articles,
    }


def pages_in(cache: Path) -> list[tuple[Path, list[Path]]]:
    out = []
    for pdf in sorted(cache.glob("*.pdf")):
        prefix = pdf.stem[:-2]
        texts = sorted(p for p in cache.glob(f"{prefix}*.json") if len(p.stem) == len(pdf.stem))
        if texts:
            out.append((pdf, texts))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get(ENV, DEFAULT_CACHE)))
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed sentences and chunk breaks")
    ap.add_argument("--no-time", action="store_true", help="skip the timing")
    args = ap.parse_args(argv)
    pages = pages_in(args.cache) if args.cache.is_dir() else []
    if not pages:
        print(
            f"no real pages in {args.cache} (pages *.pdf with their article texts *.json): nothing to score.\n"
            f"See bench/real_pages.json for where they come from; point --cache or {ENV} at the folder."
        )
        return 0
    print(f"{len(pages)} page(s) from {args.cache}\n")
    head = "page             arts | verbatim (6+ chars)    | whole articles | extra switches | signal"
    print(head)
    print("                       | flow    ours    of     | flow ours of   | flow  ours     |")
    total = {"flow": {}, "ours": {}}
    t_plain = t_ours = 0.0
    for pdf, texts in pages:
        truth = [load_truth(p) for p in texts]
        doc = read_pdf(pdf)
        signal = " ".join(f"{v['signal']} {v['coherence']:.3f}" for v in doc.metadata.get("order_signal", []))
        res = {
            "flow": score(flow_output(pdf), truth, args.verbose, "flow"),
            "ours": score(ours_output(pdf), truth, args.verbose, "ours"),
        }
        for who, r in res.items():
            for k, v in r.items():
                total[who][k] = total[who].get(k, 0) + v
        f, o = res["flow"], res["ours"]
        print(
            f"{pdf.stem:16s} {f['articles']:4d} | {f['verbatim'] / f['sentences']:.4f}  {o['verbatim'] / o['sentences']:.4f}  "
            f"{f['sentences']:4d}   | {f['whole']:4d} {o['whole']:4d} {f['articles']:3d}  | {f['switches']:4d}  {o['switches']:4d}     | {signal}"
        )
        if not args.no_time:
            t_plain += best_time(baseline_text, pdf, repeat=3)
            t_ours += best_time(read_pdf, pdf, repeat=3)
    f, o = total["flow"], total["ours"]
    print(
        f"\nall pages: verbatim flow {f['verbatim']}/{f['sentences']} = {f['verbatim'] / f['sentences']:.4f}, "
        f"ours {o['verbatim']}/{o['sentences']} = {o['verbatim'] / o['sentences']:.4f} (target >= 0.999)"
    )
    print(
        f"           whole articles flow {f['whole']}/{f['articles']} = {f['whole'] / f['articles']:.3f}, "
        f"ours {o['whole']}/{o['articles']} = {o['whole'] / o['articles']:.3f} (each >= {WHOLE} of its items in one)"
    )
    print(
        f"           extra article switches flow {f['switches']}, ours {o['switches']} (target: ours < flow)"
    )
    if not args.no_time:
        n = len(pages)
        print(
            f"time per page: extract_text() {1000 * t_plain / n:.1f} ms, reader {1000 * t_ours / n:.1f} ms, "
            f"ratio {t_ours / t_plain:.2f}x (target <= 1.3x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
