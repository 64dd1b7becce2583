"""Issue 24, round 15: false-alarm classes that recur across v1-v10 (precision). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import surfaces


def test_money_invested_in_a_project_is_no_work(extract):
    # the project's capital (已投资, 计划投资, 总投资, 到位资金) is not what the committee did or gave
    text = (
        "县政协助力招商引资综述\n\n"
        "2023年，县政协组织经济界委员开展招商活动5场，引进项目8个、总投资2.6亿元、到位资金1.1亿元。"
        "经县政协多次建议，县里已投资3200万元建成滨河公园。"
        "委员企业计划投资500万元建设厂房。县政协委员捐款12万元资助困难学生。\n"
    )
    found = surfaces(extract(text))
    assert {"2.6亿元", "1.1亿元", "3200万元", "500万元"}.isdisjoint(found)
    assert {"5场", "12万元"} <= found


def test_money_invested_in_traditional_characters_is_no_work(extract):
    text = (
        "縣政協助力招商引資綜述\n\n"
        "2023年，縣政協組織經濟界委員開展招商活動5場，引進項目8個、總投資2.6億元。"
        "縣政協委員捐款12萬元資助困難學生。\n"
    )
    found = surfaces(extract(text))
    assert "2.6億元" not in found
    assert {"5場", "12萬元"} <= found


def test_the_chairs_posts_counted_are_no_membership(extract):
    # 补选副主席2人, 选举主席1人、副主席6人, 甲、乙等3位当选副主席: the leadership, not members or work
    text = (
        "政协某县委员会历次会议\n\n"
        "第二次会议于2021年3月18日至21日召开，出席委员236人。会议补选副主席2人。\n\n"
        "第三次会议于2022年3月26日至29日召开，出席委员233人。会议选举主席1人，副主席6人。"
        "王甲、李乙、张丙等3位当选副主席，赵丁当选秘书长。"
        "会议选举产生主席、副主席及常委28人。\n"
    )
    found = surfaces(extract(text))
    assert {"2人", "1人", "6人", "3位"}.isdisjoint(found)
    assert {"236人", "233人", "28人"} <= found


def test_the_chairs_posts_in_a_staff_count_are_no_membership(extract):
    text = (
        "某县政协简介\n\n"
        "2023年，县政协机关现有在职干部29人，其中主席1人，副主席5人，秘书长1人，干部职工22人。"
        "本届有委员173人。\n"
    )
    found = surfaces(extract(text))
    assert {"1人", "5人"}.isdisjoint(found)
    assert "173人" in found
