"""Issue 24, round 17: committees of v11's development half, fixed as general knowledge of Chinese
pages. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_a_headlines_column_tag_names_the_committee(extract):
    # a city committee's site running a county's news: the headline's column tag (【平罗县】) is the
    # county, and outweighs the site's source line (来源：石嘴山市政协)
    page = (
        "【平罗县】政协十届三次会议召开提案审查会\n\n"
        "[ 作者：  发布时间：2023-01-10 10:00  来源：石嘴山市政协  ]\n\n"
        "1月9日，县政协十届三次会议召开提案审查会。\n\n"
        "本次会议期间共收到提案126件，经审查立案118件。\n"
    )
    got = committees(extract(page))
    assert got["126件"] == "640221"
    assert got["118件"] == "640221"


def test_a_column_tag_that_is_no_place_names_no_committee(extract):
    page = (
        "【两会】政协十届三次会议召开提案审查会\n\n"
        "[ 作者：  发布时间：2023-01-10 10:00  来源：石嘴山市政协  ]\n\n"
        "1月9日，市政协召开提案审查会。本次会议期间共收到提案126件。\n"
    )
    assert committees(extract(page))["126件"] == "640200"


def test_the_leads_formal_name_below_the_source_is_the_committee(extract):
    # the source line names the site's committee (石嘴山市政协); the lead names, by its formal name,
    # a county committee of that city: the county's news, carried by the city's site
    page = (
        "政协十届三次会议召开提案审查会\n\n"
        "[ 作者：  发布时间：2023-01-10 10:00  来源：石嘴山市政协  ]\n\n"
        "1月9日，政协平罗县第十届委员会第三次会议召开提案审查会。\n\n"
        "本次会议期间共收到提案126件，经审查立案118件。\n"
    )
    assert committees(extract(page))["126件"] == "640221"


def test_a_source_committee_also_named_in_the_lead_stays(extract):
    page = (
        "政协十届三次会议召开提案审查会\n\n"
        "[ 作者：  发布时间：2023-01-10 10:00  来源：石嘴山市政协  ]\n\n"
        "1月9日，市政协副主席一行到政协平罗县第十届委员会调研。石嘴山市政协今年共收到提案126件。\n"
    )
    assert committees(extract(page))["126件"] == "640200"


def test_a_committee_site_naming_itself_before_its_copyright(extract):
    # the page names its committee only as 县政协; the footer names the site's owner before 版权所有
    page = (
        "11月13日上午，县政协召开主席会议，专题听取县政府关于提案办理情况的通报。\n\n"
        "今年县政协共收到提案185件，已全部办复。\n\n"
        "Copyright 中国人民政治协商会议宝应县委员会。 版权所有 苏ICP备00000000号\n"
    )
    assert committees(extract(page))["185件"] == "321023"


def test_a_name_inside_a_longer_publishers_name_is_not_read(extract):
    # 应县 (山西) inside 宝应县: the publisher is 宝应县's, not two counties'
    page = (
        "11月13日上午，县政协召开主席会议，专题听取县政府关于提案办理情况的通报。\n\n"
        "今年县政协共收到提案185件，已全部办复。\n\n"
        "版权所有：宝应县融媒体中心\n"
    )
    assert committees(extract(page))["185件"] == "321023"


def test_handling_units_named_with_their_role_are_no_count(extract):
    page = (
        "平罗县政协召开提案督办会\n\n"
        "2023年8月7日，平罗县政协组织召开提案督办会，10余家提案承办单位负责人参加。"
        "经过30个主办协办单位的共同努力，今年县政协督办重点提案12件。\n"
    )
    got = surfaces(extract(page))
    assert "10余家" not in got
    assert "30个" not in got
    assert "12件" in got


def test_the_size_of_a_list_just_named_is_no_count(extract):
    page = (
        "平罗县政协推进履职平台建设\n\n"
        "2023年，平罗县政协通过搭建委员履职平台，强化调研、提案、民主监督三个协同联动等方式增强合力，开展专题视察3次。"
        "全年组织委员开展调研、视察、协商活动六项，共形成报告4篇。\n"
    )
    got = surfaces(extract(page))
    assert "三个" not in got
    assert "3次" in got
    assert "六项" in got  # three items listed, six activities: a count
    assert "4篇" in got


def test_a_span_of_days_and_nights_is_no_count(extract):
    page = (
        "平罗县政协2023年工作回顾\n\n"
        "2023年，平罗县政协共收到提案126件。这些数据记录了县政协履职的365个日夜。\n"
    )
    got = surfaces(extract(page))
    assert "365个" not in got
    assert "126件" in got


def test_a_books_make_up_and_a_volume_ordinal_are_no_count(extract):
    page = (
        "平罗县政协编印文史资料\n\n"
        "2023年1月，平罗县政协编印《平罗旧事》，为平罗县文史资料第廿四辑，"
        "全书17万字、53张图、4个表，征集史料30篇。\n"
    )
    got = surfaces(extract(page))
    assert "四辑" not in got
    assert "53张" not in got
    assert "4个" not in got
    assert "17万字" in got
    assert "30篇" in got
