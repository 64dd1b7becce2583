"""Rules for saved web pages (issue 13): page furniture, date lines, subject and period.

Every page here is written for this test in the shape of committee web pages (breadcrumbs, meta
lines, share bars, footers); the figures and names of people are invented.
"""

from __future__ import annotations

import pytest

from pipelines.extract.page import find_date, page_frame
from pipelines.extract.subject import committee_names, find_subject
from sources import read_document


@pytest.fixture
def page(tmp_path):
    """A saved page as the text reader reads it: one block per line."""

    def make(*lines: str, name: str = "page"):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        return read_document(path)

    return make


def periods(ms):
    return [(m["surface"], m["period_start"], m["period_end"]) for m in ms]


def owners(ms):
    return {m["committee_code"] for m in ms}


# ---- furniture ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, date",
    [
        ("发布时间：2021-06-18 09:30 来源：固原日报", (2021, 6, 18)),
        ("2019年03月02日 10:15   来源：宁夏新闻网", (2019, 3, 2)),
        ("12.05.2022  08:40", (2022, 5, 12)),
        ("日期：2023/11/7 | 浏览次数：", (2023, 11, 7)),
    ],
)
def test_date_lines_in_their_usual_forms(line, date):
    assert find_date(line) == date


def test_furniture_counters_share_bars_and_section_numbers_give_no_mentions(page, extract):
    lines = (
        "首页 > 政协动态 > 工作动态",
        "县政协召开提案办理协商会",
        "发布时间：2024-07-09 来源：彭阳县融媒体中心 阅读：586次",
        "字号：大 中 小 | 分享到：",
        "7月8日，县政协召开提案办理协商会，对12件重点提案的办理情况进行协商。",
        "01",
        "02",
        "03",
        "上一篇：县政协开展视察 下一篇：委员读书活动",
        "浏览次数：1024 打印本页 关闭窗口",
    )
    ms = extract("\n\n".join(lines) + "\n", name="pengyang_page")
    assert [(m["surface"], m["committee_code"], m["period_start"]) for m in ms] == [("12件", "640425", 2024)]
    doc = page(*lines)
    frame = page_frame(doc)
    title = doc.display_text[doc.blocks[frame.title].start : doc.blocks[frame.title].end]
    assert title == "县政协召开提案办理协商会"
    assert frame.date == (2024, 7, 9) and frame.source == "彭阳县融媒体中心"


def test_document_site_article_count_is_no_figure(extract):
    ms = extract("2023年政协某某县委员会常务委员会工作报告(共3篇)\n\n时间：2024-02-01 10:00\n", name="site")
    assert ms == []


def test_a_report_without_furniture_keeps_its_frame_empty(page):
    doc = page("政协平罗县委员会常务委员会工作报告", "——2025年1月8日在全体会议上", "一年来，共收到提案90件。")
    assert not page_frame(doc).is_page


# ---- subject -----------------------------------------------------------------------------------


def test_formal_term_qualified_names_resolve():
    assert [n.stem for n in committee_names("中国人民政治协商会议同心县第十二届委员会第三次会议")] == [
        "同心县"
    ]
    assert [n.stem for n in committee_names("政协第九届西吉县委员会常务委员会")] == ["西吉县"]


def test_traditional_names_with_pinyin_notes_resolve():
    text = "政協(xié)第十屆隆德縣委員會第四次會(huì)議召開"
    assert [n.stem for n in committee_names(text)] == ["隆德县"]


def test_committee_inside_a_book_title_is_not_the_subject(page):
    doc = page(
        "截至1月15日，县政协十一届三次会议共收到提案136件。",
        "根据《中国人民政治协商会议全国委员会提案工作条例》，经政协泾源县第十一届委员会提案审查委员会审查，立案120件。",
    )
    assert find_subject(doc).committee.code == "640424"


def test_relative_form_resolved_from_the_place_the_page_names(page):
    doc = page(
        "首页 > 要闻",
        "市政协召开主席会议",
        "发布时间：2022-05-10 来源：本网",
        "5月9日，市政协召开主席会议，听取社情民意信息工作汇报。",
        "会议要求，各专委会要围绕中共吴忠市委中心工作积极建言。",
    )
    res = find_subject(doc)
    assert res.committee.code == "640300" and "place" in res.evidence


def test_relative_form_resolved_from_the_source_line(page):
    doc = page(
        "县政协开展民主监督视察",
        "发布时间：2022-09-02 信息来源：盐池县融媒体中心",
        "9月1日，县政协组织委员开展民主监督视察。",
    )
    assert find_subject(doc).committee.code == "640323"


def test_relative_form_without_any_place_stays_null_with_a_reason(page):
    doc = page("区政协召开常委会议", "日期：2021-12-20", "12月18日，区政协召开常委会议，协商通过3项决议。")
    res = find_subject(doc)
    assert res.committee is None and "relative form" in res.reason


def test_variant_characters_opencc_leaves_resolve():
    from warehouse.register import load_register

    assert [c.code for c in load_register().find("陜西省")] == ["610000"]


# ---- period ------------------------------------------------------------------------------------


def test_news_item_dates_from_its_date_line_not_its_history_paragraph(extract):
    ms = extract(
        "市政协委员爱心捐赠活动\n\n发布时间：2021-04-12 来源：银川日报\n\n"
        "4月10日，银川市政协组织委员向敬老院捐赠物资8万元。\n\n"
        "早在2008年，市政协委员就发起成立助学基金，累计资助学生300余名。\n",
        name="news",
    )
    assert periods(ms) == [("8万元", 2021, 2021), ("300余名", None, None)]


def test_today_and_first_half_take_the_date_line_year(extract):
    ms = extract(
        "发布时间：2023-07-21\n\n今年上半年，固原市政协收集社情民意信息46条，开展专题调研5次。\n", name="half"
    )
    assert periods(ms) == [("46条", 2023, 2023), ("5次", 2023, 2023)]


def test_january_page_about_the_past_year_covers_the_year_before(extract):
    ms = extract(
        "中卫市政协提案工作报告摘登\n\n发布时间：2024-01-16 来源：中卫日报\n\n"
        "市政协四届二次会议以来，委员共提出提案210件，立案196件。\n",
        name="review",
    )
    assert periods(ms) == [("210件", 2023, 2023), ("196件", 2023, 2023)]


def test_proposals_a_session_received_count_for_the_session_year(extract):
    ms = extract(
        "海原县政协十届三次会议收到提案150件\n\n发布时间：2024-01-12\n\n"
        "截至2024年1月11日18时，大会共收到提案150件，经审查立案141件。\n",
        name="intake",
    )
    assert periods(ms) == [("150件", 2024, 2024), ("150件", 2024, 2024), ("141件", 2024, 2024)]


def test_term_summary_on_a_january_page_ends_the_year_before(extract):
    ms = extract(
        "五年来，自治区政协共收到提案3300件\n\n2023-01-13 10:20 来源：宁夏日报\n\n"
        "五年来，自治区政协共收到提案3300件，开展视察调研260次。\n",
        name="term",
    )
    assert {(m["period_start"], m["period_end"]) for m in ms} == {(2018, 2022)}


def test_term_range_written_with_months(extract):
    ms = extract(
        "2013年1月至2018年1月，政协石嘴山市第十届委员会任期的五年，共提出提案1200件。\n", name="months"
    )
    assert periods(ms) == [("1200件", 2013, 2017)]


def test_count_of_years_gives_a_range(extract):
    ms = extract("发布时间：2022-10-08\n\n自治区政协四年形成调研报告180余篇。\n", name="years")
    assert periods(ms) == [("180余篇", 2019, 2022)]


def test_no_year_and_no_date_line_leaves_the_period_null(extract):
    ms = extract("1月9日，县政协十一届四次会议开幕。过去一年，县政协共收到提案88件。\n", name="noyear")
    assert periods(ms) == [("88件", None, None)]


# ---- counts that are not this committee's ------------------------------------------------------


def test_handling_units_thresholds_plenum_ordinals_and_numeral_words(extract):
    ms = extract(
        "2024年，县政协共立案提案96件，交由43家承办单位办理，其中委员5人以上联名提案8件。"
        "本届政协召开的五次全会上，委员作大会发言40人次。县政协委员向县红十字会捐款2万元。"
        "提案办理答复1483件次，比上次会议增加21件。\n",
        name="counts",
    )
    assert [m["surface"] for m in ms] == ["96件", "8件", "40人次", "2万元", "1483件次"]


def test_last_year_on_a_dated_page(extract):
    ms = extract(
        "发布时间：2023-06-10 来源：盐池县融媒体中心\n\n"
        "去年，县政协共收到提案120件。今年以来，县政协开展民主监督视察5次。\n",
        name="lastyear",
    )
    assert periods(ms) == [("120件", 2022, 2022), ("5次", 2023, 2023)]
