"""Issue 24 rules, round 6: general constructions and data (spans counted back, session words,
qualifiers, rates, units, committee systems, a namesake resolved by its full name), developed on the
v9 development half and v1-v8. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, periods


def quantities(ms):
    return {m["surface"]: (m["value"], m["unit"], m["qualifier"]) for m in ms}


def test_these_two_years_span_back_from_the_date_line(extract):
    # 这两年 / 近两年 / 过去三年 with no 来 after them still count years back from the date line
    text = (
        "区政协委员述职会举行\n\n"
        "2021-11-20 来源：区融媒体中心\n\n"
        "“这两年，我参加区政协各类活动36次，提交提案7件。”\n\n"
        "过去三年，区政协共组织视察19次。\n"
    )
    assert periods(extract(text)) == {"36次": (2020, 2021), "7件": (2020, 2021), "19次": (2019, 2021)}


def test_this_session_and_registered_members_are_the_sessions_year(extract):
    # a press briefing on the eve of a January session: who registered for it and what this
    # session collected count in the session's year, not the year the session reviews
    text = (
        "省政协十二届三次会议明日开幕\n\n"
        "2024-01-20 来源：省政协新闻网\n\n"
        "目前，报名参会的612名委员大部分已经就位。\n\n"
        "此次大会共征集大会发言材料208篇。\n\n"
        "一年来，省政协组织视察调研45次。\n"
    )
    assert periods(extract(text)) == {"612名": (2024, 2024), "208篇": (2024, 2024), "45次": (2023, 2023)}


def test_an_attendance_rate_is_a_metric(extract):
    text = "2023-03-02 来源：县政协\n\n县政协十届二次会议召开，委员出席率达到96.4%。\n"
    ms = {m["surface"]: m for m in extract(text)}
    assert "96.4%" in ms and ms["96.4%"]["metric"] == "meetings.attendance_rate"


def test_chaoguo_le_is_at_least(extract):
    text = "2022-03-05 来源：市政协\n\n一年来，市政协委员提交的提案超过了五百件。\n"
    assert quantities(extract(text)) == {"超过了五百件": (500, "件", "at_least")}


def test_a_share_of_the_proposals_before_its_reply_is_the_reply_rate(extract):
    text = "2022-03-05 来源：市政协\n\n截至二月底，百分之九十五以上的提案已经办复。\n"
    assert quantities(extract(text)) == {"百分之九十五以上": (95, "%", "at_least")}


def test_pian_ci_is_a_counting_word(extract):
    text = "2024-01-10 来源：省政协\n\n一年来，省政协报送社情民意信息被全国政协刊物登发27篇次。\n"
    assert quantities(extract(text)) == {"27篇次": (27, "篇次", "exact")}


def test_culture_history_issues_count_in_qi(extract):
    text = "2005-12-20 来源：市政协\n\n五年来，市政协共编辑出版文史资料六期。\n"
    ms = {m["surface"]: m for m in extract(text)}
    assert "六期" in ms and ms["六期"]["metric"] == "culture_history.volumes"


def test_a_citys_committee_system_is_no_subject(extract):
    # the city's whole system of committees (福州市政协系统) holds the district's award meeting;
    # the district's committee is the page's subject
    text = (
        "连续四年!晋安区政协获评全市政协系统信息工作先进单位\n\n"
        "时间:2024-06-20 10:00\n\n"
        "喜报\n\n"
        "6月18日上午，福州市政协系统2024年信息工作会议召开。会议通报表扬了全市政协系统先进单位。\n\n"
        "晋安区政协荣获“2023年度福州市政协系统信息工作先进单位”称号，区政协常委张某获评“2023年度福州市政协"
        "系统优秀信息员”，区政协委员服务中心李某获评“2023年度福州市政协系统先进个人”，3篇信息获评“2023年度"
        "福州市政协系统优秀信息”。\n\n"
        "2023年，晋安区政协共编报社情民意信息215篇。\n"
    )
    assert committees(extract(text))["215篇"] == "350111"


def test_a_namesake_short_name_is_the_one_the_page_names_in_full(extract):
    # 中山 is both 中山市 (广东) and 大连's 中山区; the formal name in the lead settles it
    text = (
        "中山政协提案工作\n\n"
        "2022年01月15日\n\n"
        "中国人民政治协商会议第十三届中山市委员会第一次会议开幕。五年来，共提交提案一千二百件。\n"
    )
    assert committees(extract(text)) == {"一千二百件": "442000"}


def test_attending_a_session_stops_at_an_ascii_comma(extract):
    # 参加…54次,…大会书面发言: the member took part in activities, then some proposals became
    # session speeches; no session was attended in this sentence (half-width commas as on many pages)
    text = (
        "区政协委员述职活动小记\n\n"
        "发布时间: 2020-11-30 09:36:23 | 来源: 区融媒体中心\n\n"
        "“这两年,我参加区政协各类活动54次,有8件提案被立案,其中2件被选为大会书面发言。”\n"
    )
    assert periods(extract(text)) == {"54次": (2019, 2020), "8件": (2019, 2020), "2件": (2019, 2020)}


def test_a_chronicle_section_naming_its_committee_only_by_a_relative_form(extract):
    # a city chronicle's section: no committee by name, 市政协 throughout the body, and the city
    # named in the book's title
    text = (
        "第四节 提案工作\n\n"
        "内容出处: 《安庆市志(1991-2010)》 图书\n\n"
        "摘要: 本节记述安庆市1991-2010年的提案工作。\n\n"
        "页数: 8\n\n"
        "1994年至1998年，第十届市政协委员共提出提案1240件，立案1105件。\n\n"
        "市政协每年召开提案办理协商会，督办重点提案。\n"
    )
    assert set(committees(extract(text)).values()) == {"340800"}


def test_a_place_named_once_inside_a_phrase_does_not_resolve_a_body_relative_form(extract):
    # 将会同县委办公室…: 会同 is "together with" here, not 会同县; named once, it settles nothing
    text = (
        "大会闭幕\n\n"
        "2018-01-20 来源：新闻中心\n\n"
        "会议期间共收到提案152件。\n\n"
        "提案内容涉及经济发展、社会事业等方面。\n\n"
        "据悉，审查立案的提案，县政协提案委员会将会同县委办公室及时转交有关部门办理。\n"
    )
    assert set(committees(extract(text)).values()) == {None}


def test_a_quorum_line_without_the_word_members_is_attendance(extract):
    text = (
        "省政协常委会第十次会议开幕\n\n2024-06-12 来源：省政协\n\n"
        "会议应出席161人，实际出席139人，符合规定人数。会议应到67人，实到65人。\n"
    )
    ms = extract(text)
    assert {m["surface"]: m["metric"] for m in ms} == {
        "161人": "meetings.attendance",
        "139人": "meetings.attendance",
        "67人": "meetings.attendance",
        "65人": "meetings.attendance",
    }


def test_a_share_right_after_or_around_its_act_is_that_acts_rate(extract):
    text = (
        "2021-01-08 来源：市政协\n\n"
        "一年来，提案线上办理答复100%。对52件重点提案落实情况进行督办，截至目前已落实90%以上。\n\n"
        "截至2020年底，提案已经100%办结。全市GDP增长6%。\n"
    )
    assert {m["surface"] for m in extract(text) if m["unit"] == "%"} == {"100%", "90%以上"}
    assert [m["surface"] for m in extract(text) if m["unit"] == "%"].count("100%") == 2
