"""Issue 24, round 40: periods (docs/extraction.md, "Issue 24, round 40"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import rows


# A. who attends a session the paragraph names and the calendar dates counts for the session's year,
# also where the report covers a plan's or a term's years (read with mention_period: the page's report
# spans 2016-2020, the calendar dates the session)
def _period(sentence: str, dated: dict):
    from pipelines.extract.periods import Period, SessionYear, mention_period

    report = Period(2016, 2020, True, None, source="plan")
    sessions = {k: SessionYear(*v) for k, v in dated.items()}
    pos = sentence.index("520名")
    return mention_period(sentence, report, 0, pos, 0, None, sessions, {})


SENTENCE = "出席市政协十二届二次会议的委员应到520名，实到480名，符合法定人数。"


def test_a_session_s_attendance_takes_the_session_s_year():
    got = _period(SENTENCE, {(12, 2): (2018, "session")})
    assert (got.start, got.end, got.source) == (2018, 2018, "session")


def test_a_session_s_attendance_over_years_or_a_guessed_year_keeps_the_report():
    # negatives: 历次 (every session of the term) is not one session's; a year the level's cycle guessed
    # with no evidence (inferred, no evidence) yields to the report
    got = _period("历次" + SENTENCE, {(12, 2): (2018, "session")})
    assert (got.start, got.end) == (2016, 2020)
    got = _period(SENTENCE, {(12, 2): (2018, "session", True, None)})
    assert (got.start, got.end) == (2016, 2020)
    got = _period("市政协十二届二次会议前，委员们走访群众520名。", {(12, 2): (2018, "session")})
    assert (got.start, got.end) == (2016, 2020)  # (no attendance word)


# B. a figure of the new term (新一届) on a page that names and dates one first session: that session's
# year, also where the page reviews the term before it (五年来)
NEW_TERM = (
    "房山区民革党员在区政协第九届委员会第一次会议上积极履职\n\n"
    "2021年12月12日至16日，北京市房山区政协第九届委员会第一次会议召开。\n\n"
    "在新一届区政协大会上，民革党员等10名担任本届区政协委员。\n\n"
    "五年来，民革房山总支积极履行职能，提交提案30件。\n"
)


def test_a_new_term_s_members_take_its_first_session_s_year(extract):
    got = {(s, a, b) for s, a, b, _ in rows(extract(NEW_TERM))}
    assert ("10名", 2021, 2021) in got and ("30件", 2017, 2021) in got


def test_new_term_words_need_a_dated_first_session(extract):
    # negative: the page names no first session (a second one): the term's years stay
    text = NEW_TERM.replace("第九届委员会第一次会议", "第九届委员会第二次会议").replace(
        "2021年12月12日至16日", "12月12日至16日"
    )
    got = {(s, a, b) for s, a, b, _ in rows(extract(text))}
    assert ("10名", 2021, 2021) not in got


# C. what a session received by a month-day cut-off counts for the session's calendar year, not for a
# later date of the page (a republication)
INTAKE = (
    "湖南省政协十二届一次会议明日开幕 委员提案聚焦民生\n\n发布时间:2019-06-10\n\n"
    "本网长沙1月25日讯 湖南省政协十二届一次会议明天开幕。据大会秘书处介绍，截至1月25日18时，"
    "大会已收到委员提案420件、大会发言材料52篇。\n"
)


def test_a_cut_off_intake_takes_the_session_s_year_over_a_later_date(extract):
    got = rows(extract(INTAKE))
    assert [(s, a, b, src) for s, a, b, src in got] == [
        ("420件", 2018, 2018, "session"),
        ("52篇", 2018, 2018, "session"),
    ]  # 十二届 of a province: 2018-2022


def test_a_cut_off_with_this_year_or_in_the_session_s_year_keeps_the_date(extract):
    # negatives: 今年 reads against the page's date; a page dated in the session's year keeps its date line
    got = rows(extract(INTAKE.replace("大会已收到", "今年大会已收到")))
    assert [(s, a, b, src) for s, a, b, src in got] == [
        ("420件", 2019, 2019, "date_line"),
        ("52篇", 2019, 2019, "date_line"),
    ]
    got = rows(extract(INTAKE.replace("2019-06-10", "2018-01-25")))
    assert [(s, a, b, src) for s, a, b, src in got] == [
        ("420件", 2018, 2018, "date_line"),
        ("52篇", 2018, 2018, "date_line"),
    ]
