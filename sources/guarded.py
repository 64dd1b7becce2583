"""The per-document limits of the project, enforced from outside the parse.

pdfminer has no timeout and some PDFs make it loop for minutes, so a limit must stop the parse from
outside: :func:`read_with_limit` hands the document to a reading child process
(sources/reading_child.py) and kills it when a limit passes. The reader's own errors (encrypted,
corrupt, image-only...) come back unchanged.

**The child stays warm.** Each process that reads documents keeps one reading child, started once
(a fresh interpreter: never a fork of a multi-threaded Dagster, Celery or Streamlit process) with the
readers imported; the OCR engine and the other caches are built by its first document and kept for
the next ones. It is replaced after a limit killed it, after it ran out of memory, or after
``MAX_DOCUMENTS`` documents (like Celery's ``max_tasks_per_child``: fragmentation never piles up).

**Limits that do not depend on load.** A document's outcome is a function of its bytes and the
settings, never of how busy the machine is:

- CPU time per page (``Limits.page_cpu_seconds``, ``CSTATS_LIMIT_PAGE_CPU_SECONDS``, default 60 s):
  the CPU time of the child (all its threads), counted from the start of each page the reader
  reports (sources/progress.py), so a document that keeps finishing pages goes on however many it
  has and however slowly a busy machine runs it.
- A wall-clock guard only for a child that makes no progress at all: neither a page begun nor any
  CPU time used for ``seconds`` (``CSTATS_DOCUMENT_SECONDS``, default 120 s), e.g. blocked on a
  FIFO or deadlocked.

A quarantine for either names the limit, the page reached and the setting that raises it.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from sources.document import Document
from sources.errors import CorruptDocument, MemoryLimit, ReadTimeout
from sources.limits import Limits
from sources.limits import current as current_limits

DEFAULT_SECONDS = 60.0
MAX_DOCUMENTS = 500  # documents per reading child before a fresh one
POLL_SECONDS = 0.1
_ROOT = str(Path(__file__).resolve().parents[1])  # the folder holding the `sources` package


class ReaderStopped(RuntimeError):
    """The reading child was stopped from outside (SIGTERM/SIGINT to its group): the run is
    stopping, so the document gets no outcome and is read again by the next run."""


def process_context(preload: list[str]) -> mp.context.BaseContext:
    """A start method that never forks this (possibly multi-threaded) process: the fork server, a
    fresh single-threaded interpreter that has imported ``preload`` once, else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return mp.get_context("spawn")


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of ``pid`` (every thread), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class _Child:
    """One warm reading child of this process."""

    def __init__(self, memory_bytes: int):
        mine, theirs = mp.Pipe(duplex=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        env["CSTATS_READER_SYS_PATH"] = json.dumps(sys.path)  # the modules the parent can import
        fd = theirs.fileno()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sources.reading_child", str(os.getpid()), str(fd)],
            pass_fds=(fd,), stdin=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        theirs.close()
        self.conn: Connection = mine
        self.owner = os.getpid()
        self.memory_bytes = memory_bytes
        self.documents = 0

    def cpu(self) -> float:
        return _cpu_seconds(self.proc.pid) or 0.0

    def end(self) -> None:
        if self.owner != os.getpid():  # a forked copy of the parent's handle: not ours to kill
            return
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


_warm: _Child | None = None
_lock = threading.Lock()


def _child_for(limits: Limits) -> _Child:
    global _warm
    child = _warm
    if child is not None and (
        child.owner != os.getpid()
        or child.proc.poll() is not None
        or child.memory_bytes != limits.memory_bytes
    ):
        child.end()
        child = None
    if child is None:
        child = _warm = _Child(limits.memory_bytes)
    return child


def stop_reading_child() -> None:
    """End this process's warm reading child, if any (a run stopping, a test)."""
    global _warm
    child, _warm = _warm, None
    if child is not None:
        child.end()


def reading_child_pid() -> int | None:
    """The pid of this process's warm reading child (None before the first document)."""
    child = _warm
    return child.proc.pid if child is not None and child.proc.poll() is None else None


def _where(page: int, total: int | None) -> str:
    if page == 0:
        return "before its first page"
    return f"at page {page} of {total}" if total else f"at page {page}"


def _timeout(message: str, path: str, **figures) -> ReadTimeout:
    err = ReadTimeout(message, path=path)
    err.figures = figures
    return err


def _over_budget(path: str, limits: Limits, page: int, total: int | None) -> ReadTimeout:
    return _timeout(
        f"reading used more than {limits.page_cpu_seconds:g} s of CPU time on one page, {_where(page, total)}; "
        "stopped (the per-page limit CSTATS_LIMIT_PAGE_CPU_SECONDS raises it)",
        path, limit="page_cpu_seconds", seconds=limits.page_cpu_seconds, page=page, pages=total,
        setting="CSTATS_LIMIT_PAGE_CPU_SECONDS",
    )  # fmt: skip


def _died(child: _Child, path: str, page: int, total: int | None) -> BaseException:
    try:
        code = child.proc.wait(5)
    except subprocess.TimeoutExpired:
        code = None
    where = _where(page, total)
    if code in (-signal.SIGTERM, -signal.SIGINT, -signal.SIGHUP):
        return ReaderStopped(f"the reader process was stopped by signal {-code} {where}")
    if code == -signal.SIGKILL:
        free = _available_memory()
        return MemoryLimit(
            f"the reader process was killed (SIGKILL) {where}, most likely by the kernel's out-of-memory "
            f"killer{f' ({free // (1 << 20):,} MiB available now)' if free is not None else ''}; "
            f"its own limit is {child.memory_bytes:,} bytes (CSTATS_LIMIT_MEMORY_BYTES)",
            path=path,
        )
    if code in (-signal.SIGABRT, 134, 137, 3):  # aborted: an allocation over the cap in native code
        return MemoryLimit(
            f"the reader process died (exit code {code}) {where} under the memory limit of "
            f"{child.memory_bytes:,} bytes (CSTATS_LIMIT_MEMORY_BYTES raises it)",
            path=path,
        )
    return CorruptDocument(f"the reader process died (exit code {code}) {where}", path=path)


def _available_memory() -> int | None:
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:
        return None


def _await(child: _Child, path: str, seconds: float, limits: Limits):
    """The child's answer for ``path``, enforcing the per-page CPU budget and the stall guard."""
    page, total = 0, None
    mark = last_cpu = child.cpu()
    last_progress = time.monotonic()
    while True:
        if child.conn.poll(POLL_SECONDS):
            try:
                message = child.conn.recv()
            except (EOFError, OSError):
                raise _died(child, path, page, total) from None
            cpu = child.cpu()
            if cpu - mark > limits.page_cpu_seconds:  # the page just ended over its budget
                raise _over_budget(path, limits, page, total)
            if message[0] == "page":
                page, total = message[1], message[2]
                mark = last_cpu = cpu
                last_progress = time.monotonic()
                continue
            return message
        cpu, now = child.cpu(), time.monotonic()
        if cpu - mark > limits.page_cpu_seconds:
            raise _over_budget(path, limits, page, total)
        if cpu > last_cpu:
            last_cpu, last_progress = cpu, now
        elif now - last_progress > seconds:
            raise _timeout(
                f"reading made no progress for {seconds:g} s (no page begun, no CPU time used), "
                f"{_where(page, total)}; stopped (CSTATS_DOCUMENT_SECONDS raises the limit)",
                path, limit="document_seconds", seconds=seconds, page=page, pages=total,
                setting="CSTATS_DOCUMENT_SECONDS",
            )  # fmt: skip


def _ready(child: _Child, seconds: float) -> None:
    """Wait for a fresh child's imports (``("ready",)``), under the stall guard only."""
    deadline = time.monotonic() + max(seconds, 60.0)
    while not child.conn.poll(POLL_SECONDS):
        if child.proc.poll() is not None or time.monotonic() > deadline:
            raise CorruptDocument(f"the reading child did not start (exit code {child.proc.poll()})")
    message = child.conn.recv()
    if message != ("ready",):
        raise CorruptDocument(f"the reading child answered {message!r} instead of ready")


def read_with_limit(
    path: str | Path,
    seconds: float = DEFAULT_SECONDS,
    *,
    reader: str = "sources.readers:read_document",
    limits: Limits | None = None,
) -> Document:
    """Read ``path`` like :func:`sources.read_document`, in this process's warm reading child.

    ``seconds`` is the stall guard (no page begun and no CPU used for that long); the CPU time
    per page is ``limits.page_cpu_seconds``. ``reader`` names the function the child calls
    ("module:function"); the default is the project's dispatcher, another value serves tests and
    tools. ``limits`` (default: this process's, sources/limits.py) are set in the child, whose
    address space is capped at ``limits.memory_bytes``: a reader that needs more fails there with
    ``memory_limit``.

    Raises ReadTimeout (reason ``timeout``) when a limit passes; the child is killed, so no parse
    keeps running in the background, and a fresh one serves the next document. Any exception
    that interrupts the wait (a run being stopped) kills the child too.
    """
    path = str(Path(path))
    limits = limits or current_limits()
    with _lock:
        child = _child_for(limits)
        try:
            if child.documents == 0:
                _ready(child, seconds)
            child.conn.send((path, reader, limits))
            status, payload = _await(child, path, seconds, limits)
        except BaseException:
            stop_reading_child()  # mid-document: its state is unknown
            raise
        child.documents += 1
        if child.documents >= MAX_DOCUMENTS or isinstance(payload, MemoryLimit):
            stop_reading_child()
    if status == "error":
        payload.path = payload.path or path
        raise payload
    payload.__post_init__()  # rebuild the offset index (cheap) in this process
    return payload
