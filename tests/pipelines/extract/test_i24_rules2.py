"""Issue 24 rules, round 2: developed on the v4 real-document set's development half and on
generated masthead-dated newspaper pages. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods


def test_a_lead_opening_with_last_year_frames_the_story_on_a_dated_page(extract):
    # a January page whose lead opens 去年，…: the later sentences, with no time word of their own,
    # belong to the lead's year; a sentence with its own 今年 still reads against the date line
    text = (
        "盐池县政协开展委员读书活动\n"
        "发布时间：2025-01-10　来源：盐池县政协\n"
        "去年，盐池县政协组织委员开展读书活动，建立委员读书群4个。\n"
        "县政协共举办读书分享会9场，参加委员达150人次。\n"
        "今年1月以来，县政协已举办专题讲座2场。\n"
    )
    assert periods(extract(text)) == {
        "4个": (2024, 2024),
        "9场": (2024, 2024),
        "150人次": (2024, 2024),
        "2场": (2025, 2025),
    }


def test_a_lead_without_a_time_word_leaves_the_date_lines_year(extract):
    text = (
        "盐池县政协开展委员读书活动\n"
        "发布时间：2025-06-10　来源：盐池县政协\n"
        "近日，盐池县政协组织委员开展读书活动。\n"
        "县政协共举办读书分享会9场，参加委员达150人次。\n"
    )
    assert periods(extract(text)) == {"9场": (2025, 2025), "150人次": (2025, 2025)}


def test_the_committees_of_several_levels_together_are_no_subject(extract):
    # 省市政协 (the province's and the city's committees, which guide the district's) names no one
    # committee: the district's own relative form, resolved by the place the lead names, is the subject
    text = (
        "一年来，在中共雨城区委的坚强领导下，在省市政协的有力指导下，区政协团结带领全体委员履职尽责。\n"
        "区政协全年组织委员开展视察调研16次。\n"
    )
    (m,) = extract(text)
    assert (m["surface"], m["committee_code"]) == ("16次", "511802")


def test_a_disclosure_catalogues_title_field_names_the_title_block(extract):
    # a county government's disclosure page: the catalogue's fields come first (索引号 … 标题: …),
    # then the title block itself. The title names the place and the year the proposals were made;
    # 截至目前 further down is no year of its own
    text = (
        "索 引 号: 116402210000/2025-00012 分  类: 建议提案办理\n\n"
        "发布机构: 平罗县人民政府办公室 成文日期: 2025 年 01 月 20 日\n\n"
        "标  题: 平罗县人民政府关于2024年政协委员提案办理情况的报告 发布日期: 2025 年 01 月 20 日\n\n"
        "平罗县人民政府关于2024年政协委员提案办理情况的报告\n\n"
        "字号:\n\n"
        "一、基本情况\n\n"
        "2024年，县政协十届三次会议期间转交县政府办理的提案88件。\n\n"
        "截至目前，88件提案已全部办结，办结率达100%。\n"
    )
    got = [(m["surface"], m["committee_code"], m["period_start"]) for m in extract(text)]
    assert got == [("88件", "640221", 2024), ("88件", "640221", 2024), ("100%", "640221", 2024)]


def test_a_review_that_drafts_the_next_plan_is_of_the_year_before_it(extract):
    # a year's review with no year of its own whose lead plans the next five-year plan (谋划“十五五”)
    # was written in the plan's drafting year, the year before the plan starts
    text = (
        "一年来，平罗县政协围绕谋划“十五五”发展等大事要事，坚持建言资政和凝聚共识双向发力。\n"
        "县政协组织委员开展专题调研12次，形成调研报告9篇。\n"
    )
    got = [(m["surface"], m["period_start"], m["period_end"], m["period_source"]) for m in extract(text)]
    assert got == [("12次", 2025, 2025, "plan"), ("9篇", 2025, 2025, "plan")]


def test_a_year_named_as_the_annual_sessions_dates_a_report_at_them(extract):
    # 拉开2025年宁夏“两会”帷幕: the sessions meet in January-March, so the work report the lead
    # quotes (过去一年) covers the year before; the proposals the session received are its own year's
    review = (
        "宁夏两会启幕：自治区政协工作报告回顾一年履职\n"
        "自治区政协全体会议开幕，拉开2025年宁夏“两会”帷幕。报告介绍说，过去一年，"
        "自治区政协共组织委员视察调研26次。\n"
    )
    intake = "拉开2025年宁夏“两会”帷幕\n自治区政协全体会议开幕。截至目前，大会共收到提案568件。\n"
    assert periods(extract(review, name="review")) == {"26次": (2024, 2024)}
    assert periods(extract(intake, name="intake")) == {"568件": (2025, 2025)}


def test_a_press_groups_site_bar_and_the_zoom_bar_are_no_title(extract):
    # an e-paper page: the press group's bar (旗下媒体 … 返回首页) and the zoom bar (放大 缩小 默认)
    # stand above the real title, which names the year the January page reviews
    text = (
        "六盘山报业集团旗下媒体: 六盘山日报 |固原晚报 |六盘山网 返回首页\n\n"
        "2025年01月20日 星期一\n\n"
        "放大 缩小 默认\n\n"
        "2024年平罗县政协聚焦民生履职尽责\n\n"
        "本报讯 记者从县政协获悉，2024年，县政协共收到提案186件。\n\n"
        "据了解，县政协还组织委员开展视察调研32次。\n"
    )
    assert periods(extract(text)) == {"186件": (2024, 2024), "32次": (2024, 2024)}


def test_a_sidebar_of_headlines_above_the_location_line_is_not_the_article(extract):
    # a provincial site's page: ten other headlines (one naming a later year) stand above the
    # location line; the article's title and date line follow it
    sidebar = "".join(f"- 自治区政协第{n}次专题协商会暨2026年工作推进会召开\n\n" for n in range(1, 11))
    text = (
        "热门新闻\n\n" + sidebar + "当前位置:首页 > 社情民意 > 正文\n\n"
        "平罗县政协：畅通反映社情民意渠道\n\n"
        "2021-12-20 | 来源：平罗县政协\n\n"
        "本届以来，平罗县政协不断拓宽社情民意信息渠道。五年来共收到社情民意信息900多条。\n"
    )
    assert periods(extract(text)) == {"900多条": (2017, 2021)}


def test_places_a_programme_reaches_are_no_work_but_places_paired_with_are(extract):
    text = (
        "平罗县政协召开“协商在基层”现场推进会，12个社区书记参加会议。\n"
        "县政协“协商在基层”行动已在8个乡镇、21个社区全面铺开。\n"
        "县政协组织委员与15个社区结对开展活动，收集意见建议96条。\n"
    )
    assert sorted(m["surface"] for m in extract(text)) == ["15个", "96条"]


def test_a_cut_off_at_a_years_end_dates_its_figures_also_in_chinese_numerals(extract):
    # 截至二〇二三年底 is the end of 2023 written digit by digit: its figures are 2023's, while a
    # cut-off on a day (截至1月5日) keeps the report's year
    text = (
        "平罗县政协一年来工作综述\n"
        "发布时间：2024-06-10　来源：平罗县政协\n"
        "县政协启动委员培训工程。截至二〇二三年底，已培训委员800人次。\n"
        "截至2023年末，共培训委员1200人次。\n"
        "截至6月5日，县政协今年已收到提案95件。\n"
    )
    assert periods(extract(text)) == {"800人次": (2023, 2023), "1200人次": (2023, 2023), "95件": (2024, 2024)}


def test_a_term_summary_on_the_eve_of_the_annual_sessions_ends_the_year_before(extract):
    # 2026年平罗“两会”开幕在即: the summary is written in early 2026, so its five years end in 2025,
    # whatever other year the lead names further on
    text = (
        "五年来，平罗县政协履职尽责。2026年平罗“两会”开幕在即，委员们正在准备提案。"
        "五年来县政协共收到提案600件，2023年还获评全区先进集体。\n"
    )
    assert periods(extract(text)) == {"600件": (2021, 2025)}


def test_a_reviewed_public_ordinal_dates_a_shanghai_district_session(extract):
    # term_ordinals.csv: 宝山区's 9th committee held its 4th session in January 2025; the proposals a
    # session receives count in its year
    text = "宝山区政协收到提案情况\n政协上海市宝山区第九届委员会第四次会议期间，共收到提案150件。\n"
    assert [(m["surface"], m["period_start"], m["period_source"]) for m in extract(text)] == [
        ("150件", 2025, "session")
    ]
