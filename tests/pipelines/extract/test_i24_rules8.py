"""Issue 24 rules, round 8: precision and committees (bodies that handle proposals, other bodies'
officials, spans of time, one of a set, each recipient's share, a rate per month, plans; a committee's
newspaper, a committee that adopts the subject's products, lists of other articles' headlines, a
round-up's sentences opened by a lower committee), developed on v7-v9 (both halves). Sentences are
our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_the_bodies_that_handle_the_proposals_are_no_count(extract):
    # the handling verb after the bodies (分别由…办理完毕) or before them in the clause (办理…涉及)
    text = (
        "2024-03-01 来源：县政协\n\n"
        "县政协十届二次会议以来，共提交提案88件，分别由31个部门、6个乡镇人民政府办理完毕。\n\n"
        "全年提案办理共涉及42家单位，交由27个承办部门办理的提案56件已全部办复。\n"
    )
    got = surfaces(extract(text))
    assert "88件" in got and "56件" in got
    assert not got & {"31个", "6个", "42家", "27个"}


def test_other_bodies_officials_are_no_count(extract):
    text = (
        "2024-02-20 来源：省政协\n\n"
        "省政协召开提案素材对接会，副省长率12位厅局负责人与委员一道讨论提案素材。会上，委员共提出意见建议35条。\n"
    )
    got = surfaces(extract(text))
    assert "35条" in got and "12位" not in got


def test_a_span_of_months_and_one_of_a_set_are_no_counts(extract):
    text = (
        "2023-11-20 来源：省政协\n\n"
        "在会议筹备的5个多月时间里，省政协先后组织专题调研6次。"
        "《关于发展设施农业的提案》被确定为全国政协30个重点督办提案之一。\n"
    )
    got = surfaces(extract(text))
    assert "6次" in got
    assert not got & {"5个", "30个"}


def test_what_each_recipient_was_handed_is_no_total(extract):
    text = (
        "2023-01-15 来源：县政协\n\n"
        "县政协委员走访慰问困难群众12户，分别向他们送上800元慰问金；对三名孤儿分别送去助学金1000、1000、1500元。\n"
    )
    got = surfaces(extract(text))
    assert "12户" in got
    assert not got & {"800元", "1500元"}


def test_a_sentence_opening_with_each_month_gives_a_rate(extract):
    text = (
        "2023-12-28 来源：县政协\n\n"
        "一年来，县政协组织委员召开民情信息交流会等座谈交流15次。每月通过政协云平台,向委员推送党政工作要情4篇,让委员及时掌握全县政情,提出优质提案。\n"
    )
    got = surfaces(extract(text))
    assert "15次" in got and "4篇" not in got


def test_what_a_donation_will_be_used_for_is_a_plan(extract):
    text = (
        "2022-09-20 来源：县政协\n\n"
        "县政协委员共捐款3.2万元。根据倡议书，此次捐款将用于6所山区学校建设多媒体教室，同时对15名困境儿童开展资助。\n"
    )
    got = surfaces(extract(text))
    assert "3.2万元" in got and not got & {"6所", "15名"}


def test_an_award_given_in_the_past_tense_counts_the_awarded(extract):
    # 对…先进个人进行了表彰 (with 了) is an award sentence as 进行表彰 is
    text = (
        "2010-01-20 来源：市政协\n\n"
        "全年共编报社情民意信息86期。同时，还对积极反映社情民意的12位先进个人进行了表彰。\n"
    )
    got = surfaces(extract(text))
    assert "86期" in got and "12位" not in got


def test_a_committees_newspaper_is_no_subject(extract):
    # the regional committee's paper publishes a county's story: its name is no committee named
    text = (
        "宁夏政协报数字报纸\n\n"
        "2022年09月22日\n\n"
        "宁夏政协报综合 要闻 区县快递\n\n"
        "捐出一节课 打开一扇窗\n\n"
        "——永宁县政协助力乡村教育小记\n\n"
        "近日，永宁县政协委员微信群十分热闹，大家都在积极捐课。\n\n"
        "永宁县政协的倡议发出后，政协委员纷纷响应，共捐款2.6万元。\n"
    )
    assert committees(extract(text))["2.6万元"] == "640121"


def test_a_committee_that_adopts_the_subjects_information_is_merely_named(extract):
    # the higher committees that take up the county's information are not the page's committee
    text = (
        "社情民意信息工作成效明显\n\n"
        "2021-01-10 来源：平罗县融媒体中心\n\n"
        "2020年，县政协共收集社情民意信息210篇，其中全国政协采用3篇、自治区政协采用12篇。\n"
    )
    assert committees(extract(text))["210篇"] == "640221"


def test_a_list_of_other_articles_headlines_neither_titles_nor_leads(extract):
    # the portal's headline list above the story names the regional committee: the story is the county's
    text = (
        "- 自治区政协召开专题协商会\n\n"
        "- 自治区政协党组召开扩大会议\n\n"
        "- 全区政协办公室工作会议在银川召开\n\n"
        "2023年以来，贺兰县政协高度重视提案工作，着力提高提案质量。\n\n"
        "县政协先后组织委员开展履职培训2期，共培训委员216人次。\n"
    )
    got = committees(extract(text))
    assert got["2期"] == "640122" and got["216人次"] == "640122"


def test_a_round_ups_sentence_opened_by_a_lower_committee_is_that_committees(extract):
    text = (
        "银川市政协委员助力防疫\n\n"
        "2023-02-03 来源：银川市政协\n\n"
        "疫情发生以来，银川市政协广泛动员委员捐款捐物。"
        "永宁县政协以委员工作室为单位，积极发动委员开展捐赠活动，全县共募捐物资价值3.5万余元。"
        "贺兰县政协12个委员工作室的80余名委员，捐资捐物15万余元。\n"
    )
    got = committees(extract(text))
    assert got["3.5万余元"] == "640121"
    assert got["15万余元"] == "640122" and got["80余名"] == "640122"


def test_a_provinces_short_name_shared_by_lower_divisions_is_the_province_beside_sheng_zhengxie(extract):
    # 海南: 海南省, 乌海's 海南区 and 青海's 海南州; the page speaks of 省政协
    text = (
        "海南政协：履职尽责促发展\n\n"
        "2021-01-20 来源：海南日报\n\n"
        "海南政协一年来扎实履职。省政协七届四次会议以来，审查立案提案512件。\n"
    )
    assert committees(extract(text))["512件"] == "460000"


def test_a_committee_and_a_lower_one_of_its_division_equally_prominent_is_the_higher(extract):
    # the regional committee's page names one of its cities' committees as prominently as itself
    text = (
        "内蒙古自治区政协 通辽市政协联合召开信息工作会议\n\n"
        "2023-05-10\n\n"
        "会议通报，两年来共编报社情民意信息1250篇，策划重点课题303个。\n"
    )
    assert committees(extract(text))["1250篇"] == "150000"


def test_the_national_committee_tied_with_a_local_one_yields_to_it(extract):
    # 全国政协委员 in a member's title names the national committee merely
    text = (
        "全国政协委员走进盐池县政协委员之家\n\n"
        "2023-06-12\n\n"
        "全国政协委员张某某来到盐池县政协委员之家。今年以来，委员之家共开展活动26次。\n"
    )
    assert committees(extract(text))["26次"] == "640323"


def test_a_city_named_by_its_news_outlet_places_the_provinces_committee(extract):
    # 宁波网讯 (a two-character short name before a news outlet's word) and 返回宁波: the 省政协 the page
    # speaks of is that city's province's
    text = (
        "中国宁波网讯（记者某某）昨天，省政协十届一次会议闭幕。出席会议的在甬省政协委员返回宁波。\n\n"
        "会议期间，在甬省政协委员积极建言献策，共向大会提交提案48件。\n"
    )
    assert committees(extract(text))["48件"] == "330000"


def test_citizens_and_others_who_sit_in_are_no_members(extract):
    text = (
        "2024-01-20 来源：自治区政协\n\n"
        "本次会议应到会委员520人，列席人员96人。"
        "大会继续邀请公民代表旁听，共有12名普通公民走进了政协会堂。\n"
    )
    got = surfaces(extract(text))
    assert "520人" in got
    assert not got & {"96人", "12名"}


def test_a_gift_per_school_term_is_no_total(extract):
    text = "2023-03-01 来源：市政协\n\n市政协委员扶贫救助会决定每学期捐助她1500元助学款。全年共救助困难学生36名。\n"
    got = surfaces(extract(text))
    assert "1500元" not in got


def test_a_figure_takes_the_code_its_committee_had_in_the_figures_year(extract):
    # 旌德县 belonged to 徽州 (342722) until 1986, to 宣城地区 (342530) until 1999, to 宣城市 (341825) since
    text = (
        "旌德县政协简介\n\n"
        "1980年11月，组建旌德县政协筹备委员会。\n\n"
        "政协旌德县第三届委员会第一次会议于1987年4月16日召开，会议选举产生常委28人。\n\n"
        "七届一次会议于2003年1月10日召开，会议选举产生常委30人。\n"
    )
    assert committees(extract(text)) == {"28人": "342530", "30人": "341825"}


def test_a_namesake_named_in_full_outweighs_the_registers_neighbours(extract):
    # 张家口: the city (130700, since 1983) and the prefecture (132500, until 1992) in the same years; the
    # page names 张家口市政协 and 我市, and also counties of the prefecture
    text = (
        "Page 332 - 张家口政协\n\n"
        "P. 332\n\n"
        "文史工作三年回顾\n\n"
        "张家口市政协\n\n"
        "自1983年8月建立文史处以来，已经走过了三年的历程。三年多来，我市的文史工作在中共张家口市委的领导下稳步推进，"
        "共征集文史稿件420篇，其中宣化县、张北县、蔚县的老同志撰稿60余篇。\n"
    )
    assert committees(extract(text))["420篇"] == "130700"
