"""Issue 24, round 16: period and committee misses that recur across sets (v1-v10, both halves), fixed
as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, periods

SESSION_PAGE = (
    "政协平罗县第十届委员会第三次会议闭幕\n\n"
    "2023-01-12 17:30\n\n"
    "1月12日，政协平罗县第十届委员会第三次会议闭幕。会议审议通过县政协常务委员会工作报告，"
    "总结过去一年的履职工作。\n\n"
    "{body}\n"
)


def test_the_sentences_after_the_sessions_time_are_the_sessions(extract):
    # a paragraph (or run of sentences) opened by 全会期间 / 会议期间: its later sentences too
    body = (
        "过去一年，县政协共收到提案126件。\n\n"
        "县政协全会期间，我支部提交集体提案3篇，即关于乡村道路的建议；关于农村养老的建议等。"
        "提交社情民意信息2篇。据统计，支部委员共提交个人提案11件。"
    )
    got = periods(extract(SESSION_PAGE.format(body=body)))
    assert got["126件"] == (2022, 2022)  # the reviewed year
    assert got["3篇"] == (2023, 2023)
    assert got["2篇"] == (2023, 2023)
    assert got["11件"] == (2023, 2023)


def test_another_time_opening_ends_the_sessions_sentences(extract):
    body = "县政协全会期间，我支部提交集体提案3篇。会后，支部组织委员视察4次。"
    got = periods(extract(SESSION_PAGE.format(body=body)))
    assert got["3篇"] == (2023, 2023)
    assert got["4次"] == (2022, 2022)  # not the session's: the page's reviewed year, as before


def test_the_make_up_among_the_members_is_the_sessions(extract):
    # how many members there are, and who among them came, at the session: a state at its date
    body = (
        "过去一年，县政协组织视察12次。\n\n"
        "本届政协委员中，党派成员46人。截至今天下午，在180名委员中已有172名报到。"
    )
    got = periods(extract(SESSION_PAGE.format(body=body)))
    assert got["12次"] == (2022, 2022)
    assert got["46人"] == (2023, 2023)
    assert got["180名"] == (2023, 2023)


def test_a_running_total_over_more_than_ten_years(extract):
    text = (
        "县政协医疗服务队送医下乡\n\n"
        "2015-05-07 10:00\n\n"
        "县政协组织医疗服务队到该村义诊。31年来累计义诊群众4万人次。"
        "70年来，县政协走过了不平凡的历程，今年组织视察6次。\n"
    )
    got = periods(extract(text))
    assert got["4万人次"] == (1985, 2015)  # 31 years to the page's year
    assert got["6次"] == (2015, 2015)  # an anniversary's span with no total is history


def test_a_running_total_over_decades_is_the_present_committees(extract):
    # 嘉鱼县 was 422322 under its prefecture until 1998 and is 421221 since: a total since 1990 on a
    # page of 2020 is the committee's that reports it, not the division's code of the span's first year
    text = (
        "嘉鱼县政协医疗服务队送医下乡\n\n"
        "2020-09-01 10:00\n\n"
        "嘉鱼县政协组织医疗服务队到该村义诊。31年来累计义诊群众5万人次。\n"
    )
    ms = extract(text)
    assert periods(ms)["5万人次"] == (1990, 2020)
    assert committees(ms)["5万人次"] == "421221"


def test_a_page_dated_by_its_address_reads_the_register_of_that_year(extract):
    # 县政协 on a county news site's page of 2012; the county (宁乡县, 430124) is a county-level city
    # (宁乡市) since 2017, so today's register has no 宁乡 county that 县政协 may stand for
    text = "县政协委员走访敬老院\n\n11月17日，县政协组织委员走访敬老院，为36名老人送去冬衣。\n"
    ms = extract(text, address="https://www.ningxiangnews.net/content/2012/11/20/12345.html")
    assert committees(ms)["36名"] == "430124"
    assert periods(ms)["36名"] == (2012, 2012)


def test_an_undated_publisher_under_a_name_its_division_no_longer_bears(extract):
    # 海门市 (320684) is 海门区 (320614) since 2020: an undated page of the city's committee is 海门市's,
    # not its prefecture's (市政协 read against 海门区 would be 南通市)
    text = (
        "市政协全体会议闭幕\n\n"
        "1月10日，市政协全体会议闭幕。本次大会应到委员300人，实到280人。\n\n"
        "主办单位：中国人民政治协商会议江苏省海门市委员会 地址：海门市某某路1号\n"
    )
    assert committees(extract(text))["300人"] == "320684"
