"""The mention contract: one quantity that measures a committee's work, with its provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from warehouse.exact import Value, dumps

MENTION_KEYS = (
    "doc", "surface", "value", "unit", "qualifier", "category", "metric", "committee",
    "committee_code", "level", "period_start", "period_end", "page", "bbox", "char_start",
    "char_end", "sentence",
)  # fmt: skip
QUALIFIERS = ("exact", "at_least", "approx", "at_most")
LEVELS = ("national", "region", "city", "county")


@dataclass(frozen=True)
class Mention:
    doc: str
    surface: str  # as written in the display text, spaces kept
    value: Value  # exact, base units: 80余万元 -> 800000, 2.3亿元 -> 230000000, 96.5% -> Decimal("96.5")
    unit: str  # counting word as written; money as 元
    qualifier: str  # exact, at_least, approx, at_most
    category: str | None
    metric: str | None
    committee: str | None
    committee_code: str | None
    level: str | None
    period_start: int | None
    period_end: int | None
    page: int | None
    bbox: list[float] | None
    char_start: int
    char_end: int
    sentence: str

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in MENTION_KEYS}

    def to_json(self) -> str:
        """One JSON line (``cstats extract``), the value an exact JSON number (:func:`dumps`)."""
        return dumps(self.to_dict())
