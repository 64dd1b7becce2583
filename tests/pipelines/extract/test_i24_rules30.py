"""Issue 24, round 30: a city and one of its counties or districts confused (both directions), over all
development material (v1-v12 both halves, v13's development half). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees


def test_a_committee_that_comes_to_our_county_is_a_visitor(extract):
    # 到我县: towards the writer's own county, as 来我县 is; the visiting county's committee is named
    # as often as the host's, and the dated paragraph it opens is the host's too
    page = (
        "委员联络站建设交流\n\n"
        "5月8日,兴山县政协提案委员会主任一行6人到我县考察委员联络站建设,秭归县政协副主席陪同。\n\n"
        "近年来,秭归县政协在各乡镇建成委员联络站15个。\n"
    )
    got = committees(extract(page))
    assert got["15个"] == "420527"
    assert got.get("6人") in (None, "420527")


def test_the_visiting_city_named_in_the_head_is_a_visitor_too(extract):
    # the head names the city (宜昌市政协赴秭归调研); the lead says its people came to 我县: the host
    # county is the one of that city's counties the page names
    page = (
        "宜昌市政协赴秭归调研政协工作\n\n"
        "前天上午,市政协副主席一行来我县调研政协工作。\n\n"
        "座谈会上,县政协主席汇报了工作情况:今年以来,县政协组织委员视察活动12次。\n"
    )
    assert committees(extract(page))["12次"] == "420527"


def test_a_city_going_to_one_of_its_counties_stays_the_citys(extract):
    # 到秭归县 with no 我: the city's own site reports where it went, as its own work
    page = "宜昌市政协到秭归县调研\n\n6月3日,宜昌市政协组织委员到秭归县调研茶产业,收集意见建议20条。\n"
    assert committees(extract(page))["20条"] == "420500"


def test_a_district_named_as_the_subject_of_a_clause_is_the_districts(extract):
    # a city committee's media tour of one district: the district's own figures, its name opening the
    # clause right before a verb (夷陵区累计开展…)
    page = (
        "市政协组织媒体走进夷陵区\n\n"
        "近日,宜昌市政协组织的媒体采访活动走进夷陵区。截至今年6月,夷陵区累计开展协商议事活动26场,"
        "形成协商意见140条。\n"
    )
    got = committees(extract(page))
    assert got["26场"] == "420506"
    assert got["140条"] == "420506"


def test_a_districts_name_before_a_number_or_another_body_stays_the_citys(extract):
    # a breakdown by district (夷陵区12场) and the district's party committee (夷陵区委) name no
    # committee of their own
    page = (
        "宜昌市政协协商议事活动综述\n\n"
        "今年以来,宜昌市政协在各区县开展协商议事活动,夷陵区12场、伍家岗区9场。\n\n"
        "夷陵区委采纳委员建议30条。\n"
    )
    got = committees(extract(page))
    assert got.get("12场") == "420500"
    assert got.get("30条") in (None, "420500")
