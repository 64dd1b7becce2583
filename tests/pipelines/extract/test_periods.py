"""Period reasoning (pipelines/extract/periods.py): every figure's period with its source, the term
calendar learned across documents, plans, relative years and publication dates. Sentences are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extract import extract_corpus, extract_mentions, learn_calendar
from pipelines.extract.periods import SOURCES, OrdinalFact, TermCalendar, date_in_address
from sources import read_document
from tests.pipelines.extract.views import rows


def _docs(tmp_path, texts: dict[str, str], suffix: str = ".txt"):
    out = []
    for name, text in texts.items():
        path = tmp_path / f"{name}{suffix}"
        path.write_text(text, encoding="utf-8")
        out.append(read_document(path))
    return out


@pytest.mark.parametrize(
    "text, want",
    [
        # the text's own year
        ("平罗县政协2023年工作报告\n2023年，县政协共收到提案136件。\n", [("136件", 2023, 2023, "text")]),
        # a delivery line in January: the report covers the year before
        ("平罗县政协常委会工作报告\n——2024年1月8日在政协平罗县第十届委员会第三次会议上\n一年来，共收到提案128件。\n",
         [("128件", 2023, 2023, "date_line")]),
        # a five-year plan named as the period, no year anywhere
        ("平罗县政协“十三五”时期工作综述\n“十三五”时期，县政协共收到提案612件。\n", [("612件", 2016, 2020, "plan")]),
        # a provincial committee's term summary: 12th Hebei committee, 2018-2022 (public fact)
        ("十二届河北省政协履职五年来，共收到提案4100件。\n", [("4100件", 2018, 2022, "term")]),
        # a national session: the 13th term opened in 2018, so its 2nd session is 2019
        ("全国政协十三届二次会议期间，委员们共提交提案1502件。\n", [("1502件", 2019, 2019, "session")]),
    ],
)  # fmt: skip
def test_each_period_names_its_source(extract, text, want):
    assert rows(extract(text)) == want


def test_a_period_the_text_cannot_give_is_null_with_a_reason(extract):
    (m,) = extract("县政协委员们积极履职，共撰写提案45件。\n")
    assert m["period_start"] is None and m["period_source"] is None
    assert m["period_reason"].startswith("no dated context")


def test_relative_years_read_against_the_date_line(tmp_path):
    (doc,) = _docs(
        tmp_path,
        {
            "page": "平罗县政协上半年工作综述\n发布时间：2024-07-10　来源：平罗县政协\n"
            "今年以来，县政协共开展视察调研18次。截至6月底，共收到社情民意信息42篇。"
            "去年，县政协共开展视察调研30次。\n"
        },
    )
    got = {m.surface: (m.period_start, m.period_source) for m in extract_mentions(doc)}
    assert got == {"18次": (2024, "date_line"), "42篇": (2024, "date_line"), "30次": (2023, "date_line")}


def test_a_month_day_line_in_a_january_page_is_last_december(tmp_path):
    (doc,) = _docs(
        tmp_path,
        {
            "page": "平罗县政协开展送温暖活动\n发布时间：2024-01-03　来源：平罗县政协\n12月28日，县政协组织委员走访慰问困难群众120户。\n"
        },
    )
    (m,) = extract_mentions(doc)
    assert (m.surface, m.period_start, m.period_source) == ("120户", 2023, "date_line")


def test_a_january_review_covers_the_year_just_ended(tmp_path):
    (doc,) = _docs(
        tmp_path,
        {
            "page": "年终盘点：平罗县政协这一年\n发布时间：2024-01-06　来源：平罗县政协\n县政协全年共组织委员视察12次。\n"
        },
    )
    (m,) = extract_mentions(doc)
    assert (m.period_start, m.period_end) == (2023, 2023)


def test_the_publication_date_comes_from_the_file_name(tmp_path):
    (doc,) = _docs(
        tmp_path, {"2023-11-20_pingluo": "平罗县政协召开主席会议\n会议通报，县政协已办结提案96件。\n"}
    )
    (m,) = extract_mentions(doc)
    assert (m.period_start, m.period_source) == (2023, "publication_date")


@pytest.mark.parametrize(
    "address, date",
    [
        ("http://x.gov.cn/zwgk/202401/t20240112_1.html", (2024, 1, 12)),
        ("http://x.cn/2023-12/28/c_1.htm", (2023, 12, 28)),
        ("http://x.cn/art/2023/12/28/art_1_2.html", (2023, 12, 28)),
        ("http://x.cn/news/202305/list.shtml", (2023, 5, 31)),  # a month alone: its last day
        ("http://x.cn/news/202402/list.shtml", (2024, 2, 29)),
        ("report_2022.txt", None),
        ("content_20231301.htm", None),
    ],
)
def test_dates_in_addresses_and_file_names(address, date):
    assert date_in_address(address) == date


DATED = "平罗县政协召开十届一次会议\n2021年9月20日，政协平罗县第十届委员会第一次会议开幕。会议期间收到提案160件。\n"
UNDATED = "平罗县政协十届三次会议闭幕\n政协平罗县第十届委员会第三次会议期间，共收到提案150件。\n"


def test_an_ordinal_beside_a_dated_line_dates_the_other_documents(tmp_path):
    docs = _docs(tmp_path, {"dated": DATED, "undated": UNDATED})
    assert [m.period_start for m in extract_mentions(docs[1])] == [None]  # alone: no term data
    dated, undated = extract_corpus(docs)
    assert [(m.period_start, m.period_source) for m in dated] == [(2021, "date_line")]
    (m,) = undated
    assert (m.period_start, m.period_end, m.period_source, m.period_evidence) == (
        2023,
        2023,
        "cross_document",
        "dated",
    )
    assert m.period_inferred is False


def test_a_later_term_is_inferred_from_the_level_cycle(tmp_path):
    docs = _docs(tmp_path, {"dated": DATED, "next": "平罗县政协十一届二次会议期间，共收到提案170件。\n"})
    calendar = learn_calendar(docs)
    (m,) = extract_mentions(docs[1], calendar=calendar)
    assert (m.period_start, m.period_source, m.period_inferred, m.period_evidence) == (
        2027,
        "session",
        True,
        "dated",
    )


def test_a_first_session_in_december_opens_the_next_year():
    # 1st session in late December 2021, then January 2023 ... 2026: the term's sessions count from 2022
    assert OrdinalFact("340825", 11, 1, 2021, "a", month=12).first_year == 2022
    assert OrdinalFact("340825", 11, 5, 2026, "b", month=1).first_year == 2022
    assert OrdinalFact("340825", 11, 1, 2021, "c", month=9).first_year == 2021


def test_conflicting_evidence_is_reported_not_resolved(tmp_path):
    calendar = TermCalendar(
        facts=(OrdinalFact("640221", 10, 1, 2021, "a"), OrdinalFact("640221", 10, 2, 2021, "b"))
    )
    assert calendar.term("640221", 10) is None
    assert "640221" in calendar.conflicts[("640221", 10)]
    (doc,) = _docs(tmp_path, {"undated": UNDATED})
    (m,) = extract_mentions(doc, calendar=calendar)
    assert m.period_start is None and m.period_reason.startswith("conflicting ordinals")
    # a fact that does not fit the committee's public calendar conflicts too (Hebei's 13th opened in 2023)
    bad = TermCalendar(facts=(OrdinalFact("130000", 14, 1, 2024, "c"),))
    assert bad.term("130000", 14) is None and ("130000", 14) in bad.conflicts


def test_the_calendar_dates_the_national_and_every_provincial_committee():
    calendar = TermCalendar()
    provinces = {
        "110000": 14,
        "120000": 15,
        "310000": 14,
        "500000": 6,
        "460000": 8,
        "540000": 12,
        "640000": 12,
    }
    for code, n in provinces.items():
        assert calendar.term(code, n).first_year == 2023
    assert calendar.term("130000", 12).last_year == 2022
    assert calendar.term("000000", 15).inferred  # the next national term: from the cycle


def test_a_december_item_with_a_session_ordinal_takes_the_session_year(tmp_path):
    calendar = TermCalendar(facts=(OrdinalFact("640221", 7, 1, 2021, "a"),))
    (doc,) = _docs(
        tmp_path,
        {
            "item": "平罗县政协开展年终视察\n12月15日，平罗县政协组织七届二次会议以来提出的提案办理视察，共视察项目8个。\n"
        },
    )
    (m,) = extract_mentions(doc, calendar=calendar)
    assert (m.period_start, m.period_source, m.period_evidence) == (2022, "cross_document", "a")


@pytest.mark.parametrize(
    "text, want",
    [
        ("平罗县政协2023年工作报告\n县政协委员捐款捐物超2.3亿元。\n", ("超2.3亿元", 230000000, "at_least", "member_services.donations")),
        ("平罗县政协2023年工作报告\n委员们捐赠口罩20000只。\n", ("20000只", 20000, "exact", "member_services.materials_donated")),
        ("平罗县政协2023年工作报告\n委员们捐赠消毒液500升。\n", ("500升", 500, "exact", "member_services.materials_donated")),
        ("平罗县政协2023年工作报告\n全县政协委员中，女委员46名。\n", ("46名", 46, "exact", "organization.member_composition")),
    ],
)  # fmt: skip
def test_recall_classes(extract, text, want):
    got = extract(text)
    assert [(m["surface"], m["value"], m["qualifier"], m["metric"]) for m in got] == [want]


def test_units_that_are_words_are_no_counts(extract):
    assert extract("平罗县政协2023年工作报告\n委员们的履职能力提升明显，2023年只开展了一次升级。\n") == []


def test_every_mention_of_the_sample_corpus_has_a_period_source():
    samples_dir = Path(__file__).resolve().parents[3] / "sources" / "samples"
    paths = sorted(p for p in samples_dir.iterdir() if p.suffix in (".txt", ".html"))[:40]
    ms = [m for batch in extract_corpus(read_document(p) for p in paths) for m in batch]
    assert ms and all((m.period_source in SOURCES) != (m.period_reason is not None) for m in ms)


def test_an_e_paper_page_header_dates_its_articles(tmp_path):
    from sources.pdfgen.render import render_page
    from sources.pdfgen.spec import ArticleSpec, PageSpec

    article = ArticleSpec(
        headline="平罗县政协开展民主监督",
        body=["本报讯 12月3日，平罗县政协组织委员开展民主监督，共走访企业36家，收集意见建议52条。"],
    )
    other = ArticleSpec(
        headline="冬季农业生产有序推进", body=["全县冬小麦长势良好，农技人员深入田间指导。" * 3]
    )
    out = tmp_path / "page.pdf"
    render_page(PageSpec([article, other], masthead="平罗日报", date_line="2023年12月5日 星期二"), out)
    doc = read_document(out)
    assert len(doc.articles) == 2  # the header is no article's: the article's text names no year
    ms = extract_mentions(doc)
    assert [(m.surface, m.period_start, m.period_source) for m in ms] == [
        ("36家", 2023, "publication_date"),
        ("52条", 2023, "publication_date"),
    ]


def test_a_dated_term_summary_at_a_later_session_starts_with_the_term(tmp_path):
    (doc,) = _docs(
        tmp_path,
        {"page": "平罗县政协常委会工作报告\n发布时间：2024-01-10　来源：平罗县政协\n"
         "在政协平罗县第十届委员会第三次会议上，常委会报告说，本届以来，县政协共收到提案390件。\n"},
    )  # fmt: skip
    (m,) = extract_mentions(doc)
    assert (m.period_start, m.period_end, m.period_source) == (2022, 2023, "date_line")


def test_a_plan_year_is_not_the_year_reported_but_the_sessions(extract):
    # the session that plans for 2024 is held in 2024: its review of 一年来 covers 2023
    text = "平罗县政协十届三次会议开幕\n会议认为，一年来，县政协共收到提案121件。\n会议指出，2024年县政协将聚焦中心大局。\n"
    assert rows(extract(text)) == [("121件", 2023, 2023, "text")]


def test_a_year_called_the_current_one_and_planned_for_dates_the_session(extract):
    text = (
        "某市政协全体会议开幕\n本报讯 2月3日，市政协全体会议开幕。2030年是新规划的开局之年，市政协将继续履职尽责。\n"
        "会议回顾了一年来的工作，市政协共组织协商活动48场。\n"
    )
    assert rows(extract(text)) == [("48场", 2029, 2029, "text")]


def test_a_december_meeting_plans_for_the_next_year(extract):
    text = (
        "某县政协召开常委会议\n12月20日，县政协召开常委会议，总结一年来的工作。一年来，县政协组织视察12次。\n"
        "会议要求，2031年县政协要围绕中心工作履职。\n"
    )
    assert rows(extract(text)) == [("12次", 2030, 2030, "text")]


def test_who_attends_a_session_counts_in_the_sessions_year(extract):
    text = (
        "某区政协全体会议开幕\n上午，区政协全体会议开幕，本次大会应到委员210人，实到委员205人。\n"
        "常委会工作报告对2028年的工作进行了回顾，一年来共收到提案150件。\n报告对2029年的工作任务作了部署。\n"
    )
    got = rows(extract(text))
    assert got == [
        ("210人", 2029, 2029, "text"),
        ("205人", 2029, 2029, "text"),
        ("150件", 2028, 2028, "text"),
    ]


def test_lines_above_a_saved_pages_title_are_no_lead(tmp_path):
    (doc,) = _docs(
        tmp_path,
        {"page": "某某门户网\n当前位置：首页 > 两会专题\n区政协会议以来立案提案83件\n"
         "信息来源：区政协　发布时间：2031-01-12\n"
         "区政协全体会议以来，委员们积极履职。截至2029年12月31日，共提交提案90件，经审查立案83件。\n"},
    )  # fmt: skip
    got = [(m.surface, m.period_start, m.period_end) for m in extract_mentions(doc)]
    assert ("90件", 2029, 2029) in got and ("83件", 2029, 2029) in got


def test_pinyin_notes_are_read_through_in_ordinals_and_counts(extract):
    # some pages put pinyin after characters: 三次(ci)会议, 提(ti)案
    text = "全国政协十四届三次(ci)会议开(kai)幕以来，委员们共提交提(ti)案5800件，其中委员提(ti)案5300件。\n"
    got = rows(extract(text))
    assert got == [("5800件", 2025, 2025, "session"), ("5300件", 2025, 2025, "session")]


def test_a_date_ahead_is_no_date_line(tmp_path):
    (doc,) = _docs(
        tmp_path,
        {"page": "新一届全国政协委员的构成\n来源：某报　2028年03月01日\n"
         "全国政协新一届第一次会议将于3月3日在北京开幕。本届全国政协委员由34个界别组成。\n"},
    )  # fmt: skip
    got = [(m.surface, m.period_start) for m in extract_mentions(doc)]
    assert got == [("34个", 2028)]


def test_a_history_year_does_not_date_a_sessions_report(extract):
    # the national 14th term opened in 2023: a term summary at its first session covers 2018-2022,
    # whatever anniversary the third paragraph recalls
    text = (
        "今天下午，全国政协十四届一次会议开幕。\n常委会工作报告回顾了过去5年的工作。\n"
        "2019年，人民政协迎来成立70周年。\n报告说，过去5年，全国政协举办重要协商活动105场。\n"
    )
    assert rows(extract(text)) == [("105场", 2018, 2022, "session")]


def test_proposals_of_a_named_session_count_in_its_year(extract):
    # the article dates the 4th session (2030): the 3rd session's proposals are 2029's
    text = (
        "呈贡区政协提案办理情况通报\n2030年，呈贡区政协收到三届四次会议提案115件，均已办复。\n"
        "截至目前，三届三次会议提案已解决20件。\n"
    )
    assert [(m["surface"], m["period_start"]) for m in extract(text)] == [("115件", 2030), ("20件", 2029)]


def test_a_sessions_proposal_work_report_still_covers_the_year_before(extract):
    text = "在全国政协十三届三次会议上，常委会关于提案工作情况的报告说，一年来共收到提案5400件。\n"
    assert [(m["surface"], m["period_start"]) for m in extract(text)] == [("5400件", 2019)]


@pytest.mark.parametrize(
    "text, want",
    [
        # a span from a year, counted in years: 从2024年开始…三年来
        ("某市政协开展委员工作室建设\n从2024年开始，市政协在社区建立委员工作室。三年来，委员们深入基层。\n"
         "截至目前，全市已建成委员工作室21个。\n", [("21个", 2024, 2026)]),
        ("某市政协爱心助学\n自2010年起，市政协助学活动已连续开展了十年，累计捐款金额达200余万元。\n",
         [("200余万元", 2010, 2019)]),
    ],
)  # fmt: skip
def test_a_span_since_a_year_counted_in_years(extract, text, want):
    assert [(m["surface"], m["period_start"], m["period_end"]) for m in extract(text)] == want


def test_a_date_line_run_into_the_first_block_dates_a_since_span(extract):
    text = (
        "湘东区下埠镇政协活动再掀热潮 管理员 时间:2031-05-15 分类:联络组 自2030年活动开展以来，"
        "湘东区下埠镇政协工作联络组深入农户和学校，与贫困学子亲切交谈，了解他们的学习和生活情况，帮助他们解决遇到的"
        "困难和问题。联络组安排委员分别挂点联系各村和学校，组织委员开展助学活动，资助学生32名，捐款5万余元。"
        "委员们表示，今后将继续关心贫困学子的成长，把帮扶工作做细做实。\n"
    )
    assert [(m["surface"], m["period_start"], m["period_end"]) for m in extract(text)] == [
        ("32名", 2030, 2031),
        ("5万余元", 2030, 2031),
    ]


def test_a_plan_is_drafted_in_the_year_before_it_starts(extract):
    text = "某区政协召开工作会议\n在“十五五”规划编制中，区政协围绕产业发展形成共30条建议。\n"
    assert rows(extract(text)) == [("30条", 2025, 2025, "plan")]


def test_this_year_after_a_summary_of_a_named_year_is_the_next(extract):
    text = (
        "县政协提案交办工作会议召开\n日前，县政协召开会议，总结2029年提案办理工作。2029年，县政协委员提交提案90件。\n"
        "今年，县政协委员提交提案70件。\n"
    )
    assert [(m["surface"], m["period_start"]) for m in extract(text)] == [("90件", 2029), ("70件", 2030)]


def test_a_term_paragraph_further_down_spans_its_term_and_only_it(extract):
    # the lead reviews 2022; a later paragraph sums up the closing 12th Hebei term (2018-2022)
    text = (
        "河北省政协举行新闻发布会\n2022年，河北省政协全年共组织各类履职活动600余次。\n"
        "会议还介绍了其他工作情况。委员们围绕中心工作开展了大量调研。委员们深入基层倾听民声，"
        "形成了一批有分量的调研报告。各专门委员会也积极开展工作，组织委员视察，召开协商座谈会，"
        "为全省经济社会发展贡献了智慧和力量。\n"
        "据悉，十二届河北省政协期间，委员们积极运用提案履职。共提交提案4200件。\n"
    )
    got = [(m["surface"], m["period_start"], m["period_end"]) for m in extract(text)]
    assert got == [("600余次", 2022, 2022), ("4200件", 2018, 2022)]


def test_a_review_of_a_years_key_tasks_is_no_plan(extract):
    text = "关于2029年重点工作完成情况的报告\n一年来，县政协共收到提案130件。\n"
    assert rows(extract(text)) == [("130件", 2029, 2029, "text")]


ADDRESS = "http://www.example.gov.cn/zxdt/202311/t20231115_4471.html"


@pytest.mark.parametrize(
    "before, head",
    [
        ("", f"<link rel='canonical' href='{ADDRESS}'>"),  # the page's canonical link
        (f"<!-- saved from url=(0058){ADDRESS} -->\n", ""),  # the address a browser wrote
        (f"<!--\n Page saved with SingleFile \n url: {ADDRESS} \n saved date: Mon Jan 08 2024 -->\n", ""),
    ],
)
def test_the_address_of_a_saved_page_dates_it(tmp_path, before, head):
    page = (
        before + f"<html><head><meta charset='utf-8'><title>平罗县政协视察民生实事</title>{head}</head>"
        "<body><h1>平罗县政协视察民生实事</h1><p>平罗县政协组织委员视察民生实事项目，共走访群众300人次。</p>"
        "</body></html>"
    )
    (doc,) = _docs(tmp_path, {"saved": page}, ".html")
    assert doc.metadata["canonical"].endswith("t20231115_4471.html")
    (m,) = extract_mentions(doc)
    assert (m.period_start, m.period_source) == (2023, "publication_date")


def test_a_report_since_a_session_covers_that_sessions_year_not_its_date_lines(extract):
    # a national report delivered before the 13th committee's 2nd session (2019) on the time since
    # its 1st session (2018): 2018, although its cut-off date is in 2019; the session is dated by the
    # national calendar (public fact), so the source is the session
    text = (
        "全国政协十三届一次会议以来提案办理情况通报\n"
        "截至2019年2月25日，十三届一次会议以来委员共提交提案4820件，已办复4790件。\n"
    )
    assert rows(extract(text)) == [("4820件", 2018, 2018, "session"), ("4790件", 2018, 2018, "session")]
    # a year the text names stands (2019年 is the report's own year)
    named = "2019年全国政协十三届一次会议以来提案办理情况\n2019年，委员共提交提案4820件。\n"
    assert rows(extract(named)) == [("4820件", 2019, 2019, "text")]


@pytest.mark.parametrize(
    "address, year",
    [
        ("http://x.example.com/zhengxie/2024/277336.html", 2024),  # a site's archive by year
        ("http://e.example.com/qzxw/2020-1237/news-1-3.html", 2020),  # an e-paper's year and issue
        ("http://x.example.com/p/37195.html", None),
    ],
)
def test_a_year_alone_in_the_address_dates_the_page(tmp_path, address, year):
    page = (
        f"<html><head><link rel='canonical' href='{address}'></head><body><h1>平罗县政协开展视察</h1>"
        "<p>6月19日，平罗县政协组织委员视察民生实事项目，走访群众300人次。</p></body></html>"
    )
    (doc,) = _docs(tmp_path, {"saved": page}, ".html")
    (m,) = extract_mentions(doc)
    assert m.period_start == year
    assert m.period_source == ("publication_date" if year else None)


def test_a_month_day_line_in_the_month_of_a_month_only_address_is_that_year(tmp_path):
    # /202501/: some day of January 2025, so 1月20日 is not after it (no year back)
    page = (
        "<html><head><link rel='canonical' href='http://x.example.com/zx/202501/5858.html'></head>"
        "<body><h1>平罗县政协开展新春走访慰问</h1><p>1月20日，平罗县政协委员走访慰问群众62户。</p></body></html>"
    )
    (doc,) = _docs(tmp_path, {"saved": page}, ".html")
    (m,) = extract_mentions(doc)
    assert (m.period_start, m.period_source) == (2025, "publication_date")
