"""Issue 24, round 21: committee constructions found on v12's development half and counted on
v1-v11, fixed as general knowledge. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_the_paper_in_the_reporter_s_credit_is_the_publisher(extract):
    # the page names its committee only by 市政协 and two cities once each (the paper in the
    # reporter's credit, a related headline's city): the credit names the publisher, as a source
    # line (来源：昆明日报) would, and places 市政协
    page = (
        "首页 > 新闻 > 正文\n\n"
        "市政协去年提案全部办复\n\n"
        "原标题:市政协去年提案全部办复\n\n"
        "昨日，记者从市政协五届三次会议上获悉，市政协五届二次会议以来，共收到提案412件，经审查立案365件，办复率达100%。\n\n"
        "一年来，委员们围绕经济建设提出提案152件，围绕社会建设提出提案120件，围绕生态建设提出提案43件，为全市高质量发展建言献策。\n\n"
        "今年，市政协将持续提高提案工作质量，加强思想政治引领，在提案办理中凝聚共识，深化提案办理协商，提高提案服务质量，推动提案工作提质增效，努力开创提案工作新局面。（昆明日报记者王某）\n\n"
        "深圳地铁5号线发生故障 杨美至黄贝岭方向发生延误 市政府办理的6件重点提案办理完毕\n"
    )
    got = committees(extract(page))
    assert got["412件"] == "530100"
    assert got["365件"] == "530100"


def test_a_rule_s_cue_inside_a_quoted_programme_name_is_no_rule(extract):
    # 每月 inside “每月一议” names a programme; the 120余次 after it are activities done, not a rule
    page = (
        "区政协2024年民主监督工作综述\n\n"
        "2024年，区政协累计围绕“每月一议”开展120余次民主监督活动，参与委员900余人次。\n"
    )
    assert "120余次" in surfaces(extract(page))


def test_a_rule_s_cue_outside_quotes_still_blocks(extract):
    page = "区政协2024年工作\n\n区政协要求每月开展“委员接待日”活动2次，每名委员联系群众不少于10户。\n"
    got = surfaces(extract(page))
    assert "2次" not in got
    assert "10户" not in got


def test_a_threshold_or_more_is_not_a_count(extract):
    # 3个及以上: the members who took three topics or more; the 800人次 are counted, the threshold is not
    page = (
        "区政协2024年民主监督工作综述\n\n"
        "2024年，区政协委员报名参与监督800人次，超半数委员报名3个及以上议题。\n"
    )
    got = surfaces(extract(page))
    assert "800人次" in got
    assert "3个" not in got


def test_a_count_inside_a_policy_title_is_its_name(extract):
    # the 15条 name a government document the proposals helped bring about; the 36件 are counted
    page = (
        "市政协五年来提案工作回顾\n\n"
        "五年来，市政协共立案提案1200件。市政府结合办理提案，出台了《关于支持民营经济发展的15条政策措施》，"
        "办理重点提案36件。\n"
    )
    got = surfaces(extract(page))
    assert "15条" not in got
    assert "36件" in got


def test_a_count_inside_a_headline_quoted_as_a_title_counts(extract):
    page = "市政协委员抗疫纪实\n\n（原题为《300多名市政协委员坚守一线，捐款逾500万元》）\n"
    assert "逾500万元" in surfaces(extract(page))


def test_a_book_s_parts_are_its_structure(extract):
    # the gazetteer's parts (篇, 章, 节; 六个篇章) are its structure; the 30余人 who wrote it are counted
    page = (
        "市政协编纂出版《政协志》\n\n"
        "2023年，市政协组织30余人编纂《政协志》，全书编排了8篇、40章、150节，包括概述、组织沿革等六个篇章。\n"
    )
    got = surfaces(extract(page))
    assert "8篇" not in got
    assert "六个" not in got


def test_projects_counted_with_their_completion_are_not_the_committee_s(extract):
    page = (
        "市政协2024年工作回顾\n\n"
        "2024年，市政协开展对口帮扶活动40余次，帮扶村25个重点项目顺利完成；助力建设沿线30个重点项目、总投资80亿元。\n"
    )
    got = surfaces(extract(page))
    assert "40余次" in got
    assert "25个" not in got
    assert "30个" not in got
