"""Generate the lying-text-layer fixtures: small pages whose CJK glyphs decode to nonsense.

    .venv/bin/python tests/sources/pdf/make_text_layer_fixtures.py

Each page is drawn once by ``sources.pdfgen`` with an embedded, subsetted TrueType font
(fonts-wqy-zenhei, or ``CSTATS_CJK_TTF``) and then written three times, only the fonts' ToUnicode
maps differing (the glyphs, their codes and the page look the same):

* ``tl_clean``: reportlab's own ToUnicode (the clean twin);
* ``tl_ascii``: every code mapped to a printable ASCII character (``!"#$%&'()*+,-./...``), what
  e-paper pages from some typesetting and export chains decode to;
* ``tl_pua``: every code mapped to a private-use code point (U+E000 + code);
* ``tl_nomap``: the ToUnicode maps removed (the reader then sees raw codes);
* ``tl_invisible``: ``tl_ascii`` with its text drawn invisibly (render mode 3, as OCR layers are):
  neither the text layer nor OCR of the rendered page reads as language;
* ``tl_outlines``: the clean twin with every glyph converted to a filled path (Ghostscript's
  pdfwrite with ``-dNoOutputFonts``, where ``gs`` is installed): no text layer at all, as some
  government PDFs are printed. Its bytes depend on the Ghostscript version, so it is written only
  when missing or asked for (``--outlines``).

Pages are small (two columns, about a quarter of A4) so OCR of each costs about a second, and
share the clean twin's ``tl_clean.truth.json`` (tests/sources/pdf/text_layer/, apart from the
layout fixtures). Tests only read the committed files.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from make_fixtures import article, stories

from sources.pdfgen import Layout, PageSpec, render_page

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "text_layer"
_OBJ = re.compile(rb"\n(\d+) 0 obj\n")


def _cmap(mapping: dict[int, int]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
    ]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{c:02X}> <{u:04X}>" for c, u in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _objects(data: bytes) -> tuple[bytes, dict[int, bytes], bytes]:
    """Header, object bodies by number (between ``N 0 obj`` and ``endobj``) and the trailer dict."""
    marks = list(_OBJ.finditer(data))
    objs = {}
    for m in marks:
        end = data.index(b"endobj", m.end())
        objs[int(m.group(1))] = data[m.end() : end]
    head = data[: marks[0].start() + 1]
    trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S).group(1)
    return head, objs, trailer


def _write(head: bytes, objs: dict[int, bytes], trailer: bytes) -> bytes:
    out = bytearray(head)
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"endobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer)
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def relabel(clean: bytes, kind: str) -> bytes:
    """The clean PDF with every embedded TrueType font's ToUnicode map replaced (``ascii``,
    ``pua``) or removed (``nomap``)."""
    head, objs, trailer = _objects(clean)
    for body in list(objs.values()):
        m = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if not m or b"/TrueType" not in body:
            continue
        ref = int(m.group(1))
        if kind == "nomap":
            objs = {n: (b.replace(m.group(0), b"") if b is body else b) for n, b in objs.items()}
            continue
        codes = range(0, 256)
        if kind == "ascii":
            mapping = {c: 0x21 + c % 94 for c in codes}
        else:
            mapping = {c: 0xE000 + c for c in codes}
        stream = zlib.compress(_cmap(mapping))
        objs[ref] = (
            b"<< /Filter [ /FlateDecode ] /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream\n"
        )
    return _write(head, objs, trailer)


def invisible(data: bytes) -> bytes:
    """``data`` with every text object drawn in render mode 3 (invisible)."""
    head, objs, trailer = _objects(data)
    for n, body in objs.items():
        m = re.match(
            rb"<<\s*/Filter \[ /ASCII85Decode /FlateDecode \] /Length \d+\s*>>\s*stream\r?\n(.*)endstream",
            body,
            re.S,
        )
        if not m:
            continue
        raw = m.group(1).strip()
        content = zlib.decompress(base64.a85decode(raw, adobe=raw.startswith(b"<~") or raw.endswith(b"~>")))
        content = content.replace(b"BT", b"BT 3 Tr")
        stream = zlib.compress(content)
        objs[n] = (
            b"<< /Filter [ /FlateDecode ] /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream\n"
        )
    return _write(head, objs, trailer)


def outlines(clean: Path, out: Path) -> bool:
    """Write ``clean`` with its text converted to outlines; False when Ghostscript is missing."""
    gs = shutil.which("gs")
    if not gs:
        return False
    cmd = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite", "-dNoOutputFonts"]
    subprocess.run([*cmd, f"-sOutputFile={out}", str(clean)], check=True)
    return True


def main() -> None:
    st = stories()
    page = PageSpec([article(st["training"])], masthead="平川日报", date_line="2024年3月5日 星期二")
    layout = Layout(
        columns=2,
        page_size=(420.0, 420.0),
        body_size=10,
        headline_size=18,
        font="ttf",
        stream_seed=5,
    )
    clean = FIXTURES / "tl_clean.pdf"
    truth = render_page(page, clean, layout)
    truth.write(FIXTURES / "tl_clean.truth.json")
    data = clean.read_bytes()
    for kind in ("ascii", "pua", "nomap"):
        (FIXTURES / f"tl_{kind}.pdf").write_bytes(relabel(data, kind))
    (FIXTURES / "tl_invisible.pdf").write_bytes(invisible(relabel(data, "ascii")))
    print("wrote", ", ".join(f"tl_{k}.pdf" for k in ("clean", "ascii", "pua", "nomap", "invisible")))
    target = FIXTURES / "tl_outlines.pdf"
    if not target.exists() or "--outlines" in sys.argv:
        print("wrote tl_outlines.pdf" if outlines(clean, target) else "gs not found: tl_outlines.pdf kept")


if __name__ == "__main__":
    main()
