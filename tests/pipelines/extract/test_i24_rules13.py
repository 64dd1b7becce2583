"""Issue 24, round 13: the year of every figure, from a page's own publication evidence and the term
calendars. Developed on v1-v9 and the v10 development half. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


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


UPLOADED = (
    "政协提案工作情况\n\n"
    "时间:2021-06-30 08:00:00\n\n"
    "导语:政协提案工作情况一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服。\n\n"
    "{body}\n"
)


def test_an_uploaded_texts_time_line_dates_nothing(extract):
    body = "受县政府委托，我报告县政协提案的办理情况。县政府共承办委员提案88件，已全部办复。"
    assert periods(extract(UPLOADED.format(body=body)))["88件"] == (None, None)


def test_an_uploaded_text_is_dated_by_its_session(extract):
    # provincial terms open in step: the 9th term's 3rd session is 2005's
    body = "据悉，新疆维吾尔自治区政协九届三次会议开幕当天，提案委员会已收到委员提案160多件。"
    assert periods(extract(UPLOADED.format(body=body)))["160多件"] == (2005, 2005)
