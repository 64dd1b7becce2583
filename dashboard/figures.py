"""How a figure is shown, in one place: unit from the catalog, 万元 for money, % for rates,
thousands separators, approximate and corrected marks, missing as —, no float noise.

Values arrive in base units (money in 元) as float or Decimal (exact DECIMAL columns); both are
formatted through Decimal so 0.1 + 0.2 never shows as 0.30000000000000004. Downloads get the same
scaled number as a number (``scaled``), the unit going into the column header (``header``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import yaml

MARK = {"exact": "", "at_least": "+", "approx": "≈", "at_most": "≤"}
# With the unit in the cell the mark goes in front, never between number and unit (≈86.4%, not 86.4≈%).
PREFIX = {"exact": "", "at_least": "≥", "approx": "≈", "at_most": "≤"}
MISSING = "—"
CORRECTED = "✎"
INFERRED = "†"  # the year comes from a level's term cycle, not the committee's own evidence


@dataclass(frozen=True)
class Unit:
    """How a metric is shown: divide by ``scale``, at most ``decimals`` decimals, then the symbol."""

    zh: str
    en: str
    scale: int = 1
    decimals: int = 2

    def symbol(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


PERCENT = Unit("%", "%", 1, 1)
PER_100 = Unit("每百名委员", "per 100 members", 1, 1)
NONE = Unit("", "", 1, 2)


@functools.cache
def _unit_names() -> dict:
    with open(Path(__file__).parent / "units.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def unit_of(units) -> Unit:
    """The display unit of a metric from its catalog units (dim_metric.units): the first one listed,
    money (元) in 万元, rates (%) in %."""
    units = [u for u in (list(units) if units is not None else []) if u]
    if not units:
        return NONE
    if "%" in units:
        return PERCENT
    first = units[0]
    names = _unit_names()
    if first in names.get("money", {}):
        zh, en, scale = names["money"][first]
        return Unit(zh, en, int(scale), 2)
    return Unit(first, names["counting"].get(first, first), 1, 2)


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return None if value.is_nan() else value
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(f) or math.isinf(f):
        return None
    return Decimal(repr(f))  # shortest repr: 0.1 stays 0.1


def scaled(value, unit: Unit = NONE) -> float | None:
    """The value in the display unit, as a number (downloads, chart axes); None when missing."""
    d = _decimal(value)
    if d is None:
        return None
    q = (d / unit.scale).quantize(Decimal(1).scaleb(-unit.decimals), rounding=ROUND_HALF_UP)
    return float(q)


def number(value, unit: Unit = NONE) -> str:
    """Scaled, rounded to the unit's decimals, trailing zeros dropped, thousands separated."""
    d = _decimal(value)
    if d is None:
        return MISSING
    try:
        q = (d / unit.scale).quantize(Decimal(1).scaleb(-unit.decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return MISSING
    text = f"{q:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt(
    value,
    unit: Unit = NONE,
    qualifier: str | None = "exact",
    corrected: bool | None = False,
    *,
    lang: str = "zh",
    with_unit: bool = False,
    inferred: bool | None = False,
) -> str:
    """One figure as shown: '2,905,000' 元 -> '290.5' (万元), 120 at_least -> '120+', None -> '—'.

    ``with_unit`` appends the unit and puts the mark in front ('290.5万元', '≈96.6%', '≥20次'):
    a mark never sits between a number and its unit. Tables put the unit in the header instead.
    A value corrected by an analyst ends with ✎; one whose year is inferred from a term cycle with †.
    """
    text = number(value, unit)
    if text == MISSING:
        return MISSING
    if with_unit:
        sym = unit.symbol(lang)
        if sym:
            text += sym if (lang == "zh" or sym == "%") else f" {sym}"
        text = PREFIX.get(qualifier or "exact", "") + text
    else:
        text += MARK.get(qualifier or "exact", "")
    return text + (CORRECTED if corrected else "") + (INFERRED if inferred else "")


def worst(*qualifiers: str | None) -> str:
    """The qualifier of a figure computed from several (a change, a sum): exact only when all are."""
    marked = [q for q in qualifiers if q and q != "exact"]
    return "approx" if marked else "exact"


def mark(qualifier: str | None) -> str:
    """The mark alone ('', '+', '≈', '≤'): downloads keep it in its own column beside the number."""
    return MARK.get(qualifier or "exact", "")


def header(title: str, unit: Unit, lang: str) -> str:
    """A column or axis title with its unit: 捐款捐物（万元）, Donations (CNY 10k)."""
    sym = unit.symbol(lang)
    if not sym:
        return title
    return f"{title}（{sym}）" if lang == "zh" else f"{title} ({sym})"


def vega_format(unit: Unit) -> str:
    """d3 format for axes and legends: separators, at most the unit's decimals, no trailing zeros."""
    return f",.{unit.decimals}~f"
