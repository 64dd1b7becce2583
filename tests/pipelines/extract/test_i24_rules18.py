"""Issue 24, round 18: period constructions found on v11's development half and counted on v1-v10,
fixed as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_a_january_lead_on_the_year_just_ended_is_a_review(extract):
    # the figures open the piece; the next paragraph says they record the year just ended
    page = (
        "某某频道\n\n"
        "2025年01月14日09:10 | 来源:某某网\n\n"
        "组织协商会议86场次，收到提案702件，其中立案655件。\n\n"
        "这些数字记录着刚刚过去的2024年里，市政协履职的一个个日夜。\n"
    )
    got = periods(extract(page))
    assert got["86场次"] == (2024, 2024)
    assert got["702件"] == (2024, 2024)


def test_a_january_lead_on_the_one_year_just_ended_is_a_review(extract):
    page = (
        "市政协这一组数字\n\n"
        "2023年01月09日 | 来源:某某网\n\n"
        "开展视察调研32次，报送社情民意信息410条。\n\n"
        "回望刚过去的一年，市政协围绕中心履职尽责。\n"
    )
    got = periods(extract(page))
    assert got["32次"] == (2022, 2022)


def test_a_later_page_naming_the_year_just_ended_keeps_its_date(extract):
    # not a January page: the date line's year stands
    page = (
        "某某频道\n\n"
        "2025年06月14日09:10 | 来源:某某网\n\n"
        "今年以来组织协商会议86场次。\n\n"
        "刚刚过去的2024年里，市政协履职尽责。\n"
    )
    got = periods(extract(page))
    assert got["86场次"] == (2025, 2025)


def test_a_session_page_still_counts_what_it_received_for_the_session(extract):
    # the review guard reads a bare 收到提案 among a year's figures only: a session's intake stays its own
    page = (
        "县政协十届三次会议闭幕\n\n"
        "2024-01-12 17:30\n\n"
        "1月12日，县政协十届三次会议闭幕。会议总结过去一年的履职工作。\n\n"
        "会议期间，共收到提案156件，经审查立案141件。\n"
    )
    got = periods(extract(page))
    assert got["156件"] == (2024, 2024)


def test_an_undated_pages_sentence_names_its_own_years(extract):
    # no date line, no address, no year in the lead: the sentence's own span (or one year) dates it
    page = (
        "在市政协文史工作座谈会上的讲话\n\n"
        "同志们：\n\n"
        "今天召开文史工作座谈会，共同商讨文史工作。\n\n"
        + "市政协文史工作从起步到现在，在各方支持下开展得有声有色，呈现出良好的发展势头。\n\n"
        * 10
        + "本届政协高度重视文史资料的征集、编辑和出版，把它作为履职的一项重要内容来抓。\n\n"
        "2003年至2004年共计征集文史稿件六十余篇，收集图片资料二十余幅。\n\n"
        "早在1998年，政协就组织委员撰写回忆文章九十余篇。\n"
    )
    got = periods(extract(page))
    assert got["六十余篇"] == (2003, 2004)
    assert got["二十余幅"] == (2003, 2004)
    assert got["九十余篇"] == (None, None)  # a sentence of history names no period


def test_a_headline_figure_the_body_repeats_takes_the_bodys_period(extract):
    # a session-time item with last year's rates in its headline
    page = (
        "区政协：提案办复率100%\n\n"
        "【区政协：提案办复率100%】某某城区\n\n"
        "本报讯 6月29日，区政协五届二次会议召开。记者获悉，去年全年区政协共收集提案231件，提案办复率100%。\n"
    )
    ms = extract(page, address="http://news.example.com/a/2022/0630/1234.html")
    got = [(m["char_start"], m["period_start"], m["period_end"]) for m in ms if m["surface"] == "100%"]
    assert len(got) == 3
    assert [(a, b) for _, a, b in got] == [(2021, 2021)] * 3, got
