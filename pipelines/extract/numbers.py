"""Quantities in Chinese text: numerals, magnitudes, ranges, qualifiers and counting units.

One compiled pattern finds every candidate; :func:`find_quantities` turns each into a
:class:`Quantity` with its value in base units (80余万元 -> 800000) and its qualifier. Whether a
quantity is a *metric mention* is decided later (pipelines.extract.context).

A range (3至5次) is one quantity: ``value`` is its lower end, ``qualifier`` is ``at_least`` and
``high`` its upper end; the surface keeps both ends.

Values are exact (``warehouse.exact.Value``): an ``int`` for a whole number of base units, else a
``decimal.Decimal`` (96.5%). Never a float: 2.3亿元 is ``230000000``, not 229999999.99999997.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from pipelines.extract.lexicon import Lexicon, alternation, load_lexicon
from warehouse.exact import Value, exact_value

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

_SP = r"[ \t\u3000]{0,3}"  # letter spacing of newspaper PDFs: "1 2 0 余篇"
_ARABIC = r"\d(?:[ \t\u3000]{0,2}\d|,\d{3})*(?:[ \t\u3000]{0,2}\.[ \t\u3000]{0,2}\d(?:[ \t\u3000]{0,2}\d)*)?"
_CN = r"(?:[零〇一二两三四五六七八九十]|(?<=[{lead}])[百千万])[零〇一二两三四五六七八九十百千万亿]*"  # 逾百, 上千
_CN_PCT = r"百分之[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"


class Quantity(NamedTuple):
    start: int
    end: int
    value: Value
    unit: str  # "" when no counting word follows
    qualifier: str
    high: Value | None = None  # upper end of a range
    chinese: bool = False  # written in Chinese numerals (一次, 十余场)
    num_start: int = 0  # where the numeral itself starts (after a qualifier word)


def chinese_numeral(text: str) -> int | None:
    """一百二十 -> 120, 两千三百 -> 2300, 十 -> 10, 三十万 -> 300000; None when it is not a numeral."""
    total, section, digit = 0, 0, None
    big_seen = 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            part = section + (digit or 0)
            if ch == "万" and big_seen:  # 一亿二千万
                total += part * 10_000
            else:
                total = (total + (part or 1)) * _CN_BIG[ch]
            big_seen += 1
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _cn_decimal(text: str) -> Value | None:
    whole, _, frac = text.partition("点")
    value = chinese_numeral(whole)
    if value is None or not frac:
        return value
    digits = "".join(str(_CN_DIGITS[c]) for c in frac)
    return exact_value(f"{value}.{digits}")


_DIGIT_SPACING = re.compile(r"[\s,\u3000]")


def _arabic(text: str) -> Value:
    if text.isdecimal():  # the common case: nothing to strip, no decimal point
        return int(text)
    s = _DIGIT_SPACING.sub("", text)
    return exact_value(s) if "." in s else int(s)


@functools.cache
def quantity_pattern(lex: Lexicon | None = None) -> re.Pattern:
    lex = lex or load_lexicon()
    pre = alternation(lex.before)
    units = alternation(lex.units)
    post = alternation(lex.after_number)
    tail = alternation(lex.after_unit)
    joiners = alternation(lex.range_joiners)
    lead = re.escape("".join(sorted({w[-1] for w in lex.before})))
    num = rf"{_ARABIC}|" + _CN.replace("{lead}", lead)
    first = "".join(sorted({w[0] for w in lex.before})) + "0-9零〇一二两三四五六七八九十百"
    return re.compile(
        rf"(?=[{first}])(?P<pre>{pre})?{_SP}"
        rf"(?:(?P<pct>{_CN_PCT})"
        rf"|(?P<num>{num})(?:{_SP}(?P<unit0>{units})?{_SP}(?P<join>{joiners}){_SP}(?P<num2>{num}))?"
        rf"{_SP}(?P<post>{post})?(?P<mag>万|亿)?(?P<post2>{post})?{_SP}(?P<unit>{units})?)"
        rf"{_SP}(?P<tail>{tail})?"
    )


def _value(token: str) -> tuple[Value | None, bool]:
    if token[0].isdigit():
        return _arabic(token), False
    return chinese_numeral(token), True


def find_quantities(text: str, lex: Lexicon | None = None) -> list[Quantity]:
    """Every number in ``text`` with its unit (possibly none), in base units."""
    lex = lex or load_lexicon()
    out: list[Quantity] = []
    before, after_number, after_unit = lex.before, lex.after_number, lex.after_unit
    pattern = quantity_pattern(lex)
    g_pct, g_num, g_tail = (pattern.groupindex[g] for g in ("pct", "num", "tail"))
    for m in pattern.finditer(text):
        start = m.start()
        pre, pct, num, unit0, _, num2, post, mag, post2, unit, tail = m.groups()  # one call, not eleven
        if pct:
            value, chinese, unit = _cn_decimal(pct[3:]), True, "%"
            num_start = m.start(g_pct)
        else:
            num_start = m.start(g_num)
            if pre == "上" and num[0] not in "百千万":
                pre, start = None, num_start  # 上 qualifies only 上百, 上千
            value, chinese = _value(num)
            unit = unit or ""
        if value is None:
            continue
        if not pre:
            start = num_start
        high = None
        if not pct and num2:
            if unit0 and unit0 != unit:
                continue
            high, _ = _value(num2)
            if high is None:
                continue
        mult = _CN_BIG[mag] if not pct and mag else 1
        value = value * mult
        high = high * mult if high is not None else None
        end = m.end()
        if not unit and tail:  # 以上 after a bare number belongs to the sentence, not the number
            end, tail = m.start(g_tail), None
        if text[end - 1 : end].isspace():  # (rstrip changes nothing otherwise)
            end = len(text[start:end].rstrip()) + start
        if high is not None:
            qualifier = "at_least"
        else:
            qualifier = "exact"
            for word in (post, post2):
                if word:
                    qualifier = after_number[word]
            if pre:
                qualifier = before[pre]
            if tail:
                qualifier = after_unit[tail]
        if type(value) is not int:  # (an int is exact as it is)
            value = exact_value(value)  # 2.3 x 亿 is a whole number again
        if high is not None and type(high) is not int:
            high = exact_value(high)
        out.append(Quantity(start, end, value, unit, qualifier, high, chinese, num_start))
    return out
