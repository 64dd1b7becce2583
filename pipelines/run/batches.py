"""Documents in batches: one Dagster run (or one Celery step) reads and stores several documents.

Dagster's bookkeeping (a run, a step, their events and storage writes) is then paid once per batch,
not once per document. Nothing else changes per document: the same store keys (content hash and
extraction key), one outcome per file, and its own retry of transient failures with backoff (a
busy file system or object store); a document that fails for good does not stop the others, the
batch fails at its end naming it.

| variable | default |
|---|---|
| CSTATS_DOCUMENTS_PER_RUN | 50 (documents per run: the inbox sensor's runs, `cstats run`'s runs) |
"""

import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.run.collect import store_document
from pipelines.run.retries import MAX_RETRIES, backoff_seconds, is_transient
from pipelines.run.store import DocumentResult, DocumentStore

log = logging.getLogger("cstats.batches")

DEFAULT_DOCUMENTS_PER_RUN = 50


def documents_per_run() -> int:
    return max(1, int(os.environ.get("CSTATS_DOCUMENTS_PER_RUN", DEFAULT_DOCUMENTS_PER_RUN)))


def split(items: Sequence, size: int) -> list[list]:
    """``items`` in runs of at most ``size``, in order: ceil(len / size) of them."""
    if size < 1:
        raise ValueError(f"a batch holds at least one document, not {size}")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def batch_count(documents: int, size: int) -> int:
    return math.ceil(documents / size) if documents else 0


@dataclass
class Done:
    """One document of a batch, stored (or reused from the store)."""

    sha256: str
    source_path: str
    result: DocumentResult
    reused: bool
    retries: int


class BatchFailed(Exception):
    """Documents of a batch that failed for good (after their retries); the others were stored."""

    def __init__(self, failures: list[tuple[str, str, BaseException]]):
        self.failures = failures
        names = "; ".join(
            f"{rel} ({sha[:12]}): {exc.__class__.__name__}: {exc}" for sha, rel, exc in failures
        )
        super().__init__(f"{len(failures)} document(s) failed: {names}")


def store_batch(
    sources: Path,
    store: DocumentStore,
    batch: Iterable[tuple[str, str | None]],
    seconds: float,
    *,
    on_done: Callable[[Done], None] | None = None,
    max_retries: int = MAX_RETRIES,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Done]:
    """Store every ``(sha256, relative path)`` of ``batch``; each document retried on its own when
    its failure is transient. Raises BatchFailed at the end when any failed for good."""
    done: list[Done] = []
    failures: list[tuple[str, str, BaseException]] = []
    for sha, rel in batch:
        for attempt in range(max_retries + 1):
            try:
                result, reused = store_document(sources, store, sha, rel, seconds)
            except Exception as e:
                if is_transient(e) and attempt < max_retries:
                    wait = backoff_seconds(attempt)
                    log.warning("transient error on %s, retry %d in %g s: %r", rel, attempt + 1, wait, e)
                    sleep(wait)
                    continue
                failures.append((sha, rel or "", e))
                break
            item = Done(sha, rel or "", result, reused, attempt)
            done.append(item)
            if on_done is not None:
                on_done(item)
            break
    if failures:
        raise BatchFailed(failures)
    return done
