"""The inbox sensor's work, without Dagster: what changed in the folder since the last tick, what
has settled, which documents lack output, and the batches to run.

A tick costs what changed, not what exists:

- the per-file state (size, mtime, content hash, archive members, whether a run was requested
  for the current extraction key) lives in a small SQLite index beside the document store, not
  in the sensor's cursor; the cursor is a high-water mark of a few dozen bytes;
- an unchanged file costs one ``lstat`` (from the folder walk) and a dictionary lookup;
- only files that changed and settled are hashed (``sources.scan.examine``), and only their
  hashes are asked of the store, in one ``DocumentStore.missing`` call;
- an extraction key change (a new extractor) asks the store once about every known document.

Settle rule: a file is picked up only when it has not been written for ``settle_seconds`` (its
mtime is that old: a copy in progress keeps moving it) and its name does not mark a partial copy
(``.part``, ``.tmp``, ``.crdownload``, a ``~$`` prefix). Such files wait, listed in the tick's log
and on the data-quality page.

| variable | default |
|---|---|
| CSTATS_SETTLE_SECONDS | 10 (seconds a file must stay unwritten before it is picked up) |
| CSTATS_SENSOR_MAX_QUEUED | 20 (the sensor requests no run while this many of its runs wait in the queue) |
| CSTATS_SENSOR_HASH_SECONDS | 20 (hashing time per tick; the rest is hashed at the next tick) |
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.run import paths
from pipelines.run.batches import split
from pipelines.run.store import DocumentStore
from sources.archive import SEPARATOR as ARCHIVE_SEPARATOR
from sources.scan import SKIPPED_NAMES, examine

DEFAULT_SETTLE_SECONDS = 10.0
DEFAULT_MAX_QUEUED = 20
DEFAULT_HASH_SECONDS = 20.0
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download")
PARTIAL_PREFIXES = ("~$",)


def settle_seconds() -> float:
    return float(os.environ.get("CSTATS_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS))


def max_queued() -> int:
    return int(os.environ.get("CSTATS_SENSOR_MAX_QUEUED", DEFAULT_MAX_QUEUED))


def hash_seconds() -> float:
    return float(os.environ.get("CSTATS_SENSOR_HASH_SECONDS", DEFAULT_HASH_SECONDS))


def partial_copy(rel: str) -> bool:
    """Whether the file's name marks a copy still in progress (or an editor's lock file)."""
    name = rel.rsplit("/", 1)[-1].lower()
    return name.endswith(PARTIAL_SUFFIXES) or name.startswith(PARTIAL_PREFIXES)


def walk_files(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Regular non-empty files below ``folder`` with their ``lstat``: one system call per file.
    Links, special and empty files are left to the publish's survey (which refuses them)."""
    out: list[tuple[str, os.stat_result]] = []
    stack = [(str(folder), "")]
    while stack:
        current, prefix = stack.pop()
        try:
            with os.scandir(current) as it:
                items = list(it)
        except OSError:
            continue
        for item in items:
            name = item.name
            if name.startswith(".") or name.lower() in SKIPPED_NAMES:
                continue
            try:
                st = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                stack.append((item.path, prefix + name + "/"))
            elif stat.S_ISREG(st.st_mode) and st.st_size > 0:
                out.append((prefix + name, st))
    return out


def index_path(store: DocumentStore, folder: Path) -> Path:
    """The SQLite index of ``folder``: beside a store on disk, else under DAGSTER_HOME (a store on
    object storage cannot hold a database file; the index is only the sensor's)."""
    ident = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
    if store.fs is None:
        base = Path(store.root) / "index"
    elif os.environ.get("DAGSTER_HOME"):
        base = Path(os.environ["DAGSTER_HOME"]) / "cstats_index"
    else:
        base = paths.PROJECT_ROOT / ".cache" / "cstats_index"
    return base / f"inbox-{ident}.sqlite"


SCHEMA = """
CREATE TABLE IF NOT EXISTS files (rel TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    rel TEXT PRIMARY KEY,          -- a file, or an archive member "<archive>!/<member>"
    file TEXT NOT NULL,            -- the file it is (in)
    sha256 TEXT NOT NULL,
    requested_key TEXT             -- extraction key its output was found or requested for
);
CREATE INDEX IF NOT EXISTS docs_file ON docs (file);
CREATE INDEX IF NOT EXISTS docs_sha ON docs (sha256);
CREATE INDEX IF NOT EXISTS docs_todo ON docs (rel) WHERE requested_key IS NULL;
"""


class InboxIndex:
    """Per-file state of one watched folder, in SQLite (one writer: the sensor)."""

    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path)
        self.con = sqlite3.connect(path, timeout=30)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.executescript(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def files(self) -> dict[str, tuple[int, int]]:
        return {
            rel: (size, mtime)
            for rel, size, mtime in self.con.execute("SELECT rel, size, mtime_ns FROM files")
        }

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM docs").fetchone()[0]

    def forget_requests(self) -> None:
        """A new extraction key: every document is asked about again."""
        with self.con:
            self.con.execute("UPDATE docs SET requested_key = NULL")

    def replace(self, files: dict[str, tuple[int, int]], docs: dict[str, tuple[str, str]], gone: list[str]):
        """Record changed ``files`` (rel -> size, mtime) with their ``docs`` (rel -> file, sha),
        forget ``gone`` files; return (hashes new to the folder, hashes no longer in it)."""
        touched = [(rel,) for rel in [*files, *gone]]
        with self.con:
            old = set()
            for (rel,) in touched:
                old.update(r[0] for r in self.con.execute("SELECT sha256 FROM docs WHERE file = ?", (rel,)))
            self.con.executemany("DELETE FROM docs WHERE file = ?", touched)
            self.con.executemany("DELETE FROM files WHERE rel = ?", touched)
            new = {sha for _, sha in docs.values()}
            before = {sha for sha in new if self._has_sha(sha)}
            self.con.executemany(
                "INSERT INTO files VALUES (?, ?, ?)", [(r, s, m) for r, (s, m) in files.items()]
            )
            self.con.executemany(
                "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, NULL)",
                [(r, f, sha) for r, (f, sha) in docs.items()],
            )
            removed = sorted(sha for sha in old - new if not self._has_sha(sha))
        return sorted(new - before - old), removed

    def _has_sha(self, sha: str) -> bool:
        return self.con.execute("SELECT 1 FROM docs WHERE sha256 = ? LIMIT 1", (sha,)).fetchone() is not None

    def unrequested(self, key: str) -> dict[str, list[str]]:
        """``{sha: [relative paths]}`` of documents with no output found or run requested for
        ``key`` (a copy of a document already requested counts as requested)."""
        with self.con:
            self.con.execute(
                "UPDATE docs SET requested_key = ? WHERE requested_key IS NULL AND EXISTS "
                "(SELECT 1 FROM docs d WHERE d.sha256 = docs.sha256 AND d.requested_key = ?)",
                (key, key),
            )
        out: dict[str, list[str]] = {}
        for rel, sha in self.con.execute("SELECT rel, sha256 FROM docs WHERE requested_key IS NULL"):
            out.setdefault(sha, []).append(rel)
        return out

    def mark(self, shas, key: str) -> None:
        with self.con:
            self.con.executemany(
                "UPDATE docs SET requested_key = ? WHERE sha256 = ?", [(key, sha) for sha in shas]
            )


@dataclass
class Cursor:
    """The sensor's cursor: the extraction key of its last tick and a high-water mark (the newest
    mtime it has indexed, and how many files), never the per-file state."""

    key: str = ""
    high_water_ns: int = 0
    files: int = 0

    def dump(self) -> str:
        return json.dumps(
            {"key": self.key, "mtime_ns": self.high_water_ns, "files": self.files}, separators=(",", ":")
        )

    @classmethod
    def load(cls, raw: str | None) -> Cursor:
        try:
            d = json.loads(raw or "")
            return cls(str(d["key"]), int(d["mtime_ns"]), int(d["files"]))
        except (ValueError, TypeError, KeyError):
            return cls()


@dataclass
class Tick:
    """What one tick found and decided."""

    cursor: Cursor
    batches: list[list[tuple[str, str]]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # hashes new to the folder: partitions to add
    removed: list[str] = field(default_factory=list)  # hashes no file has any more
    waiting: list[dict] = field(default_factory=list)  # source_path, reason, seconds_since_change
    files: int = 0  # regular files seen
    changed: int = 0  # files hashed this tick
    deferred: int = 0  # settled changed files left for the next tick (hashing time used up)
    looked_up: int = 0  # hashes asked of the store
    stored: int = 0  # of those, with output already
    held: int = 0  # documents to run left for a later tick (run queue full)
    renamed_or_copied: int = 0

    def summary(self) -> str:
        return (f"files={self.files} changed={self.changed} added={len(self.added)} removed={len(self.removed)} "
                f"renamed_or_copied={self.renamed_or_copied} looked_up={self.looked_up} stored={self.stored} "
                f"runs={len(self.batches)} documents={sum(map(len, self.batches))} held={self.held} "
                f"waiting={len(self.waiting)} deferred={self.deferred}")  # fmt: skip


def _first_path(rels: list[str]) -> str:
    return min(rels, key=lambda r: (ARCHIVE_SEPARATOR in r, r))


def tick(
    folder: Path,
    store: DocumentStore,
    index: InboxIndex,
    cursor: Cursor,
    *,
    per_run: int,
    max_runs: int | None = None,
    settle: float | None = None,
    budget: float | None = None,
    now: float | None = None,
) -> Tick:
    """One look at ``folder``: index what changed and settled, return the runs to request (at most
    ``max_runs`` batches of ``per_run`` documents; None = no limit) and what waits."""
    settle = settle_seconds() if settle is None else settle
    budget = hash_seconds() if budget is None else budget
    now = time.time() if now is None else now
    if cursor.key != store.key:
        index.forget_requests()  # first tick, or a new extraction key: ask the store about everything
    known = index.files()
    seen: set[str] = set()
    ready: list[tuple[str, os.stat_result]] = []
    out = Tick(cursor=Cursor(store.key, cursor.high_water_ns, 0))
    for rel, st in walk_files(folder):
        seen.add(rel)
        if known.get(rel) == (st.st_size, st.st_mtime_ns):
            continue  # unchanged: this stat is all it costs
        age = now - st.st_mtime_ns / 1e9
        if partial_copy(rel):
            out.waiting.append(
                {"source_path": rel, "reason": "partial_copy", "seconds_since_change": round(age, 1)}
            )
        elif age < settle:
            out.waiting.append(
                {"source_path": rel, "reason": "settling", "seconds_since_change": round(age, 1)}
            )
        else:
            ready.append((rel, st))
    out.files = len(seen)
    gone = [rel for rel in known if rel not in seen]
    # Hash what settled, oldest first, within the tick's hashing time.
    ready.sort(key=lambda item: (item[1].st_mtime_ns, item[0]))
    started = time.monotonic()
    hashed: list[tuple[str, os.stat_result]] = []
    for i in range(0, len(ready), 64):
        if hashed and time.monotonic() - started > budget:
            break
        part = ready[i : i + 64]
        found = examine(folder, part)
        hashed.extend(part)
        ready_docs = {}
        for rel, entry in found.entries.items():
            ready_docs[rel] = (rel.split(ARCHIVE_SEPARATOR, 1)[0], entry.sha256)  # (file, hash)
        files = {rel: (st.st_size, st.st_mtime_ns) for rel, st in part}
        added, removed = index.replace(files, ready_docs, gone if i == 0 else [])
        out.added += added
        out.removed += removed
        out.renamed_or_copied += sum(1 for _, sha in ready_docs.values() if sha not in added)
    if not ready and gone:
        out.removed += index.replace({}, {}, gone)[1]
    out.changed = len(hashed)
    out.deferred = len(ready) - len(hashed)
    out.removed = sorted(set(out.removed) - set(out.added))
    if hashed:
        out.cursor.high_water_ns = max(out.cursor.high_water_ns, max(st.st_mtime_ns for _, st in hashed))
    out.cursor.files = len(seen)

    # Documents without a run requested: ask the store, once, which lack output for this key.
    todo = index.unrequested(store.key)
    out.looked_up = len(todo)
    missing = store.missing(todo) if todo else set()
    out.stored = len(todo) - len(missing)
    index.mark((sha for sha in todo if sha not in missing), store.key)
    pending = sorted((_first_path(todo[sha]), sha) for sha in missing)
    batches = split([(sha, rel) for rel, sha in pending], per_run) if pending else []
    if max_runs is not None and len(batches) > max_runs:
        out.held = sum(len(b) for b in batches[max_runs:])
        batches = batches[:max_runs]
    out.batches = batches
    index.mark((sha for b in batches for sha, _ in b), store.key)
    return out


def run_key(batch: list[tuple[str, str]], key: str) -> str:
    """The same batch of documents runs once per extraction key, however many ticks see it."""
    digest = hashlib.sha256("\n".join(sorted(sha for sha, _ in batch)).encode()).hexdigest()[:24]
    return f"{key}:{len(batch)}:{digest}"
