"""Issue 24 rules, round 5: developed on the v7 set (both halves scored once, development sets since)
and checked against v1-v6. Sentences are our own."""

from __future__ import annotations

import pytest

from tests.pipelines.extract.views import periods


def test_a_quorum_line_with_ying_chuxi_is_the_sessions_year(extract):
    # a session opening in January; the page also reviews the year before (一年来), which dates the
    # report's own figures, but who attends the session attends it this year
    text = (
        "政协漳州市第十二届委员会第四次会议开幕\n\n"
        "2020-01-08 09:30 来源：漳州新闻网\n\n"
        "会议应出席委员398名，实际出席委员371名，符合规定人数。\n\n"
        "会议听取了常务委员会工作报告。一年来，市政协组织视察调研27次。\n"
    )
    assert periods(extract(text)) == {"398名": (2020, 2020), "371名": (2020, 2020), "27次": (2019, 2019)}


def test_what_the_session_received_stays_the_sessions_in_the_next_sentence(extract):
    # the review sentence of the paragraph after it dates the year before; the intake paragraph is
    # the session's own: received, then reviewed and accepted
    text = (
        "县政协九届五次会议闭幕\n\n"
        "2021-01-12 16:20 来源：县融媒体中心\n\n"
        "截至1月10日，大会共收到委员提案96件。经提案审查委员会审查，予以立案81件，并案处理9件。\n\n"
        "会议认为，一年来县政协围绕中心工作，组织委员视察14次。\n"
    )
    assert periods(extract(text)) == {
        "96件": (2021, 2021),
        "81件": (2021, 2021),
        "9件": (2021, 2021),
        "14次": (2020, 2020),
    }


def _undated(code: str, term: int) -> None:
    """The tests below need a city the calendar has no term near (term_ordinals.csv grows)."""
    from pipelines.extract.periods import default_calendar

    assert default_calendar().term(code, term) is None, f"{code} is dated now: pick another city"


def test_a_session_of_a_committee_with_no_dated_term_is_dated_by_its_levels_cycle(extract):
    # a city committee the calendar has no term of: city terms open in 2016 or 2017 (then 2021 or
    # 2022), so a third session is held in 2018 or 2019, and on a page of January 2020 only 2019 is
    # this year or the last; inferred, as a level's cycle dates it, not the committee's own evidence
    _undated("350700", 8)
    text = (
        "南平市政协提案办理工作通报\n\n"
        "2020-01-06 来源：闽北日报\n\n"
        "据介绍，南平市政协八届三次会议共收到提案412件，立案380件。\n"
    )
    ms = {m["surface"]: m for m in extract(text)}
    assert {k: (m["period_start"], m["period_source"], m["period_inferred"]) for k, m in ms.items()} == {
        "412件": (2019, "session", True),
        "380件": (2019, "session", True),
    }


def test_the_cycle_dates_no_session_where_it_allows_the_pages_year_and_the_year_before(extract):
    # in January 2024 a city's third session may be held in 2023 (a term from 2021) or in 2024 (from
    # 2022): the cycle says nothing, and the intake counts for the page's year as before
    _undated("350700", 9)
    text = (
        "南平市政协提案审查工作完成\n\n"
        "2024-01-06 来源：闽北日报\n\n"
        "南平市政协九届三次会议共收到提案398件，立案361件。\n"
    )
    ms = extract(text)
    assert {(m["surface"], m["period_start"], m["period_inferred"]) for m in ms} == {
        ("398件", 2024, False),
        ("361件", 2024, False),
    }


@pytest.mark.parametrize(
    "sentence, year",
    [
        # a review: the status "as of now" is of the year's proposals
        ("一年来，县政协共收到提案156件，截至目前，立案的150件提案全部办复。", 2023),
        # no review in the paragraph: as of now is this session's intake
        ("截至目前，提案委员会收到各党派团体和各界委员提交的提案已有150件。", 2024),
    ],
)
def test_as_of_now_in_a_review_names_no_year_of_its_own(extract, sentence, year):
    text = (
        "县政协常委会工作报告摘要\n\n"
        "2024-01-15 来源：县政协办公室\n\n"
        f"{sentence}\n\n"
        "过去一年，县政协组织委员开展调研视察11次。\n"
    )
    assert periods(extract(text))["150件"] == (year, year)


def test_naming_the_term_is_no_term_summary(extract):
    # 本届政协 names the term (its members, its last year), not a summary of it: the review is of
    # one year, the year before the one the text calls current
    text = (
        "区政协提案办复率达98%\n\n"
        "记者从3日开幕的区政协九届五次会议上获悉，一年来，区政协委员共提交提案212件，立案198件。\n\n"
        "区政协副主席说，2021年是“十四五”的开局之年，也是本届政协的收官之年。\n"
    )
    assert periods(extract(text)) == {"98%": (2020, 2020), "212件": (2020, 2020), "198件": (2020, 2020)}


def test_a_year_called_current_before_the_review_is_the_year_reviewed(extract):
    # (the rule above does not turn a year-end report: the year is called so, then reviewed)
    text = (
        "县政协常委会工作报告\n\n"
        "2021年是“十四五”的开局之年。一年来，县政协组织委员视察调研18次，提出建议56条。\n"
    )
    assert periods(extract(text)) == {"18次": (2021, 2021), "56条": (2021, 2021)}


def test_a_session_of_a_term_next_to_a_dated_one_is_inferred_from_it(extract):
    # term_ordinals.csv dates Ningbo's 15th committee from 2017; its 16th then opens in 2022, so
    # the 16th's second session was held in 2023 (inferred: extended from the committee's own
    # evidence by the term length, which is recorded on the mention); the page has no date of its own
    text = "宁波市政协十六届二次会议提案审查情况\n\n宁波市政协十六届二次会议共收到提案702件，立案655件。\n"
    got = {(m["surface"], m["period_start"], m["period_inferred"]) for m in extract(text)}
    assert got == {("702件", 2023, True), ("655件", 2023, True)}
    assert {m["period_evidence"] for m in extract(text)} == {
        "http://daily.cnnb.com.cn/nbrb/html/2017-04/08/content_1043206.htm"
    }
