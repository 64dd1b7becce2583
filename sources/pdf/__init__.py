"""The newspaper-page PDF reader (see docs/pdf.md)."""

from sources.pdf.reader import read_pdf

__all__ = ["read_pdf"]
