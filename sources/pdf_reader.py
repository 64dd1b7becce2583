"""PDF reports: a first reader, one block per text line group per page.

The newspaper-layout reader (columns, roles, articles) replaces this; the contract stays:
reading-order text, blocks with page and bbox, CJK spacing repaired.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from sources.document import Article, Block, Document
from sources.errors import CorruptDocument, EncryptedDocument, ImageOnlyDocument
from sources.normalize import for_extraction

logging.getLogger("pdfminer").setLevel(logging.ERROR)

_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)


def read_pdf(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    data = path.read_bytes()
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect as e:
        raise EncryptedDocument("the PDF is encrypted") from e
    except (PDFSyntaxError, Exception) as e:  # pdfminer raises many types for broken files
        raise CorruptDocument(f"not a readable PDF: {e.__class__.__name__}") from e
    paras: list[tuple[str, int, tuple[float, float, float, float]]] = []
    image_only = 0
    with pdf:
        n_pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            lines = page.extract_text_lines(layout=False, strip=True)
            if not lines:
                if page.images:
                    image_only += 1
                page.close()
                continue
            for ln in lines:
                text = _CJK_SPACE.sub("", ln["text"])
                if text:
                    paras.append((text, number, (ln["x0"], ln["top"], ln["x1"], ln["bottom"])))
            page.close()
    if not paras:
        if image_only:
            raise ImageOnlyDocument(f"{image_only} page(s) are images without a text layer (scans)")
        raise CorruptDocument("the PDF has no text")
    blocks, pos = [], 0
    for text, page_no, bbox in paras:
        blocks.append(Block(start=pos, end=pos + len(text), page=page_no, bbox=bbox))
        pos += len(text) + 2
    display = "\n\n".join(p[0] for p in paras)
    return Document(
        doc_id=path.stem,
        path=str(path),
        media_type="application/pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        text=for_extraction(display),
        display_text=display,
        blocks=blocks,
        articles=[Article(0, paras[0][0])],
        pages=n_pages,
        metadata={"title": paras[0][0]},
    )
