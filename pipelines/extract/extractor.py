"""Metric mentions from a document: quantities, their activity (catalog metric), owner and period."""

from __future__ import annotations

import functools

from pipelines.extract.attribution import Attributor, mention_period
from pipelines.extract.context import ContextModel
from pipelines.extract.mention import Mention
from sources.document import Document
from warehouse.catalog import Catalog

EXTRACTOR_VERSION = "1.1.0"


@functools.cache
def _default_model() -> ContextModel:
    return ContextModel()


def extract_mentions(doc: Document, catalog: Catalog | None = None) -> list[Mention]:
    model = ContextModel(catalog) if catalog is not None else _default_model()
    attributor = Attributor(doc, model.lex)
    text = doc.text
    out: list[Mention] = []
    sentences: dict[int, str] = {}
    for r in model.read(text):
        q = r.quantity
        block = doc.locate(q.start)
        article = block.article if block is not None and len(doc.articles) > 1 else None
        owner = attributor.owner(article)
        para_start = block.start if block is not None else r.sentence_start
        start, end = mention_period(text, owner.period, r.sentence_start, q.start, para_start)
        c = owner.committee
        out.append(
            Mention(
                doc=doc.doc_id,
                surface=doc.display_text[q.start : q.end],
                value=q.value,
                unit=q.unit,
                qualifier=q.qualifier,
                category=r.category,
                metric=r.metric.code if r.metric else None,
                committee=c.committee_name if c else None,
                committee_code=c.code if c else None,
                level=c.level if c else None,
                period_start=start,
                period_end=end,
                page=block.page if block else None,
                bbox=[round(v, 2) for v in block.bbox] if block and block.bbox else None,
                char_start=q.start,
                char_end=q.end,
                sentence=sentences.get(r.sentence_start)
                or sentences.setdefault(
                    r.sentence_start, doc.display_text[r.sentence_start : r.sentence_end].strip()
                ),
            )
        )
    return out
