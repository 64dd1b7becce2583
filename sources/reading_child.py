"""The warm reading child: ``python -m sources.reading_child PARENT_PID FD``.

One per process that reads documents (a pool worker, a Dagster step process, a Celery worker). It
imports the readers and builds their caches once, then reads one document per request over the
connection on file descriptor ``FD`` for as long as its parent keeps it (sources/guarded.py): the
OCR engine's models, the fonts pdfminer parsed and the quality gate's tables are loaded once per
child, not once per document.

It dies with its parent (sources/lifeline.py) and ignores SIGINT: a Ctrl-C in the terminal reaches
the run, which decides whether the document in flight is abandoned (the child is then killed).
A started document sends ``("page", number, total)`` for each page begun, then
``("ok", document)`` or ``("error", SourceError)``.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
from multiprocessing.connection import Connection

from sources import progress
from sources.errors import CorruptDocument, MemoryLimit, SourceError
from sources.lifeline import die_with_parent
from sources.limits import Limits, cap_address_space
from sources.limits import use as use_limits

WARM = ("sources.readers", "sources.pdf.reader", "pdfplumber", "sources.warm")


def read_one(path: str, reader: str, limits: Limits) -> tuple:
    """``("ok", document)`` or ``("error", SourceError)``: never raises for a document."""
    module, _, name = reader.partition(":")
    try:
        use_limits(limits)
        read = getattr(importlib.import_module(module), name)
        return ("ok", read(path))
    except SourceError as e:
        return ("error", e)
    except MemoryError:
        import gc

        gc.collect()
        return ("error", MemoryLimit(f"reading needed more than {limits.memory_bytes:,} bytes of memory"))
    except Exception as e:  # an unexpected reader bug still ends as a clear error
        return ("error", CorruptDocument(f"reader failed: {e.__class__.__name__}: {e}"))


def serve(conn: Connection) -> None:
    capped: int | None = None
    progress.report_to(lambda number, total=None: conn.send(("page", number, total)))
    while True:
        try:
            path, reader, limits = conn.recv()
        except EOFError:  # the parent closed the connection: nothing more to read
            return
        if capped is None:
            cap_address_space(limits.memory_bytes)  # once: the parent restarts a child for another cap
            capped = limits.memory_bytes
        answer = read_one(path, reader, limits)
        try:
            conn.send(answer)
        except BaseException:  # half an answer may be on the wire: die, the parent reports it
            os._exit(3)


def main(argv: list[str]) -> None:
    parent, fd = int(argv[1]), int(argv[2])
    die_with_parent(parent)
    inherited = json.loads(os.environ.pop("CSTATS_READER_SYS_PATH", "[]"))
    sys.path[:0] = [p for p in inherited if p not in sys.path]  # as multiprocessing's spawn does
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    for module in WARM:
        importlib.import_module(module)
    conn.send(("ready",))
    serve(conn)


if __name__ == "__main__":
    main(sys.argv)
