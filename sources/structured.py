"""A Document from structured pieces: the common last step of the HTML and DOCX readers.

A reader walks its format and yields :class:`Para` (a paragraph, heading, headline or byline with
the element path it came from) and :class:`TableItem` (rows of cells, header cells marked);
:func:`assemble` lays them out as text (blocks separated by a blank line; a table one line per row,
cells separated by a tab) and records each block's and cell's character span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.document import Article, Block, Cell, Document, Table
from sources.errors import EmptyDocument
from sources.normalize import for_extraction

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\ufeff]+")


def clean(text: str) -> str:
    """Whitespace of markup collapsed: runs of spaces, tabs, newlines, nbsp -> one space, trimmed.
    The ideographic space (U+3000) is text (indentation, letter spacing) and is kept inside."""
    return _SPACE.sub(" ", text).strip(" \u3000")


@dataclass
class Para:
    role: str  # headline, byline, heading, body, caption
    text: str
    path: str | None = None
    level: int | None = None


@dataclass
class TableItem:
    rows: list[list[tuple[str, bool]]]  # (cell text, is a header cell)
    path: str | None = None


def assemble(
    items: list[Para | TableItem],
    *,
    doc_id: str,
    path: str,
    media_type: str,
    sha256: str,
    encoding: str | None,
    metadata: dict,
) -> Document:
    parts: list[str] = []
    blocks: list[Block] = []
    tables: list[Table] = []
    pos = 0
    for item in items:
        if isinstance(item, Para):
            text = clean(item.text)
            if not text:
                continue
            blocks.append(Block(pos, pos + len(text), item.role, path=item.path, level=item.level))
        else:
            rows = [[clean(t) for t, _ in row] for row in item.rows]
            if not any(any(row) for row in rows):
                continue
            cells, lines, at = [], [], pos
            for r, (row, raw) in enumerate(zip(rows, item.rows, strict=True)):
                line_cells = []
                for c, (t, (_, header)) in enumerate(zip(row, raw, strict=True)):
                    line_cells.append(Cell(at, at + len(t), r, c, header))
                    at += len(t) + 1  # the tab, or the newline after the last cell
                cells.append(tuple(line_cells))
                lines.append("\t".join(row))
            text = "\n".join(lines)
            blocks.append(Block(pos, pos + len(text), "table", path=item.path))
            tables.append(Table(pos, pos + len(text), tuple(cells)))
        parts.append(text)
        pos += len(text) + 2
    if not parts:
        raise EmptyDocument("the document holds no text")
    display = "\n\n".join(parts)
    headline = metadata.get("title") or ""
    return Document(
        doc_id=doc_id,
        path=path,
        media_type=media_type,
        sha256=sha256,
        text=for_extraction(display),
        display_text=display,
        blocks=blocks,
        articles=[Article(0, headline)],
        pages=None,
        encoding=encoding,
        metadata=metadata,
        tables=tables,
    )
