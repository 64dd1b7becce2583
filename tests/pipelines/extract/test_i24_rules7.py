"""Issue 24 rules, round 7: periods (a spring session's own year, running totals up to a dated
cut-off, dates ahead of the page), developed on v5-v8 and the v9 development half. Sentences are
our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_a_spring_session_page_is_held_the_year_after_its_reports_year(extract):
    # a month-day date line in March, no year but the one the work report reviews: the session is
    # held in the year after it, so who attends it counts in that year; the report's figures keep theirs
    text = (
        "平罗县政协十二届三次会议开幕\n\n"
        "3月2日，政协第十二届平罗县委员会第三次会议开幕。\n\n"
        "本次会议应到委员215人，实到203人，符合规定人数。\n\n"
        "县政协主席代表政协第十二届平罗县委员会常务委员会作工作报告。报告指出，2023年，县政协共组织视察调研17次。\n"
    )
    got = periods(extract(text))
    assert got["215人"] == (2024, 2024) and got["203人"] == (2024, 2024)
    assert got["17次"] == (2023, 2023)


def test_a_running_total_up_to_a_dated_cutoff_starts_when_the_scheme_began(extract):
    # 截至2025年8月，累计…: from the year the lead says the platform began to the cut-off's year
    text = (
        "某某区打造基层协商平台\n\n"
        "9月12日电 记者了解到，某某区政协自2021年以来积极打造“有事好商量”基层协商平台。\n\n"
        "截至2025年8月，区政协累计开展协商议事活动46场，形成协商意见183条。\n"
    )
    got = periods(extract(text))
    assert got["46场"] == (2021, 2025) and got["183条"] == (2021, 2025)


def test_a_studio_total_up_to_a_cutoff_starts_in_the_year_it_opened(extract):
    # the founding stated two paragraphs before the total (于2022年5月…揭牌成立)
    text = (
        "区政协委员工作室服务群众\n\n"
        "2023-10-08 来源：市政协\n\n"
        "某某镇政协委员工作室于2022年5月10日揭牌成立，共有9名区政协委员进驻。\n\n"
        "工作室定期开展接待群众、调研视察等活动。\n\n"
        "截至2023年9月，该工作室共收集社情民意38件。\n"
    )
    assert periods(extract(text))["38件"] == (2022, 2023)


def test_a_scheduled_date_is_no_date_line(extract):
    # 定于11月9日至10日召开 on a page of 8 November is ahead of the page, not last year's November
    text = (
        "省政协将召开常委会会议\n\n"
        "2023-11-08 20:56 来源：省政协\n\n"
        "定于11月9日至10日召开的省政协常务委员会会议将聚焦产业发展协商议政。会议筹备期间，省政协先后组织开展专题调研5次。\n"
    )
    assert periods(extract(text))["5次"] == (2023, 2023)


def test_a_first_session_held_in_december_is_that_decembers(extract):
    # term_ordinals.csv: 凤台县's 11th committee opened its 1st session on 27 Dec 2021; what that
    # session received counts in 2021 (its second session, January 2023, is 2023)
    text = "凤台县政协十一届一次会议闭幕\n\n本次会议共收到委员提案168件。\n"
    assert periods(extract(text))["168件"] == (2021, 2021)
    text = "凤台县政协十一届二次会议闭幕\n\n本次会议共收到委员提案173件。\n"
    assert periods(extract(text))["173件"] == (2023, 2023)


def test_so_far_in_a_term_summary_dated_in_the_terms_last_year_is_the_terms(extract):
    # 五年来 at a county's new-term session in October of the closing term's last year: the
    # proposals handled 截至目前 are the term's, as the ones submitted are
    text = (
        "县政协十一届一次会议闭幕\n\n"
        "2021-10-30 来源：县融媒体中心\n\n"
        "5年来，县政协委员共提交提案386件，经审查立案312件。截至目前，312件提案已全部办结，委员满意度为98%。\n"
    )
    got = periods(extract(text))
    assert got["386件"] == (2017, 2021) and got["98%"] == (2017, 2021)


def test_a_session_written_with_zhengxie_after_the_term_is_a_session(extract):
    # 十一届政协二次全会以来 (the term, 政协, the session as 全会) on a January page: since that
    # session, its year (宁夏's 11th committee opened in 2018, so its 2nd session is 2019)
    text = (
        "宁夏十一届政协二次全会以来提案办复率达99.5%\n\n"
        "2020-01-18 来源：宁夏日报\n\n"
        "记者从宁夏回族自治区政协了解到，自治区十一届政协二次全会以来共提交提案702件，审查立案611件。\n"
    )
    got = periods(extract(text))
    assert got["702件"] == (2019, 2019) and got["611件"] == (2019, 2019)


def test_a_party_committees_plenum_is_no_session(extract):
    # 县委十四届二次全会 is the party committee's plenum, not the county CPPCC's second session
    from pipelines.extract.periods import SESSION

    assert [m[0] for m in SESSION.finditer("贯彻县委十四届二次全会精神，筹备县政协十届二次会议")] == [
        "十届二次会议"
    ]


def test_drafting_a_divisions_next_plan_dates_a_year_so_far(extract):
    # 今年以来 on an undated page whose head has the district consult on drafting its “十五五”
    # plan (谋划全区“十五五”): the plan is drafted in the year before it starts, 2025
    text = (
        "今年以来，某区政协积极拓展协商渠道。截至12月10日，共收集建议60余条。\n\n"
        "区政协围绕谋划全区“十五五”规划开展专题协商，提升建言针对性。\n"
    )
    assert periods(extract(text))["60余条"] == (2025, 2025)
