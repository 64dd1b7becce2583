"""Analysts' reviews of a mention (confirm / correct / reject), stored through warehouse.overrides.

The dashboard never writes the DuckDB file: the override is stored outside it and applied at the
next publish.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

ACTIONS = ("confirm", "correct", "reject")


def overrides_module():
    """warehouse.overrides, or None while that part of the warehouse is not installed."""
    try:
        return importlib.import_module("warehouse.overrides")
    except ModuleNotFoundError:
        return None


def store(warehouse_path: Path):
    """Where overrides live: CSTATS_OVERRIDES, else the overrides API's default for this warehouse."""
    if env := os.environ.get("CSTATS_OVERRIDES"):
        return Path(env)
    module = overrides_module()
    default = getattr(module, "default_store", None) if module else None
    return default(warehouse_path) if callable(default) else warehouse_path.with_name("overrides")


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
    )
