"""Issue 24 rules, round 3: developed on the v4 set's former held-back half (a development set since
it was scored once) and on the v5 set's development half. Sentences are our own."""

from __future__ import annotations

import pytest

from tests.pipelines.extract.views import periods


def test_an_editor_and_counter_line_is_the_pages_date_line(extract):
    # a county news site's line: date and time, editor, reviewer, reading counter; the month-day in
    # the lead reads against it
    text = (
        "2023-12-28 10:12:40 编辑: 马丽 审核人:李强 阅读次数:1532 |\n\n"
        "12月27日，盐池县政协十一届三次会议举行预备会议。\n\n"
        "会议应到委员180人，实到172人。\n"
    )
    assert periods(extract(text)) == {"180人": (2023, 2023), "172人": (2023, 2023)}


def test_the_title_is_the_line_above_the_articles_own_date_line(extract):
    # a provincial paper's site: its name and a site date come first; the article's title stands
    # above the article's own date and source line, and it names the committee
    text = (
        "宁夏政协报新闻中心(宁夏政协报主办的新闻网站)\n\n"
        "当前位置:宁夏政协报首页 > 数字报\n\n"
        "2024-05-20\n\n"
        "盐池县政协:委员联系群众办实事\n\n"
        "2024-05-20 | 来源:宁夏政协报\n\n"
        "盐池讯 盐池县政协组织委员深入乡村，收集社情民意信息21条，走访群众86人次。\n"
    )
    ms = extract(text)
    assert {m["committee_code"] for m in ms} == {"640323"}
    assert periods(ms) == {"21条": (2024, 2024), "86人次": (2024, 2024)}


def test_a_place_in_the_pages_tag_line_resolves_its_provincial_committee(extract):
    # the text says only 省政协; the page's tag line names the province
    text = (
        "省政协十二届二次会议提案审查工作完成\n\n"
        "截至1月20日，大会共收到提案702件，经审查立案665件。\n\n"
        "编辑: 王明 标签: 甘肃、政协、提案\n"
    )
    ms = extract(text)
    assert {(m["surface"], m["committee_code"]) for m in ms} == {("702件", "620000"), ("665件", "620000")}
    assert periods(ms) == {"702件": (2019, 2019), "665件": (2019, 2019)}


@pytest.mark.parametrize(
    "title, year",
    [("县政协：奋进担当的一年", 2024), ("县政协：在新的一年里再出发", 2025)],
)
def test_a_january_title_of_the_year_reviews_the_year_before_but_the_new_year_does_not(extract, title, year):
    text = f"{title}\n发布时间：2025-01-12　来源：平罗县政协\n平罗县政协组织委员开展调研视察12次。\n"
    assert periods(extract(text)) == {"12次": (year, year)}


def test_since_one_year_ago_in_traditional_script_is_a_review(extract):
    text = (
        "甘肅省政協第十二屆三次會議開幕\n2020-01-11 09:30:00 來源:甘肅日報\n"
        "1月10日，政協甘肅省第十二屆委員會第三次會議開幕。"
        "據介紹，一年以來，常委會收到提案共603件，立案588件。\n"
    )
    assert periods(extract(text)) == {"603件": (2019, 2019), "588件": (2019, 2019)}


def test_a_yearbook_records_the_year_before_its_own(extract):
    text = (
        "宁夏年鉴 2021年00期\n\n"
        "【政协工作概况】 全年自治区政协常委会议共举行4次，主席会议共举行10次，"
        "共提交提案615件。\n"
    )
    assert set(periods(extract(text)).values()) == {(2020, 2020)}


def test_proposals_handed_in_during_a_named_session_are_the_sessions(extract):
    # the date line is a later re-post; the sentence names the national session that dates them
    text = (
        "驻宁全国政协委员积极建言\n\n"
        "2015-09-14 23:22:08\n\n"
        "截至3月11日，驻宁全国政协委员在全国政协十二届二次会议期间提交提案46件。\n"
    )
    assert periods(extract(text)) == {"46件": (2014, 2014)}


def test_the_quorum_line_of_a_session_is_the_sessions_year(extract):
    # the session's report reviews the year before (一年来 after the year it calls the first of a
    # plan); the quorum line is the session's
    text = (
        "回放甘肃省政协十二届三次会议开幕会\n\n"
        "1月10日上午9点，政协甘肃省第十二届委员会第三次会议开幕。\n\n"
        "政协第十二届甘肃省委员会共有委员470名，出席今天会议的委员有436名，符合政协章程规定的人数。\n\n"
        "2019年是新中国成立70周年。一年来，常委会组织视察调研52次。\n"
    )
    assert periods(extract(text)) == {"470名": (2020, 2020), "436名": (2020, 2020), "52次": (2019, 2019)}


def test_running_totals_start_where_the_text_says_they_began(extract):
    text = (
        "县政协委员助学联盟举行助学金发放仪式\n发布时间：2024-08-20　来源：平罗县政协\n"
        "8月19日，平罗县政协委员助学联盟举行助学金发放仪式。\n"
        "2016年，在县政协的倡导下，成立了平罗县政协委员助学联盟。截至目前，联盟共筹集善款210余万元。\n"
        "这已是联盟连续第5年开展助学行动，累计资助学生320名。\n"
        "今年，联盟资助学生60名。\n"
    )
    assert periods(extract(text)) == {
        "210余万元": (2016, 2024),
        "320名": (2020, 2024),
        "60名": (2024, 2024),
    }


def test_figures_of_the_new_term_are_the_years_it_opens(extract):
    # a term summary on the eve of a new term's first session; the new term's members and sectors are
    # the new term's
    text = (
        "政协宁夏回族自治区第十三届一次会议将于1月15日开幕\n发布时间：2023-01-10　来源：宁夏日报\n"
        "五年来，十二届自治区政协共提交提案2980件。\n"
        "此前召开的常委会议协商产生了新一届自治区政协委员名单，共有委员480名。\n"
    )
    assert periods(extract(text)) == {"2980件": (2018, 2022), "480名": (2023, 2023)}


def test_the_people_congress_functions_agenda_items_and_changes_are_no_committee_work(extract):
    text = (
        "平罗县两会特别报道\n发布时间：2024-01-20　来源：平罗县融媒体中心\n"
        "过去一年，县人大常委会审议法规案12件，开展执法检查5次，建立基层立法联系点9个。\n"
        "县政协十届三次会议建议议程共有六项。\n"
        "县政协共收到提案156件，比十届二次会议增13件。\n"
        "县政协向22个部门征集协商议题40条。\n"
        "全市11个县级政协开通委员履职平台账号，县政协开通账号后组织网络议政3次。\n"
    )
    assert {m["surface"] for m in extract(text)} == {"156件", "40条", "3次"}


def test_since_last_year_is_a_span_of_two_years(extract):
    text = (
        "县政协界别议事厅建设见成效\n发布时间：2022-06-10　来源：平罗县政协\n"
        "平罗县政协培育界别议事厅，去年以来共开展主题活动16场，其中今年开展5场。\n"
    )
    assert periods(extract(text)) == {"16场": (2021, 2022), "5场": (2022, 2022)}


def test_a_span_between_two_events_named_by_their_years(extract):
    text = (
        "宁夏政协遴选有影响力提案\n发布时间：2024-09-20　来源：宁夏政协\n"
        "自治区政协从1958年第一届委员会第一次会议到2024年十二届二次会议的2.1万余件提案中，遴选出35件有影响力提案。\n"
        "自治区政协连续两年围绕黄河保护提交提案80余件。\n"
    )
    assert periods(extract(text)) == {"2.1万余件": (1958, 2024), "35件": (1958, 2024), "80余件": (2023, 2024)}


def test_a_cut_off_at_the_terms_last_year_leaves_a_term_summary_its_range(extract):
    text = (
        "五年来提案工作情况的报告\n"
        "五年来，政协第十二届宁夏回族自治区委员会共立案提案2310件。截止到2022年底，提案全部办复，办复率为100%。\n"
    )
    assert periods(extract(text)) == {"2310件": (2018, 2022), "100%": (2018, 2022)}


def test_members_attending_a_new_terms_first_session_are_its_year(extract):
    # a term summary at the first session: the members who attend are the session's
    text = (
        "平罗县政协十一届一次会议开幕\n发布时间：2021-12-28　来源：平罗县融媒体中心\n"
        "12月28日，政协平罗县第十一届委员会第一次会议开幕。来自全县各界的190余名政协委员参加了政协平罗县第十一届委员会第一次会议。\n"
        "报告指出，过去五年，十届县政协共提交提案812件。\n"
    )
    assert periods(extract(text)) == {"190余名": (2021, 2021), "812件": (2017, 2021)}


def test_a_term_named_on_the_eve_of_its_first_session_is_its_first_year(extract):
    # a press briefing in January before the new provincial term's first session: the structure of
    # the term it names is that term's, in the year the term opens
    text = (
        "甘肃省政协十三届一次会议新闻发布会举行\n发布时间：2023-01-12　来源：甘肃日报\n"
        "政协甘肃省第十三届委员会第一次会议将于1月14日开幕。省政协秘书长介绍，十三届省政协共设立34个界别。\n"
    )
    assert periods(extract(text)) == {"34个": (2023, 2023)}


def test_decimals_in_words_thresholds_the_whole_place_and_structure_count_nothing(extract):
    text = (
        "平罗县政协常委会工作报告\n"
        "一年来，委员向灾区捐款折合人民币一点五亿多元，其中个人捐款十万元以上的有二十一位。\n"
        "目前，该省建成日间照料中心350个。\n"
        "县政协紧扣选题、调研、协商、督办四个关键环节，全年组织专题协商6次。\n"
    )
    assert {m["surface"] for m in extract(text)} == {"二十一位", "6次"}  # the members are counted


def test_work_since_a_named_session_on_a_page_of_the_next_year_is_that_sessions_year(extract):
    text = (
        "提案工作这一年\n发布时间：2020-05-09　来源：甘肃日报\n"
        "省政协十二届二次会议以来，甘肃省政协共收到提案812件，立案755件。今年，省政协将加强提案办理协商。\n"
    )
    assert periods(extract(text)) == {"812件": (2019, 2019), "755件": (2019, 2019)}


def test_that_year_is_the_year_the_paragraph_named_last(extract):
    text = (
        "县政协擦亮助学品牌\n发布时间：2016-09-01　来源：平罗县政协\n"
        "从2015年起，由县政协牵头开展爱心助学活动。当年共募集资金86万元，120名学生得到资助。"
        "今年，共募集资金95万元，132名学生得到资助。\n"
    )
    assert periods(extract(text)) == {
        "86万元": (2015, 2015),
        "120名": (2015, 2015),
        "95万元": (2016, 2016),
        "132名": (2016, 2016),
    }


def test_a_share_right_before_the_answer_it_got_is_the_reply_rate(extract):
    text = (
        "平罗县政协提案工作情况的报告\n2024年，县政协立案提案156件，提案100%得到办理答复，其中62%已经解决。\n"
    )
    assert {m["surface"] for m in extract(text)} == {"156件", "100%"}


def test_years_so_far_run_from_the_year_the_paragraph_says_the_work_began(extract):
    # a term summary: 5年多来 after the year the programme began is that programme's span, not the term's
    text = (
        "十二届甘肃省政协履职五年回眸\n发布时间：2022-06-29　来源：甘肃日报\n"
        "五年来，十二届省政协共提交提案3010件。\n"
        "2016年，省政协系统启动了结对帮扶行动。5年多来，全省3万多名政协委员参与，结对帮扶困难家庭5万多户。\n"
    )
    assert periods(extract(text)) == {
        "3010件": (2018, 2022),
        "3万多名": (2016, 2022),
        "5万多户": (2016, 2022),
    }


def test_work_since_a_party_congress_starts_in_its_year(extract):
    text = (
        "省政协专场新闻发布会举行\n发布时间：2022-06-29　来源：甘肃日报\n"
        "6月29日，省政协专场新闻发布会在兰州举行。\n"
        "党的十八大以来，省政协围绕重大问题持续履职。近年来，省政协就黄河保护召开协商会21次。\n"
        "2021年，省政协组织视察9次。\n"
    )
    assert periods(extract(text)) == {"21次": (2012, 2022), "9次": (2021, 2021)}
