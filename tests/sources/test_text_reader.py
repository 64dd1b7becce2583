import codecs

import pytest

from sources import read_document
from sources.errors import EmptyDocument, MissingFile, UndecodableText, UnreadableText, Unsupported
from sources.text_reader import decode

REPORT = "平罗县政协2024年工作综述\n\n全年共收到提案一百二十件，办结率１００％。\n委员讲堂12场次。\n"
TRADITIONAL = "石嘴山市政協全年收到提案231件，辦結率100%。組織委員視察9次。"


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("utf-8", REPORT.encode("utf-8")),
        ("utf-8-sig", codecs.BOM_UTF8 + REPORT.encode("utf-8")),
        ("gb18030", REPORT.encode("gbk")),
        ("utf-16", REPORT.encode("utf-16")),
        ("utf-16-le", REPORT.encode("utf-16-le")),
        ("utf-16-be", REPORT.encode("utf-16-be")),
    ],
)
def test_decodes_every_encoding_to_the_same_text(encoding, data):
    text, found = decode(data)
    assert text.lstrip("\ufeff") == REPORT
    assert found == encoding


def test_big5_is_not_mistaken_for_gbk():
    text, enc = decode(TRADITIONAL.encode("big5"))
    assert enc == "big5"
    assert text == TRADITIONAL


def test_gbk_is_not_mistaken_for_big5_on_short_text():
    short = "收到提案九十四件。"
    text, enc = decode(short.encode("gbk"))
    assert (text, enc) == (short, "gb18030")


def test_traditional_kept_for_display_simplified_for_extraction(tmp_path):
    p = tmp_path / "report.txt"
    p.write_bytes(TRADITIONAL.encode("big5"))
    doc = read_document(p)
    assert doc.display_text == TRADITIONAL
    assert "政协" in doc.text and "办结率" in doc.text
    assert len(doc.text) == len(doc.display_text)


def test_full_width_digits_normalised_but_original_kept(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    doc = read_document(p)
    i = doc.text.index("100%")
    assert doc.display_text[i : i + 4] == "１００％"


def test_blocks_have_offsets_and_roles(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    doc = read_document(p)
    assert [b.role for b in doc.blocks] == ["headline", "body"]
    # lines of one paragraph are joined without a space between CJK characters
    assert doc.block_text(doc.blocks[1]) == "全年共收到提案一百二十件,办结率100%。委员讲堂12场次。".replace(
        ",", "，"
    )
    for b in doc.blocks:
        assert doc.locate(b.start) == b and doc.locate(b.end - 1) == b
    assert doc.locate(doc.blocks[0].end) is None  # the blank line between blocks


def test_one_paragraph_per_line_when_no_blank_lines(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("标题\n第一段。\n第二段。\n", encoding="utf-8")
    assert len(read_document(p).blocks) == 3


def test_undecodable_bytes_are_an_error_with_a_reason(tmp_path):
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 20)
    with pytest.raises(UndecodableText) as e:
        read_document(p)
    assert "GB18030" in str(e.value) and "Big5" in str(e.value)
    assert e.value.reason == "undecodable"


def test_binary_is_refused_by_content(tmp_path):
    png = tmp_path / "bin.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x10")
    with pytest.raises(Unsupported, match="image"):
        read_document(png)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UnreadableText, match="binary"):
        read_document(junk)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"\n \n")
    with pytest.raises(EmptyDocument):
        read_document(p)


def test_missing_and_unknown(tmp_path):
    with pytest.raises(MissingFile):
        read_document(tmp_path / "nope.txt")
    p = tmp_path / "report.xyz"
    p.write_bytes(b"GIF89a" + bytes(64))  # an image under an unknown suffix: no reader
    with pytest.raises(Unsupported):
        read_document(p)
