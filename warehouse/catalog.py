"""The metric catalog (warehouse/reference/metrics.yaml) as Python objects."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CATALOG_PATH = Path(__file__).parent / "reference" / "metrics.yaml"


@dataclass(frozen=True)
class Category:
    code: str
    name_zh: str
    name_en: str
    keywords: tuple[str, ...] = ()  # place a quantity in this category when it fits no metric


@dataclass(frozen=True, eq=False)  # one object per catalog entry: compared by identity (fast)
class Metric:
    code: str
    category: str
    name_zh: str
    name_en: str
    units: tuple[str, ...]
    objects: tuple[str, ...]
    verbs: tuple[str, ...]
    bounds: tuple[float, float]
    bare: bool = False  # a number with no counting word after one of the objects counts
    verb_required: bool = False  # the object alone is too common: one of the verbs must be in the clause
    context: tuple[str, ...] = ()  # words in the clause that prefer this metric among those a verb selects


@dataclass(frozen=True)
class Catalog:
    edition: str
    categories: tuple[Category, ...]
    metrics: tuple[Metric, ...]

    def metric(self, code: str) -> Metric:
        for m in self.metrics:
            if m.code == code:
                return m
        raise KeyError(code)

    @property
    def category_codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.categories)


def parse_catalog(raw: dict) -> Catalog:
    cats = tuple(
        Category(c["code"], c["name_zh"], c["name_en"], tuple(c.get("keywords", [])))
        for c in raw["categories"]
    )
    codes = {c.code for c in cats}
    metrics = []
    seen = set()
    for m in raw["metrics"]:
        if m["code"] in seen:
            raise ValueError(f"metric code {m['code']} appears twice in the catalog")
        if not m.get("objects"):
            raise ValueError(f"metric {m['code']}: needs at least one trigger object")
        if m["category"] not in codes:
            raise ValueError(f"metric {m['code']}: unknown category {m['category']}")
        seen.add(m["code"])
        lo, hi = m.get("bounds", [0, None]) or [0, None]
        metrics.append(
            Metric(
                code=m["code"],
                category=m["category"],
                name_zh=m["name_zh"],
                name_en=m["name_en"],
                units=tuple(str(u) for u in m.get("units", [])),
                objects=tuple(m.get("objects", [])),
                verbs=tuple(m.get("verbs", [])),
                bounds=(float(lo), float(hi) if hi is not None else float("inf")),
                bare=bool(m.get("bare", False)),
                verb_required=bool(m.get("verb_required", False)),
                context=tuple(m.get("context", [])),
            )
        )
    return Catalog(str(raw.get("edition", "")), cats, tuple(metrics))


@functools.cache
def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    with open(path, encoding="utf-8") as fh:
        return parse_catalog(yaml.safe_load(fh))
