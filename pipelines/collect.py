"""Read and extract one document; gather every document's stored output for publishing.

Plain functions over plain data, so the Dagster assets, the CLI and tests share one
implementation.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.extract import EXTRACTOR_VERSION, extract_mentions
from pipelines.scan import by_content, scan_folder
from pipelines.store import DocumentResult, DocumentStore
from sources import Document, SourceError
from sources.guarded import read_with_limit  # the project's one per-document time limit
from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, QUARANTINE_COLUMNS, conform
from warehouse.safe_paths import resolve_under

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
    }


def mention_rows(doc: Document) -> list[dict]:
    rows = []
    for m in extract_mentions(doc):
        d = m.to_dict()
        d["sha256"] = doc.sha256
        d["doc_id"] = d.pop("doc")
        d["category_code"] = d.pop("category")
        d["metric_code"] = d.pop("metric")
        d["committee_name"] = d.pop("committee")
        rows.append(d)
    return rows


def process_document(folder: Path, rel_path: str, sha256: str, seconds: float) -> DocumentResult:
    """Read ``folder/rel_path`` under the time limit and extract its mentions.

    A document that cannot be read (SourceError: corrupt, encrypted, empty, image-only,
    undecodable, over the time limit, missing) comes back quarantined with its reason; any other
    exception propagates (a bug, or a transient error the caller may retry).
    """
    try:
        doc = read_with_limit(resolve_under(folder, rel_path), seconds)
        if doc.sha256 != sha256:
            raise SourceError(f"{rel_path} changed while being read (content hash {doc.sha256[:12]})")
    except SourceError as e:
        record = {"source_path": rel_path, "sha256": sha256, "reason": e.reason, "message": str(e)}
        return DocumentResult(sha256, rel_path, "quarantined", quarantine=record)
    rows = mention_rows(doc)
    frame = conform(
        pl.DataFrame(rows, infer_schema_length=None, schema_overrides={"value": MENTION_COLUMNS["value"]}),
        MENTION_COLUMNS,
    )
    return DocumentResult(sha256, rel_path, "loaded", document_row(rel_path, doc, len(rows)), mentions=frame)


@dataclass
class Staged:
    """Everything the next publish loads: one row per document, mention, quarantined file."""

    documents: pl.DataFrame
    mentions: pl.DataFrame
    quarantine: pl.DataFrame
    processed_now: int = 0  # documents that had no stored output and were processed while gathering

    @property
    def pages(self) -> int:
        return int(self.documents["pages"].fill_null(0).sum()) if self.documents.height else 0


def scan_sources(folder: Path, store: DocumentStore) -> dict[str, list[str]]:
    """``{sha256: [relative paths]}`` of the documents in ``folder`` (hash cache kept in the store)."""
    entries = scan_folder(folder, store.load_scan(folder))
    store.save_scan(folder, entries)
    return by_content(entries)


def gather(
    folder: Path,
    store: DocumentStore,
    seconds: float,
    *,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> Staged:
    """The stored outputs of every document now in ``folder``, as frames ready to publish.

    A document without a stored output for the current extraction key (its partition has not
    run yet) is processed here and stored, so a publish always covers the whole folder.
    Each document is taken under its first path; copies of one content count once.
    """
    doc_rows, mention_frames, quarantined = [], [], []
    processed = 0
    for sha, rels in sorted(scan_sources(folder, store).items(), key=lambda kv: kv[1][0]):
        rel = rels[0]
        result = store.load(sha)
        if result is None:
            processed += 1
            log.info("document %s has no stored output for %s: processing it now", rel, store.key)
            result = process_document(folder, rel, sha, seconds)
            store.save(result)
        if on_document:
            on_document(result)
        if result.loaded:
            doc_rows.append({**result.document, "source_path": rel, "doc_id": Path(rel).stem})
            mention_frames.append(result.mentions.with_columns(doc_id=pl.lit(Path(rel).stem)))
        else:
            quarantined.append({**result.quarantine, "source_path": rel})
    mentions = pl.concat(mention_frames) if mention_frames else pl.DataFrame()
    return Staged(
        conform(pl.DataFrame(doc_rows, infer_schema_length=None), DOCUMENT_COLUMNS),
        conform(mentions, MENTION_COLUMNS),
        conform(pl.DataFrame(quarantined, infer_schema_length=None), QUARANTINE_COLUMNS),
        processed,
    )
