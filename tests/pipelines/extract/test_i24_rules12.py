"""Issue 24 rules, round 12: precision from constructions of Chinese (session ordinals written without 第,
the places a committee's people help, the bodies that handle proposals named at length), developed on
v6-v9 (both halves) and v10's development half. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_a_second_ordinal_in_a_list_of_plenums_is_no_count(extract):
    text = (
        "2023-03-02 来源：区政协\n\n"
        "区政协党组传达学习区党委八届十次、十一次全体会议精神。全年召开常委会议5次，主席会议12次。\n"
    )
    got = surfaces(extract(text))
    assert {"5次", "12次"} <= got
    assert "十一次" not in got


def test_an_ordinal_of_the_committees_meeting_without_di_is_no_count(extract):
    text = (
        "2023-01-10 来源：省政协\n\n"
        "省政协十二次常委会议就推进乡村振兴进行了专题协商，形成建议案2件。全年召开了六次常委会议。\n"
    )
    got = surfaces(extract(text))
    assert {"2件", "六次"} <= got
    assert "十二次" not in got


def test_the_places_a_committees_people_help_are_no_count(extract):
    text = (
        "2021-01-20 来源：省政协\n\n"
        "三年来，全省各级政协共有512名主席、副主席挂帮406个贫困乡镇，1830家委员企业帮扶1975个贫困村，"
        "9120名政协委员结对帮扶60211户贫困户。省政协还帮助12个市县相继成立慈善协会。\n"
    )
    got = surfaces(extract(text))
    assert {"512名", "1830家", "9120名", "60211户"} <= got
    assert not got & {"406个", "1975个", "12个"}


def test_bodies_that_handle_the_proposals_named_at_length_are_no_count(extract):
    text = (
        "2019-12-18 来源：省政协\n\n"
        "省政协十二届二次会议共立案提案702件，省政府系统58个承办单位和14个州、市人民政府及高新区管委会"
        "认真承办，已全部答复。\n"
    )
    got = surfaces(extract(text))
    assert "702件" in got
    assert not got & {"58个", "14个"}


def test_a_proposals_results_in_the_governments_figures_are_no_count(extract):
    text = (
        "2024-01-15 来源：州政协\n\n"
        "王五委员《关于发展特色种植的提案》由州农业局主办，推动种植业提质，全州特色种植总产值达到95亿元。"
        "相关建议被纳入州政府实施意见，已有2600多位失地农民纳入养老保险。全年共立案提案318件，办复率100%。\n"
    )
    got = surfaces(extract(text))
    assert {"318件", "100%"} <= got
    assert not got & {"95亿元", "2600多位"}


def test_a_round_up_of_a_prefectures_county_committees_is_the_prefectures(extract):
    text = (
        "各县市政协开展委员读书活动\n\n发布时间：2019-04-26\n\n"
        "根据州政协《关于开展委员读书活动的通知》要求，4月以来，各县市政协组织委员开展读书活动，"
        "共组织两级政协委员600余人参加。\n\n"
        "利川市政协组织委员开展读书分享会\n\n建始县政协举办委员读书讲座\n\n巴东县政协开展读书月活动\n"
    )
    assert committees(extract(text))["600余人"] == "422800"


def test_a_members_own_proposals_in_a_small_chinese_numeral_count(extract):
    text = (
        "2024-03-02 来源：县政协\n\n"
        "来自农业界的委员张某今年带来了冷链物流、乡村道路两份提案。委员李某说，自己准备了三个提案。"
        "一名委员就是一面旗帜，两个提案办理协商会也将召开。\n"
    )
    got = {m["surface"]: m["category"] for m in extract(text)}
    assert got.get("两份") == "proposals" and got.get("三个") == "proposals"
    assert "两个" not in got and "一名" not in got


def test_a_breakdown_by_class_after_the_count_needs_no_verb(extract):
    text = (
        "2024-01-22 来源：省政协\n\n"
        "截至1月20日，大会共收到提案812件。其中，委员提案640件，各民主党派和人民团体提案172件。"
        "按类别划分，经济类231件，科教文卫类305件，统战政法类86件，综合类190件。\n"
    )
    got = {m["surface"]: m["category"] for m in extract(text)}
    assert {got.get(s) for s in ("231件", "305件", "86件", "190件")} == {"proposals"}


def test_the_committees_information_taken_up_by_the_party_and_government_counts(extract):
    text = (
        "2021-01-12 来源：市政协\n\n"
        "一年来，市政协共编报社情民意信息210篇，其中全国政协采用12篇、省政协采用45篇，市委主要领导阅批6篇。"
        "县政协共收集社情民意98条，被省政协采用2期，市委、市政府采用4期。\n"
    )
    got = surfaces(extract(text))
    assert {"210篇", "12篇", "45篇", "6篇", "98条", "2期", "4期"} <= got


def test_a_provinces_whole_system_before_a_figure_is_the_provinces(extract):
    text = (
        "清新区政协委员工作室见闻\n\n2022-10-20 来源：清新区政协\n\n"
        "近年来，全省各级政协目前共建设委员工作室1200多个。清新区政协委员工作室今年共收集社情民意35件。\n"
    )
    got = committees(extract(text))
    assert got["1200多个"] == "440000" and got["35件"] == "441803"


def test_a_gift_written_as_offering_love_is_a_donation(extract):
    text = "2020-02-10 来源：县政协\n\n该乡4位县政协委员向乡疫情防控指挥部奉献爱心12000元。\n"
    got = {m["surface"]: m["category"] for m in extract(text)}
    assert got.get("12000元") == "member_services"
