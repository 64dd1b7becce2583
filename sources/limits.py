"""Per-document resource limits, enforced in the reading child process (sources/guarded.py).

Each limit has its own reason code (sources/errors.py), so a quarantine row says which one a file
hit. Bombs are refused before the expensive step: the file size before reading, decoded stream
bytes by inflating in bounded chunks and counting (sources/pdf/preflight.py), pages, objects and
XObject drawing counts from the PDF's structure before any page is parsed. The child's address
space is capped (RLIMIT_AS) as the last line: whatever a library allocates beyond it fails there,
not in the worker or on the machine.

Defaults can be changed per deployment with environment variables (``CSTATS_LIMIT_<NAME>``, e.g.
``CSTATS_LIMIT_MAX_PAGES=500``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 256 * MiB  # too_large: bytes of the file itself
    max_decoded_bytes: int = 256 * MiB  # decoded_too_large: all decompressed PDF streams together
    max_pages: int = 2000  # too_many_pages
    max_chars: int = 10_000_000  # too_many_chars: characters of reading-order text
    max_objects: int = 500_000  # too_many_objects: PDF objects in the cross-reference tables
    max_draws: int = 100_000  # reference_fanout: XObjects drawn on one page once nested forms expand
    # memory_limit: the reading child's address space (RLIMIT_AS); OCR (onnxruntime) reserves ~2 GiB
    memory_bytes: int = 3072 * MiB
    max_members: int = 1000  # too_many_members: files in one zip archive
    max_archive_bytes: int = 1024 * MiB  # archive_too_large: all members of one archive, uncompressed
    max_ratio: int = 100  # compression_ratio: one member's uncompressed / compressed size (over 1 MiB)
    # timeout: CPU seconds the reading child may spend on one page (all its threads), whatever the
    # machine's load; a document that keeps finishing pages goes on (sources/guarded.py)
    page_cpu_seconds: float = 60.0

    @classmethod
    def from_env(cls, environ=os.environ) -> Limits:
        values = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"CSTATS_LIMIT_{f.name.upper()}")
            if raw:
                values[f.name] = type(f.default)(raw)
        return cls(**values)


_active: Limits | None = None


def current() -> Limits:
    """The limits of this process: those the reading child was given, else the environment's."""
    return _active if _active is not None else Limits.from_env()


def use(limits: Limits | None) -> None:
    """Set this process's limits (each reading child, per document; None: the environment's)."""
    global _active
    _active = limits


@contextlib.contextmanager
def overridden(**changes) -> Iterator[Limits]:
    """This process's limits with ``changes`` (e.g. ``page_cpu_seconds=5``) while inside: what a
    run's settings change for the documents it reads (pipelines/defs/resources.py)."""
    global _active
    before = _active
    _active = dataclasses.replace(current(), **changes)
    try:
        yield _active
    finally:
        _active = before


def cap_address_space(limit_bytes: int) -> None:
    """Cap this process's address space; allocations beyond it raise MemoryError."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit_bytes = min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))
