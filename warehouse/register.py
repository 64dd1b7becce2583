"""The committee register (warehouse/reference/committees.csv): names, codes and hierarchy.

Every administrative division with a CPPCC committee has one row per version (valid_from ..
valid_to, years inclusive; an empty valid_to means current).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

REGISTER_PATH = Path(__file__).parent / "reference" / "committees.csv"
NATIONAL_CODE = "000000"


@dataclass(frozen=True)
class Committee:
    code: str
    name: str  # the division's name: 平罗县
    short_name: str  # 平罗
    level: str  # national, region, city, county
    parent_code: str | None
    valid_from: int
    valid_to: int | None
    name_pinyin: str = ""  # Pingluo Xian
    name_en: str = ""  # Pingluo County

    @property
    def committee_name(self) -> str:
        """How the committee is usually written: 平罗县政协, 全国政协."""
        return f"{self.name}政协"

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return self.valid_to is None
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


class Register:
    def __init__(self, committees: list[Committee]):
        self.committees = committees
        self._by_code: dict[str, list[Committee]] = {}
        self._by_name: dict[str, list[Committee]] = {}
        for c in committees:
            self._by_code.setdefault(c.code, []).append(c)
            for alias in {c.name, c.short_name}:
                self._by_name.setdefault(alias, []).append(c)

    def get(self, code: str, year: int | None = None) -> Committee | None:
        versions = self._by_code.get(code, [])
        for c in versions:
            if c.valid_in(year):
                return c
        return versions[-1] if versions and year is None else None

    def find(self, name: str, year: int | None = None) -> list[Committee]:
        """Committees a division name may mean (平罗县, 平罗), valid in ``year``."""
        return [c for c in self._by_name.get(name, []) if c.valid_in(year)]

    def chain(self, code: str, year: int | None = None) -> list[Committee]:
        """The committee and its parents up to the national committee."""
        out = []
        c = self.get(code, year)
        while c is not None:
            out.append(c)
            c = self.get(c.parent_code, year) if c.parent_code else None
        return out

    def names(self) -> list[str]:
        return sorted(self._by_name, key=len, reverse=True)


@functools.cache
def load_register(path: Path = REGISTER_PATH) -> Register:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [
            Committee(
                code=r["code"],
                name=r["name"],
                short_name=r["short_name"],
                level=r["level"],
                parent_code=r["parent_code"] or None,
                valid_from=int(r["valid_from"]),
                valid_to=int(r["valid_to"]) if r["valid_to"] else None,
            )
            for r in csv.DictReader(fh)
        ]
    return Register(rows)
