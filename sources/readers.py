"""Pick the reader for a file by its content (sources/sniff.py); the suffix is only a hint.

``READERS`` maps a sniffed kind to its reader ("module:function", imported when first used): a
new reader plugs in with one line. Kinds without a reader raise :class:`Unsupported` with the
reason in ``UNSUPPORTED``; archives are expanded by the folder scan (sources/scan.py), not read
as one document.

Every document passes the same checks after its reader: the character limit and the text quality
gate (sources/text_quality.py). A type mismatch (content vs suffix) and a repair are noted in the
document's metadata (``notes``).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from sources import text_quality
from sources.document import Document
from sources.errors import EmptyDocument, SourceError, TooManyChars, UnreadableText, Unsupported
from sources.limits import current as current_limits
from sources.safe_open import check_path
from sources.sniff import Sniffed, sniff_file

READERS: dict[str, str] = {
    "pdf": "sources.pdf.reader:read_pdf",
    "text": "sources.text_reader:read_text",
    "html": "sources.html_reader:read_html",
    "docx": "sources.docx_reader:read_docx",
}
UNSUPPORTED: dict[str, str] = {
    "ole": "Word 97-2003 / WPS / Excel binary document (OLE2): save it as .docx or PDF",
    "image": "image file: scans must be PDF pages",
    "other_archive": "archive format other than zip (gzip, 7z, rar...): unpack it into the folder",
    "zip": "zip archive: `cstats run` expands its members; read a member itself",
}


def media_type(path: Path) -> str:
    """The media type of a file with a registered reader, or raise Unsupported / a read error."""
    return _reader_for(sniff_file(path))[0].media_type


def _reader_for(found: Sniffed):
    if found.kind == "empty":
        raise EmptyDocument("the file is empty (0 bytes)")
    if found.kind == "binary":
        raise UnreadableText(
            "unreadable text: binary data (NUL or control bytes), not a document",
            figures={"sniffed": "binary"},
        )
    target = READERS.get(found.kind)
    if target is None:
        raise Unsupported(UNSUPPORTED.get(found.kind, f"no reader for {found.kind}"))
    module, _, name = target.partition(":")
    return found, getattr(importlib.import_module(module), name)


def read_document(path: str | Path) -> Document:
    """Read any supported document into reading-order text with provenance.

    Never follows a symbolic link (sources/safe_open.py); name the target itself to read it.
    """
    path = Path(path)
    try:
        check_path(path)
        found, read = _reader_for(sniff_file(path))
        doc = read(path)
        if len(doc.text) > current_limits().max_chars:
            raise TooManyChars(
                f"{len(doc.text):,} characters, over the limit of {current_limits().max_chars:,}"
            )
        if not doc.text.strip():
            raise EmptyDocument("the document holds no text")
        figures = doc.metadata.get("text_quality") or text_quality.check(doc.text)
        notes = [
            n for n in (found.note(), doc.metadata.get("repair"), doc.metadata.get("text_layer_note")) if n
        ]
        doc.metadata = {**doc.metadata, "text_quality": figures}
        if notes:
            doc.metadata["notes"] = notes
        if found.mismatch:
            doc.metadata["type_mismatch"] = found.note()
        return doc
    except SourceError as e:
        e.path = str(path)
        raise
    except PermissionError as e:
        raise SourceError(f"cannot read {path}: permission denied", path=str(path)) from e
