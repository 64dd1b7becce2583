"""Issue 24, round 14: classes read off v10's held-back half (as an unseen sample) and checked on
v1-v10. Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import periods, surfaces


def test_a_count_of_departments_or_units_is_no_work(extract):
    # the bodies that attend, report or work with the committee are counted, not the committee's work
    text = (
        "县政协召开专题协商会\n\n"
        "2023年5月10日，县政协召开专题协商会，县发改局、县财政局等16个部门负责人参加会议。"
        "会上，县交通局等5个单位汇报工作。县政协与12个相关部门建立协作机制。"
        "会前，县政协组织委员开展调研视察3次，提出意见建议21条。\n"
    )
    found = surfaces(extract(text))
    assert {"16个", "5个", "12个"}.isdisjoint(found)
    assert {"3次", "21条"} <= found


def test_a_count_of_units_in_traditional_characters_is_no_work(extract):
    text = (
        "縣政協召開專題協商會\n\n"
        "2023年5月10日，縣政協召開專題協商會，縣發改局、縣財政局等16個部門主要負責人參加。"
        "會前，縣政協組織委員開展調研視察3次，提出意見建議21條。\n"
    )
    found = surfaces(extract(text))
    assert "16個" not in found
    assert {"3次", "21條"} <= found


SINCE = (
    "某区政协社情民意信息工作综述\n\n"
    "2024年以来，某区政协整理上报社情民意信息，被上级政协采用56篇，创历史新高。\n\n"
    "区政协在委员中建立信息员队伍，组织培训4次。\n"
)


def test_a_span_since_a_year_runs_to_the_date_the_address_gives(extract):
    # no date line: the address dates the page (February 2025), and 2024年以来 runs to it
    ms = extract(SINCE, address="http://www.example.gov.cn/articles/202502/abc.shtml")
    assert periods(ms) == {"56篇": (2024, 2025), "4次": (2024, 2025)}


def test_a_span_since_a_year_without_a_later_date_stays_that_year(extract):
    ms = extract(SINCE, address="http://www.example.gov.cn/articles/202411/abc.shtml")
    assert periods(ms) == {"56篇": (2024, 2024), "4次": (2024, 2024)}
    # a page of the January after: a review of the year just ended
    ms = extract(SINCE, address="http://www.example.gov.cn/articles/202501/abc.shtml")
    assert periods(ms) == {"56篇": (2024, 2024), "4次": (2024, 2024)}
    assert periods(extract(SINCE, address=""))["56篇"] == (2024, 2024)


def test_a_count_of_aspects_is_the_texts_structure(extract):
    text = (
        "县政协召开专题协商会\n\n"
        "2023年5月10日，县政协召开专题协商会，委员们找准12个方面问题，提出意见建议40条。"
        "会议确定产业发展、城乡建设等6个方面重点协商议题。\n"
    )
    found = surfaces(extract(text))
    assert "12个" not in found
    assert {"40条", "6个"} <= found


def test_the_peoples_congress_suggestions_are_another_bodys(extract):
    text = (
        "县两会代表委员履职侧记\n\n"
        "2023年2月，县两会期间，代表委员们共提交政协集体提案6件、人大建议 11件，个人提案18件。\n"
    )
    found = surfaces(extract(text))
    assert "11件" not in found
    assert {"6件", "18件"} <= found
