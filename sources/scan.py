"""The files of a sources folder, what each one is, and the content hashes (partition keys).

:func:`survey` walks the folder with ``lstat`` only (``os.scandir`` without following links):

- a symbolic link (to a file or a folder, inside or outside) is never followed, opened or hashed:
  it is refused as ``link`` or ``outside_sources``; a FIFO, socket or device as ``not_a_file``;
- an empty file is refused as ``empty`` under its own name (every empty file has the same hash);
- a zip archive (by content, sources/sniff.py) is expanded: each member is a document of its own
  named ``<archive>!/<member>`` (sources/archive.py), a refused member is refused alone, and the
  archive itself is recorded as ``expanded`` (or refused whole);
- every other regular file is a document candidate, hashed (the readers decide what it is).

Hashing is the expensive part of looking at a folder, so a survey takes the previous scan and
re-hashes only files whose size or modification time changed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from sources.archive import SEPARATOR as ARCHIVE_SEPARATOR
from sources.archive import list_members, member_path
from sources.errors import EmptyDocument, NotRegularFile, SourceError
from sources.limits import Limits
from sources.safe_open import link_reason, open_checked
from sources.sniff import Sniffed, sniff_file

# Project files that live beside the bundled corpus and are not documents.
SKIPPED_NAMES = ("readme.md", "truth.jsonl", "truth_facts.jsonl")


@dataclass(frozen=True)
class FileEntry:
    size: int
    mtime_ns: int
    sha256: str

    def to_json(self) -> list:
        return [self.size, self.mtime_ns, self.sha256]

    @classmethod
    def from_json(cls, raw: list) -> FileEntry:
        return cls(int(raw[0]), int(raw[1]), str(raw[2]))


@dataclass(frozen=True)
class Refused:
    """A file found but not a document: never read (links, special files) or refused before reading."""

    reason: str
    message: str
    sha256: str | None = None
    archive: str | None = None  # the archive it came from, for members


@dataclass
class Survey:
    entries: dict[str, FileEntry] = field(default_factory=dict)  # documents to read, by relative path
    refused: dict[str, Refused] = field(default_factory=dict)
    archives: dict[str, tuple[str, int]] = field(default_factory=dict)  # archive path -> (sha256, members)
    kinds: dict[str, Sniffed] = field(default_factory=dict)  # sniffed type of every file read at all


def walk(folder: Path) -> tuple[list[tuple[str, os.stat_result]], dict[str, Refused]]:
    """Regular files below ``folder`` (relative path, lstat), and everything refused on sight."""
    folder = Path(folder)
    files: list[tuple[str, os.stat_result]] = []
    refused: dict[str, Refused] = {}
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        for item in items:
            if item.name.startswith(".") or item.name.lower() in SKIPPED_NAMES:
                continue
            path = Path(item.path)
            rel = path.relative_to(folder).as_posix()
            try:
                st = item.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(st.st_mode):
                e = link_reason(path, folder)
                refused[rel] = Refused(e.reason, str(e))
            elif stat.S_ISDIR(st.st_mode):
                stack.append(path)
            elif not stat.S_ISREG(st.st_mode):
                e = NotRegularFile("not a regular file (FIFO, socket or device): never read")
                refused[rel] = Refused(e.reason, str(e))
            elif st.st_size == 0:
                refused[rel] = Refused(EmptyDocument.reason, "the file is empty (0 bytes)", _EMPTY_SHA)
            else:
                files.append((rel, st))
    return sorted(files), refused


_EMPTY_SHA = hashlib.sha256(b"").hexdigest()


def list_sources(folder: Path) -> list[Path]:
    """Regular, non-empty files below ``folder`` (links never followed), sorted."""
    return [Path(folder) / rel for rel, _ in walk(folder)[0]]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open_checked(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def survey(
    folder: Path, previous: dict[str, FileEntry] | None = None, limits: Limits | None = None
) -> Survey:
    """Every file below ``folder``: documents to read (hashed), archives expanded, the rest refused."""
    files, refused = walk(folder)
    out = examine(folder, files, previous, limits)
    out.refused = refused | out.refused
    return out


def examine(
    folder: Path,
    files: list[tuple[str, os.stat_result]],
    previous: dict[str, FileEntry] | None = None,
    limits: Limits | None = None,
) -> Survey:
    """What the regular files ``files`` (relative path, lstat) of ``folder`` are: hashed (unless
    ``previous`` has them at the same size and mtime), archives expanded, unreadable ones refused.
    The inbox sensor calls it with only the files that changed since its last tick."""
    folder = Path(folder)
    previous = previous or {}
    limits = limits or Limits.from_env()
    out = Survey()
    for rel, st in files:
        path = folder / rel
        try:
            old = previous.get(rel)
            if old is not None and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
                entry = old
            else:
                entry = FileEntry(st.st_size, st.st_mtime_ns, file_sha256(path))
            found = out.kinds[rel] = sniff_file(path)
            if found.kind == "zip":
                _expand(folder, rel, entry, limits, out)
            else:
                out.entries[rel] = entry
        except FileNotFoundError:
            continue
        except SourceError as e:
            out.refused[rel] = Refused(e.reason, str(e))
        except OSError as e:
            out.refused[rel] = Refused("unreadable", f"cannot read: {e.strerror or e}")
    return out


def _expand(folder: Path, rel: str, entry: FileEntry, limits: Limits, out: Survey) -> None:
    try:
        members = list_members(folder / rel, limits)
    except SourceError as e:
        out.refused[rel] = Refused(e.reason, str(e), entry.sha256)
        return
    out.archives[rel] = (entry.sha256, len(members))
    for m in members:
        name = member_path(rel, m.name)
        if m.kind is not None:
            out.kinds[name] = m.kind
        if m.refused is not None:
            sha = _EMPTY_SHA if isinstance(m.refused, EmptyDocument) else None
            out.refused[name] = Refused(m.refused.reason, str(m.refused), sha, archive=rel)
        else:
            out.entries[name] = FileEntry(m.size, entry.mtime_ns, m.sha256)


def scan_folder(folder: Path, previous: dict[str, FileEntry] | None = None) -> dict[str, FileEntry]:
    """``{relative path: FileEntry}`` for every document below ``folder`` (archive members included).

    A file whose size and mtime match ``previous`` keeps its recorded hash; files that vanish
    while being scanned are left out.
    """
    return survey(folder, previous).entries


def by_content(entries: dict[str, FileEntry]) -> dict[str, list[str]]:
    """``{sha256: [relative paths]}``: copies of one document share one key; plain files come
    before archive members, then by path, so a file stands for its copies inside archives."""
    out: dict[str, list[str]] = {}
    for rel in sorted(entries, key=lambda r: (ARCHIVE_SEPARATOR in r, r)):
        out.setdefault(entries[rel].sha256, []).append(rel)
    return out
