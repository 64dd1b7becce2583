"""Paths that come from outside (a warehouse row's source_path, a run tag) resolved under their folder."""

from __future__ import annotations

from pathlib import Path


class UnsafePath(ValueError):
    """A relative path that would leave its folder (``..``, an absolute path, a symlink out)."""


def resolve_under(folder: str | Path, rel: str) -> Path:
    """``folder / rel`` resolved, refusing any path that escapes ``folder``."""
    root = Path(folder).resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise UnsafePath(f"{rel!r} is outside {root}")
    return path
