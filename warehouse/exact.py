"""Exact numbers, from the extracted figure to the warehouse column.

A value is an ``int`` (a whole number of base units) or a ``decimal.Decimal`` (96.5%), never a
float: 2.3亿元 must be 230000000, not 229999999.99999997. The extraction (pipelines/extract/numbers.py)
makes values with :func:`exact_value`; JSON lines carry them as exact JSON numbers (:func:`dumps`,
:func:`loads`); the warehouse stores them in ``DECIMAL(38, 6)`` columns (:data:`POLARS_DECIMAL` on
the way in).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import polars as pl

Value = int | Decimal  # an exact number of base units
SCALE = 6  # decimals the warehouse keeps (DECIMAL(38, 6)); a value with more is refused
POLARS_DECIMAL = pl.Decimal(38, SCALE)


def exact_value(value: int | Decimal | str) -> Value:
    """``value`` as an exact :data:`Value`: an int when whole, else a Decimal without trailing
    zeros (``Decimal("230000000.0")`` -> 230000000, ``"96.50"`` -> Decimal("96.5")). Floats are
    refused: they are where the noise comes from (parse text with ``Decimal(str)``)."""
    if isinstance(value, bool | float):
        raise TypeError(f"exact values only, not {type(value).__name__} {value!r}")
    if isinstance(value, int):
        return value
    d = Decimal(value)
    if not d.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if d == d.to_integral_value():
        return int(d)
    d = d.normalize()
    if -d.as_tuple().exponent > SCALE:
        raise ValueError(f"{value} has more than {SCALE} decimals")
    return d


_PLACEHOLDER = re.compile(r'"\\u0000(\d+)\\u0000"')


def dumps(obj, **kwargs) -> str:
    """``json.dumps`` (non-ASCII kept) writing a Decimal as the exact JSON number it is:
    ``Decimal("96.5")`` -> ``96.5``, never through a float. :func:`loads` reads it back exactly."""
    numbers: list[str] = []

    def placeholder(o):
        if isinstance(o, Decimal):
            numbers.append(format(o, "f"))
            return f"\0{len(numbers) - 1}\0"
        raise TypeError(f"{type(o).__name__} is not JSON serialisable")

    text = json.dumps(obj, ensure_ascii=False, default=placeholder, **kwargs)
    return _PLACEHOLDER.sub(lambda m: numbers[int(m[1])], text) if numbers else text


def from_input(value) -> Value:
    """A number a person typed or a widget returned (str, int, Decimal, float) as an exact
    :data:`Value`; a float is taken at its shortest decimal form (2.3 -> Decimal("2.3"))."""
    if isinstance(value, bool):
        raise TypeError("a number, not a truth value")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        value = value.strip().replace(",", "")
    try:
        return exact_value(value)
    except ArithmeticError as e:  # decimal.InvalidOperation: not a number
        raise ValueError(f"not a number: {value!r}") from e


def loads(line: str):
    """Parse JSON with exact numbers: a number with a fraction becomes a Decimal, never a float."""
    return json.loads(line, parse_float=Decimal)
