"""The reader output shared by every later stage.

A :class:`Document` holds two strings of identical length:

* ``display_text``: the text as the source wrote it (traditional characters, full-width digits);
* ``text``: the same characters normalised for extraction (simplified, half-width digits and %).

Because normalisation is one character for one character, every offset into ``text`` is also an
offset into ``display_text``, and :meth:`Document.locate` maps it back to the block (page, bbox)
it came from.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Block:
    """A run of text with one role, e.g. a paragraph, headline or caption."""

    start: int  # offset of the block's first character in Document.text
    end: int  # offset one past its last character
    role: str = "body"  # headline, subtitle, byline, heading, body, quote, caption, furniture
    page: int | None = None  # 1-based; None for plain text
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points
    article: int = 0  # index into Document.articles; -1 for page furniture (masthead, date line)
    boxes: tuple = ()  # PDF: one (x0, top, x1, bottom) per column piece when a block spans columns
    path: str | None = None  # HTML/DOCX: where it stood, e.g. html/body/div[2]/p[3], body/tbl[1]
    level: int | None = None  # heading level (1 = h1 / Heading 1) for role heading; else None


@dataclass(frozen=True)
class Cell:
    """One table cell: its span in Document.text, its place, and whether it is a header cell."""

    start: int
    end: int
    row: int
    col: int
    header: bool = False


@dataclass(frozen=True)
class Table:
    """A table of an HTML or DOCX document. Its text in Document.text is one line per row, cells
    separated by a tab; its block has role ``table``. ``rows`` keeps the cells (merged cells
    repeated under each row/column they span, with the same span)."""

    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Article:
    """A story on a page (or the whole of a text report)."""

    index: int
    headline: str
    continued_from: str | None = None  # e.g. "上接A5版"
    continues_to: str | None = None  # e.g. "下转第二版"


@dataclass
class Document:
    doc_id: str  # the file stem
    path: str
    media_type: str  # text/plain, application/pdf
    sha256: str
    text: str
    display_text: str
    blocks: list[Block] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    pages: int | None = None
    encoding: str | None = None
    metadata: dict = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.text) != len(self.display_text):
            raise ValueError("text and display_text must have the same length")
        self._starts = [b.start for b in self.blocks]

    def locate(self, offset: int) -> Block | None:
        """The block holding the character at ``offset``, or None between blocks."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def block_text(self, block: Block, *, display: bool = False) -> str:
        source = self.display_text if display else self.text
        return source[block.start : block.end]

    def to_json(self) -> dict:
        """Articles with their blocks, as ``cstats text --json`` prints them."""
        out = {
            "doc": self.doc_id,
            "path": self.path,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "pages": self.pages,
            "encoding": self.encoding,
            "articles": [],
        }
        for art in self.articles or [Article(0, "")]:
            blocks = [
                {
                    "role": b.role,
                    "page": b.page,
                    "bbox": list(b.bbox) if b.bbox else None,
                    "boxes": [list(x) for x in b.boxes],
                    "char_start": b.start,
                    "char_end": b.end,
                    "text": self.display_text[b.start : b.end],
                    **({"path": b.path} if b.path else {}),
                    **({"level": b.level} if b.level else {}),
                }
                for b in self.blocks
                if b.article == art.index
            ]
            out["articles"].append({**asdict(art), "blocks": blocks})
        known = {a.index for a in self.articles} or {0}
        out["furniture"] = [
            {
                "role": b.role,
                "page": b.page,
                "bbox": list(b.bbox) if b.bbox else None,
                "char_start": b.start,
                "char_end": b.end,
                "text": self.display_text[b.start : b.end],
            }
            for b in self.blocks
            if b.article not in known
        ]
        if self.metadata:
            out["metadata"] = self.metadata
        if self.tables:
            out["tables"] = [
                {
                    "char_start": t.start,
                    "char_end": t.end,
                    "rows": [
                        [{"text": self.display_text[c.start : c.end], "header": c.header} for c in row]
                        for row in t.rows
                    ],
                }
                for t in self.tables
            ]
        return out
