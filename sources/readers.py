"""Pick the reader for a file by its content and name."""

from __future__ import annotations

from pathlib import Path

from sources.document import Document
from sources.errors import MissingFile, SourceError, UnknownFormat

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def media_type(path: Path) -> str:
    """The media type of a supported file, or raise UnknownFormat."""
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF-") or suffix in PDF_SUFFIXES:
        return "application/pdf"
    if suffix in TEXT_SUFFIXES:
        return "text/plain"
    raise UnknownFormat(
        f"unsupported file type {suffix or '(no suffix)'}: expected one of {sorted(SUPPORTED_SUFFIXES)}"
    )


def read_document(path: str | Path) -> Document:
    """Read any supported document into reading-order text with provenance."""
    path = Path(path)
    if not path.is_file():
        raise MissingFile(f"no such file: {path}", path=str(path))
    try:
        kind = media_type(path)
        if kind == "application/pdf":
            from sources.pdf import read_pdf

            return read_pdf(path)
        from sources.text_reader import read_text

        return read_text(path)
    except SourceError as e:
        e.path = str(path)
        raise
    except PermissionError as e:
        raise SourceError(f"cannot read {path}: permission denied", path=str(path)) from e
