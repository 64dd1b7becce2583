"""Streaming gather and publish: every stored per-document output goes through a Parquet spool,
one document at a time, so neither gathering nor publishing holds the corpus's mentions at once.

``gather_to_spool`` reads the store document by document (the same walk as ``collect.gather``),
writes mentions to a ``warehouse.spool.MentionSpool`` and keeps only the document and quarantine
rows (one row per file). ``review_and_check`` finds the mentions held for review and runs the
blocking rules (pipelines/run/quality.py, one spool row group at a time). ``publish_streaming`` does
both and publishes the spool. The Dagster assets (pipelines/defs/assets.py) spool the same way.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from pipelines.extract import EXTRACTOR_VERSION
from pipelines.run import quality
from pipelines.run.collect import Staged, refused_rows, staged_rows, stored_outputs, survey_sources
from pipelines.run.outcomes import OUTCOME_COLUMNS, outcome_rows
from pipelines.run.review import reviewed
from pipelines.run.store import DocumentStore
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


DOCUMENT_ROWS_PER_FRAME = 10_000


def _documents(rows: list[dict]) -> pl.DataFrame:
    return conform(pl.DataFrame(rows, infer_schema_length=None), DOCUMENT_COLUMNS)


def gather_to_spool(
    folder: Path, store: DocumentStore, seconds: float, spool_path: Path, *, batch_rows: int = BATCH_ROWS
) -> Staged:
    """Like ``collect.gather``, but the mentions go to a spool file: ``Staged.mentions`` is a
    ``MentionSpool`` (its ``height``, its row groups, loaded by ``publish`` from the file)."""
    doc_rows, doc_frames, quarantined = [], [], []
    results = {}
    processed = 0
    found = survey_sources(folder, store)
    with MentionSpool.write(spool_path, batch_rows) as spool:
        for rel, result, now in stored_outputs(folder, store, seconds, mentions=False, found=found):
            processed += now
            doc_row, quarantine_row = staged_rows(rel, result)
            if doc_row:
                doc_rows.append(doc_row)
                mentions = result.mentions if now else store.read_mentions(result.sha256)
                spool.append(mentions.with_columns(doc_id=pl.lit(doc_row["doc_id"])))
                if len(doc_rows) == DOCUMENT_ROWS_PER_FRAME:  # columns: far smaller than dicts
                    doc_frames.append(_documents(doc_rows))
                    doc_rows = []
            else:
                quarantined.append(quarantine_row)
            # outcome_rows reads the status, a document's notes and seconds and the quarantine row:
            # keep nothing else (an empty mentions frame alone costs kilobytes per document)
            document = {k: result.document.get(k) for k in ("notes", "seconds")} if result.document else None
            results[result.sha256] = replace(result, mentions=None, document=document)
    quarantined += refused_rows(found)
    return Staged(
        pl.concat([*doc_frames, _documents(doc_rows)]),
        MentionSpool(spool_path),
        conform(pl.DataFrame(quarantined, infer_schema_length=None), QUARANTINE_COLUMNS),
        processed,
        conform(pl.DataFrame(outcome_rows(found, results), infer_schema_length=None), OUTCOME_COLUMNS),
    )


def review_and_check(staged: Staged, warehouse: Path) -> tuple[pl.DataFrame, list[str]]:
    """The mentions held for review (``pipelines.run.review``) and the blocking rules of
    ``pipelines.defs.checks``, one line per failing rule (empty: publish), over a frame or a spool (the
    rules run a row group at a time). Per-document problems hold mentions, never block."""
    expected = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS}
    held = reviewed(staged).held
    problems = [f"schema_matches_warehouse: {p}" for p in quality.schema_problems(staged, expected)]
    if duplicates := quality.duplicate_mentions(staged).height:
        problems.append(f"no_duplicate_mentions: {duplicates} duplicated mention spans")
    before, kept = quality.figures_kept(warehouse, quality.figure_keys(staged.mentions, held))
    if not quality.keeps_most_figures(before, kept):
        problems.append(f"publish_keeps_most_figures: {kept} of the previous {before} figures kept")
    return held, problems


def publish_staged(warehouse: Path, staged: Staged, held: pl.DataFrame) -> PublishResult:
    """Publish the staged tables (mentions a frame or a spool) with the mentions held for review."""
    return publish(
        warehouse,
        staged.documents,
        staged.mentions,
        staged.quarantine,
        extractor_version=EXTRACTOR_VERSION,
        outcomes=staged.outcomes,
        reviews=held,
    )


def spool_path(warehouse: Path, run: str = "cli") -> Path:
    """Where the mentions of one publish of ``warehouse`` are spooled (beside it: same volume)."""
    warehouse = Path(warehouse)
    return warehouse.with_name(f"{warehouse.stem}.{run}.mentions.spool.parquet")


def publish_streaming(
    folder: Path, store: DocumentStore, seconds: float, warehouse: Path, *, batch_rows: int = BATCH_ROWS
) -> tuple[PublishResult, Staged]:
    """Gather to a spool beside the warehouse, check, publish; the spool is removed afterwards.

    Raises BlockedPublish (warehouse untouched) when a blocking rule fails, or when the folder
    holds no document (an empty warehouse never replaces the last one)."""
    spool = spool_path(warehouse)
    try:
        staged = gather_to_spool(folder, store, seconds, spool, batch_rows=batch_rows)
        if staged.documents.height + staged.quarantine.height == 0:
            raise BlockedPublish(f"no documents in {folder}: refusing to publish an empty warehouse")
        held, problems = review_and_check(staged, warehouse)
        if problems:
            raise BlockedPublish("publish stopped by blocking checks: " + "; ".join(problems))
        result = publish_staged(warehouse, staged, held)
    finally:
        spool.unlink(missing_ok=True)
    return result, staged
