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
