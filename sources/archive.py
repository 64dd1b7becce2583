"""Zip archives: their members become documents, with the archive path as provenance.

A member is named ``<archive>!/<path inside>``, e.g. ``2023/reports.zip!/haiyuan/report.txt``.
The rules (limits in sources/limits.py):

- the archive: more than ``max_members`` files (``too_many_members``), more than
  ``max_archive_bytes`` uncompressed in all (``archive_too_large``), or an archive the zip reader
  cannot list (``corrupt_archive``) is refused whole;
- a member is refused alone: a name that is absolute or climbs out with ``..``
  (``unsafe_member_path``), a symbolic link (``link``), an archive inside the archive
  (``nested_archive``), an encrypted member (``encrypted``), a member over ``max_file_bytes``
  (``too_large``) or, over 1 MiB, compressed more than ``max_ratio`` times (``compression_ratio``);
- sizes are never trusted from the headers alone: every read is capped, so a member that inflates
  past what its header says stops there.

A member is read by staging it (:func:`stage_member`) into a fresh folder under a generated name;
no name from the archive is ever used as a path.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sources.errors import (
    ArchiveTooLarge,
    CompressionRatio,
    CorruptArchive,
    EmptyDocument,
    EncryptedDocument,
    LinkRefused,
    NestedArchive,
    SourceError,
    TooLarge,
    TooManyMembers,
    UnsafeMemberPath,
)
from sources.limits import Limits
from sources.sniff import HEAD_BYTES, Sniffed, sniff_bytes

SEPARATOR = "!/"
RATIO_FLOOR = 1 << 20  # members under 1 MiB are never refused for their ratio
_NESTED = {"zip", "other_archive"}


@dataclass
class Member:
    name: str  # the path inside the archive
    size: int  # uncompressed bytes (as read)
    sha256: str | None  # None when refused
    refused: SourceError | None = None
    kind: Sniffed | None = None  # type by content, when it was read


def member_path(archive_rel: str, name: str) -> str:
    return f"{archive_rel}{SEPARATOR}{name}"


def split_member(rel: str) -> tuple[str, str] | None:
    """``(archive path, member name)`` for a member's path, None for a plain file."""
    if SEPARATOR not in rel:
        return None
    archive, _, name = rel.partition(SEPARATOR)
    return archive, name


def _open(path: Path) -> zipfile.ZipFile:
    from sources.safe_open import open_checked

    fh = open_checked(path)
    try:
        return zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        fh.close()
        raise CorruptArchive(f"not a readable zip archive: {e}") from e


def _name_problem(name: str) -> str | None:
    if "\x00" in name or "\\" in name:
        return "a name with a backslash or NUL byte"
    p = PurePosixPath(name)
    if p.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if ".." in p.parts:
        return "a path that climbs out of the archive (..)"
    return None


def _check_member(info: zipfile.ZipInfo, limits: Limits) -> None:
    problem = _name_problem(info.filename)
    if problem:
        raise UnsafeMemberPath(f"member {info.filename!r}: {problem}; not extracted")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise LinkRefused(f"member {info.filename!r} is a symbolic link; not followed")
    if info.flag_bits & 0x1:
        raise EncryptedDocument(f"member {info.filename!r} is encrypted")
    if info.file_size > limits.max_file_bytes:
        raise TooLarge(f"member {info.filename!r}: {info.file_size:,} bytes, over {limits.max_file_bytes:,}")
    if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise CompressionRatio(
            f"member {info.filename!r} inflates {info.file_size / max(info.compress_size, 1):,.0f} times "
            f"(limit {limits.max_ratio}): a zip bomb"
        )


def _read_capped(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, sink=None
) -> tuple[int, str, bytes]:
    """(bytes read, sha256, head); raises when the member inflates past its limits."""
    cap = min(info.file_size, limits.max_file_bytes)
    ratio_cap = max(RATIO_FLOOR, limits.max_ratio * max(info.compress_size, 1))
    h = hashlib.sha256()
    total, head = 0, b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            total += len(chunk)
            if total > cap:
                raise TooLarge(f"member {info.filename!r} inflates past its declared or allowed size")
            if total > ratio_cap:
                raise CompressionRatio(
                    f"member {info.filename!r} inflates more than {limits.max_ratio} times"
                )
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
            h.update(chunk)
            if sink is not None:
                sink.write(chunk)
    return total, h.hexdigest(), head


def list_members(path: str | Path, limits: Limits) -> list[Member]:
    """Every file member with its content hash, or the reason it is refused.

    Raises an ArchiveRefused error when the whole archive is refused.
    """
    path = Path(path)
    with _open(path) as zf:
        try:
            infos = [i for i in zf.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError) as e:
            raise CorruptArchive(f"the archive's directory cannot be read: {e}") from e
        if len(infos) > limits.max_members:
            raise TooManyMembers(f"{len(infos):,} members, over the limit of {limits.max_members:,}")
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_archive_bytes:
            raise ArchiveTooLarge(
                f"members add up to {declared:,} bytes uncompressed, over {limits.max_archive_bytes:,}"
            )
        out, seen = [], set()
        for info in infos:
            if info.filename in seen:
                continue  # a repeated name: the first one counts
            seen.add(info.filename)
            try:
                _check_member(info, limits)
                if info.file_size == 0:
                    raise EmptyDocument(f"member {info.filename!r} is empty (0 bytes)")
                size, sha, head = _read_capped(zf, info, limits)
                if sniff_bytes(head, info.filename, whole=False).kind in _NESTED:
                    raise NestedArchive(
                        f"member {info.filename!r} is itself an archive; nested archives are refused"
                    )
                out.append(Member(info.filename, size, sha))
            except SourceError as e:
                out.append(Member(info.filename, info.file_size, None, e))
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
                out.append(
                    Member(
                        info.filename, info.file_size, None, CorruptArchive(f"member {info.filename!r}: {e}")
                    )
                )
    return out


def stage_member(path: str | Path, name: str, stage: Path, limits: Limits) -> Path:
    """Extract member ``name`` into the folder ``stage`` under a generated name; return its path."""
    with _open(Path(path)) as zf:
        try:
            info = zf.getinfo(name)
        except KeyError as e:
            raise CorruptArchive(f"no member {name!r} in the archive any more") from e
        _check_member(info, limits)
        target = stage / ("member" + PurePosixPath(name).suffix.lower()[:16])
        with open(target, "xb") as sink:
            _read_capped(zf, info, limits, sink)
    return target
