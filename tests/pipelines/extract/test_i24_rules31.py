"""Issue 24, round 31: figures with no committee over all development material, read as general forms of
committee names (the register's name reading) and of a site's copyright line. Sentences are our own."""

from __future__ import annotations

import pytest

from tests.pipelines.extract.views import committees
from warehouse.register import division_stem, load_register


@pytest.fixture(scope="module")
def reg():
    return load_register()


@pytest.mark.parametrize(
    ("form", "stem"),
    [
        ("政协十届河南省委员会", "河南省"),  # a term before the name, without 第
        ("政协甘肃省十一届委员会", "甘肃省"),  # a term after the name, without 第
        ("政协遂宁市船山区第四次委员会", "遂宁市船山区"),  # the misprint 第四次 for 第四届 before 委员会
        ("政协平罗县第十届委员会", "平罗县"),  # (as before)
    ],
)
def test_a_term_ordinal_in_any_written_form_is_not_part_of_the_name(form, stem):
    assert division_stem(form) == stem


def test_a_session_is_still_no_name(reg):
    # 第N次 is taken off only right before 委员会: a session and a committee of the meeting are no names
    assert reg.find("政协十届一次会议提案委员会", 2024) == []
    assert division_stem("政协第三次会议委员会") != ""
    assert reg.find(division_stem("政协第三次会议委员会"), 2024) == []


def test_an_autonomous_county_or_prefecture_by_its_short_name_and_its_kind(reg):
    # 威宁自治县, 湘西自治州: how governments and committees write their autonomous divisions in short
    assert [c.code for c in reg.find("威宁自治县政协", 2024)] == ["520526"]
    assert [c.code for c in reg.find("湘西自治州", 2024)] == ["433100"]
    assert [c.code for c in reg.find("威宁县", 2024)] == ["520526"]  # (as before)


def test_the_kind_alone_is_still_a_relative_form(reg):
    assert reg.find("自治县", 2024) == []
    assert reg.find("自治州政协", 2024) == []


def test_a_copyright_line_with_its_sign_names_the_site_s_owner(extract):
    # the page names its committee only as 市政协; the footer's copyright carries a (C) sign before the owner
    page = (
        "市政协召开提案工作座谈会\n\n"
        "1月9日上午,市政协召开提案工作座谈会。截至目前,本次会议共收到提案210件。\n\n"
        "版权所有 (C) 中国人民政治协商会议瑞安市委员会\n"
    )
    assert committees(extract(page))["210件"] == "330381"


def test_a_copyright_sign_before_a_non_committee_owner_reads_no_committee(extract):
    # a company's site: the copyright names no division, the page's 市政协 stays unresolved
    page = (
        "市政协召开提案工作座谈会\n\n"
        "1月9日上午,市政协召开提案工作座谈会。截至目前,本次会议共收到提案210件。\n\n"
        "版权所有 © 某某信息科技有限公司\n"
    )
    got = committees(extract(page))
    assert "210件" in got and got["210件"] is None
