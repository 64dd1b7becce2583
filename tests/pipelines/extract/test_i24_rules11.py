"""Issue 24, round 11: periods of session pages. A session's own arrangements and make-up count for the
session's year, also where the page's report reviews the year before (labelling.md). Developed on v2-v9
and the v10 development half. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods

SESSION_PAGE = (
    "政协平罗县第十届委员会第三次会议新闻发布会召开\n\n"
    "2023-01-10 09:30\n\n"
    "1月9日，政协平罗县第十届委员会第三次会议新闻发布会召开。会议将听取和审议县政协常务委员会工作报告，"
    "总结过去一年的履职工作。\n\n"
    "{body}\n"
)


def test_the_press_corridor_is_the_sessions(extract):
    body = "过去一年，县政协共收到提案126件。\n\n县政协将继续开设委员通道，安排6名委员回答记者提问。"
    got = periods(extract(SESSION_PAGE.format(body=body)))
    assert got["126件"] == (2022, 2022)  # the reviewed year
    assert got["6名"] == (2023, 2023)  # the session's own arrangement


def test_members_from_the_sectors_and_speeches_are_the_sessions(extract):
    body = (
        "过去一年，县政协组织视察12次。\n\n"
        "会议突出民主协商，让来自22个界别的180余名委员充分发表意见。"
        "会议从收到的材料中选出9篇作为大会口头发言。"
    )
    got = periods(extract(SESSION_PAGE.format(body=body)))
    assert got["12次"] == (2022, 2022)
    assert got["180余名"] == (2023, 2023)
    assert got["9篇"] == (2023, 2023)


def test_the_paragraph_that_opens_the_session(extract):
    # a spring session's page with a month-day line only, whose report names the year it reviews
    text = (
        "政协平罗县第十届委员会第四次会议开幕\n\n"
        "3月4日，政协平罗县第十届委员会第四次会议开幕。160名县政协委员围绕全县中心工作建言献策。\n\n"
        "常务委员会工作报告指出，2023年，县政协共组织协商活动15场。\n"
    )
    got = periods(extract(text))
    assert got["15场"] == (2023, 2023)
    assert got["160名"] == (2024, 2024)


def test_a_review_in_the_sentence_keeps_the_reviewed_year(extract):
    body = "过去一年，来自各界别的委员共提交提案98件。"
    assert periods(extract(SESSION_PAGE.format(body=body)))["98件"] == (2022, 2022)


def test_a_term_summary_keeps_its_term(extract):
    text = "政协平罗县第九届委员会常务委员会工作报告\n\n五年来，来自20个界别的委员共提交提案612件。\n"
    got = periods(extract(text))
    assert got["612件"][0] != got["612件"][1] or got["612件"] == (None, None)


# ------------------------------------------------------------------ plenums of the Central Committee


def test_a_plenum_and_a_cut_off_in_january_date_the_next_year(extract):
    # 十八届六中全会 (October 2016) studied, a cut-off on 7 January: January 2017
    text = (
        "县政协十届一次会议提案审查工作完成\n\n"
        "会议提案征集以来，委员们认真贯彻党的十八届五中、六中全会精神，积极建言。截至1月7日，"
        "提案审查委员会共收到提案188件，确定立案160件。\n"
    )
    got = periods(extract(text))
    assert got["188件"] == (2017, 2017)


def test_a_plenum_and_the_year_end_date_the_plenums_year(extract):
    text = (
        "区政协开展界别活动月\n\n"
        "近日，区政协组织委员学习贯彻党的二十届四中全会精神，并开展年末视察，服务群众600余人次。\n"
    )
    assert periods(extract(text))["600余人次"] == (2025, 2025)


def test_a_plenum_with_a_december_date_line(extract):
    text = (
        "市政协召开主席会议\n\n"
        "12月16日，市政协召开主席会议，学习贯彻党的十九届五中全会精神，审议通过专项监督报告4个。\n"
    )
    assert periods(extract(text))["4个"] == (2020, 2020)


def test_a_plenum_alone_leaves_the_year_open(extract):
    # an autumn plenum is studied into the next year: with no month the year stays open
    text = "区政协组织委员学习\n\n区政协组织委员学习贯彻党的二十届四中全会精神，开展走访群众300余人次。\n"
    assert periods(extract(text))["300余人次"] == (None, None)


def test_a_local_party_plenum_dates_nothing(extract):
    text = "县政协组织委员学习\n\n县政协组织委员学习县委十四届二次全会精神，截至1月7日共走访群众120户。\n"
    assert periods(extract(text))["120户"] == (None, None)


# ------------------------------------------------------------------ chronicles that date their terms


def test_a_chronicle_dates_its_terms_by_their_first_sessions(extract):
    text = (
        "政协平罗县委员会\n\n"
        "政协平罗县第一届委员会第一次会议于1981年3月召开；二届一次会议于1984年4月召开；"
        "三届一次会议于1987年12月召开。\n\n"
        "政协平罗县第一届委员会设16个界别；第二届设18个界别；第三届设19个界别。\n"
    )
    got = periods(extract(text))
    assert got["16个"] == (1981, 1983)
    assert got["18个"] == (1984, 1987)  # (the third term opened in December 1987)
    assert got["19个"] == (1987, 1991)  # (the last dated term: five years)


def test_a_chronicle_dates_the_term_before_a_spanned_one(extract):
    text = (
        "政协平罗县委员会 第二节 提案工作\n\n"
        "第九届市政协共征集提案1500件（1991-1993年期间征集提案600件），其中集体提案40件。"
        "提案类别中，经济建设方面720件。\n\n"
        "1994-1998年，第十届市政协共征集提案1200件。提案内容涉及经济建设方面350件。\n"
    )
    got = periods(extract(text))
    assert got["1500件"] == (1989, 1993)
    assert got["600件"] == (1991, 1993)  # (the aside's own years)
    assert got["40件"] == (1989, 1993)
    assert got["720件"] == (1989, 1993)
    assert got["350件"] == (1994, 1998)


def test_one_term_named_is_no_chronicle(extract):
    text = "市政协召开会议\n\n2023年1月，市政协第十二届委员会第一次会议召开。第十二届市政协设34个界别。\n"
    assert periods(extract(text))["34个"] == (2023, 2023)


def test_a_term_crossing_a_code_change_keeps_its_first_years_code(extract):
    # 旌德县: 342530 until 1999, 341825 since; the sixth term (1997-2002) keeps its first session's code
    text = (
        "政协旌德县委员会\n\n"
        "政协旌德县第五届委员会第一次会议于1993年1月召开；六届一次会议于1997年12月召开；"
        "七届一次会议于2003年1月召开。\n\n"
        "政协旌德县第五届委员会设22个界别；第六届设19个界别；第七届设17个界别。\n"
    )
    got = {m["surface"]: (m["period_start"], m["period_end"], m["committee_code"]) for m in extract(text)}
    assert got["19个"] == (1997, 2002, "342530")
    assert got["17个"] == (2003, 2007, "341825")


def test_a_january_review_is_no_session_page(extract):
    # no plenary session named: members from the sectors in a year's review keep the reviewed year
    text = (
        "县政协工作回顾\n\n"
        "2023-01-10 09:30\n\n"
        "一年来，县政协围绕中心工作履职尽责。\n\n"
        "来自各界别的委员深入基层，走访群众230户。\n"
    )
    assert periods(extract(text))["230户"] == (2022, 2022)


def test_a_session_page_dating_its_own_first_session_is_no_chronicle(extract):
    text = (
        "政协平罗县第十届委员会第一次会议召开\n\n"
        "政协平罗县第十届委员会第一次会议于2021年12月召开。会议回顾了第九届委员会的工作。\n\n"
        "第十届县政协共有委员200名。\n"
    )
    assert periods(extract(text))["200名"] != (2021, 2025)


def test_since_a_plenum_dates_nothing(extract):
    text = (
        "县政协组织委员学习\n\n党的十八届三中全会以来，县政协组织委员开展调研，截至1月7日共走访群众150户。\n"
    )
    assert periods(extract(text))["150户"] == (None, None)


def test_a_year_end_target_places_no_plenum(extract):
    text = "区政协组织委员学习\n\n区政协组织委员学习贯彻党的二十届四中全会精神，要求各界别年底前完成调研。委员们已走访群众500户。\n"
    assert periods(extract(text))["500户"] == (None, None)


def test_a_span_written_with_a_tilde(extract):
    text = "政协平罗县委员会提案工作\n\n2004年~2010年，县政协委员共提出提案1386件。\n"
    assert periods(extract(text))["1386件"] == (2004, 2010)
