"""Issue 24, round 41: counts inside a title in 《》, institutions named after their division
(docs/extraction.md, "Issue 24, round 41"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, periods, surfaces


def test_a_count_inside_a_proposals_title_is_part_of_its_name(extract):
    page = (
        "丹江口市政协召开提案工作座谈会\n\n"
        "2023年6月,丹江口市政协召开提案工作座谈会。委员王某在深入调研的基础上形成的《打造三个中心,助推县域经济发展》提案被采纳,"
        "市政协全年共收到提案126件。\n"
    )
    ms = extract(page)
    got = surfaces(ms)
    assert "三个" not in got
    assert "126件" in got
    assert committees(ms)["126件"] == "420381"
    assert periods(ms)["126件"] == (2023, 2023)


def test_a_headline_quoted_as_a_title_keeps_its_count(extract):
    # negative: 原题为《…》 quotes the article's own headline, whose count is the body's
    page = (
        "市政协委员坚守防汛一线\n\n"
        "2023年7月,丹江口市政协组织委员投身防汛救灾,1200多名委员坚守一线。\n\n"
        "(原题为《1200多名市政协委员坚守防汛一线》)\n"
    )
    ms = extract(page)
    quoted = [m for m in ms if m["surface"] == "1200多名"]
    assert len(quoted) == 2
    assert all(m["value"] == 1200 and m["qualifier"] == "at_least" for m in quoted)


def test_an_institution_named_after_a_division_is_not_that_division_acting(extract):
    page = (
        "湖北省政协开展送医送药下基层活动\n\n"
        "2023年11月,湖北省政协副主席某某率队到宜昌市开展送医送药活动。活动期间,宜昌市第一人民医院12名专家开展义诊,"
        "省政协委员为群众义诊300余人次。\n"
    )
    ms = extract(page)
    assert committees(ms)["12名"] == "420000"
    assert committees(ms)["300余人次"] == "420000"
    assert periods(ms)["12名"] == (2023, 2023)


def test_a_division_acting_on_an_institution_keeps_its_figures(extract):
    # negative: the division's name followed by a word that makes it act (为, 组织) is the clause's subject
    page = (
        "湖北省政协开展送医送药下基层活动\n\n"
        "2023年11月,湖北省政协副主席某某率队到宜昌市开展送医送药活动。活动期间,宜昌市为医院捐赠药品价值3万元,"
        "宜昌市组织委员义诊120人次。\n"
    )
    ms = extract(page)
    got = committees(ms)
    assert got["3万元"] == "420500"
    assert got["120人次"] == "420500"
    assert [m["value"] for m in ms if m["surface"] == "3万元"] == [30000]


def test_a_sentence_opened_by_qizhong_breaks_down_the_total_before_it(extract):
    page = (
        "丹江口市政协召开提案审查会议\n\n"
        "2023年1月,丹江口市政协九届三次会议共收到提案128件。其中,经济类64件,占提案总数的50%;民生类43件。\n"
    )
    ms = extract(page)
    got = {m["surface"]: m for m in ms}
    assert got["64件"]["value"] == 64
    assert got["64件"]["category"] == "proposals"
    assert got["64件"]["metric"] is None  # a share of the total, not a metric of its own
    assert got["43件"]["category"] == "proposals"
    assert committees(ms)["64件"] == "420381"
    assert periods(ms)["64件"] == periods(ms)["128件"]


def test_a_qizhong_sentence_with_no_count_of_work_before_it_stays_unread(extract):
    # negative: the total before 其中 is the place's (养老机构40家), no figure of the committee's work
    page = (
        "丹江口市政协调研农村养老工作\n\n"
        "2023年5月,丹江口市政协组织委员调研农村养老。全市有养老机构40家。其中,公办机构25家。\n"
    )
    assert "25家" not in surfaces(extract(page))


def test_a_price_per_unit_is_no_count(extract):
    page = (
        "丹江口市政协委员结对帮扶\n\n"
        "2023年5月,丹江口市政协委员为结对贫困户捐助帮扶资金8万元。其中,某食品公司将以2.5元/斤的价格收购村民种植的生姜,"
        "委员企业还捐赠图书300册。\n"
    )
    ms = extract(page)
    got = surfaces(ms)
    assert "2.5元" not in got
    assert "8万元" in got and "300册" in got  # negative: the gifts in the same sentences keep their counts
    assert committees(ms)["300册"] == "420381"


def test_couplets_members_write_are_counted_by_their_measure_word(extract):
    page = (
        "丹江口市政协书画界委员写春联送福\n\n"
        "2024年2月,丹江口市政协组织书画界委员到村里为村民书写春联,一副副对联寄托新春祝福,"
        "活动共写春联300余副。\n"
    )
    ms = extract(page)
    got = {m["surface"]: m for m in ms}
    assert got["300余副"]["value"] == 300
    assert got["300余副"]["qualifier"] == "at_least"
    assert got["300余副"]["metric"] == "member_services.couplets_written"
    assert got["300余副"]["category"] == "member_services"
    assert committees(ms)["300余副"] == "420381"
    assert periods(ms)["300余副"] == (2024, 2024)
    assert "一副" not in got  # (一副副: the measure word repeated, no count)


def test_a_deputys_title_is_no_couplet(extract):
    # negative: 副 before a title (三副主席, 一正两副) and 副 with no couplet word in its clause
    page = (
        "丹江口市政协召开主席会议\n\n"
        "2024年3月,丹江口市政协召开主席会议,班子按一正3副配备,3副主席分别带队开展调研视察12次。\n"
    )
    got = surfaces(extract(page))
    assert not any(s.endswith("副") for s in got)
    assert "12次" in got
