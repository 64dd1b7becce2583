"""Per-document outputs, stored by content hash and extraction key.

Layout under the store root (a folder on local or shared disk, or a URL of object storage such as
``s3://bucket/prefix`` read and written through fsspec; see docs/deploy.md)::

    documents/<extraction key>/<sha[:2]>/<sha256>.parquet   mentions of one document
    documents/<extraction key>/<sha[:2]>/<sha256>.json      its document row, or its quarantine record
    scans/<folder id>.json                                  hashes of a sources folder's files

The JSON file is written last, so its presence means the document's output is complete. Every
write on disk goes to a temporary name and is renamed into place; on object storage a single PUT
is atomic (an object appears whole or not at all). Parallel runs and workers on other hosts never
see half a file and never touch the warehouse's DuckDB file.

The extraction key is ``EXTRACTOR_VERSION`` plus a fingerprint of the code and reference data that
shape a document's mentions (readers, extractor, catalog, register): a document is re-extracted
only when its content or that key changes, and an edit without a version bump never serves stale
output.
"""

import functools
import hashlib
import importlib.metadata
import io
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import fsspec
import polars as pl

from pipelines.extract import EXTRACTOR_VERSION
from pipelines.run.paths import PROJECT_ROOT
from sources.scan import FileEntry
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


STALE_TEMP_SECONDS = 60.0  # a temporary file this old beside its target was left by a killed writer


_SWEPT: dict[Path, float] = {}  # folder -> when this process last looked for stale temporaries


def _drop_stale_temporaries(path: Path) -> None:
    """Remove what a writer killed mid-write left in ``path``'s folder (never another live
    writer's: a write takes far less than a minute), so such files never pile up. A folder is
    looked at again only when ``STALE_TEMP_SECONDS`` have passed: one listing per folder and minute,
    not one per write."""
    now = time.time()
    if now - _SWEPT.get(path.parent, -STALE_TEMP_SECONDS) < STALE_TEMP_SECONDS:
        return
    _SWEPT[path.parent] = now
    for old in path.parent.glob(".*.tmp"):
        try:
            if now - old.stat().st_mtime > STALE_TEMP_SECONDS:
                old.unlink()
        except OSError:
            pass


def _write_atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _drop_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_url(root: str | Path) -> bool:
    """True for a store on object storage (``s3://bucket/prefix``, any fsspec protocol but file)."""
    return isinstance(root, str) and "://" in root and not root.startswith("file://")


class DocumentStore:
    """The store under ``root``: a folder, or an fsspec URL (``s3://bucket/prefix``).

    For S3 the endpoint and credentials come from the usual environment (``AWS_ENDPOINT_URL``,
    ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_DEFAULT_REGION``), so an S3-compatible
    server (MinIO, Ceph, moto in tests) is a setting, not code.
    """

    def __init__(self, root: str | Path, key: str | None = None):
        self.key = key or extraction_key()
        self.url = str(root) if is_url(root) else None
        if self.url:
            # No listing cache: another worker may write a key this process looked for a moment ago.
            self.fs, path = fsspec.core.url_to_fs(self.url, use_listings_cache=False)
            self.root = path.rstrip("/")
        else:
            self.fs = None
            self.root = Path(root)

    def _join(self, *parts: str) -> Path | str:
        return self.root.joinpath(*parts) if self.fs is None else "/".join((self.root, *parts))

    def _base(self, sha: str) -> str:
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ValueError(f"not a sha256 partition key: {sha!r}")
        return f"documents/{self.key}/{sha[:2]}/{sha}"

    def record_path(self, sha: str) -> Path | str:
        return self._join(self._base(sha) + ".json")

    def mentions_path(self, sha: str) -> Path | str:
        return self._join(self._base(sha) + ".parquet")

    def _read(self, path: Path | str) -> bytes:
        """The bytes at ``path``; FileNotFoundError when there is none."""
        return Path(path).read_bytes() if self.fs is None else self.fs.cat_file(path)

    def _write(self, path: Path | str, data: bytes) -> None:
        try:
            if self.fs is None:
                _write_atomic(Path(path), lambda p: Path(p).write_bytes(data))
            else:
                self.fs.pipe_file(path, data)
        except OSError as e:
            if e.filename is None:  # a failed write() names no file: name it (a full disk is reported)
                e.filename = str(path)
            e.needed = len(data)  # pipelines/run/exhaustion.py reports what the write needed
            raise

    def _nonempty(self, path: Path | str) -> bool:
        try:
            return (Path(path).stat().st_size if self.fs is None else self.fs.size(path)) > 0
        except (FileNotFoundError, OSError):
            return False

    def has(self, sha: str) -> bool:
        path = self.record_path(sha)
        return Path(path).is_file() if self.fs is None else self.fs.exists(path)

    def missing(self, shas) -> set[str]:
        """The hashes of ``shas`` without output for this extraction key, in one call: a ``stat``
        per hash on a folder; on object storage one HEAD per hash for a few, else one listing per
        two-hex-digit prefix asked about (at most 256), whatever the number of hashes."""
        shas = set(shas)
        for sha in shas:
            self._base(sha)  # refuses anything but a sha256 before touching the store
        if self.fs is None:
            return {sha for sha in shas if not Path(self.record_path(sha)).is_file()}
        if len(shas) <= 32:
            return {sha for sha in shas if not self.fs.exists(self.record_path(sha))}
        present: set[str] = set()
        for prefix in sorted({sha[:2] for sha in shas}):
            try:
                names = self.fs.ls(self._join(f"documents/{self.key}/{prefix}"), detail=False)
            except FileNotFoundError:
                continue
            present.update(n.rsplit("/", 1)[-1][:-5] for n in names if n.endswith(".json"))
        return shas - present

    def save(self, result: DocumentResult) -> None:
        if result.loaded:
            buffer = io.BytesIO()
            conform(result.mentions, MENTION_COLUMNS).write_parquet(buffer)
            self._write(self.mentions_path(result.sha256), buffer.getvalue())
        record = {
            "sha256": result.sha256,
            "source_path": result.source_path,
            "status": result.status,
            "extraction_key": self.key,
            "document": result.document,
            "quarantine": result.quarantine,
        }
        text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
        self._write(self.record_path(result.sha256), text.encode("utf-8"))

    def load(self, sha: str, *, mentions: bool = True) -> DocumentResult | None:
        """The stored output of ``sha`` (None when there is none); ``mentions=False`` reads only
        its record (the mentions stay an empty frame: see ``read_mentions``)."""
        try:
            record = json.loads(self._read(self.record_path(sha)).decode("utf-8"))
            if record.get("status") not in ("loaded", "quarantined") or "source_path" not in record:
                raise ValueError("incomplete record")
        except FileNotFoundError:
            return None
        except (ValueError, UnicodeDecodeError, AttributeError):
            return None  # torn (a crash between write and flush): never a result, read again
        result = DocumentResult(
            sha256=sha,
            source_path=record["source_path"],
            status=record["status"],
            document=record.get("document"),
            quarantine=record.get("quarantine"),
        )
        if result.loaded and not mentions and not self._nonempty(self.mentions_path(sha)):
            return None  # the record outlived its mentions (a file system that lost them): read again
        if result.loaded and mentions:
            try:
                result.mentions = self.read_mentions(sha)
            except (FileNotFoundError, OSError, pl.exceptions.PolarsError):
                return None  # a record whose mentions are gone or torn: read the document again
        return result

    def read_mentions(self, sha: str) -> pl.DataFrame:
        return conform(pl.read_parquet(io.BytesIO(self._read(self.mentions_path(sha)))), MENTION_COLUMNS)

    # The hashes of a folder's files from its last scan, so a scan re-hashes only changed files.
    def _scan_path(self, folder: Path) -> Path | str:
        ident = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
        return self._join("scans", f"{ident}.json")

    def load_scan(self, folder: Path) -> dict[str, FileEntry]:
        try:
            raw = json.loads(self._read(self._scan_path(folder)).decode("utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return {rel: FileEntry.from_json(v) for rel, v in raw.get("files", {}).items()}

    def save_scan(self, folder: Path, entries: dict[str, FileEntry]) -> None:
        raw = {"folder": str(Path(folder).resolve()), "files": {k: v.to_json() for k, v in entries.items()}}
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True)
        self._write(self._scan_path(folder), text.encode("utf-8"))
