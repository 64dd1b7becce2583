"""Read a folder of documents and extract their mentions: the work the Dagster assets schedule.

Plain functions over plain data, so the assets, the CLI and tests share one implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.extract import EXTRACTOR_VERSION, extract_mentions
from sources import Document, SourceError, read_document
from sources.readers import SUPPORTED_SUFFIXES


@dataclass
class ReadOutcome:
    """Documents read from a folder, and the files that failed, relative to the folder."""

    documents: list[tuple[str, Document]]
    quarantine: list[dict]


def list_sources(folder: Path) -> list[Path]:
    """Document files below ``folder`` (hidden files and README files skipped), sorted."""
    folder = Path(folder)
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.name.lower() not in ("readme.md", "truth.jsonl")
        and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def read_folder(folder: Path) -> ReadOutcome:
    docs, bad = [], []
    for path in list_sources(folder):
        rel = str(path.relative_to(folder))
        try:
            docs.append((rel, read_document(path)))
        except SourceError as e:
            bad.append({"source_path": rel, "sha256": None, "reason": e.reason, "message": str(e)})
    return ReadOutcome(docs, bad)


def document_row(rel_path: str, doc: Document, mentions: int) -> dict:
    return {
        "doc_id": doc.doc_id,
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


def extract_all(outcome: ReadOutcome) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, mentions) frames for the documents read; duplicates by content are read once."""
    from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, conform

    seen: set[str] = set()
    doc_rows, rows = [], []
    for rel, doc in outcome.documents:
        if doc.sha256 in seen:
            continue
        seen.add(doc.sha256)
        found = mention_rows(doc)
        rows.extend(found)
        doc_rows.append(document_row(rel, doc, len(found)))
    return (
        conform(pl.DataFrame(doc_rows, infer_schema_length=None), DOCUMENT_COLUMNS),
        conform(pl.DataFrame(rows, infer_schema_length=None), MENTION_COLUMNS),
    )
