"""Issue 24, round 25: periods on v13's development half. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_a_january_page_whose_title_is_the_work_report_covers_the_year_before(extract):
    # the page is the standing committee's report itself (its digest), dated in January: the report
    # reviews the year before the session, even with no review word in its text
    page = (
        "当前位置：首页 > 要闻\n\n"
        "凝心聚力谱新篇——市政协常委会工作报告解读\n\n"
        "发布时间：2023年01月12日 10:20\n\n"
        "●组织委员开展专题调研，形成调研报告36份\n\n"
        "●引导委员提交提案420件，立案395件\n"
    )
    got = periods(extract(page))
    assert got["36份"] == (2022, 2022)
    assert got["420件"] == (2022, 2022)


def test_a_title_that_tells_of_the_report_being_delivered_is_a_session_page(extract):
    # negative: the title reports the session where the report was delivered; the session's own
    # attendance stays in the session's year
    page = (
        "当前位置：首页 > 要闻\n\n"
        "市政协九届三次会议开幕 张三作市政协常委会工作报告\n\n"
        "发布时间：2023年01月12日 10:20\n\n"
        "1月12日上午，市政协九届三次会议开幕。会议应出席委员300名，实到委员280名。\n"
    )
    got = periods(extract(page))
    assert got["280名"] == (2023, 2023)


def test_a_dash_before_a_date_alone_is_the_page_date_line(extract):
    # a session page's date line written after a dash (——— 2024-01-20): the attendance at the
    # session counts for its year (with no date the page had no year of its own)
    page = (
        "字号：大 中 小\n\n"
        "政协某某县第十届委员会第三次会议开幕\n\n"
        "———  2024-01-20\n\n"
        "1月20日，政协某某县第十届委员会第三次会议开幕。过去的一年，全县各项事业取得新进展。\n\n"
        "会议应出席委员150名，实到委员138名，符合政协章程规定。\n"
    )
    got = periods(extract(page))
    assert got["138名"] == (2024, 2024)


def test_a_dashed_delivery_line_with_words_is_no_date_line(extract):
    # negative: ——2024年1月20日在…会议上 is the report's delivery line, part of its header; the report
    # is dated by it as before (the year it reviews), not read as a page's publication line
    page = (
        "政协某某县委员会常务委员会工作报告\n\n"
        "——2024年1月20日在政协某某县第十届委员会第三次会议上\n\n"
        "一年来，县政协共收到提案180件，立案165件。\n"
    )
    got = periods(extract(page))
    assert got["180件"] == (2023, 2023)
