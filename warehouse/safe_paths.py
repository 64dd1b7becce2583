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


def join_under(folder: str | Path, rel: str) -> Path:
    """``folder / rel`` without resolving links: refuses ``..``, absolute paths and any folder on
    the way that is a symbolic link (checked with lstat; nothing is opened). The last component is
    left to the reader, which refuses a link there itself (sources/safe_open.py)."""
    import os
    import stat

    parts = Path(rel).parts
    if Path(rel).is_absolute() or ".." in parts or not parts:
        raise UnsafePath(f"{rel!r} is not a relative path inside {folder}")
    path = Path(folder)
    for part in parts[:-1]:
        path = path / part
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise UnsafePath(f"{rel!r} passes through the symbolic link {part!r}")
        except FileNotFoundError:
            break
    return Path(folder) / rel
