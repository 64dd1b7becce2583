"""A hostile corpus: every awkward kind of file issue 14 names, beside good reports.

``build(folder)`` writes the corpus into ``folder`` (sources) and ``folder.parent / "outside"``
(targets of links that lead out of the folder) and returns what each file must come to:
``{relative path: (status, reason)}``. Everything is generated here (reportlab for the good and
encrypted PDFs, hand-written PDF objects for the structural bombs); nothing is read from the
bundled corpus. Used by tests/hostile/test_hostile.py and bench/bench_hostile.py.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
import zlib
from pathlib import Path

GOOD = {
    # name -> (committee, year, proposals, inspections)
    "helan_2024.txt": ("贺兰县", 2024, 88, 9),
    "huinong_2023.txt": ("惠农区", 2023, 57, 6),
    "yongning_2024.txt": ("永宁县", 2024, 73, 7),
    "lingwu_2023.pdf": ("灵武市", 2023, 64, 8),
    "pingluo_2024.pdf": ("平罗县", 2024, 91, 5),
}


def report_text(committee: str, year: int, proposals: int, inspections: int) -> str:
    return (
        f"{committee}政协{year}年工作综述\n\n"
        f"{year}年，{committee}政协共收到委员提案{proposals}件，经审查立案{proposals - 5}件。\n\n"
        f"全年组织委员视察{inspections}次，召开常委会议4次，开展专题调研{inspections + 2}次。\n"
    )


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def text_pdf(text: str, *, pages: int = 1, encrypt: str | None = None) -> bytes:
    """A simple PDF with ``text`` (one paragraph per line) on each page, CJK font embedded by name."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = StandardEncryption(encrypt, ownerPassword=encrypt + "-owner", strength=128) if encrypt else None
    c = canvas.Canvas(buf, pagesize=(595, 842), encrypt=enc, invariant=1)
    font = _cjk_font()
    for _ in range(pages):
        y = 780
        for para in [p for p in text.split("\n") if p.strip()]:
            c.setFont(font, 12)
            for start in range(0, len(para), 40):
                c.drawString(60, y, para[start : start + 40])
                y -= 18
            y -= 10
        c.showPage()
    c.save()
    return buf.getvalue()


def raw_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF from object bodies (object n is ``objects[n-1]``) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", *, flate: bool = False) -> bytes:
    if flate:
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate_bomb(decoded_bytes: int = 1 << 30) -> bytes:
    """One content stream that inflates to ``decoded_bytes`` zeros (about 1 MB compressed).

    After a full flush deflate's output for the same input repeats exactly, so one 1 MiB block is
    compressed once and repeated; the trailer carries the checksum of the whole."""
    chunk = b"\0" * (1 << 20)
    count = decoded_bytes // len(chunk)
    z = zlib.compressobj(9)
    first = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    end = z.flush()[:-4]  # the final empty block, without the checksum of two chunks
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(chunk, adler)
    data = first + block * (count - 1) + end + adler.to_bytes(4, "big")
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(data, flate=True),
        ]
    )


def page_tree_cycle() -> bytes:
    """A Pages node whose kids include its own parent."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def self_referencing_xobject() -> bytes:
    """A form XObject that draws itself."""
    form = _stream(
        b"/X0 Do",
        b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 4 0 R >> >>",
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
            b"/Resources << /XObject << /X0 4 0 R >> >> >>",
            form,
            _stream(b"/X0 Do"),
        ]
    )


def reference_fanout(levels: int = 8, width: int = 10) -> bytes:
    """Forms that each draw ``width`` copies of the next level: width**levels drawings on one page."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /L0 5 0 R >> >> >>",
        _stream(b"/L0 Do"),
    ]
    for level in range(levels):
        n = 5 + level
        if level == levels - 1:
            objects.append(_stream(b"0 0 1 1 re f", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1]"))
            break
        names = b" ".join(b"/C%d %d 0 R" % (i, n + 1) for i in range(width))
        draws = b" ".join(b"/C%d Do" % i for i in range(width))
        objects.append(
            _stream(
                draws,
                b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << %s >> >>" % names,
            )
        )
    return raw_pdf(objects)


def many_pages(pages: int) -> bytes:
    """A page tree with ``pages`` empty pages (one shared content stream)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _stream(b"0 0 1 1 re f"),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    return raw_pdf(objects)


def cjk_soup(size_bytes: int, rng: random.Random) -> bytes:
    """Random characters from the whole CJK block, UTF-8, ``size_bytes`` long (with line breaks):
    1 MB of soup repeated (the gate measures the first 50,000 characters)."""
    n = min(size_bytes, 1 << 20) // 3
    chars = [chr(c) for c in rng.choices(range(0x4E00, 0x9FA6), k=n)]
    for i in range(60, n, 61):
        chars[i] = "\n"
    unit = "".join(chars).encode("utf-8")
    data = (unit * (size_bytes // len(unit) + 1))[:size_bytes]
    return data.decode("utf-8", "ignore").encode("utf-8")  # no character cut in half at the end


def common_soup(chars: int, rng: random.Random) -> bytes:
    """Random characters drawn only from the 3,755 common hanzi: passes a character test, not a bigram one."""
    common = [bytes([a, b]).decode("gb2312") for a in range(0xB0, 0xD8) for b in range(0xA1, 0xFF)
              if not (a == 0xD7 and b > 0xF9)]  # fmt: skip
    text = "".join(rng.choice(common) + ("。\n" if i % 40 == 39 else "") for i in range(chars))
    return text.encode("utf-8")


def latin1_mojibake(text: str) -> bytes:
    """UTF-8 bytes read as Latin-1 and saved again as UTF-8: the classic mojibake."""
    return text.encode("utf-8").decode("latin-1").encode("utf-8")


def _zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in text.split("\n") if p)
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": (
                '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>"
            ).encode(),
        }
    )


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def build(folder: Path, *, soup_bytes: int = 20 << 20, seed: int = 14) -> dict[str, tuple[str, str | None]]:
    """Write the corpus; return ``{relative path: (status, reason)}`` for every file in it."""
    rng = random.Random(seed)
    folder = Path(folder)
    outside = folder.parent / "outside"
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    expected: dict[str, tuple[str, str | None]] = {}

    def put(name: str, data: bytes, status: str, reason: str | None) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = (status, reason)

    # Good reports: text and PDF.
    for name, spec in GOOD.items():
        text = report_text(*spec)
        put(name, text_pdf(text) if name.endswith(".pdf") else text.encode("utf-8"), "loaded", None)
    # An ordinary article without a year: loaded, its figures held for review (no period).
    put("news/article_no_year.txt",
        "固原市政协持续深化协商议政\n\n去年以来，固原市政协共收到委员提案96件，全年组织委员视察11次。\n".encode(),
        "loaded", None)  # fmt: skip
    # An implausible figure: loaded, that mention held for review (out of bounds).
    put("news/implausible.txt", report_text("西吉县", 2024, 9_000_000, 6).encode("utf-8"), "loaded", None)
    # Wrong suffixes: type by content.
    put("wrong/text_named.pdf", report_text("隆德县", 2024, 45, 4).encode("gb18030"), "loaded", None)
    put("wrong/pdf_named.txt", text_pdf(report_text("泾源县", 2023, 38, 3)), "loaded", None)
    # Broken cross-reference table (xref and trailer cut off): pdfplumber fails, pdfium repairs.
    good = text_pdf(report_text("彭阳县", 2024, 52, 6))
    put("pdf/broken_xref.pdf", good[: good.rfind(b"xref")], "loaded", None)
    # Exact duplicate; empty files (an empty .txt has the same bytes as an empty .pdf).
    put("helan_2024_copy.txt", (folder / "helan_2024.txt").read_bytes(), "duplicate", "duplicate")
    put("empty.txt", b"", "quarantined", "empty")
    put("empty.pdf", b"", "quarantined", "empty")
    # Hostile PDFs.
    put(
        "pdf/encrypted.pdf",
        text_pdf(report_text("海原县", 2024, 61, 5), encrypt="secret"),
        "quarantined",
        "encrypted",
    )
    put("pdf/flate_bomb.pdf", flate_bomb(), "quarantined", "decoded_too_large")
    put("pdf/page_tree_cycle.pdf", page_tree_cycle(), "quarantined", "page_tree_cycle")
    put("pdf/xobject_self.pdf", self_referencing_xobject(), "quarantined", "xobject_cycle")
    put("pdf/fanout.pdf", reference_fanout(), "quarantined", "reference_fanout")
    put("pdf/huge.pdf", many_pages(2500), "quarantined", "too_many_pages")
    put("pdf/truncated.pdf", good[:400], "quarantined", "corrupt")
    # Text that is not language.
    put("text/cjk_soup.txt", cjk_soup(soup_bytes, rng), "quarantined", "unreadable_text")
    put("text/common_soup.txt", common_soup(3000, rng), "quarantined", "unreadable_text")
    put(
        "text/mojibake.txt",
        latin1_mojibake(report_text("红寺堡区", 2024, 33, 4)),
        "quarantined",
        "unreadable_text",
    )
    put("text/binary_junk.txt", rng.randbytes(200_000), "quarantined", "unreadable_text")
    put(
        "text/too_many_chars.txt",
        ("政协委员履职尽责。" * 1_200_000).encode("utf-8"),
        "quarantined",
        "too_many_chars",
    )
    # Types without a reader, and the ones with a reader since.
    put("office/report.doc", OLE_MAGIC + rng.randbytes(4096), "unsupported", "unsupported")
    put("office/report.wps", OLE_MAGIC + rng.randbytes(2048), "unsupported", "unsupported")
    # A zip that calls itself .docx but lacks the package relationships: corrupt, not a report.
    put("office/report.docx", _docx(report_text("沙坡头区", 2024, 40, 4)), "quarantined", "corrupt")
    put("web/page.html", f"<!DOCTYPE html><html><body><p>{report_text('金凤区', 2024, 50, 5)}</p></body></html>".encode(),
        "loaded", None)  # fmt: skip
    put("web/scan.png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(1024), "unsupported", "unsupported")
    # Archives.
    member_report = report_text("大武口区", 2024, 47, 5).encode("utf-8")
    put("archives/reports.zip", _zip({
        "2024/dawukou_2024.txt": member_report,
        "../../escape.txt": b"climbs out",
        "/etc/absolute.txt": b"absolute",
        "inner/nested.zip": _zip({"a.txt": b"x"}),
        "bomb.txt": b"\0" * (16 << 20),
        "2024/empty.txt": b"",
    }), "expanded", None)  # fmt: skip
    expected["archives/reports.zip!/2024/dawukou_2024.txt"] = ("loaded", None)
    expected["archives/reports.zip!/../../escape.txt"] = ("quarantined", "unsafe_member_path")
    expected["archives/reports.zip!//etc/absolute.txt"] = ("quarantined", "unsafe_member_path")
    expected["archives/reports.zip!/inner/nested.zip"] = ("quarantined", "nested_archive")
    expected["archives/reports.zip!/bomb.txt"] = ("quarantined", "compression_ratio")
    expected["archives/reports.zip!/2024/empty.txt"] = ("quarantined", "empty")
    put("archives/too_many.zip", _zip({f"m{i}.txt": b"x" for i in range(1001)}, compression=zipfile.ZIP_STORED),
        "quarantined", "too_many_members")  # fmt: skip
    put("archives/broken.zip", b"PK\x03\x04" + rng.randbytes(300), "quarantined", "corrupt_archive")
    # Links and special files: never opened. The FIFO outside would block whoever opened it.
    secret = outside / "secret.txt"
    secret.write_text(report_text("外部", 2024, 1, 1), encoding="utf-8")
    fifo = outside / "pipe"
    if not fifo.exists():
        os.mkfifo(fifo)
    os.symlink(fifo, folder / "link_to_fifo.txt")
    expected["link_to_fifo.txt"] = ("quarantined", "outside_sources")
    os.symlink(secret, folder / "link_outside.txt")
    expected["link_outside.txt"] = ("quarantined", "outside_sources")
    os.symlink(outside, folder / "linked_dir")
    expected["linked_dir"] = ("quarantined", "outside_sources")
    os.symlink("helan_2024.txt", folder / "link_inside.txt")
    expected["link_inside.txt"] = ("quarantined", "link")
    os.mkfifo(folder / "inbox_pipe.txt")
    expected["inbox_pipe.txt"] = ("quarantined", "not_a_file")
    return expected
