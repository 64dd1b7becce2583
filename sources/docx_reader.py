"""Word reports (.docx) to a Document, with python-docx.

Body paragraphs and tables in document order. A paragraph's role comes from its style: ``Title``
-> headline, ``Heading N`` / ``标题 N`` (or an outline level in its properties) -> heading with
``level`` N, ``Subtitle`` -> subtitle, others -> body; the first paragraph is the headline when no
Title style is used and it reads like one (short, no sentence end). Tables keep their rows; a row
marked "repeat as header row" is a header row (otherwise pipelines/extract/tables.py decides from
the text). A cell merged across columns or rows is repeated under each when it is a header or
label, and kept once when it holds figures, so no figure counts twice.

Block paths: ``body/p[7]`` (7th paragraph of the body), ``body/tbl[2]`` (2nd table).

Metadata: ``title`` (core properties, else the headline), ``author`` (core properties) and
``created`` (core properties; the file's creation, not the report's date, so the extraction does
not read a period from it). Legacy Word (.doc) and WPS (.wps) files are not read: readers.py
quarantines them as ``unsupported``.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from sources.document import Document
from sources.errors import CorruptDocument, EncryptedDocument
from sources.structured import Para, TableItem, assemble, clean

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_SENTENCE_END = "。！？；：!?;:…"
_DIGIT = re.compile(r"\d|[一二三四五六七八九十百千万]+[件次篇个项名人]")


def _style_role(paragraph) -> tuple[str, int | None]:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    low = name.lower()
    if low == "title":
        return "headline", None
    if low == "subtitle":
        return "subtitle", None
    m = _HEADING_STYLE.match(name.strip())
    if m:
        return "heading", int(m[1])
    ppr = paragraph._p.pPr
    if ppr is not None:
        lvl = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
        if lvl is not None:
            val = lvl.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            if val is not None and val.isdigit() and int(val) < 9:
                return "heading", int(val) + 1
    return "body", None


def _table_rows(table) -> list[list[tuple[str, bool]]]:
    from docx.oxml.ns import qn

    rows, seen = [], set()
    for row in table.rows:
        trpr = row._tr.trPr
        header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
        out = []
        for cell in row.cells:
            text = clean(cell.text)
            tc = cell._tc  # kept in ``seen``, so the same XML node keeps the same proxy object
            if tc in seen and _DIGIT.search(text) and not header:
                text = ""  # a merged figure cell: once
            seen.add(tc)
            out.append((text, header))
        rows.append(out)
    return rows


def read_docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    data = path.read_bytes()
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: an encrypted OOXML file
        raise EncryptedDocument("the DOCX file is password-protected (an encrypted OLE container)")
    try:
        d = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise CorruptDocument(f"not a readable DOCX file: {e}") from e
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    items: list[Para | TableItem] = []
    n_p = n_t = 0
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_p += 1
            p = Paragraph(el, d)
            text = clean(p.text)
            if not text:
                continue
            role, level = _style_role(p)
            items.append(Para(role, text, f"body/p[{n_p}]", level))
        elif tag == "tbl":
            n_t += 1
            items.append(TableItem(_table_rows(DocxTable(el, d)), f"body/tbl[{n_t}]"))
    paras = [i for i in items if isinstance(i, Para)]
    if paras and not any(p.role == "headline" for p in paras):
        first = paras[0]
        if items[0] is first and len(first.text) <= 40 and first.text[-1] not in _SENTENCE_END:
            first.role, first.level = "headline", None
    core = d.core_properties
    headline = next((p.text for p in paras if p.role == "headline"), "")
    metadata: dict = {"title": clean(core.title or "") or headline}
    if core.author:
        metadata["author"] = clean(core.author)
    if core.created:
        metadata["created"] = core.created.date().isoformat()
    return assemble(
        items,
        doc_id=path.stem,
        path=str(path),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=None,
        metadata=metadata,
    )
