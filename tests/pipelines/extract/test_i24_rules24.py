"""Issue 24, round 24: committee constructions found on v12's former held-back half and counted on
v1-v11, fixed as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_a_city_site_running_a_district_s_session_named_by_its_short_name(extract):
    # the source line names the city committee whose site carries the item; the lead names the
    # district's session by the district's short name: the district's figures
    page = (
        "[ 发布时间:2026-02-10 09:30 来源:昆明市政协 ]\n\n"
        "西山区政协十届五次会议期间,委员们围绕中心工作积极建言,共提出提案120件。\n\n"
        "根据《中国人民政治协商会议昆明市西山区委员会提案工作办法》,经审查,立案110件。\n"
    )
    got = committees(extract(page))
    assert got["120件"] == "530112"
    assert got["110件"] == "530112"


def test_parties_proposals_handed_to_the_national_session(extract):
    # a page that names no committee but the one its parties hand their proposals to
    page = "民主党派积极建言献策\n\n今年九三学社向全国政协大会提交42件提案,其中科技界别提案15件。\n"
    got = committees(extract(page))
    assert got["42件"] == "000000"


def test_the_city_committee_of_the_one_county_the_page_names(extract):
    # 市政协 only, on a visit to a township of one county: that county's city
    page = (
        "政协新闻\n\n"
        "1月20日,市政协副主席带领机关干部深入鹿寨县中渡镇走访慰问困难群众,"
        "给12户困难群众送去米、油等慰问品。\n"
    )
    got = committees(extract(page))
    assert got["12户"] == "450200"


def test_the_size_of_a_list_whose_item_holds_a_conjunction_s_character(extract):
    # 参与 holds 与: an item of the list, not a second one joined to it; six items, 六项机制
    page = (
        "市政协委员工作站\n\n"
        "2023年,工作站建立学习培训、走访群众、收集民意、开展调查研究、参与基层协商、加强自身建设等六项机制,"
        "全年接待群众120人次。\n"
    )
    got = surfaces(extract(page))
    assert "六项" not in got
    assert "120人次" in got
