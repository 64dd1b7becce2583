"""How a figure is written: Arabic or Chinese numerals, exact or with a qualifier.

Every function returns ``(surface, value, qualifier)``: the text as it appears in the document and
the number in base units that a reader of that text would take from it (``120余篇`` -> 120,
at_least). The value of a qualified surface is the rounded number written, never the fact behind
it: that is what the labelling rules ask for.
"""

from __future__ import annotations

import math
import random

_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """0 <= n < 100000 in Chinese numerals: 10 -> 十, 15 -> 十五, 108 -> 一百零八, 2300 -> 二千三百."""
    if not 0 <= n < 100000:
        raise ValueError(f"no Chinese numeral for {n} here")
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out, zero = "", False
    for unit_value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d:
            if zero and out:
                out += "零"
            out += _DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def _money(value: int, style: str, rng: random.Random) -> tuple[str, int, str]:
    wan = value / 10000
    if style == "at_least" and value % 10000:
        w = math.floor(wan)
        return rng.choice([f"{w}万余元", f"{w}余万元"]), w * 10000, "at_least"
    if style == "approx" and value % 10000:
        w = round(wan)
        return f"约{w}万元", w * 10000, "approx"
    text = f"{wan:.2f}".rstrip("0").rstrip(".")
    return f"{text}万元", value, "exact"


def render(value: int, unit: str, style: str, rng: random.Random) -> tuple[str, int, str]:
    """The surface of ``value`` counted in ``unit``, in ``style`` (see phrasing.yaml)."""
    if style == "any":
        style = pick_style(value, unit, rng)
    if unit == "元":
        return _money(value, style, rng)
    if unit == "%":
        if style == "at_least":
            return f"{value}%以上", value, "at_least"
        return f"{value}%", value, "exact"
    if style == "cn":
        return f"{chinese(value)}{unit}", value, "exact"
    if style == "at_least" and value >= 20 and value % 10:
        r = value // 10 * 10
        form = rng.choice(["{r}余{u}", "{r}多{u}", "超过{r}{u}", "{r}{u}以上", "{c}余{u}"])
        return form.format(r=r, c=chinese(r), u=unit), r, "at_least"
    if style == "near" and value >= 20 and value % 10:  # a newspaper rounding up: 近百件, 近130件
        c = math.ceil(value / 10) * 10
        return f"近{'百' if c == 100 else c}{unit}", c, "approx"
    if style == "approx" and value >= 20 and value % 10:
        form = rng.choice(["约{r}{u}", "近{c}{u}", "{r}{u}左右"])
        r = round(value / 10) * 10
        c = math.ceil(value / 10) * 10
        return form.format(r=r, c=c, u=unit), (c if form.startswith("近") else r), "approx"
    return f"{value}{unit}", value, "exact"


def pick_style(value: int, unit: str, rng: random.Random) -> str:
    """A style drawn the way real reports mix them: mostly exact digits, sometimes not."""
    if unit == "%":
        return "exact"
    if unit == "元":
        return rng.choices(["exact", "at_least", "approx"], [0.7, 0.2, 0.1])[0]
    if value < 20:
        return rng.choices(["exact", "cn"], [0.6, 0.4])[0]
    if value <= 100:
        return rng.choices(["exact", "cn", "at_least", "approx"], [0.65, 0.12, 0.15, 0.08])[0]
    return rng.choices(["exact", "cn", "at_least", "approx"], [0.72, 0.03, 0.16, 0.09])[0]
