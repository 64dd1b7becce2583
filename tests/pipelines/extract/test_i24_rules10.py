"""Issue 24 rules, round 10: precision that holds on pages nobody here labelled (places a research party
went to, outcomes in others' figures that the committee's work pushed, the public's reactions online, a
city's job statistics), developed on v4-v9 (both halves) and v10's development half. Sentences are our
own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, surfaces


def test_the_places_a_research_party_went_to_are_no_count(extract):
    text = (
        "2024-06-12 来源：县政协\n\n"
        "今年以来，县政协组织委员深入全县6个乡镇、31个村(社区)及15家重点企业开展调研，走访农户120户，"
        "召开座谈会9场，形成调研报告4篇。调研组还走访了5个社区，视察了东湖和西岭两个园区。\n"
    )
    got = surfaces(extract(text))
    assert {"120户", "9场", "4篇"} <= got
    assert not got & {"6个", "31个", "15家", "5个", "两个"}


def test_outcomes_the_committee_pushed_are_no_count(extract):
    text = (
        "2024-12-20 来源：市政协\n\n"
        "全年市政协推动解决群众急难愁盼问题46个，推动83件提案按时办复，带动委员企业捐款捐物300万元。"
        "委员们推动建设4个千亩育苗基地，促成物流园建设等9项措施落地，助力引进项目7个，带动就业600余人。\n"
    )
    got = surfaces(extract(text))
    assert {"46个", "83件", "300万元"} <= got
    assert not got & {"4个", "9项", "7个", "600余人"}


def test_the_publics_reactions_online_are_no_count(extract):
    text = (
        "2024-03-08 来源：省政协\n\n"
        "省政协开展网络议政，收到委员意见建议320条，参与网络问卷调查12万人次，点赞逾3万人次，"
        "共有6万人次对此表示关注。组织委员视察8次，参加委员150人次。\n"
    )
    got = surfaces(extract(text))
    assert {"320条", "8次", "150人次"} <= got
    assert not got & {"12万人次", "逾3万人次", "6万人次"}


def test_a_citys_new_jobs_are_an_economy_statistic(extract):
    text = "2026-01-20 来源：市政协\n\n五年来，全市新增城镇就业5.2万人。市政协共收到提案1210件。\n"
    got = surfaces(extract(text))
    assert "1210件" in got and "5.2万人" not in got


def test_a_round_ups_paragraph_opened_by_recently_and_a_committee_is_that_committees(extract):
    # a provincial round-up of county news: each paragraph opens with 近日/日前 and its own committee
    text = (
        "张北县政协专题督办重点提案\n\n2021-02-28 来源：张北县政协\n\n"
        "张北县政协十六届四次会议共收到委员提案92件。\n\n"
        "近日，南宫市政协开展创城志愿服务。对凤岗联络组的8名政协委员进行服务培训。\n"
    )
    got = committees(extract(text))
    assert got["92件"] == "130722" and got["8名"] == "130581"


def test_an_undated_page_names_a_division_by_its_former_name(extract):
    # 无为县 became 无为市 (a new code) in 2019; a page with no date that speaks of 无为县政协 means the county
    text = (
        "委员企业联系制度见实效\n\n"
        "安徽省无为县政协主席在走访委员企业时说，要帮助委员企业解决困难。"
        "该县政协建立主席会议成员联系委员企业制度，对县内52家委员企业实现联系全覆盖。\n"
    )
    got = committees(extract(text))
    assert got["52家"] == "340225"


def test_a_terms_membership_and_a_sessions_attendance_count(extract):
    # a chronicle's term composition (…届委员会设N个界别，委员N名), a new term's roll (委员共N人) and a
    # session's attendance (出席会议的委员N人) count
    text = (
        "2024-01-20 来源：平罗县政协\n\n"
        "政协平罗县第一届委员会设12个界别，委员85名；第二届设14个界别，委员97名。"
        "新一届政协委员共212人，其中新任委员为106名。县政协十届三次会议召开，出席会议的委员196人。\n"
    )
    got = surfaces(extract(text))
    assert {"85名", "97名", "212人", "106名", "196人"} <= got
