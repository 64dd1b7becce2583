"""Issue 24, round 3: whose figures they are (the subject committee) on pages nobody here labelled.
Developed on the v4 set (both halves, scored) and the v5 set's development half. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees


def test_a_street_liaison_group_of_a_district_committee_is_the_districts(extract):
    # a street's (街道) 政协活动联络组 works for its district's committee, not for the city named
    # after it by a relative form; pinyin notes with a space inside (聯絡(luò )組) are notes too
    text = (
        "委员同心汇\n\n"
        "近日，宜昌市西陵区西陵街道政协活動(dòng)聯絡(luò )組开展协商活动，市政协副主席到场。\n\n"
        "活动现场共发布协商议题12个。\n"
    )
    assert committees(extract(text)) == {"12个": "420502"}


def test_a_higher_committee_that_comes_to_the_writers_place_is_a_visitor(extract):
    # 来瑞调研: the page is the host's (its source line names 瑞安日报); the provincial office is a
    # visitor, and the city committee named after 按照 only guides the host
    text = (
        "您现在的位置:首页 > 新闻\n\n"
        "省政协办公厅来瑞调研\n\n"
        "发布时间:2022-03-02  来源:瑞安日报\n\n"
        "3月1日，省政协办公厅一行来我市调研委员工作室建设情况。\n\n"
        "近年来，市政协按照省、温州市政协部署，推进委员工作室建设，去年共开展活动12场。\n\n"
        "瑞安政协将继续做好委员工作室建设。\n"
    )
    assert committees(extract(text)) == {"12场": "330381"}


def test_a_committee_named_by_a_divisions_old_name_in_the_year_of_its_renaming(extract):
    # 郧县 became 郧阳区 in 2014: a page of 2014 may still say 郧县政协
    text = "郧县政协组织委员视察\n发布时间：2014-09-16\n郧县政协组织委员视察重点项目8个。\n"
    assert committees(extract(text)) == {"8个": "420321"}


def test_a_prefectures_common_short_form_against_a_district_of_that_name(extract):
    # 巴州 is 巴中's 巴州区 and the short form of 巴音郭楞蒙古自治州: the counties named decide
    text = "巴州政协开展结对认亲活动\n\n巴州政协机关干部来到尉犁县、且末县，走访结对户36户。\n"
    assert committees(extract(text)) == {"36户": "652800"}


def test_a_county_chairman_at_a_higher_sessions_press_conference_reports_his_county(extract):
    # the city's session is the venue; the county committee's chairman speaks of 该县's work
    text = (
        "两会记者会｜讲好基层协商故事\n\n"
        "1月10日，政协重庆市第六届委员会第二次会议专题记者会举行。会上，市政协委员、武隆区政协主席"
        "王某介绍了该区的做法。\n\n"
        "王某表示，该区建成协商议事室45个。\n"
    )
    assert committees(extract(text)) == {"45个": "500156"}


COUNTY_NEWS = "县政协召开主席会议\n\n2023-03-02 09:30 编辑：李明\n\n3月1日，县政协召开主席会议，审议通过年度协商计划议题8项。\n"


def test_a_county_news_sites_host_names_the_county_of_a_relative_form(extract):
    # only 县政协 in the text; the host opens with the county's name in pinyin (盐池: yanchi)
    ms = extract(COUNTY_NEWS, address="http://www.yanchinews.cn/html/2023-03/02/123.html")
    assert committees(ms) == {"8项": "640323"}


def test_initials_or_a_pinyin_several_counties_share_name_no_county(extract):
    # yc: initials; "pingshan" is both 平山县 and 屏山县
    for address in ("http://www.ycnews.cn/a/1.html", "http://www.pingshannews.cn/a/1.html"):
        assert committees(extract(COUNTY_NEWS, address=address)) == {"8项": None}
    # without an address nothing names the county
    assert committees(extract(COUNTY_NEWS, address="")) == {"8项": None}
