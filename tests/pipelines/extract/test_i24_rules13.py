"""Issue 24, round 13: the year of every figure, from a page's own publication evidence and the term
calendars. Developed on v1-v9 and the v10 development half. Sentences are our own."""

from __future__ import annotations


def periods(ms):
    return {m["surface"]: (m["period_start"], m["period_end"]) for m in ms}


def test_the_date_line_below_the_title_is_the_articles(extract):
    # a site's clock (or a crawl line) above the title is not the article's date
    text = (
        "2019/11/05 上午10:12:40 星期二\n\n"
        "新闻热线:0000-1234567 | 关于我们 | 旧版\n\n"
        "您当前的位置 : 某县新闻网 -> 新闻 -> 政务要闻 -> 正文\n\n"
        "县政协召开提案审查委员会会议\n\n"
        "发布时间:2014年03月02日 来源:某县新闻网\n\n"
        "3月1日，县政协提案审查委员会召开会议，审查委员提交的提案，共立案86件。\n"
    )
    assert periods(extract(text))["86件"] == (2014, 2014)


def test_a_date_line_above_the_title_alone_still_dates_the_page(extract):
    text = (
        "2014-03-02 10:12\n\n"
        "县政协召开提案审查委员会会议\n\n"
        "3月1日，县政协提案审查委员会召开会议，审查委员提交的提案，共立案86件。\n"
    )
    assert periods(extract(text))["86件"] == (2014, 2014)
