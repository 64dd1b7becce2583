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


def test_what_the_chair_says_delivering_the_work_report_is_the_year_before(extract):
    # a session page dated in January: the chair's words in delivering the standing committee's report
    # (作工作报告时表示) review the year before, even with no review word; the session's own attendance
    # stays in the session's year
    page = (
        "当前位置：首页 > 要闻\n\n"
        "市政协九届三次会议开幕\n\n"
        "发布时间：2023年01月12日 10:20\n\n"
        "1月12日，市政协九届三次会议开幕。会议应出席委员300名，实到委员280名。\n\n"
        "市政协主席张三代表常务委员会作工作报告时表示，市政协开展重点课题调研12项，组织协商活动20场。\n"
    )
    got = periods(extract(page))
    assert got["12项"] == (2022, 2022)
    assert got["20场"] == (2022, 2022)
    assert got["280名"] == (2023, 2023)


def test_a_session_page_with_no_report_speech_keeps_the_session_year(extract):
    # negative: the same page without the report's speech reports the session itself
    page = (
        "当前位置：首页 > 要闻\n\n"
        "市政协九届三次会议开幕\n\n"
        "发布时间：2023年01月12日 10:20\n\n"
        "1月12日，市政协九届三次会议开幕。会议应出席委员300名，实到委员280名。\n\n"
        "会议期间，委员们围绕发展大局开展讨论，提出意见建议20条。\n"
    )
    got = periods(extract(page))
    assert got["20条"] == (2023, 2023)


def test_a_city_session_with_no_year_is_dated_by_the_reviewed_rows_of_round_25(extract):
    # 鄂州's 8th term opened in 2017 and 广元's 7th in 2016 (term_ordinals.csv); pages that name a
    # session of these terms (or the term before, by the five-year cycle) and no year are dated by them
    ezhou = "鄂州市政协八届三次会议闭幕\n\n本报讯 鄂州市政协八届三次会议期间，大会共收到委员提案200件，经审查立案180件。\n"
    assert periods(extract(ezhou, name="ezhou"))["200件"] == (2019, 2019)
    guangyuan = "广元市政协六届二次会议闭幕\n\n本报讯 广元市政协六届二次会议期间，大会共收到委员提案300件，经审查立案260件。\n"
    assert periods(extract(guangyuan, name="guangyuan"))["300件"] == (2012, 2012)


def test_a_session_of_a_committee_with_no_calendar_stays_open(extract):
    # negative: a city with no row in the reviewed calendar, named with no year, gets no period
    page = "某某市政协八届三次会议闭幕\n\n本报讯 某某市政协八届三次会议期间，大会共收到委员提案200件。\n"
    assert periods(extract(page))["200件"] == (None, None)


def test_a_span_since_a_month_of_a_year_runs_to_the_page_date(extract):
    # 从2019年5月启动至今: a span from that year to the page's date, as 2019年以来 is
    page = (
        "当前位置：首页 > 要闻\n\n"
        "委员读书活动成效明显\n\n"
        "发布时间：2022-03-03 10:00\n\n"
        "全国政协新闻发言人介绍，从2019年5月启动至今，全国政协先后开展读书活动8期，开设读书群120个。\n"
    )
    got = periods(extract(page))
    assert got["8期"] == (2019, 2022)
    assert got["120个"] == (2019, 2022)


def test_a_date_with_its_month_is_no_span(extract):
    # negative: 2021年5月，… is a date in that year, not the start of a span
    page = (
        "当前位置：首页 > 要闻\n\n"
        "市政协开展读书活动\n\n"
        "发布时间：2022-03-03 10:00\n\n"
        "2021年5月，市政协组织委员开展读书活动8期。\n"
    )
    assert periods(extract(page))["8期"] == (2021, 2021)
