"""Documents in: readers that turn report files into reading-order text with provenance.

Public entry point: :func:`sources.readers.read_document`.
"""

from sources.document import Article, Block, Document
from sources.errors import SourceError
from sources.readers import read_document

__all__ = ["Article", "Block", "Document", "SourceError", "read_document"]
