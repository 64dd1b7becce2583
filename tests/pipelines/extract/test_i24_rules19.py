"""Issue 24, round 19: period constructions found on v11's former held-back half and counted on v1-v10,
fixed as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_a_congress_ordinal_before_the_committees_does_not_hide_its_session(extract):
    # the congress's 十七届三次 comes first; the committee's 十五届三次 is dated by its calendar (2024),
    # and the sentence opened by the session's sitting counts for the session, not the awards' year
    page = (
        "在1月10日至13日召开的常州市人大十七届三次会议和常州市政协十五届三次会议上，我会的6名市政协委员"
        "共提交提案21件。我会还向市政协提交了2件集体提案。\n\n"
        "会上，我会被评为市政协2023年度优秀提案先进单位。\n"
    )
    got = periods(extract(page))
    assert got["6名"] == (2024, 2024)
    assert got["21件"] == (2024, 2024)
    assert got["2件"] == (2024, 2024)


def test_a_sessions_draft_plan_names_its_year(extract):
    # an undated session page whose agenda reviews one year and adopts the next one's draft plan
    page = (
        "政协第九届蓬安县委员会第五次会议于5月10日至12日召开。来自各个界别的200名政协委员出席会议。\n\n"
        "会议讨论了关于2014年国民经济和社会发展计划执行情况及2015年国民经济和社会发展计划（草案）的报告。\n\n"
        "会议期间，收到提案120件。\n"
    )
    got = periods(extract(page))
    assert got["120件"] == (2015, 2015)


def test_a_december_meeting_that_adopts_next_years_work_points_is_of_that_december(extract):
    # traditional script: 工作要點; the page's only year is the plan's
    page = (
        "某某網消息 12月26日，縣政協主席主持召開政協竹山縣第十屆委員會常務委員會第十五次會議。縣政協副主席出席會議。\n\n"
        "本次會議應到30人，實到29人，符合規定。\n\n"
        "會議審議通過了縣政協常委會2020年工作要點和各專委會2020年工作要點。\n\n"
        "主席要求，要認真謀劃實施好2020年政協工作。\n"
    )
    got = periods(extract(page))
    assert got["30人"] == (2019, 2019)
    assert got["29人"] == (2019, 2019)


def test_a_yearbook_with_a_dash_records_the_year_before(extract):
    page = (
        "政协嘉峪关市委员会年鉴-2023\n\n发表时间:2023-12-1\n\n【协商民主】市政协全年召开专题协商会议12次。\n"
    )
    got = periods(extract(page))
    assert got["12次"] == (2022, 2022)


def test_a_year_inside_a_closed_aside_dates_only_the_aside(extract):
    page = (
        "昆明市政协十二届四次会议闭幕\n\n"
        "2014-01-14 20:30:00 来源:某某记者站\n\n打印文章\n\n"
        "截止2014年1月13日12时，大会共收到提案材料480件（2013年全会收到提案材料500件）；其中民主党派的集体提案90件。\n"
    )
    got = periods(extract(page))
    assert got["500件"] == (2013, 2013)
    assert got["90件"] == (2014, 2014)
