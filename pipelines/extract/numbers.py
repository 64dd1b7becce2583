"""Quantities in Chinese text: numerals, magnitudes, qualifiers and counting units."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = (
    "人次",
    "场次",
    "批次",
    "件",
    "次",
    "篇",
    "期",
    "条",
    "场",
    "户",
    "名",
    "人",
    "个",
    "项",
    "家",
    "所",
    "册",
    "辑",
    "部",
    "本",
    "元",
    "%",
    "批",
)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

_PRE = r"(?P<pre>大约|超过|约|近|逾|不到|不足)?"
_NUM = r"(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
_POST = r"(?P<post>余|多)?"
_MAG = r"(?P<mag>万|亿)?"
_UNIT = r"(?P<unit>" + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)) + r"|万?元)"
_TAIL = r"(?P<tail>左右|以上|以内)?"
QUANTITY = re.compile(_PRE + _NUM + _POST + _MAG + r"\s*" + _UNIT + _TAIL)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float | int
    unit: str
    qualifier: str


def chinese_numeral(text: str) -> int | None:
    """一百二十 -> 120, 两千三百 -> 2300, 十 -> 10; None when it is not a numeral."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            total += (section + (digit or 0)) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _qualifier(pre: str | None, post: str | None, tail: str | None) -> str:
    if post or tail == "以上" or pre in ("超过", "逾"):
        return "at_least"
    if pre in ("约", "近", "大约") or tail == "左右":
        return "approx"
    if pre in ("不到", "不足") or tail == "以内":
        return "at_most"
    return "exact"


def find_quantities(text: str) -> list[Quantity]:
    out = []
    for m in QUANTITY.finditer(text):
        num = m["num"]
        value = float(num) if num[0].isdigit() else chinese_numeral(num)
        if value is None:
            continue
        unit = m["unit"]
        if unit == "万元":
            value *= 10_000
            unit = "元"
        if m["mag"]:
            value *= _CN_BIG[m["mag"]]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(Quantity(m.start(), m.end(), value, unit, _qualifier(m["pre"], m["post"], m["tail"])))
    return out
