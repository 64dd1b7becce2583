"""Views of extracted mentions (``Mention.to_dict()`` rows) that the rule tests compare."""

from __future__ import annotations


def surfaces(ms: list[dict]) -> set[str]:
    return {m["surface"] for m in ms}


def committees(ms: list[dict]) -> dict[str, str | None]:
    return {m["surface"]: m["committee_code"] for m in ms}


def periods(ms: list[dict]) -> dict[str, tuple]:
    return {m["surface"]: (m["period_start"], m["period_end"]) for m in ms}


def rows(ms: list[dict]) -> list[tuple]:
    return [(m["surface"], m["period_start"], m["period_end"], m["period_source"]) for m in ms]
