"""Issue 24, round 34: span and running-total readings of time words (docs/extraction.md, "Issue 24, round
34"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods

HEAD = "某县政协委员履职小记\n\n发布时间：2021-06-15 10:00\n\n"


def test_a_paragraph_opened_by_a_span_of_years_frames_its_later_sentences(extract):
    text = (
        HEAD
        + "“这两年，我参加县政协各类活动31次。我撰写社情民意信息7篇，被市政协采用2篇。”县政协委员李某说。\n"
    )
    got = periods(extract(text))
    assert got["31次"] == (2020, 2021)  # (as before: the span in the figure's own sentence)
    assert got["7篇"] == (2020, 2021)  # the paragraph's opening span, the figure's sentence names no time
    assert got["2篇"] == (2020, 2021)


def test_a_span_counted_in_years_with_since_opens_the_paragraph_too(extract):
    text = HEAD + "近三年来，县政协把社情民意信息作为委员作业。同时，县政协围绕重点工作确定了42个调研课题。\n"
    assert periods(extract(text))["42个"] == (2019, 2021)


def test_a_paragraph_opened_by_other_words_keeps_the_page_s_year(extract):
    # negative: an opening clause that is more than a span of years (三年前, 两年后, a clause going on)
    text = HEAD + "三年前，县政协设立了委员工作室。县政协今年共组织委员开展调研活动18次。\n"
    assert periods(extract(text))["18次"] == (2021, 2021)
    text = HEAD + "两年来县政协坚持开门办会，成效明显。县政协本月召开协商会议3次。\n"
    assert periods(extract(text))["3次"] == (2021, 2021)


def test_a_later_sentence_naming_its_own_year_keeps_it(extract):
    # negative: the figure's sentence names a year of its own
    text = HEAD + "这两年，县政协工作有新进展。2020年，县政协共收到提案150件。\n"
    assert periods(extract(text))["150件"] == (2020, 2020)


def test_a_total_to_date_runs_from_a_founding_dated_by_last_year_in_an_earlier_paragraph(extract):
    text = (
        HEAD
        + "去年3月，在县政协的倡议下，全县委员发起成立了县政协委员助学会。\n\n"
        + "截至目前，该会共收到委员捐款61万元，资助学生230名。\n"
    )
    got = periods(extract(text))
    assert got["61万元"] == (2020, 2021)
    assert got["230名"] == (2020, 2021)


def test_a_total_to_date_with_a_dated_founding_in_an_earlier_paragraph(extract):
    text = (
        HEAD
        + "今年以来，县政协组织委员开展公益活动12次。\n\n县政协于2018年设立了委员助学基金。\n\n"
        + "到目前为止，该基金共资助学生120名。\n"
    )
    assert periods(extract(text))["120名"] == (2018, 2021)


def test_a_total_word_other_than_to_date_does_not_reach_back_to_an_earlier_paragraph(extract):
    # negative: 累计 alone (a donation made on the day) keeps its own reading; and a founding dated by
    # 去年 is read only for a total up to now
    text = (
        HEAD
        + "去年3月，县政协发起成立了县政协委员助学会。\n\n"
        + "会议休息期间，28名委员累计向助学会捐款9万元。\n"
    )
    assert periods(extract(text))["9万元"] == (2021, 2021)


def test_a_total_to_date_with_no_founding_stays_in_the_page_s_year(extract):
    text = HEAD + "县政协积极组织委员下基层。\n\n截至目前，委员共走访群众520户。\n"
    assert periods(extract(text))["520户"] == (2021, 2021)
