"""Issue 24, round 38: periods (docs/extraction.md, "Issue 24, round 38"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import rows

# A. a headline the reader left a body block: a column's tag and a headline on the first line, a saved
# page's title line; its figure that the body repeats takes the body's period
TAGGED = (
    "【两会时间】民进中央拟向全国政协大会提交提案25件\n\n"
    "新华社北京3月1日电 民进中央1日在北京举行两会通气会。通气会上介绍，民进中央把提案工作与2018年全年调研工作结合起来。\n\n"
    "据介绍，民进中央拟向全国政协十三届二次会议提交提案25件，内容涉及教育、文化等领域。\n"
)


def test_a_column_s_tagged_headline_takes_the_body_s_session(extract):
    got = rows(extract(TAGGED))
    assert [(s, a, b) for s, a, b, _ in got] == [("25件", 2019, 2019), ("25件", 2019, 2019)]


def test_a_tagged_line_that_runs_into_its_lead_is_no_headline(extract):
    # negative: the tag opens a lead sentence (。 follows), the report's year stays the figure's
    text = TAGGED.replace(
        "提交提案25件\n\n新华社北京3月1日电 民进中央1日在北京举行两会通气会。", "提交提案25件。"
    )
    got = rows(extract(text))
    assert [(s, a, b) for s, a, b, _ in got] == [("25件", 2018, 2018), ("25件", 2019, 2019)]


PAGE = (
    "首页 >政协要闻\n\n"
    "36位驻湘全国政协委员积极参政议政  提交提案75件  大会发言材料6件\n\n"
    "2014-10-20 09:12:30\n\n"
    "字体大小:【\n\n"
    "36位新任和连任驻湘全国政协委员积极建言,截至3月10日,在全国政协十二届一次会议期间提交提案75件,立案75件,"
    "提交大会书面发言材料6件。\n\n"
    "从内容看,提案涉及经济建设、社会建设等领域。\n"
)


def test_a_saved_page_s_title_line_takes_the_body_s_session(extract):
    got = {(s, a) for s, a, _, _ in rows(extract(PAGE))}
    assert ("75件", 2014) not in got and ("6件", 2014) not in got  # the session's 2013, not the page's date
    assert ("75件", 2013) in got and ("6件", 2013) in got


def test_a_title_figure_the_body_does_not_repeat_keeps_the_page_s_date(extract):
    # negative: the body counts 80 proposals, the title's 75 is no figure of the body's
    text = PAGE.replace("提交提案75件,立案75件", "提交提案80件,立案80件")
    got = rows(extract(text))
    assert ("75件", 2014, 2014) in [(s, a, b) for s, a, b, _ in got]


# B. an anniversary of a founding event dates a page with no year and no date of its own
# (periods.yaml anniversary_events: the event's year + N)
def _undated(occasion: str) -> str:
    return f"某县政协开展{occasion}主题活动\n\n近日，某县政协组织委员开展{occasion}主题活动，委员们为敬老院捐款3万元。\n"


def test_an_anniversary_dates_an_undated_page(extract):
    got = rows(extract(_undated("庆祝人民政协成立75周年")))
    assert [(s, a, b, src) for s, a, b, src in got] == [("3万元", 2024, 2024, "event")]
    got = rows(extract(_undated("纪念改革开放四十周年")))
    assert [(s, a, b) for s, a, b, _ in got] == [("3万元", 2018, 2018)]


def test_an_anniversary_ahead_or_a_committee_s_own_dates_nothing(extract):
    # negatives: an anniversary still ahead (迎接), a county committee's own founding
    for occasion in ("迎接中国共产党成立100周年", "庆祝县人民政协成立40周年"):
        got = rows(extract(_undated(occasion)))
        assert [(s, a, b) for s, a, b, _ in got] == [("3万元", None, None)], occasion
