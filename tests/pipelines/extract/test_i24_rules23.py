"""Issue 24, round 23: calendar data found on v12's former held-back half. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_a_county_session_with_no_year_is_dated_by_the_reviewed_term_calendar(extract):
    # a county-level city's third session of its 15th committee, on a page with no year: the reviewed
    # calendar (term_ordinals.csv: the 4th session met in January 2020) puts the 3rd in 2019
    page = (
        "启东市政协十五届三次会议提案审查工作完成\n\n"
        "本报讯 启东市政协十五届三次会议期间，大会共收到委员提案300件，经审查立案250件。\n"
    )
    got = periods(extract(page))
    assert got["300件"] == (2019, 2019)
    assert got["250件"] == (2019, 2019)


def test_a_district_term_opened_in_the_autumn_dates_its_first_session_by_the_reviewed_calendar(extract):
    # a district committee whose 4th session met in February 2024 (term_ordinals.csv): its 1st session,
    # named with no year, is 2021 (the autumn opening of the term), so the proposals filed since then too
    page = (
        "区政协召开重点提案办理座谈会\n\n"
        "本网讯 10月11日，贡井区政协召开座谈会。会议指出，贡井区政协十届一次会议以来，共立案120件，"
        "确定重点提案5件。\n"
    )
    got = periods(extract(page))
    assert got["120件"] == (2021, 2021)


def test_an_address_date_run_into_its_time_of_day_dates_a_page_with_no_year(extract):
    # the page names no year; its address carries the date, the time of day and a serial in one run
    page = (
        "市政协开展新春送温暖活动\n\n"
        "本网讯 为迎接新春佳节，市政协组织委员深入乡村开展服务活动，现场书写春联300余副、赠送书画作品40余幅。\n"
    )
    got = periods(extract(page, address="http://news.example.cn/news/qs/2019012318041473647.htm"))
    assert got["40余幅"] == (2019, 2019)
