"""The newspaper PDF reader against generated pages with known reading order.

The committed fixtures need no fonts; the generated-on-the-fly pages use reportlab's
non-embedded CID font, which needs no installed font either.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from make_fixtures import FIXTURES, article, stories
from reportlab.pdfgen import canvas

from sources import read_document
from sources.errors import CorruptDocument, EncryptedDocument, ImageOnlyDocument
from sources.guarded import read_with_limit
from sources.pdf.lines import joins_with_space
from sources.pdfgen import Layout, PageSpec, Photo, PullQuote, Truth, render_page
from sources.pdfgen.fonts import register
from sources.pdfgen.score import levenshtein, score

FIXTURE_PDFS = sorted(FIXTURES.glob("*.pdf"))
CSTATS = str(Path(sys.executable).with_name("cstats"))


def check(truth: Truth, doc) -> dict:
    result = score(truth, doc.display_text, doc)
    assert result["similarity"] >= 0.99, result
    assert result["cjk_spaces"] == 0, result
    assert result["order"] >= 0.98, result
    assert result["articles_exact"] is True, result
    return result


def test_at_least_six_fixture_layouts_are_committed():
    assert len(FIXTURE_PDFS) >= 6
    assert all(p.with_suffix(".truth.json").is_file() for p in FIXTURE_PDFS)


@pytest.mark.parametrize("pdf", FIXTURE_PDFS, ids=lambda p: p.stem)
def test_fixture_reading_order_articles_and_roles(pdf):
    truth = Truth.load(pdf.with_suffix(".truth.json"))
    doc = read_document(pdf)
    check(truth, doc)
    # Roles: each truth block sits in an output block of the same role.
    squeezed = "".join(doc.display_text.split())
    offsets = [i for i, ch in enumerate(doc.display_text) if not ch.isspace()]
    cursor, agree = 0, 0
    for tb in truth.blocks:
        p = "".join(tb.text.split())
        at = squeezed.find(p, cursor)
        cursor = at + len(p)
        block = doc.locate(offsets[at])
        agree += block.role == tb.role and block.page == tb.page
    assert agree == len(truth.blocks)
    assert [a.headline for a in doc.articles] == ["".join(a.headline.split()) for a in truth.articles]
    assert [(a.continued_from, a.continues_to) for a in doc.articles] == [
        (a.continued_from, a.continues_to) for a in truth.articles
    ]


def test_plain_extract_text_fails_where_the_reader_succeeds():
    """The fixtures are hard: pdfplumber's own extract_text() splits paragraphs and letter-spaces."""
    pdf = FIXTURES / "p3_6col_two_stacked_spaced.pdf"
    with pdfplumber.open(pdf) as p:
        base = p.pages[0].extract_text()
    result = score(Truth.load(pdf.with_suffix(".truth.json")), base)
    assert result["cjk_spaces"] > 100 and result["order"] < 0.8


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_varied_generated_layouts(tmp_path, seed):
    """Layouts drawn at random: columns, sizes, spacing, headline span, arrangement, separator
    rules or none, stream order."""
    rng = random.Random(seed)
    st = list(stories().values())
    rng.shuffle(st)
    cols = rng.choice([4, 5, 6])
    arrangement = rng.choice(["stacked", "side_by_side", "mixed"])
    photo = Photo("委员们在现场察看项目进展情况。", 0, 2, rng.uniform(70, 130), rng.randrange(6))
    quote = PullQuote("让协商成果更好转化为发展实效。", 0, 1, rng.randrange(2, 8))
    arts = [article(st[0], photos=[photo]), article(st[1], quotes=[quote])]
    if arrangement == "side_by_side":
        arts[0].columns, arts[1].columns = cols - 2, 2
    else:
        photo.column = rng.randrange(cols - 1)
    if arrangement == "mixed":
        arts.append(article(st[2]))
        arts[1].columns, arts[2].columns = cols // 2, cols - cols // 2
    layout = Layout(
        columns=cols,
        body_size=rng.uniform(9, 11),
        leading=rng.uniform(1.4, 1.7),
        letter_spacing=rng.choice([0, 0, 1.5, 3.0]),
        justify=rng.random() < 0.7,
        headline_size=rng.uniform(20, 30),
        headline_span=rng.choice([None, cols - 1, cols - 2]) if arrangement == "stacked" else None,
        gutter=rng.uniform(10, 16),
        arrangement=arrangement,
        rules=rng.random() < 0.6,
        fake_bold=rng.random() < 0.3,
        font="cid",
        stream_seed=rng.randrange(1000),
    )
    if rng.random() < 0.4:  # a coherent stream that reverses the geometry inside the first article
        layout.stream_seed, layout.stream_rotate = None, True
    out = tmp_path / "page.pdf"
    truth = render_page(PageSpec(arts, page_label=f"第{seed}版"), out, layout)
    check(truth, read_document(out))


def test_offsets_map_back_to_page_and_bbox():
    pdf = FIXTURES / "p2_4col_partial_quote_ttf.pdf"
    doc = read_document(pdf)
    at = doc.text.index("1432")
    block = doc.locate(at)
    assert block.page == 1 and block.role == "body"
    with pdfplumber.open(pdf) as p:
        chars = p.pages[0].chars
    seq = "".join(c["text"] for c in chars)
    c = chars[seq.index("1432")]
    assert any(
        b[0] - 1 <= c["x0"] and c["x1"] <= b[2] + 1 and b[1] - 1 <= c["top"] and c["bottom"] <= b[3] + 1
        for b in block.boxes
    )
    x0, top, x1, bottom = block.bbox
    assert x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom
    assert doc.display_text[block.start : block.end] == doc.block_text(block, display=True)


def _one_line_pdf(path: Path, text: str, font: str = "cid") -> Path:
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(register(font), 12)
    c.drawString(60, 760, text)
    c.save()
    return path


def test_full_width_digits_and_radicals_normalised_for_extraction_only(tmp_path):
    doc = read_document(_one_line_pdf(tmp_path / "fw.pdf", "全年提案１２０件，办结率９５％，⼈⺠满意。"))
    assert "１２０件" in doc.display_text and "120件" in doc.text and "95%" in doc.text
    assert "⺠" in doc.display_text and "人民满意" in doc.text
    assert len(doc.text) == len(doc.display_text)


def test_latin_words_keep_their_spaces_cjk_never_gets_one(tmp_path):
    doc = read_document(_one_line_pdf(tmp_path / "latin.pdf", "全县 GDP growth 达到 6.5%，同比增长"))
    assert "GDP growth" in doc.display_text
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", doc.display_text)
    assert joins_with_space("GDP", "growth") and not joins_with_space("全县", "GDP")


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(p), encrypt="s3cret")
    c.setFont(register("cid"), 12)
    c.drawString(60, 700, "保密文件")
    c.save()
    with pytest.raises(EncryptedDocument, match="encrypted"):
        read_document(p)


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without end")
    with pytest.raises(CorruptDocument):
        read_document(p)


def test_scan_without_text_layer_is_reported(tmp_path):
    from PIL import Image

    img = tmp_path / "scan.png"
    Image.new("L", (200, 280), 200).save(img)
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.drawImage(str(img), 50, 300, 400, 500)
    c.showPage()
    c.drawImage(str(img), 50, 300, 400, 500)
    c.save()
    with pytest.raises(ImageOnlyDocument, match="2 of 2 page"):
        read_document(p)


def test_a_scanned_page_among_text_pages_is_reported_per_page(tmp_path):
    from PIL import Image

    img = tmp_path / "scan.png"
    Image.new("L", (200, 280), 200).save(img)
    p = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(p))
    c.setFont(register("cid"), 12)
    c.drawString(60, 760, "第一页是文字。")
    c.showPage()
    c.drawImage(str(img), 50, 300, 400, 500)
    c.save()
    doc = read_document(p)
    assert doc.metadata["image_only_pages"] == [2]
    assert doc.pages == 2 and "第一页是文字" in doc.text


def test_font_without_tounicode_is_a_clear_error():
    # Committed (made by make_fixtures.broken_font), so the test needs no TrueType font installed.
    p = FIXTURES.parent / "bad" / "no_tounicode.pdf"
    assert b"/ToUnicode" not in p.read_bytes()
    with pytest.raises(CorruptDocument, match="ToUnicode"):
        read_with_limit(p, 30)


def test_rotated_text_is_kept_not_lost(tmp_path):
    p = tmp_path / "rot.pdf"
    c = canvas.Canvas(str(p), pagesize=(595, 842))
    c.setFont(register("cid"), 12)
    c.drawString(60, 760, "正文第一行文字。")
    c.saveState()
    c.translate(560, 300)
    c.rotate(90)
    c.drawString(0, 0, "本报地址 邮编750000")
    c.restoreState()
    c.save()
    doc = read_with_limit(p, 30)
    assert doc.metadata["rotated_glyphs"] > 0
    rotated = [b for b in doc.blocks if "750000" in doc.block_text(b)]
    assert rotated and rotated[0].role == "furniture"


def test_dense_page_ends_within_the_limit(tmp_path):
    p = tmp_path / "dense.pdf"
    c = canvas.Canvas(str(p), pagesize=(842, 1191))
    t = c.beginText()
    t.setFont(register("cid"), 5)
    s = "政协委员围绕乡村振兴提出建议共计一百二十件" * 8
    for row in range(130):  # 130 x 150 = 19,500 glyphs
        t.setTextOrigin(20, 1170 - row * 5.5)
        t.textOut(s[row % 7 : row % 7 + 150])
    c.drawText(t)
    c.save()
    doc = read_with_limit(p, 60)
    assert len(doc.text.replace("\n", "")) == 130 * 150


def test_edit_distance_matches_the_textbook_definition():
    rng = random.Random(5)
    for _ in range(50):
        a = "".join(rng.choice("政协ab") for _ in range(rng.randrange(12)))
        b = "".join(rng.choice("政协ab") for _ in range(rng.randrange(12)))
        d = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            prev, d[0] = d[0], i
            for j, cb in enumerate(b, 1):
                prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (ca != cb))
        assert levenshtein(a, b) == d[len(b)]


def test_cstats_text_prints_reading_order_and_json_provenance():
    pdf = FIXTURES / "p4_5col_side_by_side.pdf"
    truth = Truth.load(pdf.with_suffix(".truth.json"))
    plain = subprocess.run([CSTATS, "text", str(pdf)], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 0
    assert plain.stdout.split("\n\n")[3].strip() == truth.articles[0].headline
    r = subprocess.run([CSTATS, "text", "--json", str(pdf)], capture_output=True, text=True, timeout=120)
    data = json.loads(r.stdout)
    assert [a["headline"] for a in data["articles"]] == [a.headline for a in truth.articles]
    assert data["articles"][0]["continues_to"] == "（下转第三版）"
    first = data["articles"][0]["blocks"][0]
    assert first["role"] == "headline" and first["page"] == 1 and len(first["bbox"]) == 4
    assert {b["role"] for b in data["furniture"]} == {"furniture"}
    assert any(b["role"] == "caption" for b in data["articles"][1]["blocks"])
