"""Issue 24, round 37: committees (docs/extraction.md, "Issue 24, round 37"): a former full name on an
undated page, a body-named committee whose place the head names, closing slogans that name the place, a
name younger than the page's year, a figure older than its committee's name, an outlet before 版权所有.
Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, periods


def test_an_undated_pages_former_full_name_resolves_its_relative_form(extract):
    # 吴江市 is 吴江区 since 2012: an undated page that writes 吴江市 was written while the name was in use
    page = (
        "市政协召开提案审查会议\n\n"
        "本报讯 市政协九届三次会议提案审查委员会昨日召开会议,审议《吴江市政协提案审查情况的报告》。\n\n"
        "会议期间,提案审查委员会共收到委员提案215件。\n"
    )
    got = extract(page)
    assert committees(got) == {"215件": "320584"}


def test_a_short_name_alone_keeps_todays_reading(extract):
    # negative: 吴江 alone is today's 吴江区, no 市: the relative form 市政协 stays unresolved
    page = "市政协召开提案审查会议\n\n本报讯 市政协九届三次会议提案审查委员会昨日在吴江召开会议,共收到委员提案215件。\n"
    assert committees(extract(page)) == {"215件": None}


def test_the_one_committee_the_body_names_whose_place_the_head_names(extract):
    page = (
        "协商议事到村头\n\n"
        "——浙江桐乡把议事平台建在百姓身边\n\n"
        "走进乡村的议事厅,村民们正围坐在一起商量村道改造的事。\n\n"
        "大家你一言我一语,很快就拿出了方案。\n\n"
        "桐乡市政协在全市设立议事点36个,今年以来共开展议事活动120余场。\n"
    )
    got = extract(page)
    assert committees(got) == {"36个": "330483", "120余场": "330483"}


def test_a_body_named_committee_whose_place_the_head_does_not_name_stays_open(extract):
    # negative: the head names the city (嘉兴), the body a county's committee (桐乡市政协): no subject
    page = (
        "协商议事到村头\n\n"
        "——浙江嘉兴把议事平台建在百姓身边\n\n"
        "走进乡村的议事厅,村民们正围坐在一起商量村道改造的事。\n\n"
        "大家你一言我一语,很快就拿出了方案。\n\n"
        "桐乡市政协在全市设立议事点36个,今年以来共开展议事活动120余场。\n"
    )
    assert committees(extract(page)) == {"36个": None, "120余场": None}


def test_a_closing_slogan_names_the_writers_county(extract):
    page = (
        "县政协召开常委会议\n\n"
        "2024年3月12日,县政协召开常委会议,听取提案办理情况通报,今年共收到提案96件。\n\n"
        "会议要求,全体委员要凝心聚力,奋力谱写中国式现代化竹溪新篇章。\n"
    )
    got = extract(page)
    assert committees(got) == {"96件": "420324"}
    assert periods(got) == {"96件": (2024, 2024)}


def test_a_slogan_with_no_place_names_no_county(extract):
    # negative: 现代化建设新篇章 names no place; 县政协 stays unresolved
    page = (
        "县政协召开常委会议\n\n"
        "2024年3月12日,县政协召开常委会议,听取提案办理情况通报,今年共收到提案96件。\n\n"
        "会议要求,全体委员要凝心聚力,奋力谱写现代化建设新篇章。\n"
    )
    assert committees(extract(page)) == {"96件": None}


def test_a_name_younger_than_the_pages_year_is_that_division(extract):
    # 钢城区 was set up in 1992; the page's only year is a history's 1946年: the district of that name
    page = "钢城区政协编印文史资料\n\n钢城区政协编印的文史资料收录1946年前后的史料文章30篇。\n"
    got = extract(page)
    assert committees(got) == {"30篇": "371203"}


def test_a_name_gone_before_the_pages_year_stays_unresolved(extract):
    # negative: 郧县 was a county until 2013; a page of 2016 that names it gets no committee from it
    page = "郧县政协编印文史资料\n\n2016年,郧县政协编印的文史资料收录史料文章30篇。\n"
    assert committees(extract(page)) == {"30篇": None}


def test_a_figure_older_than_its_committees_name_takes_the_code_of_its_year(extract):
    # 兴义县 became 兴义市 in 1987: a figure of 1983 is 兴义县's (522321), one of 1995 兴义市's
    page = (
        "兴义市政协文史资料工作回顾\n\n"
        "兴义市政协文史资料工作回顾。1983年,县政协编印文史资料5辑。\n\n"
        "1995年,市政协编印文史资料3辑。\n"
    )
    got = extract(page)
    assert committees(got) == {"5辑": "522321", "3辑": "522301"}
    assert periods(got) == {"5辑": (1983, 1983), "3辑": (1995, 1995)}


def test_an_outlet_before_the_copyright_words_is_the_publisher(extract):
    page = (
        "县政协委员下基层议事\n\n"
        "2023年5月,县政协组织委员下基层,共开展议事活动18场。\n\n"
        "德清县融媒体中心版权所有 未经授权禁止复制\n"
    )
    assert committees(extract(page)) == {"18场": "330521"}


def test_a_company_before_the_copyright_words_is_no_publisher(extract):
    # negative: 新浪公司 is no outlet of a place; 县政协 stays unresolved
    page = (
        "县政协委员下基层议事\n\n"
        "2023年5月,县政协组织委员下基层,共开展议事活动18场。\n\n"
        "新浪公司版权所有 未经授权禁止复制\n"
    )
    assert committees(extract(page)) == {"18场": None}


def test_a_publishers_name_shared_by_divisions_apart_is_no_publisher(extract):
    # 中山 is 中山市 (广东) and 大连's 中山区: the title's 住中山 places neither, so the lead's 广东省政协 decides
    page = (
        "住中山省政协委员建言献策\n\n"
        "1月12日,广东省政协十二届三次会议在广州开幕。\n\n"
        "会议期间,住中山省政协委员共提交提案25件。\n"
    )
    assert committees(extract(page)) == {"25件": "440000"}


def test_a_publishers_name_shared_by_nested_divisions_keeps_the_lowest(extract):
    # negative: 甘孜 is 甘孜县 inside 甘孜藏族自治州; its chain resolves 州政协 as before
    page = "州政协召开常委会议\n\n（甘孜日报记者 李明）3月5日,州政协召开常委会议,今年共收到提案88件。\n"
    assert committees(extract(page)) == {"88件": "513300"}


def test_the_leads_relative_forms_outweigh_a_lower_committee_named_once(extract):
    # 市政协 twice (through 竹溪县's chain: 十堰市) against 竹溪县政协 once: the city committee's activity
    page = (
        "送医下乡暖民心\n\n"
        "8月9日,市政协副主席带领市政协医卫界委员赴竹溪县开展送医下乡活动,竹溪县政协副主席陪同。\n\n"
        "活动中,委员们为群众义诊,共接诊群众300余人次。\n"
    )
    assert committees(extract(page)) == {"300余人次": "420300"}


def test_a_lower_committee_named_as_often_keeps_the_page(extract):
    # negative: 竹溪县政协 twice against 市政协 once: the county committee's own activity
    page = (
        "送医下乡暖民心\n\n"
        "8月9日,竹溪县政协组织医卫界委员开展送医下乡活动,市政协副主席到场指导,竹溪县政协主席参加。\n\n"
        "活动中,委员们为群众义诊,共接诊群众300余人次。\n"
    )
    assert committees(extract(page)) == {"300余人次": "420324"}
