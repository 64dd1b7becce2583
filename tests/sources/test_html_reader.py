"""The HTML reader on pages we wrote in the templates of county/city government and CPPCC sites
(tests/sources/html/make_fixtures.py): boilerplate removal, charsets, metadata, tables, provenance."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pipelines.extract import extract_mentions
from sources import read_document
from sources.html_reader import decode_html, parse_byline
from tests.sources.html.make_fixtures import write_page

HERE = Path(__file__).parent / "html"
FURNITURE = ("分享", "字号", "打印", "关闭", "阅读", "浏览", "当前位置", "您的位置", "首页", "版权所有",
             "ICP", "相关文章", "相关新闻", "上一篇", "下一篇", "责任编辑", "联系我们", "搜索")  # fmt: skip


@pytest.mark.parametrize(
    "name, encoding, title, date, source",
    [
        (
            "county_gb2312.html",
            "gb18030",
            "县政协召开2024年度提案办理工作推进会",
            "2024-06-18",
            "示例县融媒体中心",
        ),
        ("city_utf8.html", "utf-8", "市政协2023年度社情民意信息工作综述", "2024-01-12", "市政协办公室"),
        ("district_gbk_undeclared.htm", "gb18030", "区政协开展委员履职培训", "2023-11-02", "区政协办公室"),
    ],
)
def test_metadata_and_no_furniture(name, encoding, title, date, source):
    doc = read_document(HERE / name)
    assert doc.media_type == "text/html" and doc.encoding == encoding
    assert (doc.metadata["title"], doc.metadata["date"], doc.metadata["source"]) == (title, date, source)
    assert doc.metadata["publication_date"] == date
    # headline, then the byline the extraction reads as text (subject and period context)
    assert [b.role for b in doc.blocks[:2]] == ["headline", "byline"]
    assert doc.block_text(doc.blocks[0]) == title
    assert source in doc.block_text(doc.blocks[1]) and "发布时间" in doc.block_text(doc.blocks[1])
    body = doc.display_text[doc.blocks[1].end :]
    assert not [w for w in FURNITURE if w in body]
    assert "script" not in doc.display_text and "document.write" not in doc.display_text


def test_gbk_characters_in_a_gb2312_page():
    doc = read_document(HERE / "county_gb2312.html")
    assert doc.metadata["author"] == "李喆"  # 喆 is GBK, not GB2312: decoded as GB18030
    assert doc.metadata["breadcrumb"] == "首页 > 工作动态 > 正文"
    assert doc.metadata["editor"] == "张三"
    with pytest.raises(UnicodeDecodeError):
        (HERE / "county_gb2312.html").read_bytes().decode("gb2312")


def test_charset_sources():
    text = "<html><head><title>政协</title></head><body><p>收到提案120件。</p></body></html>"
    assert decode_html(codecs.BOM_UTF8 + text.encode("utf-8"))[1] == "utf-8-sig"
    declared = text.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    )
    assert decode_html(declared.encode("gbk")) == (declared, "gb18030")
    wrong = text.replace("<head>", '<head><meta charset="utf-8">')  # declared UTF-8, saved as GBK
    assert decode_html(wrong.encode("gbk")) == (wrong, "gb18030")
    assert decode_html(text.encode("utf-8"))[1] == "utf-8"
    big5 = (
        text.replace("<head>", '<head><meta charset="big5">')
        .replace("政协", "政協")
        .replace("收到提案", "收到提案")
    )
    assert decode_html(big5.encode("big5")) == (big5, "big5hkscs")  # traditional pages: Big5 with HKSCS


def test_body_paragraphs_headings_and_paths():
    doc = read_document(HERE / "city_utf8.html")
    roles = [(b.role, b.level) for b in doc.blocks]
    assert roles == [("headline", None), ("byline", None), ("body", None), ("heading", 2), ("body", None),
                     ("heading", 2), ("table", None), ("body", None)]  # fmt: skip
    para = doc.blocks[4]
    assert para.path == "html/body/main/article/div[2]/p[2]"  # the page as saved, furniture included
    assert doc.block_text(para).startswith("全年共收到社情民意信息420篇")
    for b in doc.blocks:
        assert doc.locate(b.start) == b


def test_br_paragraphs_in_one_element():
    doc = read_document(HERE / "district_gbk_undeclared.htm")
    body = [doc.block_text(b) for b in doc.blocks if b.role == "body"]
    assert (
        len(body) == 3
        and body[1].startswith("培训期间")
        and all(b.path == "html/body/div[5]" for b in doc.blocks[2:])
    )


def test_table_rows_and_header_cells():
    doc = read_document(HERE / "county_gb2312.html")
    (table,) = doc.tables
    cells = [[(doc.display_text[c.start : c.end], c.header) for c in row] for row in table.rows]
    assert cells == [
        [("类别", True), ("立案数（件）", True), ("已办复（件）", True)],
        [("经济建设", False), ("61", False), ("45", False)],
        [("社会事业", False), ("52", False), ("33", False)],
    ]
    block = doc.locate(table.start)
    assert block.role == "table" and block.path.endswith("td/table")


def test_mentions_come_from_the_article_only():
    county = extract_mentions(read_document(HERE / "county_gb2312.html"))
    values = {(m.surface, m.metric) for m in county}
    assert {
        ("156件", "proposals.received"),
        ("142件", "proposals.accepted"),
        ("69%", "proposals.resolution_rate"),
    } <= values
    # furniture figures: read counter 586次, related list 3次 / 12个, ICP number; none is a mention
    assert not {m.value for m in county} & {586, 3, 12, 12345678, 1234000001}
    # a breakdown table (类别): each cell is a mention with its category, no metric, unit from the header
    cells = [m for m in county if m.sentence.startswith(("经济建设", "社会事业"))]
    assert [(m.value, m.unit, m.metric) for m in cells] == [
        (61, "件", None),
        (45, "件", None),
        (52, "件", None),
        (33, "件", None),
    ]
    city = extract_mentions(read_document(HERE / "city_utf8.html"))
    assert not {m.value for m in city} & {1024, 18, 300}  # 浏览次数, related news
    by_value = {m.value: m for m in city}
    assert by_value[230000000].unit == "元" and type(by_value[230000000].value) is int  # 2.3亿元, exact
    table = [m for m in city if m.bbox is None and "：" in m.sentence and m.surface in ("420", "86")]
    assert [(m.value, m.unit, m.metric, m.period_end) for m in table] == [
        (420, "篇", "public_opinion.collected", 2023),
        (86, "期", "public_opinion.compiled", 2023),
    ]


@pytest.mark.parametrize(
    "line, want",
    [
        ("发布时间：2024-01-05 10:16 来源：XX县政协 作者：李四 阅读：586次",
         {"date": "2024-01-05", "date_text": "2024-01-05 10:16", "source": "XX县政协", "author": "李四"}),
        ("2023年11月2日　信息来源：区政协办公室",
         {"date": "2023-11-02", "date_text": "2023年11月2日", "source": "区政协办公室"}),
        ("日期：2022/3/1 浏览次数：88", {"date": "2022-03-01", "date_text": "2022/3/1"}),
    ],
)  # fmt: skip
def test_byline_fields(line, want):
    assert parse_byline(line) == want


# Shapes met on real saved pages (bench/real_html/manifest.csv), rebuilt with our own text in
# make_fixtures.py: a JSP source with hidden friend-link URLs and <div> paragraphs, a breadcrumb h2
# before the h1 with a bare date line, a source line on top and the date under the article.
@pytest.mark.parametrize(
    "name, title, subtitle, date, source, editor, figures",
    [
        ("province_jsp.html", "省政协调研组来我市开展专题调研", "实地察看9个项目", "2024-05-21", "示例日报", None,
         ["9个", "9个", "46处", "12万人"]),
        ("portal_bare_date.html", "市政协2024年收到提案412件", None, "2025-01-08", "示例日报", None,
         ["412件", "412件", "385件", "100%"]),
        ("table_source_top.htm", "区政协委员开展视察活动", None, "2024-04-10", "区政协办公室", "赵某",
         ["15人", "3个"]),
    ],
)  # fmt: skip
def test_real_template_shapes(tmp_path, name, title, subtitle, date, source, editor, figures):
    doc = read_document(write_page(tmp_path, name))
    assert doc.media_type == "text/html"  # server directives before the markup do not make it text
    meta = doc.metadata
    assert (meta["title"], meta["date"], meta["source"], meta.get("editor")) == (title, date, source, editor)
    subtitles = [doc.block_text(b) for b in doc.blocks if b.role == "subtitle"]
    assert subtitles == ([subtitle] if subtitle else [])
    body = doc.display_text
    for furniture in (
        "http://",
        "示例单位",
        "纠错",
        "【1】",
        "2019-03-02",
        "您的当前位置",
        "打印",
        "版权所有",
    ):
        assert furniture not in body, furniture
    assert sorted(m.surface for m in extract_mentions(doc)) == sorted(figures)


def test_a_bracketed_note_stays_in_the_article(tmp_path):
    doc = read_document(write_page(tmp_path, "portal_bare_date.html"))
    assert "（资料来源：市政协提案委员会）" in doc.display_text
    assert doc.metadata["source"] == "示例日报"  # the note's 来源 is not the page's source


def test_hidden_elements_are_not_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><div class='content'><p>委员提交提案25件，立案20件。</p>"
        "<p style='display: none'>隐藏段落提案99件。</p><p hidden>另一隐藏段落8件。</p></div></body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert "25件" in doc.display_text and "99件" not in doc.display_text and "8件" not in doc.display_text


def test_a_table_template_page_keeps_no_counter_and_gives_its_address(tmp_path):
    """A government template without furniture classes: counters, print/close links, the font bar and
    the footer's record numbers are no text and no figures; the canonical address is kept."""
    page = (
        "<html><head><meta charset='utf-8'><title>政协工作</title>"
        "<meta property='og:url' content='http://www.example.gov.cn/art/2023/12/28/art_12_345.html'></head>"
        "<body><table><tr><td><p align='center'><b>平罗县政协开展提案办理视察</b></p>"
        "<p>来源：平罗县政协　点击率：<span>345</span>　[打印] [关闭]</p>"
        "<p>【字体：<a href='#'>大</a> <a href='#'>中</a> <a href='#'>小</a>】</p>"
        "<p>平罗县政协组织委员视察提案办理情况，共办结提案96件。</p>"
        "<p>浏览：<span>1523</span>次</p></td></tr></table>"
        "<p>备案号：宁ICP备12000111号-1　政府网站标识码6402210001</p>"
        "<p>访问次数: 123456  今日访问：321</p></body></html>"
    )
    path = tmp_path / "template.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.metadata["source"] == "平罗县政协"
    assert doc.metadata["canonical"].endswith("art_12_345.html")
    for furniture in ("345", "1523", "123456", "ICP", "字体", "打印"):
        assert furniture not in doc.text
    assert [(m.surface, m.period_start) for m in extract_mentions(doc)] == [("96件", 2023)]
