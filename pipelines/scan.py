"""The documents of a folder and their content hashes (the partition keys).

Hashing is the expensive part of looking at a folder, so a scan takes the previous scan and
re-hashes only files whose size or modification time changed.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sources.readers import SUPPORTED_SUFFIXES

SKIPPED_NAMES = ("readme.md", "truth.jsonl")


@dataclass(frozen=True)
class FileEntry:
    size: int
    mtime_ns: int
    sha256: str

    def to_json(self) -> list:
        return [self.size, self.mtime_ns, self.sha256]

    @classmethod
    def from_json(cls, raw: list) -> "FileEntry":
        return cls(int(raw[0]), int(raw[1]), str(raw[2]))


def list_sources(folder: Path) -> list[Path]:
    """Document files below ``folder`` (hidden files, README and truth files skipped), sorted."""
    folder = Path(folder)
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.name.lower() not in SKIPPED_NAMES
        and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def scan_folder(folder: Path, previous: dict[str, FileEntry] | None = None) -> dict[str, FileEntry]:
    """``{relative path: FileEntry}`` for every document below ``folder``.

    A file whose size and mtime match ``previous`` keeps its recorded hash; files that vanish
    while being scanned are left out.
    """
    folder = Path(folder)
    previous = previous or {}
    out: dict[str, FileEntry] = {}
    for path in list_sources(folder):
        rel = path.relative_to(folder).as_posix()
        try:
            st = path.stat()
            old = previous.get(rel)
            if old is not None and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
                out[rel] = old
            else:
                out[rel] = FileEntry(st.st_size, st.st_mtime_ns, file_sha256(path))
        except FileNotFoundError:
            continue
    return out


def by_content(entries: dict[str, FileEntry]) -> dict[str, list[str]]:
    """``{sha256: [relative paths, sorted]}``: copies of one document share one key."""
    out: dict[str, list[str]] = {}
    for rel in sorted(entries):
        out.setdefault(entries[rel].sha256, []).append(rel)
    return out
