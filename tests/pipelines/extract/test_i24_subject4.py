"""Issue 24, round 4: whose figures they are, developed on the v6 set's development half. Sentences are
our own."""

from __future__ import annotations

import pytest

from tests.pipelines.extract.views import committees


def test_a_report_made_on_behalf_of_a_committee_is_that_committees(extract):
    # 受…委托: the speaker reports for the committee; it is no object there
    text = (
        "各位委员：\n\n"
        "我受政协甘肃省第十一届委员会常务委员会委托，向大会报告五年来的提案工作，请予审议。\n\n"
        "五年来，共收到提案3120件，经审查立案2980件。\n"
    )
    assert set(committees(extract(text)).values()) == {"620000"}


def test_a_formal_name_broken_over_two_title_lines_is_one_name(extract):
    text = (
        "十五届一次会议提案审查情况报告\n\n"
        "中国人民政治协商会议\n\n"
        "兰州市第十五届委员会第一次会议\n\n"
        "提案审查委员会关于市政协十五届一次会议\n\n"
        "提案审查情况的报告\n\n"
        "（2022年1月12日提案审查委员会全体会议通过）\n\n"
        "截至1月12日，市政协十五届一次会议大会秘书处共收到提案402件，经审查立案386件。\n"
    )
    assert set(committees(extract(text)).values()) == {"620100"}


def test_a_bare_provincial_committee_is_the_province_of_the_city_it_meets_in(extract):
    # the page names the city by its short name only (在兰州…召开); a two-character short name counts
    # only after a word of place, as it is often a word too
    text = (
        "省政协十一届四次会议提案委员会召开会议\n\n"
        "本网2月9日电 9日上午，省政协十一届四次会议提案委员会在兰州召开全体会议。\n\n"
        "会议期间，大会提案组共收到提案552件。\n"
    )
    assert committees(extract(text)) == {"552件": "620000"}


@pytest.mark.parametrize("source, code", [("各界新闻网", "610000"), ("新闻网", None)])
def test_a_committees_own_paper_names_the_committee_its_page_calls_only_by_a_relative_form(
    extract, source, code
):
    # the page names no place; the Shaanxi committee's own paper (committee_press.csv) names its committee,
    # another source none
    text = (
        "两会观察 | 提案质量稳步提升\n\n"
        f"2022-01-21 07:22:48  来源：{source}\n\n"
        "省两会期间，记者采访了多位委员。\n\n"
        "1月19日下午，省政协委员来到分组讨论现场。据了解，本次会议期间，省政协共收到提案902件。\n"
    )
    assert committees(extract(text)) == {"902件": code}


def test_members_from_hong_kong_name_no_district_committee(extract):
    from pipelines.extract.subject import committee_names

    assert [n.form for n in committee_names("港区政协委员捐款支持困难群众，澳区政协委员积极响应")] == []
    assert [n.form for n in committee_names("区政协委员捐款支持困难群众")] == ["区政协"]


def test_a_formal_name_with_the_term_and_no_di_names_the_committee():
    from pipelines.extract.subject import committee_names

    forms = [
        n.form
        for n in committee_names("1月17日至20日，政协中卫市四届五次会议和中卫市人大四届五次会议相继召开。")
    ]
    assert forms == ["中卫市政协"]
