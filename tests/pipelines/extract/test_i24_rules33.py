"""Issue 24, round 33: false alarms that recur over all development material (v1-v12 both halves, v13's development
half), fixed as lexicon data: gifts whose giver is another body and no member, and projects counted with their
investment. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import surfaces


def test_a_bureau_s_gift_is_not_the_committee_s(extract):
    page = (
        "县政协送文化下乡\n\n2024年1月,县政协组织文化界委员开展送文化下乡活动,委员们为村民赠送春联300余份;"
        "县文化旅游局为村图书室赠送图书2000多册。\n"
    )
    got = surfaces(extract(page))
    assert "300余份" in got
    assert "2000多册" not in got


def test_a_hospital_s_gift_is_not_the_committee_s(extract):
    page = (
        "市政协委员助力防疫\n\n2022年春,市政协委员企业捐赠了500箱牛奶,委员张某捐赠了消毒液400瓶,"
        "市第二人民医院捐赠了200个急救包。\n"
    )
    got = surfaces(extract(page))
    assert "400瓶" in got
    assert "200个" not in got


def test_an_outside_guest_s_and_a_website_s_gifts_are_not_the_committee_s(extract):
    page = (
        "省政协港澳委员为灾区捐款\n\n2023年8月,省政协港澳委员为受灾地区捐款,委员陈某已捐赠50万元,"
        "海外列席人士林某捐赠20万元;本地资讯网捐助3000元物资。\n"
    )
    got = surfaces(extract(page))
    assert "50万元" in got
    assert "20万元" not in got
    assert "3000元" not in got


def test_a_body_given_to_is_no_giver(extract):
    # 向…人士赠阅: the committee hands its books to them; a member among the givers keeps the gift too
    page = (
        "县政协文史工作\n\n2024年,县政协组织文史资料进社区活动,先后向县档案馆、东城社区及在外务工人士赠阅文史资料"
        "800多册。政协委员和社会爱心人士共捐款5万元。\n"
    )
    got = surfaces(extract(page))
    assert "800多册" in got
    assert "5万元" in got


def test_projects_counted_with_their_investment_are_no_work(extract):
    page = (
        "县政协助力招商引资\n\n2024年,县政协组织经济界委员参与招商活动12次,招引项目8个、总投资2.6亿元。"
        "委员们围绕营商环境提出建议20条。\n"
    )
    got = surfaces(extract(page))
    assert "8个" not in got
    assert "12次" in got
    assert "20条" in got
