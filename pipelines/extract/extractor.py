"""Metric mentions from a document: quantities, their activity (catalog metric) and owner."""

from __future__ import annotations

import re

from pipelines.extract.attribution import document_subject
from pipelines.extract.mention import Mention
from pipelines.extract.numbers import Quantity, find_quantities
from sources.document import Document
from warehouse.catalog import Catalog, Metric, load_catalog

EXTRACTOR_VERSION = "0.1.0"

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_END = "，、,：:"
_CN_NUM_CHARS = set("零〇一二两三四五六七八九十百千万亿")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return left, (m.end() if m else len(text))


def _is_noise(text: str, q: Quantity) -> bool:
    before = text[q.start - 1] if q.start else ""
    after = text[q.end] if q.end < len(text) else ""
    if before in ("第", "占"):
        return True
    if text[q.start] in _CN_NUM_CHARS and after and "\u4e00" <= after <= "\u9fff":
        return True  # 六个一, 三项计划: a numbered slogan, not a count
    return False


def _score(metric: Metric, left: str, clause: str, unit: str) -> tuple[int, int] | None:
    if metric.units and unit not in metric.units:
        return None
    obj_pos = max((left.rfind(o) for o in metric.objects), default=-1)
    if obj_pos < 0:
        return None
    verb_in_clause = not metric.verbs or any(v in clause for v in metric.verbs)
    return (1 if verb_in_clause else 0, obj_pos)


def best_metric(catalog: Catalog, left: str, clause: str, unit: str) -> Metric | None:
    scored = [(s, m) for m in catalog.metrics if (s := _score(m, left, clause, unit)) is not None]
    if not scored:
        return None
    return max(scored, key=lambda sm: sm[0])[1]


def extract_mentions(doc: Document, catalog: Catalog | None = None) -> list[Mention]:
    catalog = catalog or load_catalog()
    subject = document_subject(doc)
    text = doc.text
    out: list[Mention] = []
    for q in find_quantities(text):
        if _is_noise(text, q):
            continue
        s_start, s_end = _sentence_span(text, q.start, q.end)
        left = text[s_start : q.start]
        clause_start = max((left.rfind(c) for c in _CLAUSE_END), default=-1) + 1
        metric = best_metric(catalog, left, left[clause_start:], q.unit)
        if metric is None:
            continue
        block = doc.locate(q.start)
        c = subject.committee
        out.append(
            Mention(
                doc=doc.doc_id,
                surface=doc.display_text[q.start : q.end],
                value=q.value,
                unit=q.unit,
                qualifier=q.qualifier,
                category=metric.category,
                metric=metric.code,
                committee=c.committee_name if c else None,
                committee_code=c.code if c else None,
                level=c.level if c else None,
                period_start=subject.period_start,
                period_end=subject.period_end,
                page=block.page if block else None,
                bbox=[round(v, 2) for v in block.bbox] if block and block.bbox else None,
                char_start=q.start,
                char_end=q.end,
                sentence=doc.display_text[s_start:s_end].strip(),
            )
        )
    return out
