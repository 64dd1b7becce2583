"""One outcome row per file found in the sources folder (the warehouse table ``file_outcome``).

Statuses:

| status | meaning |
|---|---|
| ``loaded`` | read; its mentions are in the warehouse (some may be held for review) |
| ``quarantined`` | not loaded; ``reason`` says why (a stable code, see docs/warehouse.md) |
| ``unsupported`` | a type without a reader (.doc/.wps, images, HTML/DOCX until their readers land) |
| ``duplicate`` | the same bytes as ``duplicate_of``, which stands for both |
| ``expanded`` | a zip archive whose members are rows of their own (``archive_path``) |
"""

from __future__ import annotations

import polars as pl

from pipelines.run.store import DocumentResult
from sources.archive import split_member
from sources.scan import Survey, by_content

OUTCOME_COLUMNS = {
    "source_path": pl.String, "status": pl.String, "reason": pl.String, "message": pl.String,
    "duplicate_of": pl.String, "archive_path": pl.String, "sha256": pl.String, "sniffed_type": pl.String,
    "type_mismatch": pl.String, "notes": pl.String, "detail": pl.String, "seconds": pl.Float64,
}  # fmt: skip
STATUSES = ("loaded", "quarantined", "unsupported", "duplicate", "expanded")


def _archive(rel: str) -> str | None:
    member = split_member(rel)
    return member[0] if member else None


def outcome_rows(found: Survey, results: dict[str, DocumentResult]) -> list[dict]:
    """Exactly one row per file of ``found`` (documents, duplicates, refused files, archives)."""
    rows = []

    def row(rel: str, **fields) -> dict:
        kind = found.kinds.get(rel)
        return {
            "source_path": rel,
            "archive_path": _archive(rel),
            "sniffed_type": kind.kind if kind else None,
            "type_mismatch": kind.note() if kind else None,
            **fields,
        }

    for sha, rels in by_content(found.entries).items():
        first, *copies = rels
        result = results.get(sha)
        if result is None:
            rows.append(
                row(first, status="quarantined", reason="missing", message="not processed", sha256=sha)
            )
        elif result.loaded:
            doc = result.document or {}
            rows.append(
                row(first, status="loaded", sha256=sha, notes=doc.get("notes"), seconds=doc.get("seconds"))
            )
        else:
            q = result.quarantine or {}
            status = "unsupported" if q.get("reason") == "unsupported" else "quarantined"
            rows.append(
                row(first, status=status, reason=q.get("reason"), message=q.get("message"), sha256=sha,
                    detail=q.get("detail"), seconds=q.get("seconds"))
            )  # fmt: skip
        for rel in copies:
            rows.append(
                row(rel, status="duplicate", reason="duplicate", duplicate_of=first, sha256=sha,
                    message=f"the same content as {first}")
            )  # fmt: skip
    for rel, (sha, members) in found.archives.items():
        rows.append(
            row(rel, status="expanded", sha256=sha, message=f"zip archive of {members} file(s), each a row")
        )
    for rel, r in found.refused.items():
        status = "unsupported" if r.reason == "unsupported" else "quarantined"
        rows.append(row(rel, status=status, reason=r.reason, message=r.message, sha256=r.sha256))
    return sorted(rows, key=lambda r: r["source_path"])


def counts(outcomes: pl.DataFrame) -> dict[str, int]:
    """Files per status, every status listed (0 when none), plus the total."""
    by = dict(outcomes.group_by("status").len().iter_rows()) if outcomes.height else {}
    return {**{s: int(by.get(s, 0)) for s in STATUSES}, "files": outcomes.height}


def reasons(outcomes: pl.DataFrame) -> dict[str, int]:
    """Quarantined and unsupported files per reason code, sorted by code."""
    if outcomes.height == 0:
        return {}
    q = outcomes.filter(pl.col("status").is_in(["quarantined", "unsupported"]))
    return {str(k): int(v) for k, v in sorted(q.group_by("reason").len().iter_rows())}


def summary(counted: dict[str, int], by_reason: dict[str, int]) -> str:
    """The lines `cstats run` prints: files per status, then the files not loaded per reason."""
    line = f"outcomes: {counted.get('files', 0)} files: " + ", ".join(
        f"{counted.get(s, 0)} {s}" for s in STATUSES
    )
    if by_reason:
        line += "\nnot loaded, by reason: " + ", ".join(f"{k} {v}" for k, v in by_reason.items())
    return line
