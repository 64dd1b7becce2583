"""Issue 24, round 20: committee constructions found on v11's former held-back half and counted on
v1-v10, fixed as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_a_short_name_read_across_a_province_name_is_not_the_publisher(extract):
    # 新青 (a former district of 伊春) read across 新青海: the headline's 省政协 is 青海's, not 黑龙江's
    page = (
        "为新青海建设献策 省政协十二届二次会议分组讨论\n\n"
        "2019年01月27日\n\n"
        "1月26日，出席省政协十二届二次会议的委员分组讨论了常委会工作报告。\n\n"
        "一年来，省政协共收到提案430件，立案336件。新青海建设取得新进展。\n"
    )
    got = committees(extract(page))
    assert got["430件"] == "630000"


def test_the_owner_of_all_levels_outweighs_the_national_committee_named_once(extract):
    # the national committee is named once, as a body the story reports to; 省政协 throughout is
    # the committee of the province named as the owner of its committees of all levels
    page = (
        "连日来，山西省各级政协组织和政协委员向灾区捐款捐物达2000余万元。其中，省政协机关捐款30万元；"
        "省政协委员捐款500万元。\n\n"
        "省政协办公厅及时完成全国政协要求的统计报送工作，省政协领导看望了受灾群众。\n"
    )
    got = committees(extract(page))
    assert got["30万元"] == "140000"
    assert got["500万元"] == "140000"


def test_the_congress_s_suggestions_named_as_jianyian_are_not_the_committee_s(extract):
    # 建议案 is a committee product; 人大建议案 is what the party's deputies hand to the congress
    page = (
        "县政协召开党派工作座谈会\n\n"
        "2024年03月10日\n\n"
        "两会期间，该党派成员提交人大建议案6件、政协提案 32 件，县政协全部立案。\n"
    )
    got = committees(extract(page))
    assert "6件" not in got
    assert "32 件" in got


def test_the_session_s_two_reports_are_no_count(extract):
    page = (
        "市政协十一届三次会议分组讨论\n\n"
        "2024年01月20日\n\n"
        "讨论中，委员们对两个报告给予了充分肯定。一年来，市政协共收到提案412件。\n"
    )
    got = committees(extract(page))
    assert "两个" not in got
    assert "412件" in got


def test_a_firm_s_gift_is_not_the_committee_s(extract):
    page = (
        "县政协开展助学捐赠活动\n\n"
        "2024年09月02日\n\n"
        "活动中，县政协委员共捐款12万元；某某科技有限公司为困难学生捐赠书包300多个，价值3万多元；"
        "县政协委员、某某建材公司总经理某某为学校捐赠图书800册。\n"
    )
    got = committees(extract(page))
    assert "12万元" in got
    assert "300多个" not in got and "3万多元" not in got
    assert "800册" in got


def test_a_sum_per_household_is_a_rate_not_a_count(extract):
    page = (
        "县政协助力乡村振兴\n\n"
        "2024年11月02日\n\n"
        "县政协走访困难群众42户，对其中无力修缮住房的困难户，给予每户帮扶资金8000元。\n"
    )
    got = committees(extract(page))
    assert "42户" in got
    assert "8000元" not in got


def test_members_named_by_their_group_are_members(extract):
    # members named by a group (澳区委员, 新增港澳委员) rather than by 政协 are still the committee's members
    page = (
        "市政协会议开幕 港澳委员出席\n\n"
        "2024年01月08日\n\n"
        "【本报记者某地一日电】某某市政协十三届二次会议今天上午开幕，十二名澳区委员出席。"
        "市政协主席某某表示，今年将开展专题调研。\n"
    )
    assert "十二名" in surfaces(extract(page))
    page = (
        "某某市政协新增委员亮相\n\n2024年01月08日\n\n某某市政协十三届二次会议开幕，四位新增港澳委员亮相。\n"
    )
    assert "四位" in surfaces(extract(page))
