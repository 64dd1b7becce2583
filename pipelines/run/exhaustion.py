"""A run that runs out of disk or memory: one line naming the resource, the path, what is needed and
what is free, and an exit code of its own (``cstats run``: 74 for a full disk, 71 for memory).

A full disk surfaces as ``OSError: [Errno 28]`` from whatever writes first (a store file, the
staging copy of an archive member, the mentions spool, DuckDB's CHECKPOINT of the next warehouse),
sometimes wrapped by Dagster, DuckDB or Celery, sometimes only as the text of an error that came
back from another process. :func:`find` recognises it in an exception chain or in Dagster's error
info, and :func:`classify` names the part of the run from the path: every write goes to a known
place (pipelines/run/paths.py).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXIT_DISK_FULL = 74  # sysexits.h EX_IOERR
EXIT_MEMORY = 71  # sysexits.h EX_OSERR
# The size of a warehouse with few documents: reference data, schema, views (measured: 4.8 MiB for
# the 122 sample documents, whose mentions spool is 53 KB).
WAREHOUSE_BASE = 5 << 20

_DISK_ERRNOS = {
    errno.ENOSPC: "No space left on device",
    errno.EDQUOT: "Disk quota exceeded",
    errno.EFBIG: "File too large",
}
_DISK_TEXT = re.compile(
    r"No space left on device|Disk quota exceeded|File too large|\[Errno (?:28|122|27)\]", re.IGNORECASE
)
_MEMORY_TEXT = re.compile(
    r"\bMemoryError\b|Out of Memory Error|OutOfMemory|memory allocation of \d+ bytes failed"
)
_PATH_TEXT = re.compile(r"""['"](/[^'"]+)['"]|(?<![\w/])(/(?:[\w.+@~-]+/)*[\w.+@~-]+)""")


@dataclass
class ResourceExhausted(Exception):
    """Out of disk space or memory; ``line()`` is what the operator reads."""

    resource: str  # "disk" | "memory"
    what: str  # the part of the run: document store, staging copy, mentions spool, warehouse, ...
    path: str | None
    needed: int | None  # bytes, when known or estimated
    free: int | None  # bytes free at the time of the report
    detail: str = ""

    def __post_init__(self):
        super().__init__(self.line())

    def __reduce__(self):  # comes back whole from a pool worker
        return (self.__class__, (self.resource, self.what, self.path, self.needed, self.free, self.detail))

    @property
    def exit_code(self) -> int:
        return EXIT_DISK_FULL if self.resource == "disk" else EXIT_MEMORY

    def line(self) -> str:
        needed = f"needs about {_size(self.needed)}" if self.needed else "needs more"
        free = f"{_size(self.free)} free" if self.free is not None else "free space unknown"
        if self.resource == "disk":
            head = f"disk full: writing the {self.what} at {self.path or '?'} {needed}, {free}"
        else:
            head = f"out of memory in the {self.what}: {needed}, {free}"
        return head + (f" ({self.detail})" if self.detail else "")


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n} bytes"


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _error_info_texts(info) -> list[str]:
    """Messages of a Dagster SerializableErrorInfo and its causes and contexts."""
    out, stack = [], [info]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        out.append(f"{getattr(item, 'cls_name', '')}: {getattr(item, 'message', '')}")
        stack += [getattr(item, "cause", None), getattr(item, "context", None)]
    return out


def _first_path(text: str) -> str | None:
    for m in _PATH_TEXT.finditer(text):
        path = m.group(1) or m.group(2)
        if path and len(path) > 1:
            return path
    return None


def find(error) -> tuple[str, str | None, str] | None:
    """``(resource, path, message)`` when ``error`` (an exception, a Dagster error info, or text)
    is a full disk or an exhausted memory, else None."""
    texts: list[tuple[str, str | None]] = []
    if isinstance(error, BaseException):
        for exc in _chain(error):
            if isinstance(exc, ResourceExhausted):
                return exc.resource, exc.path, str(exc)
            if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
                return "disk", exc.filename and str(exc.filename), f"[Errno {exc.errno}] {exc.strerror}"
            if isinstance(exc, MemoryError):
                return "memory", None, f"{exc.__class__.__name__}: {exc}"
            texts.append((f"{exc.__class__.__name__}: {exc}", None))
    elif isinstance(error, str):
        texts.append((error, None))
    elif error is not None:
        texts += [(t, None) for t in _error_info_texts(error)]
    for text, _ in texts:
        if m := _DISK_TEXT.search(text):
            return "disk", _first_path(text), m.group(0)
        if m := _MEMORY_TEXT.search(text):
            return "memory", None, m.group(0)
    return None


def _needed_by(error) -> int | None:
    """The bytes the failed write was writing, when the writer said (``OSError.needed``)."""
    if isinstance(error, BaseException):
        for exc in _chain(error):
            if getattr(exc, "needed", None):
                return exc.needed
    return None


def _free(path: str | Path | None) -> int | None:
    probe = Path(path) if path else Path(tempfile.gettempdir())
    for candidate in (probe, *probe.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def _tree_bytes(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def classify(
    error, *, store: str | Path | None = None, warehouse: str | Path | None = None, needed: int | None = None
) -> ResourceExhausted | None:
    """The operator's account of ``error`` when it is a full disk or an exhausted memory: which part
    of the run (by the path that failed), what it needs (estimated from what it was writing) and
    what is free now."""
    found = find(error)
    if found is None:
        return None
    resource, path, message = found
    if resource == "memory":
        try:
            import psutil

            free = int(psutil.virtual_memory().available)
        except Exception:
            free = None
        return ResourceExhausted("memory", "run", None, None, free, message.splitlines()[0][:200])
    path = path or ""
    warehouse = Path(warehouse) if warehouse else None
    what, where = "output", path or None
    if "cstats-member-" in path:
        what = "staging copy of an archive member"
    elif store is not None and path.startswith(str(Path(store))):
        what, where = "document store", str(Path(store))
        needed = needed or _needed_by(error)
    elif warehouse is not None and (path.startswith(str(warehouse.parent)) or not path):
        if "spool" in path:
            what = "mentions spool"
        else:
            what = "warehouse"
        where = path or str(warehouse.parent)
        # the next warehouse is about as large as the live one; a first publish: the reference data
        # and schema (about 5 MiB) plus about four times the mentions spool (the caller's hint)
        needed = warehouse.stat().st_size if warehouse.exists() else (needed or 0) + WAREHOUSE_BASE
    elif path.startswith(tempfile.gettempdir()):
        what = "temporary folder (TMPDIR)"
    return ResourceExhausted("disk", what, where, needed, _free(where), message.splitlines()[0][:200])
