"""Issue 24, round 32: the term calendar's model. A page's own dated line on a session outranks the
calendar; two sessions in one year are read where the months of the evidence show them; a term
inferred across a term boundary where the level's cycles leave two years yields to the page's own
date. The calendars here are built from facts the tests give (平罗县 and 石嘴山市 have no rows in
warehouse/reference); the sentences are our own."""

from __future__ import annotations

import pytest

from pipelines.extract.periods import OrdinalFact, TermCalendar, _cycle_years, ordinal_facts
from warehouse.register import load_register

COUNTY, CITY = "640221", "640200"  # 平罗县, 石嘴山市


def fact(code, term, session, year, month=None):
    return OrdinalFact(code, term, session, year, f"test:{code}:{term}:{session}", "reviewed", month)


@pytest.fixture(scope="module")
def reg():
    return load_register()


def calendar(reg, *facts):
    return TermCalendar(reg, facts)


def years(ms):
    return {m["surface"]: m["period_start"] for m in ms}


# ---------------------------------------------------------------- two sessions in one year


def test_a_january_and_a_december_session_in_one_year_are_read_by_their_months(reg):
    cal = calendar(
        reg,
        fact(COUNTY, 10, 2, 2022, 1),
        fact(COUNTY, 10, 3, 2022, 12),  # the second session of 2022
        fact(COUNTY, 10, 5, 2024, 12),
        fact(COUNTY, 10, 6, 2026, 1),  # thirteen months later: 2025 held none
    )
    assert (COUNTY, 10) not in cal.conflicts
    term = cal.term(COUNTY, 10)
    assert [term.session_year(k) for k in range(1, 7)] == [2021, 2022, 2022, 2023, 2024, 2026]
    assert term.session_month(4) == 12 and term.first_year == 2021


def test_months_that_do_not_fit_a_yearly_rhythm_still_conflict(reg):
    # a 2nd session in February 2022 and a 4th in March 2023: two sessions in 13 months, not shown
    cal = calendar(reg, fact(COUNTY, 10, 2, 2022, 2), fact(COUNTY, 10, 4, 2023, 3))
    assert (COUNTY, 10) in cal.conflicts and cal.term(COUNTY, 10) is None


def test_disagreeing_years_without_months_still_conflict(reg):
    cal = calendar(reg, fact(COUNTY, 10, 2, 2022), fact(COUNTY, 10, 3, 2022))
    assert (COUNTY, 10) in cal.conflicts


def test_a_december_session_page_reviews_its_own_year(reg, extract):
    cal = calendar(
        reg, fact(COUNTY, 10, 2, 2022, 1), fact(COUNTY, 10, 3, 2022, 12), fact(COUNTY, 10, 5, 2024, 12)
    )
    text = "平罗县政协十届四次会议开幕\n\n26日，平罗县政协十届四次会议开幕。常委会工作报告说，一年来共开展专题视察14次。\n"
    assert years(extract(text, name="dec", calendar=cal)) == {"14次": 2023}


# ---------------------------------------------------------------- a term opened in December


def test_facts_that_agree_mark_a_december_opening(reg):
    # the 1st session in late December 2021 and the 4th in 2025 (no month): one first year, 2022
    cal = calendar(reg, fact(CITY, 5, 4, 2025), fact(CITY, 5, 1, 2021, 12))
    term = cal.term(CITY, 5)
    assert term.december_opening and term.session_year(1) == 2021 and term.session_year(4) == 2025


def test_without_the_december_fact_the_first_session_falls_in_the_first_year(reg):
    term = calendar(reg, fact(CITY, 5, 4, 2025)).term(CITY, 5)
    assert not term.december_opening and term.session_year(1) == 2022


# ---------------------------------------------------------------- the page's own dated line


ADOPTED = (
    "石嘴山市政协五届一次会议提案审查委员会的报告\n\n"
    "（2021年12月28日政协石嘴山市第五届委员会第一次会议通过）\n\n"
    "本次会议期间，委员们共提交提案188件，经审查立案152件。\n"
)


def test_the_pages_own_dated_line_on_its_session_outranks_the_calendar(reg, extract):
    cal = calendar(reg, fact(CITY, 5, 4, 2025))  # the calendar alone: the 1st session in 2022
    assert years(extract(ADOPTED, name="adopted", calendar=cal)) == {"188件": 2021, "152件": 2021}


def test_without_a_dated_line_the_calendar_dates_the_session(reg, extract):
    cal = calendar(reg, fact(CITY, 5, 4, 2025))
    text = "石嘴山市政协五届一次会议提案审查委员会的报告\n\n本次会议期间，委员们共提交提案188件，经审查立案152件。\n"
    assert years(extract(text, name="undated", calendar=cal)) == {"188件": 2022, "152件": 2022}


def test_the_date_nearest_the_session_is_the_sessions(reg):
    c = reg.get(CITY)
    blocks = ["文史资料收录了1950年3月市协商委员会成立，到2022年1月市政协五届二次会议期间的史料。"]
    assert [(f.term, f.session, f.year, f.month) for f in ordinal_facts("t", blocks, c, None)] == [
        (5, 2, 2022, 1)
    ]


# ---------------------------------------------------------------- inference across a cycle boundary


def test_a_county_term_inferred_across_the_boundary_is_marked_ambiguous(reg):
    cal = calendar(reg, fact(COUNTY, 9, 1, 2016, 3))
    term = cal.term(COUNTY, 10)
    assert term.inferred and term.ambiguous and term.first_year == 2021
    # a provincial term: the level's one cycle year leaves one year, no ambiguity
    assert not _cycle_years("region", 2023) - {2023} and len(_cycle_years("county", 2021)) == 2


OPENED = "1月30日上午，平罗县政协十届三次会议开幕，来自各界的150名委员出席会议。\n"


def test_an_ambiguous_inferred_term_yields_to_the_pages_address_date(reg, extract):
    cal = calendar(reg, fact(COUNTY, 9, 1, 2016, 3))
    got = extract(
        OPENED, name="addr", address="http://www.example.gov.cn/news/2024-01/31/content_9.htm", calendar=cal
    )
    assert years(got) == {"150名": 2024}


def test_without_a_date_of_its_own_the_inferred_year_stands(reg, extract):
    cal = calendar(reg, fact(COUNTY, 9, 1, 2016, 3))
    assert years(extract(OPENED, name="noaddr", calendar=cal)) == {"150名": 2023}
