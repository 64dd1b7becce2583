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
