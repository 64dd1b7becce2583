"""Issue 24, round 22: period constructions found on v12's development half and counted on v1-v11,
fixed as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_proposals_a_party_submitted_at_the_session_count_for_the_session_s_year(extract):
    # a party's branch reports what it handed in at the spring session: the session's year, not the
    # year before (a date in February otherwise reads as a review of the year just ended)
    page = (
        "民盟市委积极参政议政\n\n"
        "本网讯 2023年2月14日至17日，政协某市十二届二次会议隆重举行。会上，民盟市委围绕中心工作，"
        "就教育、医疗等议题建言献策，共递交集体提案15件，盟员委员个人提案4件。\n"
    )
    got = periods(extract(page))
    assert got["15件"] == (2023, 2023)
    assert got["4件"] == (2023, 2023)


def test_a_span_of_years_in_a_programme_s_title_is_not_the_report_s_period(extract):
    # the head names a programme 《…三年行动方案(2021-2023年)》 that the proposals helped bring out;
    # the page reviews the year since the last session, read through the session's ordinal
    page = (
        "市政协提案工作综述\n\n"
        "本报讯 市政协十四届一次会议以来，提案工作情况如何？2月5日，记者从政协某市第十四届第二次会议上获悉，"
        "一年来，委员们共提交提案520件，经审查立案468件。\n\n"
        "在经济建设方面，提出提案140件。相关提案助推《某市优化营商环境三年行动方案(2021-2023年)》出台。\n"
    )
    got = periods(extract(page))
    assert got["520件"][0] == got["520件"][1]
    assert got["520件"] != (2021, 2023)


def test_luoshi_dao_is_no_count_of_members_present(extract):
    # 落实到 (carried into) holds 实到 (members actually present): the handling figures of the year the
    # session reviews stay in that year, not the session's
    page = (
        "市政协十四届二次会议开幕\n\n"
        "2024-01-20 10:30\n\n"
        "1月20日上午，市政协十四届二次会议开幕。\n\n"
        "回顾过去的一年，十四届一次会议以来，委员们共提交提案860件，经审查立案790件。"
        "各承办单位认真办理，已办结提案780件，许多建议已落实到相关工作中。\n"
    )
    got = periods(extract(page))
    assert got["780件"] == (2023, 2023)
