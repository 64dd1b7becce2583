"""Issue 24, round 35: a party congress the text studies bounds a session inferred across a cycle
boundary (docs/extraction.md, "Issue 24, round 35"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods

# 儋州 (460400): term 10 dated by a reviewed row (its 5th session in January 2020), term 11 inferred
# as opening in 2021, where the city cycles (2021, 2022) leave two years
HEAD = "政协第十一届儋州市委员会第二次会议闭幕\n\n"


def test_a_studied_congress_puts_the_session_after_it(extract):
    text = HEAD + "会议期间，委员们深入学习贯彻党的二十大精神，积极建言，共提交提案150件。\n"
    assert periods(extract(text))["150件"] == (2023, 2023)  # not the spring of 2022, before the congress


def test_a_congress_not_studied_leaves_the_calendar(extract):
    # negative: the congress named without its spirit (as a time, a goal) bounds nothing
    text = HEAD + "会议期间，委员们围绕迎接党的二十大召开积极建言，共提交提案150件。\n"
    assert periods(extract(text))["150件"] == (2022, 2022)


def test_an_earlier_congress_leaves_the_calendar(extract):
    # negative: a congress held before the inferred session's year agrees with it
    text = HEAD + "会议期间，委员们深入学习贯彻党的十九大精神，共提交提案150件。\n"
    assert periods(extract(text))["150件"] == (2022, 2022)


# a city session page with no date line: the opening names an earlier year in an aside, and a count later
# on is closed at the end of the next year
CITY = "某市政协第五届委员会第五次会议开幕\n\n"


def test_a_count_closed_at_the_next_year_s_end_dates_the_report(extract):
    text = (
        CITY
        + "过去一年，委员们共提交提案210件。此前2023年，本市首次有全国政协提案立案。\n\n"
        + "截至2024年12月31日，所有提案均已办复。\n"
    )
    assert periods(extract(text))["210件"] == (2024, 2024)


def test_a_count_closed_at_the_same_year_s_end_leaves_the_year(extract):
    # negative: the closing year is the opening's own year
    text = (
        CITY
        + "过去一年，委员们共提交提案210件。此前2023年，本市首次有全国政协提案立案。\n\n"
        + "截至2023年12月31日，所有提案均已办复。\n"
    )
    assert periods(extract(text))["210件"] == (2023, 2023)
