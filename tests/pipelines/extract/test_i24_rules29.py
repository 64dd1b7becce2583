"""Issue 24, round 29: a session's own figures (what it received, who attended and spoke) on a session
page whose report reviews the year before count for the session's year (labelling.md), not for the
year a review sentence names. Sentences are our own."""

from __future__ import annotations

from pipelines.extract.periods import _year_awarded


def periods(ms):
    return {m["surface"]: (m["period_start"], m["period_end"]) for m in ms}


def test_a_session_date_in_the_lead_dates_the_sessions_own_figures(extract):
    # no date line: the lead's January date is the session's; the report reviews 2023, the session's
    # own proposals are of 2024
    text = (
        "九三学社委员积极参加县两会\n\n"
        "2024年1月16日至19日，政协平罗县第十届委员会第三次会议隆重召开。\n\n"
        "会议期间，九三学社的委员们围绕乡村振兴、教育和养老等方面，提交集体提案5件。\n"
    )
    assert periods(extract(text))["5件"] == (2024, 2024)


def test_the_reports_figures_keep_the_year_it_reviews(extract):
    # the same lead: what the work report reviews stays in the year before the session
    text = (
        "县政协十届三次会议开幕\n\n"
        "2024年1月16日至19日，政协平罗县第十届委员会第三次会议隆重召开。\n\n"
        "报告指出，一年来，县政协组织委员视察12次，开展协商活动8场。\n"
    )
    got = periods(extract(text))
    assert got["12次"] == (2023, 2023)
    assert got["8场"] == (2023, 2023)


def test_what_was_handed_in_to_the_session_is_the_sessions(extract):
    text = (
        "住县省政协委员抵达驻地\n\n"
        "发布时间：2024-01-22\n\n"
        "1月21日，参加政协山西省第十三届委员会第二次会议的省政协委员抵达驻地。\n\n"
        "过去一年，委员们围绕产业振兴和文物保护深入调研，共向大会提交提案31件。\n\n"
        "过去一年，委员们还开展视察12次。\n"
    )
    got = periods(extract(text))
    assert got["31件"] == (2024, 2024)
    assert got["12次"] == (2023, 2023)  # (the year's own work)


def test_a_plenary_meeting_of_the_session_opens_its_paragraph(extract):
    text = (
        "省政协全会举行大会发言\n\n"
        "发布时间：2025-01-29\n\n"
        "1月28日上午，省政协十三届三次会议举行第二次全体会议，进行大会口头发言。15位委员围绕科技创新等议题建言。\n\n"
        "报告回顾了过去一年的工作，一年来，省政协组织视察23次。\n"
    )
    got = periods(extract(text, name="fujian", address="https://www.fjzx.gov.cn/zxyw/202501/t20250129_1.htm"))
    assert got["15位"] == (2025, 2025)
    assert got["23次"] == (2024, 2024)


def test_the_years_commendations_date_a_session_page_with_no_year():
    assert _year_awarded("大会表彰了2023年度各项先进。", 2023)
    assert _year_awarded("获得“2023年度好提案”。", 2023)
    assert not _year_awarded("会议审议通过了2023年度工作要点。", 2023)
    assert not _year_awarded("大会表彰了2023年度各项先进。", 2022)
