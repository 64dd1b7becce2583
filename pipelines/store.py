"""Per-document outputs, stored by content hash and extraction key.

Layout under the store root (a folder on local disk; object storage in a multi-host deployment,
see docs/deploy.md)::

    documents/<extraction key>/<sha[:2]>/<sha256>.parquet   mentions of one document
    documents/<extraction key>/<sha[:2]>/<sha256>.json      its document row, or its quarantine record
    scans/<folder id>.json                                  hashes of a sources folder's files

The JSON file is written last, so its presence means the document's output is complete. Every
write goes to a temporary name and is renamed into place, so parallel runs never see half a file
and never touch the warehouse's DuckDB file.

The extraction key is ``EXTRACTOR_VERSION`` plus a fingerprint of the code and reference data that
shape a document's mentions (readers, extractor, catalog, register): a document is re-extracted
only when its content or that key changes, and an edit without a version bump never serves stale
output.
"""

import functools
import hashlib
import importlib.metadata
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipelines.extract import EXTRACTOR_VERSION
from pipelines.paths import PROJECT_ROOT
from pipelines.scan import FileEntry
from warehouse.publish import MENTION_COLUMNS, conform

# Everything a document's mentions depend on: the readers, the extractor, and the warehouse package
# it imports (catalog and register code, reference data). Over-including only costs a re-extraction.
FINGERPRINTED = (
    ("sources", "*.py"),
    ("sources", "*.yaml"),
    ("pipelines/extract", "*.py"),
    ("pipelines/extract", "*.yaml"),
    ("warehouse", "*.py"),
    ("warehouse/reference", "*"),
)
# Libraries whose version changes what the readers produce.
FINGERPRINTED_PACKAGES = (
    "pdfplumber", "pdfminer.six", "pypdfium2", "opencc", "charset-normalizer", "selectolax", "python-docx", "lxml",
)  # fmt: skip


@functools.cache
def code_fingerprint() -> str:
    h = hashlib.sha256()
    for package in FINGERPRINTED_PACKAGES:
        try:
            h.update(f"{package}=={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{package} missing".encode())
    for folder, pattern in FINGERPRINTED:
        for path in sorted((PROJECT_ROOT / folder).rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]


def extraction_key() -> str:
    version = re.sub(r"[^A-Za-z0-9._-]", "_", EXTRACTOR_VERSION)
    return f"{version}-{code_fingerprint()}"


@dataclass
class DocumentResult:
    """What reading and extracting one document produced."""

    sha256: str
    source_path: str
    status: str  # loaded | quarantined
    document: dict | None = None  # the dim_document row (status loaded)
    quarantine: dict | None = None  # the quarantine row (status quarantined)
    mentions: pl.DataFrame = field(default_factory=lambda: conform(pl.DataFrame(), MENTION_COLUMNS))

    @property
    def loaded(self) -> bool:
        return self.status == "loaded"


def _write_atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class DocumentStore:
    def __init__(self, root: str | Path, key: str | None = None):
        self.root = Path(root)
        self.key = key or extraction_key()

    def _base(self, sha: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ValueError(f"not a sha256 partition key: {sha!r}")
        return self.root / "documents" / self.key / sha[:2] / sha

    def record_path(self, sha: str) -> Path:
        return self._base(sha).with_suffix(".json")

    def mentions_path(self, sha: str) -> Path:
        return self._base(sha).with_suffix(".parquet")

    def has(self, sha: str) -> bool:
        return self.record_path(sha).is_file()

    def save(self, result: DocumentResult) -> None:
        if result.loaded:
            frame = conform(result.mentions, MENTION_COLUMNS)
            _write_atomic(self.mentions_path(result.sha256), frame.write_parquet)
        record = {
            "sha256": result.sha256,
            "source_path": result.source_path,
            "status": result.status,
            "extraction_key": self.key,
            "document": result.document,
            "quarantine": result.quarantine,
        }
        text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
        _write_atomic(self.record_path(result.sha256), lambda p: Path(p).write_text(text, encoding="utf-8"))

    def load(self, sha: str) -> DocumentResult | None:
        try:
            record = json.loads(self.record_path(sha).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        result = DocumentResult(
            sha256=sha,
            source_path=record["source_path"],
            status=record["status"],
            document=record.get("document"),
            quarantine=record.get("quarantine"),
        )
        if result.loaded:
            result.mentions = conform(pl.read_parquet(self.mentions_path(sha)), MENTION_COLUMNS)
        return result

    # The hashes of a folder's files from its last scan, so a scan re-hashes only changed files.
    def _scan_path(self, folder: Path) -> Path:
        ident = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
        return self.root / "scans" / f"{ident}.json"

    def load_scan(self, folder: Path) -> dict[str, FileEntry]:
        try:
            raw = json.loads(self._scan_path(folder).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return {rel: FileEntry.from_json(v) for rel, v in raw.get("files", {}).items()}

    def save_scan(self, folder: Path, entries: dict[str, FileEntry]) -> None:
        raw = {"folder": str(Path(folder).resolve()), "files": {k: v.to_json() for k, v in entries.items()}}
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True)
        _write_atomic(self._scan_path(folder), lambda p: Path(p).write_text(text, encoding="utf-8"))
