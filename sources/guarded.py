"""The one per-document time limit of the project.

pdfminer has no timeout and some PDFs make it loop for minutes, so a limit must stop the parse
from outside: :func:`read_with_limit` parses in a child process and kills it when the limit
passes, raising :class:`sources.errors.ReadTimeout`. The reader's own errors (encrypted, corrupt,
image-only...) come back unchanged.

The child is started with the ``forkserver`` method (never a bare ``fork`` of a multi-threaded
Dagster or Streamlit process); the fork server preloads the readers so each document costs a
fork, not a fresh interpreter.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path

from sources.document import Document
from sources.errors import CorruptDocument, MemoryLimit, ReadTimeout, SourceError
from sources.limits import Limits, cap_address_space
from sources.limits import use as use_limits

DEFAULT_SECONDS = 60.0
# sources.detached_main: the children do not re-run the parent's __main__ (see there).
_PRELOAD = ["sources.detached_main", "sources.readers", "sources.pdf.reader", "pdfplumber", "sources.warm"]


def process_context(preload: list[str]) -> mp.context.BaseContext:
    """A start method that never forks this (possibly multi-threaded) process: the fork server, a
    fresh single-threaded interpreter that has imported ``preload`` once, else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return mp.get_context("spawn")


def _child(path: str, reader: str, conn: Connection, limits: Limits | None = None) -> None:
    module, _, name = reader.partition(":")
    try:
        if limits is not None:
            use_limits(limits)
            cap_address_space(limits.memory_bytes)
        read = getattr(importlib.import_module(module), name)
        conn.send(("ok", read(path)))
    except SourceError as e:
        conn.send(("error", e))
    except MemoryError:
        _release_memory()
        conn.send(
            (
                "error",
                MemoryLimit(
                    f"reading needed more than {limits.memory_bytes:,} bytes of memory"
                    if limits
                    else "reading ran out of memory"
                ),
            )
        )
    except BaseException as e:  # an unexpected reader bug still ends as a clear error
        conn.send(("error", CorruptDocument(f"reader failed: {e.__class__.__name__}: {e}")))
    finally:
        conn.close()


def _release_memory() -> None:
    import gc

    gc.collect()


def read_with_limit(
    path: str | Path,
    seconds: float = DEFAULT_SECONDS,
    *,
    reader: str = "sources.readers:read_document",
    limits: Limits | None = None,
) -> Document:
    """Read ``path`` like :func:`sources.read_document`, but give up after ``seconds``.

    ``reader`` names the function the child calls ("module:function"); the default is the
    project's dispatcher, another value serves tests and tools. ``limits`` (default: the
    environment's, sources/limits.py) are set in the child, whose address space is capped at
    ``limits.memory_bytes``: a reader that needs more fails there with ``memory_limit``.

    Raises ReadTimeout (reason ``timeout``) when the limit passes; the child process is killed,
    so no parse keeps running in the background.
    """
    path = str(Path(path))
    ctx = process_context(_PRELOAD)
    recv, send = ctx.Pipe(duplex=False)
    limits = limits or Limits.from_env()
    proc = ctx.Process(target=_child, args=(path, reader, send, limits), daemon=True)
    proc.start()
    send.close()
    try:
        # Poll the pipe, not the process: a large Document fills the pipe before the child exits.
        if not recv.poll(seconds):
            raise ReadTimeout(f"reading took longer than {seconds:g} s; stopped", path=path)
        try:
            status, payload = recv.recv()
        except EOFError as e:  # the child died without answering (crash, out of memory, killed)
            proc.join(5)
            if proc.exitcode in (-9, -6, 137, 134):  # killed or aborted: an allocation over the cap
                raise MemoryLimit(
                    f"the reader process died (exit code {proc.exitcode}) under the memory limit of "
                    f"{limits.memory_bytes:,} bytes",
                    path=path,
                ) from e
            raise CorruptDocument(f"the reader process died (exit code {proc.exitcode})", path=path) from e
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    if status == "error":
        payload.path = payload.path or path
        raise payload
    payload.__post_init__()  # rebuild the offset index (cheap) in this process
    return payload
