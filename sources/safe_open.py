"""Open a document file without ever following a link or blocking on a special file.

The link rule: a path is checked with ``lstat`` before anything reads it; a symbolic link is
refused (``link``, or ``outside_sources`` when it leads out of the folder), a FIFO, socket or
device is refused (``not_a_file``). The file is then opened with ``O_NOFOLLOW | O_NONBLOCK`` and
``fstat``-ed, so a file swapped for a link or FIFO between the check and the open is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sources.errors import LinkRefused, MissingFile, NotRegularFile, OutsideSources, TooLarge


def link_reason(path: Path, folder: Path | None = None) -> LinkRefused:
    """The refusal for the link at ``path``: outside_sources when its target leaves ``folder``
    (or, without a folder, the link's own directory). Only names are resolved; nothing is opened."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    root = Path(os.path.realpath(folder if folder is not None else path.parent))
    resolved = Path(os.path.realpath(path))
    if not resolved.is_relative_to(root):
        return OutsideSources(
            f"symbolic link to {target}, outside the sources folder: never followed", path=str(path)
        )
    return LinkRefused(f"symbolic link to {target}: links are never followed", path=str(path))


def check_path(path: str | Path, folder: Path | None = None) -> os.stat_result:
    """``lstat`` the path and refuse anything but a regular file; returns the stat."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError as e:
        raise MissingFile(f"no such file: {path}", path=str(path)) from e
    if stat.S_ISLNK(st.st_mode):
        raise link_reason(path, folder)
    if not stat.S_ISREG(st.st_mode):
        kind = "directory" if stat.S_ISDIR(st.st_mode) else "FIFO, socket or device"
        raise NotRegularFile(f"not a regular file ({kind}): never read", path=str(path))
    return st


_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def open_checked(path: str | Path, folder: Path | None = None):
    """A binary file object for the regular file at ``path``: checked with lstat, opened without
    following a link or blocking, and fstat-ed to be the very file that was checked."""
    path = Path(path)
    st = check_path(path, folder)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as e:  # ELOOP: it became a link since the lstat
        raise LinkRefused(f"cannot open without following a link: {e.strerror}", path=str(path)) from e
    fh = os.fdopen(fd, "rb")
    fst = os.fstat(fh.fileno())
    if not stat.S_ISREG(fst.st_mode) or (fst.st_dev, fst.st_ino) != (st.st_dev, st.st_ino):
        fh.close()
        raise NotRegularFile("the file changed into something else while being opened", path=str(path))
    return fh


def read_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, refusing links, special files and files over ``max_bytes``."""
    with open_checked(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(f"{size:,} bytes, over the limit of {max_bytes:,}", path=str(path))
        data = fh.read(max_bytes + 1 if max_bytes is not None else -1)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(f"more than {max_bytes:,} bytes, over the limit", path=str(path))
    return data
