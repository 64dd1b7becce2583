"""Issue 24 rules developed on the v3 real-document set (both halves): session years, pinyin notes,
whole-division words and counts that are no committee work. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import rows


def test_attendance_at_a_session_counts_in_the_year_the_report_calls_current(extract):
    # a county report reviewing 2016 that calls 2017 its current year is delivered at the 2017
    # session: who attends that session counts in 2017, the year's work in 2016
    text = (
        "平罗县政协十届二次会议开幕\n"
        "本次大会应到委员150人，实到委员141人。\n"
        "报告指出，2016年，县政协共收到提案120件。2017年是全面落实“十三五”规划的关键之年。\n"
    )
    assert rows(extract(text)) == [
        ("150人", 2017, 2017, "text"),
        ("141人", 2017, 2017, "text"),
        ("120件", 2016, 2016, "text"),
    ]


def test_what_happens_during_a_session_counts_in_its_year_even_beside_a_term_summary(extract):
    # a first session's page whose previous term's report makes it a term summary: the figures of
    # the session itself (会议期间) are the session's, those of the closing term its five years
    text = (
        "政协平罗县第十一届委员会第一次会议闭幕\n"
        "2022年1月10日 来源：平罗县政协\n"
        "会议审议通过了第十届委员会常务委员会工作报告。五年来，县政协共收到提案650件。\n"
        "作为本届政协的首次会议，会议期间有138名委员提交了提案。\n"
    )
    got = {s: (a, b) for s, a, b, _ in rows(extract(text))}
    assert got["138名"] == (2022, 2022)
    assert got["650件"] == (2017, 2021)


def test_period_words_are_read_through_inline_pinyin_notes(extract):
    # 報(bào)到 is 报到 (attendance at the session); without reading through the note the figure
    # would take the year the report reviews
    text = (
        "全國政協十一屆五次會議舉行新聞發佈會\n"
        "截至2日中午，在2200名政協委員中已有1500名到大會秘書處報(bào)到。\n"
        "2011年，全國政協提案超過5800件。\n"
    )
    assert rows(extract(text)) == [
        ("2200名", 2012, 2012, "session"),
        ("1500名", 2012, 2012, "session"),
        ("超過5800件", 2011, 2011, "text"),
    ]


def test_whole_prefecture_before_the_committee_is_no_county_named_so(extract):
    # 全州政协系统: all committees of the prefecture the paper serves (甘孜日报, 州政协), not the
    # committee of 全州县 in Guangxi
    text = (
        "《甘孜日报》 2013年11月27日\n"
        "本报讯（州政协秘书科）在爱心慈善日期间，全州政协系统干部职工积极参与爱心捐款。\n"
        "此次活动中，全州政协系统干部职工捐款30万元。\n"
    )
    (m,) = extract(text)
    assert m["committee_code"] == "513300"


def test_other_currencies_and_per_person_averages_are_no_counts(extract):
    text = (
        "平罗县政协委员爱心捐款\n"
        "2023年，县政协委员共捐款30万元，其中港区委员捐款5万元港币。"
        "全年委员参加履职活动3200人次，人均参加12.5次。\n"
    )
    assert [m["surface"] for m in extract(text)] == ["30万元", "3200人次"]


def test_time_limits_agendas_and_audiences_are_no_counts(extract):
    text = (
        "平罗县政协2023年工作综述\n"
        "2023年，县政协共收到提案136件，将在30个工作日内交办。会议共有五项建议议程。"
        "委员开展直播带货，吸引2万多名粉丝观看，走访困难家庭45户。\n"
    )
    assert [m["surface"] for m in extract(text)] == ["136件", "45户"]


def test_a_share_right_before_the_act_is_its_rate(extract):
    text = "平罗县政协2023年提案工作\n2023年，委员共提交提案120件。截至12月20日，98.5%已经办复。\n"
    got = {m["surface"]: m["category"] for m in extract(text)}
    assert got == {"120件": "proposals", "98.5%": "proposals"}


def test_the_membership_listed_by_party_sex_and_ethnicity_is_its_composition(extract):
    text = (
        "平罗县政协新一届委员情况\n"
        "2022年，新一届县政协委员共有210名。其中，中共党员82名，非中共党员128名；民主党派成员40名；"
        "妇女63名；少数民族人士35名。\n"
    )
    got = [(m["surface"], m["metric"]) for m in extract(text)]
    assert got == [
        ("210名", "organization.members"),
        ("82名", "organization.member_composition"),
        ("128名", "organization.member_composition"),
        ("40名", "organization.member_composition"),
        ("63名", "organization.member_composition"),
        ("35名", "organization.member_composition"),
    ]


def test_a_relative_form_is_the_committee_of_the_publisher_the_page_names_in_its_footer(extract):
    # 市政协 on a newspaper page whose footer names the paper and its city
    text = (
        "市政协开展送医下乡活动\n"
        "本报讯 21日上午，市政协组织医疗卫生界委员到石河镇开展义诊，接受义诊群众800余人。\n"
        "本报地址：天门市竟陵路1号 版权所有：天门日报社\n"
    )
    (m,) = extract(text)
    assert m["committee_code"] == "429006"


def test_each_dated_paragraph_of_a_round_up_reports_the_committee_it_opens_with(extract):
    text = (
        "各地政协动态\n"
        "发布时间：2021-07-06\n"
        "6月29日，灵宝市政协组织委员开展义诊活动，服务群众300余人次。\n"
        "6月30日，长葛市政协组织委员视察重点项目12个。\n"
        "7月1日，县政协委员参加了座谈。\n"
    )
    got = [(m["surface"], m["committee_code"]) for m in extract(text)]
    assert got == [("300余人次", "411282"), ("12个", "411082")]


def test_reviewed_public_ordinals_date_a_county_and_a_city_session(extract):
    # term_ordinals.csv: Ninghai's 9th committee held its 2nd session in January 2013 (so its 4th in
    # 2015); Shenzhen's 5th and 7th terms opened in 2010 and 2021 (its 6th, inferred, in 2015)
    ninghai = "宁海县政协九届四次会议胜利闭幕\n会议补选了九届县政协5名常务委员。\n"
    assert rows(extract(ninghai)) == [("5名", 2015, 2015, "session")]
    (m,) = extract("深圳市政协六届三次会议开幕\n六届二次会议以来，委员共提交提案620件。\n")
    assert (m["period_start"], m["period_inferred"]) == (2016, True)


def test_a_span_in_the_head_keeps_the_date_line_for_this_years_figures(extract):
    # the lead's span (2014年至2023年) is the page's period, yet 今年 is the date line's year
    text = (
        "平罗县政协委员十年助学\n"
        "2023年08月20日 来源：平罗县政协\n"
        "据了解，2014年至2023年，县政协委员累计资助学生300名。今年，县政协决定资助大学新生25名。\n"
    )
    got = {m["surface"]: (m["period_start"], m["period_end"]) for m in extract(text)}
    assert got == {"300名": (2014, 2023), "25名": (2023, 2023)}


def test_instructions_a_party_committee_gives_on_the_committees_reports_count(extract):
    # the clause's actor is another body (县委), but what it gave are instructions on the
    # committee's own reports: the committee's output
    text = "平罗县政协2023年工作综述\n2023年，县政协编报《政协专报》12期，县委县政府领导作出批示9次。\n"
    assert [m["surface"] for m in extract(text)] == ["12期", "9次"]


def test_a_headline_relative_form_the_publisher_resolves_outweighs_guests_named_in_the_lead(extract):
    # the site (breadcrumb root 平罗政协) publishes 县政协's meeting; the committees named in the
    # lead are the guests' (银川市政协, 石嘴山市政协), not the subject
    text = (
        "您现在的位置: 平罗政协->工作动态->工作传真\n"
        "县政协召开社情民意信息工作会议\n"
        "4月28日，县政协召开社情民意信息工作会议。银川市政协和石嘴山市政协研究室负责同志应邀作专题辅导。\n"
        "去年，县政协编报社情民意信息36篇。\n"
    )
    (m,) = extract(text)
    assert m["committee_code"] == "640221"


def test_a_committee_named_by_place_and_term_without_weiyuanhui(extract):
    # 政协沁县第十四届五次会议: 政协 + the place + its term, no 委员会 between
    text = "政协沁县第十四届五次会议举行第二次全体会议\n本次会议应出席委员149人，实出席126人。\n"
    assert {m["committee_code"] for m in extract(text)} == {"140430"}


def test_a_clause_opened_by_another_committee_is_its_gift_but_not_a_higher_ones_adoption(extract):
    text = (
        "甘孜州政协开展爱心帮扶活动\n"
        "2013年11月，州政协系统干部职工捐款51万元，江西省新余市政协捐款20万元。"
        "州政协报送社情民意信息80条，全国政协采用12条。\n"
    )
    got = {m["surface"]: m["committee_code"] for m in extract(text)}
    assert got == {"51万元": "513300", "20万元": "360500", "80条": "513300", "12条": "513300"}


def test_a_total_written_in_digits_after_shu_is_a_count_but_shushi_is_not(extract):
    # 数 blocks 数十 (several tens), not 委员总数643名
    text = "平罗县政协新一届委员情况\n2022年，县政协委员总数210名，数十名委员参加了培训。\n"
    assert [m["surface"] for m in extract(text)] == ["210名"]
