"""Character-for-character normalisation for extraction.

Every function here keeps the string's length, so offsets stay valid between the display text and
the extraction text (see sources.document).
"""

from __future__ import annotations

import functools
import unicodedata

import opencc

# Full-width digits, letters and the signs that belong to numbers -> half-width. CJK punctuation
# (，。；：) stays: it is the text's own sentence structure.
_FULLWIDTH = {
    cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_FULLWIDTH.update({ord(c): ord(c) - 0xFEE0 for c in "％．＋－～"})
_FULLWIDTH[0x3000] = 0x20  # ideographic space
# CJK Radicals Supplement glyphs that some PDF fonts map instead of the ideograph; NFKC misses them.
_RADICALS = {
    "⺠": "民",
    "⻓": "长",
    "⻔": "门",
    "⻢": "马",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻆": "角",
    "⻅": "见",
    "⻋": "车",
    "⻩": "黄",
    "⻬": "齐",
    "⻮": "齿",
    "⻰": "龙",
    "⻘": "青",
    "⻄": "西",
    "⻚": "页",
    "⻥": "鱼",
    "⻤": "鬼",
}


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _one_for_one(ch: str) -> str:
    if "\u2f00" <= ch <= "\u2fdf":  # Kangxi radicals: NFKC maps each to one ideograph
        return unicodedata.normalize("NFKC", ch)
    return _RADICALS.get(ch, ch)


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese, keeping length (falls back to per-character)."""
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    convert = _converter().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


def for_extraction(text: str) -> str:
    """The extraction form of ``text``: simplified, half-width digits/letters/%, radicals mapped."""
    text = text.translate(_FULLWIDTH)
    text = "".join(_one_for_one(ch) for ch in text) if _needs_radical_fix(text) else text
    return to_simplified(text)


def _needs_radical_fix(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u2fdf" for ch in text)
