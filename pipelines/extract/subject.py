"""Subject committee of a document or article: whose report it is.

Interface used by attribution: :func:`find_subject`. The committee register
(warehouse.register) resolves names to committees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sources.document import Document
from warehouse.register import NATIONAL_CODE, Committee, load_register


@dataclass(frozen=True)
class SubjectResult:
    committee: Committee | None
    reason: str | None = None  # why committee is None (unresolved, ambiguous ...)
    candidates: tuple[Committee, ...] = field(default_factory=tuple)


def _lead_text(doc: Document, article: int | None, blocks: int = 3) -> str:
    """Headline, subtitle and first paragraphs of the article: where a report names its committee."""
    chosen = [b for b in doc.blocks if article is None or b.article == article][:blocks]
    return "\n".join(doc.text[b.start : b.end] for b in chosen)


def find_subject(doc: Document, article: int | None = None, year: int | None = None) -> SubjectResult:
    """The committee a document (or one of its articles) reports on, as of ``year``."""
    register = load_register()
    lead = _lead_text(doc, article)
    names = "|".join(re.escape(n) for n in register.names())
    pattern = re.compile(rf"(?:政协|中国人民政治协商会议)?({names})(?:回族自治区|自治区)?(?:政协|委员会)")
    for m in pattern.finditer(lead):
        found = register.find(m[1], year)
        if len(found) == 1:
            return SubjectResult(found[0])
        if len(found) > 1:
            return SubjectResult(None, f"ambiguous name {m[1]}", tuple(found))
    if "全国政协" in lead:
        return SubjectResult(register.get(NATIONAL_CODE))
    return SubjectResult(None, "no committee named in the headline or lead")
