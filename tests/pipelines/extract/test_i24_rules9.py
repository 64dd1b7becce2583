"""Issue 24, round 9: periods from public calendars of nationwide campaigns and events
(warehouse/reference/periods.yaml ``dated_events``), for pages that name no year and have no date of
their own. Developed on v7-v9 and the v10 development half. Sentences are our own."""

from __future__ import annotations

from pipelines.extract.periods import event_date


def periods(ms):
    return {m["surface"]: (m["period_start"], m["period_end"], m["period_source"]) for m in ms}


def test_a_campaign_dates_a_page_with_no_year(extract):
    # no year, no dated date line: the 2016 campaign the page's work belongs to dates it
    text = (
        "市政协组织委员送医下乡\n\n"
        "5月18日，平罗县政协组织医卫界委员到乡村开展义诊，这是县政协开展“两学一做”学习教育的一项内容。\n\n"
        "活动中，委员们为群众义诊260余人次。\n"
    )
    assert periods(extract(text))["260余人次"] == (2016, 2016, "event")


def test_the_outbreak_spring_dates_a_donation_page(extract):
    # a month-day line in February and the outbreak's first names: 2020, also in traditional script
    text = (
        "平羅縣政協委員捐款抗疫\n\n"
        "2月9日，平羅縣政協委員向縣紅十字會捐款8萬元，用於新型冠狀病毒感染的肺炎疫情防控，助力打贏疫情防控阻擊戰。\n"
    )
    assert periods(extract(text))["8萬元"] == (2020, 2020, "event")


def test_a_campaign_kept_up_later_dates_nothing():
    # 常态化制度化: the campaign kept up in later years; 成果 consolidated after it
    assert event_date(["县政协推进“两学一做”学习教育常态化制度化，委员们走访群众120户。"]) is None
    assert event_date(["县政协巩固拓展主题教育成果，委员们走访群众120户。"]) is None
    assert event_date(["县政协开展“两学一做”学习教育，委员们走访群众120户。"]) == (2016, 6, 30)


def test_a_date_line_outside_the_span_or_two_years_date_nothing():
    # the outbreak's names on a page of September: a later page; two campaigns of different years
    assert event_date(["9月3日，县政协回顾阻击疫情中委员捐款捐物情况。"]) is None
    assert event_date(["县政协开展党史学习教育和“两学一做”学习教育，委员们走访群众。"]) is None
    # a span over two years dates only with a month-day line inside it
    assert event_date(["县政协深入开展党的群众路线教育实践活动。"]) is None
    assert event_date(["3月5日，县政协深入开展党的群众路线教育实践活动。"]) == (2014, 3, 5)


def test_a_year_in_the_text_comes_before_the_campaign(extract):
    text = "县政协开展“两学一做”学习教育\n\n2017年，县政协委员走访群众120户。\n"
    assert periods(extract(text))["120户"][:2] == (2017, 2017)


def test_the_lead_under_a_reposts_title_line_and_a_caption_frames_the_page(extract):
    # a January repost: the headline, the original title, a photo caption, then the lead naming the year
    # its figures belong to (the session reviews 2020); the headline's figures are of that year too
    text = (
        "平罗县政协委员捐款逾300万元\n\n"
        "时间:2021-01-20 09:30:00 | 来源:某某新闻\n\n"
        "原标题:平罗县政协委员捐款逾300万元\n\n"
        "平罗县政协十届五次会议开幕。李四 图\n\n"
        "平罗县政协十届五次会议今天开幕，会议透露：2020年，县政协组织委员投身抗疫，全县政协委员捐款逾300万元。\n"
    )
    got = periods(extract(text))
    assert got["逾300万元"][:2] == (2020, 2020)


def test_a_list_of_other_articles_dates_is_no_date_line(extract):
    # three bare date lines in a row under the text: a related-articles list, not the page's date
    text = (
        "平罗县政协提案全部办结\n\n"
        "2月22日，记者从政协第十二届平罗县委员会第一次会议秘书处了解到，县政协共立案120件提案，已全部办结。\n\n"
        "2024-04-26 10:16:13\n\n2024-01-26 09:11:53\n\n2023-12-17 10:07:34\n"
    )
    assert periods(extract(text))["120件"][0] != 2024


def test_the_pages_own_header_lines_still_date_it(extract):
    # a date, a source and an author line in a row are the page's own header (cue words), not a list
    text = (
        "平罗县政协开展委员活动日\n\n"
        "发布时间：2024-05-06 10:00:00\n\n来源：平罗县融媒体中心\n\n作者：张三\n\n"
        "5月5日，平罗县政协组织委员开展活动日，走访群众86户。\n"
    )
    assert periods(extract(text))["86户"][:2] == (2024, 2024)
