"""Read and extract one document; gather every document's stored output for publishing.

Plain functions over plain data, so the Dagster assets, the CLI and tests share one
implementation.
"""

import json
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.extract import EXTRACTOR_VERSION, extract_mentions
from pipelines.run.outcomes import OUTCOME_COLUMNS, outcome_rows
from pipelines.run.retries import is_transient
from pipelines.run.store import DocumentResult, DocumentStore
from sources import Document, SourceError
from sources.archive import split_member, stage_member
from sources.errors import OutsideSources
from sources.guarded import read_with_limit  # the project's one per-document time and resource limits
from sources.limits import Limits
from sources.scan import Survey, by_content, survey
from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, QUARANTINE_COLUMNS, conform
from warehouse.safe_paths import UnsafePath, join_under

log = logging.getLogger("cstats.collect")


def document_row(rel_path: str, doc: Document, mentions: int) -> dict:
    return {
        "doc_id": Path(rel_path).stem,
        "sha256": doc.sha256,
        "source_path": rel_path,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "title": doc.metadata.get("title"),
        "pages": doc.pages,
        "chars": len(doc.text),
        "mentions": mentions,
        "extractor_version": EXTRACTOR_VERSION,
        "status": "loaded",
        "publisher": doc.metadata.get("publisher"),
        "publication_date": str(doc.metadata["publication_date"])
        if doc.metadata.get("publication_date")
        else None,
        "notes": "; ".join(doc.metadata.get("notes", [])) or None,
        "sniffed_type": doc.media_type,
        "type_mismatch": doc.metadata.get("type_mismatch"),
    }


def mention_rows(doc: Document) -> list[dict]:
    rows = []
    for m in extract_mentions(doc):
        d = m.to_dict(with_source=True)
        del d["source"]  # fact_mention.ocr_confidence is null for text
        d["sha256"] = doc.sha256
        d["doc_id"] = d.pop("doc")
        d["category_code"] = d.pop("category")
        d["metric_code"] = d.pop("metric")
        d["committee_name"] = d.pop("committee")
        rows.append(d)
    return rows


def _read(folder: Path, rel_path: str, seconds: float) -> Document:
    """Read a file of the folder, or a zip member staged into a fresh temporary folder."""
    member = split_member(rel_path)
    if member is None:
        return read_with_limit(join_under(folder, rel_path), seconds)
    archive, name = member
    with tempfile.TemporaryDirectory(prefix="cstats-member-") as stage:
        try:
            staged = stage_member(join_under(folder, archive), name, Path(stage), Limits.from_env())
        except OSError as e:  # a full TMPDIR: name the staging folder (pipelines/run/exhaustion.py)
            if e.filename is None:
                e.filename = stage
            raise
        doc = read_with_limit(staged, seconds)
    doc.path = rel_path
    return doc


def _quarantined(rel_path: str, sha256: str, e: SourceError, seconds: float) -> DocumentResult:
    record = {"source_path": rel_path, "sha256": sha256, "reason": e.reason, "message": str(e),
              "seconds": round(seconds, 3)}  # fmt: skip
    if getattr(e, "figures", None):
        record["detail"] = json.dumps(e.figures, ensure_ascii=False, sort_keys=True)
    return DocumentResult(sha256, rel_path, "quarantined", quarantine=record)


def process_document(folder: Path, rel_path: str, sha256: str, seconds: float) -> DocumentResult:
    """Read ``folder/rel_path`` under the per-document limits and extract its mentions.

    A document that cannot be read (SourceError: corrupt, encrypted, empty, image-only,
    unreadable text, unsupported, a link, over a limit, missing) comes back quarantined with its
    reason. An extraction failure on a readable document is quarantined too (``extraction_error``):
    one document never stops the others. Only transient errors propagate (the caller may retry).
    """
    started = time.perf_counter()
    try:
        doc = _read(folder, rel_path, seconds)
        if doc.sha256 != sha256:
            raise SourceError(f"{rel_path} changed while being read (content hash {doc.sha256[:12]})")
    except SourceError as e:
        return _quarantined(rel_path, sha256, e, time.perf_counter() - started)
    except UnsafePath as e:
        return _quarantined(rel_path, sha256, OutsideSources(str(e)), time.perf_counter() - started)
    try:
        rows = mention_rows(doc)
        frame = conform(
            pl.DataFrame(
                rows, infer_schema_length=None, schema_overrides={"value": MENTION_COLUMNS["value"]}
            ),
            MENTION_COLUMNS,
        )
    except Exception as e:
        if is_transient(e):
            raise
        log.exception("extraction failed on %s", rel_path)
        err = SourceError(f"extraction failed: {e.__class__.__name__}: {e}")
        err.reason = "extraction_error"
        return _quarantined(rel_path, sha256, err, time.perf_counter() - started)
    row = document_row(rel_path, doc, len(rows)) | {"seconds": round(time.perf_counter() - started, 3)}
    return DocumentResult(sha256, rel_path, "loaded", row, mentions=frame)


@dataclass
class Staged:
    """Everything the next publish loads: one row per document, mention, quarantined file."""

    documents: pl.DataFrame
    mentions: pl.DataFrame
    quarantine: pl.DataFrame
    processed_now: int = 0  # documents that had no stored output and were processed while gathering
    outcomes: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=OUTCOME_COLUMNS))
    review: Any = None  # pipelines.run.review.Review, once found (pipelines.run.review.reviewed)

    @property
    def pages(self) -> int:
        return int(self.documents["pages"].fill_null(0).sum()) if self.documents.height else 0


def survey_sources(folder: Path, store: DocumentStore) -> Survey:
    """Every file of ``folder`` (sources/scan.py), with the hash cache kept in the store."""
    found = survey(folder, store.load_scan(folder))
    store.save_scan(folder, found.entries)
    return found


def scan_sources(folder: Path, store: DocumentStore) -> dict[str, list[str]]:
    """``{sha256: [relative paths]}`` of the documents in ``folder`` (hash cache kept in the store)."""
    return by_content(survey_sources(folder, store).entries)


def store_document(
    folder: Path, store: DocumentStore, sha: str, rel: str | None, seconds: float
) -> tuple[DocumentResult, bool]:
    """The document ``sha``'s output, from the store when it holds a loaded one (``reused`` True),
    else read and extracted from ``folder/rel`` now and stored. ``rel`` None: no file has this
    content any more (stored as quarantined, reason ``missing``). Quarantined outcomes are never
    reused, so a document that timed out on a busy machine is tried again."""
    result = store.load(sha, mentions=False)
    if result is not None and result.loaded:
        return result, True
    if rel is None:
        record = {"source_path": "", "sha256": sha, "reason": "missing",
                  "message": f"no file in {folder} has this content any more"}  # fmt: skip
        result = DocumentResult(sha, "", "quarantined", quarantine=record)
    else:
        result = process_document(folder, rel, sha, seconds)
    store.save(result)
    return result, False


def stored_outputs(
    folder: Path, store: DocumentStore, seconds: float, *, mentions: bool = True, found: Survey | None = None
) -> Iterator[tuple[str, DocumentResult, bool]]:
    """``(relative path, stored output, processed now)`` of every document now in ``folder``, in
    path order, one at a time. A document without a stored output for the current extraction key
    (its partition has not run yet) is processed and stored here, so a publish always covers the
    whole folder. Each document comes under its first path; copies of one content count once.
    ``mentions=False`` leaves each loaded result's mentions unread (``store.read_mentions``);
    ``found`` is the folder's survey when the caller has it already."""
    found = found or survey_sources(folder, store)
    for sha, rels in sorted(by_content(found.entries).items(), key=lambda kv: kv[1][0]):
        rel = rels[0]
        result = store.load(sha, mentions=mentions)
        processed = result is None
        if processed:
            log.info("document %s has no stored output for %s: processing it now", rel, store.key)
            result = process_document(folder, rel, sha, seconds)
            store.save(result)  # its mentions stay on the result: one document's
        yield rel, result, processed


def refused_rows(found: Survey) -> list[dict]:
    """Quarantine rows of the files refused before reading (links, special files, empty files,
    refused archive members)."""
    return [
        {"source_path": rel, "sha256": r.sha256, "reason": r.reason, "message": r.message}
        for rel, r in sorted(found.refused.items())
    ]


def staged_rows(rel: str, result: DocumentResult) -> tuple[dict | None, dict | None]:
    """The dim_document row (loaded) or quarantine row of a stored output, under path ``rel``."""
    if result.loaded:
        return {**result.document, "source_path": rel, "doc_id": Path(rel).stem}, None
    return None, {**result.quarantine, "source_path": rel}


def gather(
    folder: Path,
    store: DocumentStore,
    seconds: float,
    *,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> Staged:
    """The stored outputs of every document now in ``folder``, as frames ready to publish (all
    in memory: ``pipelines.run.staging.gather_to_spool`` streams them instead)."""
    doc_rows, mention_frames, quarantined = [], [], []
    results: dict[str, DocumentResult] = {}
    processed = 0
    found = survey_sources(folder, store)
    for rel, result, now in stored_outputs(folder, store, seconds, found=found):
        processed += now
        if on_document:
            on_document(result)
        results[result.sha256] = result
        doc_row, quarantine_row = staged_rows(rel, result)
        if doc_row:
            doc_rows.append(doc_row)
            mention_frames.append(result.mentions.with_columns(doc_id=pl.lit(Path(rel).stem)))
        else:
            quarantined.append(quarantine_row)
    quarantined += refused_rows(found)
    mentions = pl.concat(mention_frames) if mention_frames else pl.DataFrame()
    return Staged(
        conform(pl.DataFrame(doc_rows, infer_schema_length=None), DOCUMENT_COLUMNS),
        conform(mentions, MENTION_COLUMNS),
        conform(pl.DataFrame(quarantined, infer_schema_length=None), QUARANTINE_COLUMNS),
        processed,
        conform(pl.DataFrame(outcome_rows(found, results), infer_schema_length=None), OUTCOME_COLUMNS),
    )
