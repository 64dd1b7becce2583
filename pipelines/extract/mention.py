"""The mention contract: one quantity that measures a committee's work, with its provenance."""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.exact import Value, dumps

MENTION_KEYS = (
    "doc", "surface", "value", "unit", "qualifier", "category", "metric", "committee",
    "committee_code", "level", "period_start", "period_end", "period_source", "period_inferred",
    "period_reason", "period_evidence", "page", "bbox", "char_start",
    "char_end", "sentence",
)  # fmt: skip
# How the mention's block was read: "source" ("text" or "ocr") and "ocr_confidence" (the mean
# recognition confidence, 0-1, of the block holding it; null for text). Part of the contract, kept
# in the warehouse; printed by `cstats extract --with-source` (the default lines keep exactly
# MENTION_KEYS, the key set existing consumers of the contract check).
SOURCE_KEYS = ("source", "ocr_confidence")
_WITH_SOURCE = MENTION_KEYS + SOURCE_KEYS
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
    # how the period was found (pipelines/extract/periods.SOURCES), null with period_reason when the
    # period is null; inferred: from a level's term cycle, not this committee's own evidence;
    # evidence: the document or address whose ordinal dated the committee's calendar
    period_source: str | None
    period_inferred: bool
    period_reason: str | None
    period_evidence: str | None
    page: int | None
    bbox: list[float] | None
    char_start: int
    char_end: int
    sentence: str
    source: str = "text"  # "text" or "ocr": how the block holding it was read
    ocr_confidence: float | None = None  # OCR: mean recognition confidence of that block (0-1)

    def to_dict(self, *, with_source: bool = False) -> dict:
        """The fields as a dict (what ``dataclasses.asdict`` gives, without its deep copy of every
        value: only the bbox list is copied; the other values are immutable)."""
        d = self.__dict__
        out = {k: d[k] for k in (_WITH_SOURCE if with_source else MENTION_KEYS)}
        if out["bbox"] is not None:
            out["bbox"] = list(out["bbox"])
        return out

    def to_json(self, *, with_source: bool = False) -> str:
        """One JSON line (``cstats extract``), the value an exact JSON number (:func:`dumps`)."""
        return dumps(self.to_dict(with_source=with_source))


_FIELD_COUNT = len(_WITH_SOURCE)
_new = object.__new__


def new_mention(**values) -> Mention:
    """``Mention(**values)`` without the frozen dataclass's per-field ``object.__setattr__`` (ten
    times cheaper; the extractor makes one per quantity). Every field must be given."""
    if len(values) != _FIELD_COUNT:
        raise TypeError(f"new_mention takes all {_FIELD_COUNT} fields, not {sorted(values)}")
    m = _new(Mention)
    m.__dict__.update(values)
    return m
