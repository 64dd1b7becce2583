"""Score a reader's output against a generated page's Truth (used by tests and bench/bench_pdf.py).

* ``similarity``: 1 - normalised edit distance between the whitespace-free texts;
* ``cjk_spaces``: spaces (not line breaks) between two CJK characters in the output;
* ``order``: share of adjacent truth paragraphs found intact and in the right order;
* ``articles_exact``: every truth article's blocks land in one output article, a different one
  for each truth article, with no extra articles (None when the output has no articles).
"""

from __future__ import annotations

import re

from sources.document import Document
from sources.pdfgen.spec import Truth

_CJK = r"[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_SPACE = re.compile(f"(?<={_CJK})[ \t\u3000]+(?={_CJK})")
_WS = re.compile(r"\s+")


def levenshtein(a: str, b: str) -> int:
    """Edit distance by Myers/Hyyrö's bit-parallel algorithm (fast on page-length strings)."""
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return score


def squeeze(text: str) -> tuple[str, list[int]]:
    """Whitespace-free text and, for each of its characters, the offset in ``text``."""
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in keep), keep


def score(truth: Truth, text: str, doc: Document | None = None) -> dict:
    got, offsets = squeeze(text)
    want = _WS.sub("", truth.text())
    sim = 1 - levenshtein(got, want) / max(len(got), len(want), 1)
    paras = [_WS.sub("", b.text) for b in truth.blocks]
    found, cursor = [], 0
    for p in paras:  # search on from the previous paragraph: pull quotes repeat body text
        at = got.find(p, cursor)
        if at < 0:
            at = got.find(p)
        else:
            cursor = at + len(p)
        found.append(at)
    pairs = list(zip(found, found[1:], strict=False))
    ok = sum(1 for i, j in pairs if i >= 0 and j >= 0 and i < j)
    result = {
        "similarity": sim,
        "cjk_spaces": len(_CJK_SPACE.findall(text)),
        "order": ok / len(pairs) if pairs else 1.0,
        "articles_exact": None,
    }
    if doc is not None and doc.articles:
        result["articles_exact"] = _articles_exact(truth, doc, paras, found, offsets)
    return result


def _articles_exact(truth: Truth, doc: Document, paras, found, offsets) -> bool:
    seen: dict[int, set[int]] = {}
    for tb, _p, at in zip(truth.blocks, paras, found, strict=True):
        if tb.article is None:
            continue
        if at < 0:
            return False
        block = doc.locate(offsets[at])
        seen.setdefault(tb.article, set()).add(block.article if block else -2)
    targets = [next(iter(s)) for s in seen.values() if len(s) == 1]
    return (
        len(targets) == len(seen) == len(truth.articles) == len(doc.articles)
        and len(set(targets)) == len(targets)
        and all(t >= 0 for t in targets)
    )
