"""Look at a PDF's structure before any page is parsed, and refuse the bombs early.

pdfminer (under pdfplumber) inflates a whole stream in memory when it meets it, follows page trees
without noticing a cycle, and draws nested form XObjects however often they repeat. Before that
happens, :func:`preflight` walks the objects once with pdfminer's own parser and checks the
per-document limits (sources/limits.py):

- objects in the cross-reference tables (``too_many_objects``);
- decoded bytes of every stream, inflated in 1 MiB pieces and counted, never kept
  (``decoded_too_large``): a 1 GiB flate bomb is refused after counting the limit's worth;
- the page tree, walked with the path kept: a node that contains itself is ``page_tree_cycle``,
  more leaves than the limit ``too_many_pages``;
- form XObjects: one that draws itself (directly or through others) is ``xobject_cycle``; the
  number of XObjects one page draws once nested forms are expanded (``reference_fanout``).
"""

from __future__ import annotations

import io
import zlib

from sources.errors import (
    DecodedTooLarge,
    PageTreeCycle,
    ReferenceFanout,
    TooManyObjects,
    TooManyPages,
    XObjectCycle,
)
from sources.limits import Limits

CHUNK = 1 << 20


def inflated_size(raw: bytes, cap: int) -> int:
    """Bytes ``raw`` inflates to, counted in bounded pieces; raises DecodedTooLarge past ``cap``."""
    d = zlib.decompressobj()
    total, pos = 0, 0
    while True:
        if d.unconsumed_tail:
            data = d.unconsumed_tail
        elif pos < len(raw):
            data, pos = raw[pos : pos + CHUNK], pos + CHUNK
        else:
            break
        try:
            out = d.decompress(data, CHUNK)
        except zlib.error:
            break  # a damaged stream: pdfminer decides what to do with it
        total += len(out)
        if total > cap:
            raise DecodedTooLarge(f"a stream inflates to more than {cap:,} bytes (decoded-bytes limit)")
        if d.eof:
            break
    return total


def _name(obj) -> str:
    return getattr(obj, "name", obj) if obj is not None else ""


def preflight(data: bytes, limits: Limits) -> dict:
    """Check the structure of the PDF in ``data``; return its figures or raise the limit's error.

    pdfminer's own exceptions (encryption, syntax) propagate: the reader turns them into reasons.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    objids: set[int] = set()
    for xref in doc.xrefs:
        objids.update(xref.get_objids())
        if len(objids) > limits.max_objects:
            raise TooManyObjects(f"more than {limits.max_objects:,} objects (object limit)")

    decoded = 0
    for objid in sorted(objids):
        try:
            obj = doc.getobj(objid)
        except Exception:
            continue
        if isinstance(obj, PDFStream):
            filters = [_name(f) for f, _ in obj.get_filters()]
            if filters and filters[0] in ("FlateDecode", "Fl"):
                decoded += inflated_size(obj.rawdata or b"", limits.max_decoded_bytes - decoded)
            else:
                decoded += len(obj.rawdata or b"")
            if decoded > limits.max_decoded_bytes:
                raise DecodedTooLarge(f"streams decode to more than {limits.max_decoded_bytes:,} bytes")

    def resolve(x):
        depth = 0
        while isinstance(x, PDFObjRef) and depth < 32:
            x, depth = x.resolve(), depth + 1
        return x

    # The page tree, with inherited resources.
    pages: list[dict] = []
    root = resolve(doc.catalog.get("Pages"))
    stack = [(root, id(root), frozenset(), None)]
    while stack:
        node, _, path, inherited = stack.pop()
        if not isinstance(node, dict):
            continue
        resources = resolve(node.get("Resources")) or inherited
        kids = resolve(node.get("Kids"))
        if _name(node.get("Type")) == "Pages" or (kids is not None and _name(node.get("Type")) != "Page"):
            for kid in reversed(list(kids or [])):
                key = kid.objid if isinstance(kid, PDFObjRef) else id(kid)
                if key in path:
                    raise PageTreeCycle(f"the page tree contains itself (object {key})")
                stack.append((resolve(kid), key, path | {key}, resources))
        else:
            pages.append({"resources": resources})
            if len(pages) > limits.max_pages:
                raise TooManyPages(f"more than {limits.max_pages:,} pages (page limit)")

    # Form XObjects: cycles and the expanded drawing count per page.
    expanded: dict[int, int] = {}

    def xobjects(resources) -> list:
        resources = resolve(resources)
        if not isinstance(resources, dict):
            return []
        xo = resolve(resources.get("XObject"))
        return list(xo.values()) if isinstance(xo, dict) else []

    def count(ref, path: frozenset) -> int:
        key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
        if key in path:
            raise XObjectCycle(f"form XObject {key} draws itself")
        if key in expanded:
            return expanded[key]
        obj = resolve(ref)
        total = 1
        if isinstance(obj, PDFStream) and _name(obj.attrs.get("Subtype")) == "Form":
            for child in xobjects(obj.attrs.get("Resources")):
                total += count(child, path | {key})
                if total > limits.max_draws:
                    break
        expanded[key] = total
        return total

    for number, page in enumerate(pages, 1):
        draws = sum(count(ref, frozenset()) for ref in xobjects(page["resources"]))
        if draws > limits.max_draws:
            raise ReferenceFanout(
                f"page {number} draws more than {limits.max_draws:,} XObjects once nested forms expand"
            )
    return {"objects": len(objids), "decoded_bytes": decoded, "pages": len(pages)}
