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


def test_the_eight_democratic_parties_are_a_name(extract):
    # 八个民主党派 names the parties as a body (a fixed number), it counts no work or membership
    text = (
        "某市政协全体会议开幕\n\n"
        "2024年1月10日，市政协十届三次会议开幕。本届市政协委员由32个界别组成，包括中国共产党、8个民主党派、"
        "无党派人士、人民团体和各界代表。会议期间，委员们提交提案420件。\n"
    )
    found = surfaces(extract(text))
    assert "8个" not in found
    assert {"32个", "420件"} <= found


def test_the_eight_democratic_parties_in_traditional_characters_are_a_name(extract):
    text = (
        "某市政協全體會議開幕\n\n"
        "2024年1月10日，市政協十屆三次會議開幕。本屆市政協委員由32個界別組成，包括中國共產黨、八個民主黨派、"
        "無黨派人士、人民團體和各界代表。會議期間，委員們提交提案420件。\n"
    )
    found = surfaces(extract(text))
    assert "八個" not in found
    assert {"32個", "420件"} <= found


def test_a_whole_divisions_places_are_its_extent(extract):
    # 全县25个乡镇501个村, 面向全国160个乡村帮扶县, 全市7所学校: the place's extent, not work done
    text = (
        "县政协文史丛书出版\n\n"
        "2023年，县政协编纂出版文史丛书6辑，记录了全县25个乡镇501个村的变迁。"
        "县政协联系的公益计划面向全国160个乡村帮扶县开展。委员们实现全市7所新疆班学校结对全覆盖。"
        "县政协组织委员走访群众300户，召开座谈会8场。\n"
    )
    found = surfaces(extract(text))
    assert {"25个", "501个", "160个", "7所"}.isdisjoint(found)
    assert {"6辑", "300户", "8场"} <= found
