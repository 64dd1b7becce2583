"""Analysts' reviews of a mention (confirm / correct / reject), stored through warehouse.overrides.

The dashboard never writes the DuckDB file: the override is stored outside it and applied at the
next publish.
"""

from __future__ import annotations

import importlib
from pathlib import Path

ACTIONS = ("confirm", "correct", "reject")


def overrides_module():
    """warehouse.overrides, or None while that part of the warehouse is not installed."""
    try:
        return importlib.import_module("warehouse.overrides")
    except ModuleNotFoundError:
        return None


def store(warehouse_path: Path) -> Path:
    """Where overrides live: the overrides API's default for this warehouse (CSTATS_OVERRIDES wins)."""
    return overrides_module().default_store(warehouse_path)


def reviewers() -> list[str]:
    """The configured reviewers (warehouse.overrides.load_reviewers); [] without the overrides API."""
    module = overrides_module()
    return module.load_reviewers() if module is not None else []


def submit(
    warehouse_path: Path,
    *,
    sha256: str,
    char_start: int,
    char_end: int,
    action: str,
    value: float | None,
    who: str,
    why: str,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    module = overrides_module()
    if module is None:
        raise RuntimeError("warehouse.overrides is not available")
    module.add_override(
        store(warehouse_path),
        sha256=sha256,
        char_start=char_start,
        char_end=char_end,
        action=action,
        value=value if action == "correct" else None,
        who=who,
        why=why,
        reviewers=reviewers(),
    )
