"""Streaming gather and publish: every stored per-document output goes through a Parquet spool,
one document at a time, so neither gathering nor publishing holds the corpus's mentions at once.

``gather_to_spool`` reads the store document by document (the same walk as ``collect.gather``),
writes mentions to a ``warehouse.spool.MentionSpool`` and keeps only the document and quarantine
rows (one row per file). ``blocking_problems`` runs the blocking data-quality rules of
``pipelines.quality`` one spool row group at a time (row groups hold whole documents, and every
rule is per mention or per document). ``publish_streaming`` does both and publishes the spool.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines import quality
from pipelines.collect import Staged, staged_rows, stored_outputs
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.store import DocumentStore
from warehouse.publish import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    QUARANTINE_COLUMNS,
    PublishResult,
    conform,
    publish,
)
from warehouse.spool import BATCH_ROWS, MentionSpool


class BlockedPublish(Exception):
    """A blocking data-quality rule failed: nothing was published (the last warehouse stays)."""


def gather_to_spool(
    folder: Path, store: DocumentStore, seconds: float, spool_path: Path, *, batch_rows: int = BATCH_ROWS
) -> Staged:
    """Like ``collect.gather``, but the mentions go to a spool file: ``Staged.mentions`` is a
    ``MentionSpool`` (its ``height``, its row groups, loaded by ``publish`` from the file)."""
    doc_rows, quarantined = [], []
    processed = 0
    with MentionSpool.write(spool_path, batch_rows) as spool:
        for rel, result, now in stored_outputs(folder, store, seconds, mentions=False):
            processed += now
            doc_row, quarantine_row = staged_rows(rel, result)
            if doc_row:
                doc_rows.append(doc_row)
                mentions = result.mentions if now else store.read_mentions(result.sha256)
                spool.append(mentions.with_columns(doc_id=pl.lit(doc_row["doc_id"])))
            else:
                quarantined.append(quarantine_row)
    return Staged(
        conform(pl.DataFrame(doc_rows, infer_schema_length=None), DOCUMENT_COLUMNS),
        MentionSpool(spool_path),
        conform(pl.DataFrame(quarantined, infer_schema_length=None), QUARANTINE_COLUMNS),
        processed,
    )


def blocking_problems(staged: Staged) -> list[str]:
    """The blocking rules of ``pipelines.checks`` over a spooled ``Staged``, one row group at a
    time; one line per failing rule (empty: publish)."""
    expected = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS}
    empty = conform(pl.DataFrame(), MENTION_COLUMNS)
    found: dict[str, list] = {"schema": [], "duplicates": 0, "unattributed": 0, "out_of_bounds": 0}
    found["schema"] += quality.schema_problems(Staged(staged.documents, empty, staged.quarantine), expected)
    for batch in staged.mentions.batches():
        part = Staged(staged.documents, batch, staged.quarantine)
        found["schema"] += [p for p in quality.schema_problems(part, expected) if p.startswith("mentions")]
        found["duplicates"] += quality.duplicate_mentions(part).height
        found["unattributed"] += quality.unattributed_mentions(part).height
        found["out_of_bounds"] += quality.out_of_bounds(part).height
    problems = [f"schema_matches_warehouse: {p}" for p in dict.fromkeys(found["schema"])]
    for name, what in (
        ("duplicates", "no_duplicate_mentions: {} duplicated mention spans"),
        ("unattributed", "mentions_attributed: {} mentions neither resolved nor flagged"),
        ("out_of_bounds", "values_within_catalog_bounds: {} values outside their metric's catalog bounds"),
    ):
        if found[name]:
            problems.append(what.format(found[name]))
    return problems


def publish_streaming(
    folder: Path, store: DocumentStore, seconds: float, warehouse: Path, *, batch_rows: int = BATCH_ROWS
) -> tuple[PublishResult, Staged]:
    """Gather to a spool beside the warehouse, check, publish; the spool is removed afterwards.

    Raises BlockedPublish (warehouse untouched) when a blocking rule fails, or when the folder
    holds no document (an empty warehouse never replaces the last one)."""
    warehouse = Path(warehouse)
    spool_path = warehouse.with_name(warehouse.stem + ".mentions.spool.parquet")
    try:
        staged = gather_to_spool(folder, store, seconds, spool_path, batch_rows=batch_rows)
        if staged.documents.height + staged.quarantine.height == 0:
            raise BlockedPublish(f"no documents in {folder}: refusing to publish an empty warehouse")
        problems = blocking_problems(staged)
        if problems:
            raise BlockedPublish("publish stopped by blocking checks: " + "; ".join(problems))
        result = publish(
            warehouse,
            staged.documents,
            staged.mentions,
            staged.quarantine,
            extractor_version=EXTRACTOR_VERSION,
        )
    finally:
        spool_path.unlink(missing_ok=True)
    return result, staged
