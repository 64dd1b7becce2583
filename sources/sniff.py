"""File type by content: magic bytes decide, the suffix is only a hint (a mismatch is recorded).

Kinds: ``pdf``, ``docx``, ``zip`` (an archive), ``html``, ``text``, ``ole`` (Word 97-2003 .doc,
WPS .wps, .xls: the OLE2 container), ``image``, ``other_archive`` (gzip, 7z, rar...), ``binary``
(NUL or control bytes: not text), ``empty``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 65536

SUFFIX_KINDS = {
    ".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "text", ".csv": "text",
    ".htm": "html", ".html": "html", ".shtml": "html", ".xhtml": "html",
    ".docx": "docx", ".zip": "zip", ".doc": "ole", ".wps": "ole", ".xls": "ole", ".et": "ole",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".tif": "image", ".tiff": "image",
    ".gz": "other_archive", ".tgz": "other_archive", ".7z": "other_archive", ".rar": "other_archive",
}  # fmt: skip

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
    "html": "text/html",
    "text": "text/plain",
    "ole": "application/x-ole-storage",
    "image": "image/*",
    "other_archive": "application/octet-stream",
    "binary": "application/octet-stream",
    "empty": "application/x-empty",
}

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"\x1f\x8b", "other_archive"),
    (b"7z\xbc\xaf\x27\x1c", "other_archive"),
    (b"Rar!\x1a\x07", "other_archive"),
    (b"BZh", "other_archive"),
    (b"\xfd7zXZ\x00", "other_archive"),
)
# comments, an XML prolog (<?xml ...?>) and server directives left in saved pages (<%@ page ... %>,
# <%@ include ... %> of JSP/ASP sources) may come before the markup
_HTML = re.compile(
    rb"^\s*(?:(?:<!--.*?-->|<\?.*?\?>|<%.*?%>)\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|meta\s|body[\s>])",
    re.I | re.S,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Sniffed:
    kind: str  # by content
    suffix_kind: str | None  # what the file name suggests, None for an unknown suffix

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    @property
    def mismatch(self) -> bool:
        """The suffix names a different type than the content (an unknown suffix is no mismatch)."""
        return self.suffix_kind is not None and self.suffix_kind != self.kind and self.kind != "empty"

    def note(self) -> str | None:
        if not self.mismatch:
            return None
        return f"content is {self.kind}, the name suggests {self.suffix_kind}"


def _is_binary(head: bytes) -> bool:
    """NUL bytes, or more than 10 % C0 control bytes (tab, line breaks, form feed, escape aside)."""
    if not head:
        return False
    if any(head.startswith(b) for b in _BOMS[1:]):  # UTF-16 text has NUL bytes by design
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13, 27))
    return controls > 0.10 * len(head)


def _zip_kind(fileobj, suffix_kind: str | None) -> str:
    """docx when the archive is a Word document, else zip."""
    try:
        with zipfile.ZipFile(fileobj) as zf:
            names = set(zf.namelist()[:10000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A damaged archive is still an archive (the archive rules report it), unless its name
        # says Word document: then the DOCX reader reports it as corrupt.
        return "docx" if suffix_kind == "docx" else "zip"
    return "docx" if "[Content_Types].xml" in names and "word/document.xml" in names else "zip"


def sniff_bytes(data: bytes, name: str = "", *, whole: bool = True) -> Sniffed:
    """The kind of a file from its bytes (``whole``: ``data`` is the whole file)."""
    suffix_kind = SUFFIX_KINDS.get(Path(name).suffix.lower())
    if not data:
        return Sniffed("empty", suffix_kind)
    head = data[:HEAD_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "zip" and whole:
                kind = _zip_kind(io.BytesIO(data), suffix_kind)
            return Sniffed(kind, suffix_kind)
    if head[:1024].lstrip()[:5] == b"%PDF-":  # junk before the header: readers accept it
        return Sniffed("pdf", suffix_kind)
    if _is_binary(head):
        return Sniffed("binary", suffix_kind)
    body = head
    for bom in _BOMS[:1]:
        body = body.removeprefix(bom)
    if _HTML.match(body[:4096]):
        return Sniffed("html", suffix_kind)
    return Sniffed("text", suffix_kind)


def sniff_file(path: str | Path) -> Sniffed:
    """The kind of the file at ``path``, read without following links (sources/safe_open.py)."""
    from sources.safe_open import open_checked

    path = Path(path)
    with open_checked(path) as fh:
        found = sniff_bytes(fh.read(HEAD_BYTES), path.name, whole=False)
        if found.kind == "zip":
            fh.seek(0)
            found = Sniffed(_zip_kind(fh, found.suffix_kind), found.suffix_kind)
    return found
