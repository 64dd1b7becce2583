"""Pick the reader for a file by its content and name."""

from __future__ import annotations

from pathlib import Path

from sources.document import Document
from sources.errors import MissingFile, SourceError, UnknownFormat, UnsupportedFormat

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
LEGACY_WORD_SUFFIXES = {".doc", ".wps"}  # found and quarantined as unsupported, never read
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | LEGACY_WORD_SUFFIXES


def media_type(path: Path) -> str:
    """The media type of a supported file, or raise UnknownFormat."""
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF-") or suffix in PDF_SUFFIXES:
        return "application/pdf"
    if suffix in TEXT_SUFFIXES:
        return "text/plain"
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix in DOCX_SUFFIXES:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if suffix in LEGACY_WORD_SUFFIXES:
        raise UnsupportedFormat(
            f"{suffix} (legacy Word/WPS) files are not supported: save the report as .docx or PDF"
        )
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
        if kind == "text/html":
            from sources.html_reader import read_html

            return read_html(path)
        if kind.endswith("wordprocessingml.document"):
            from sources.docx_reader import read_docx

            return read_docx(path)
        from sources.text_reader import read_text

        return read_text(path)
    except SourceError as e:
        e.path = str(path)
        raise
    except PermissionError as e:
        raise SourceError(f"cannot read {path}: permission denied", path=str(path)) from e
