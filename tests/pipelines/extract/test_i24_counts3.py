"""Issue 24, round 3b: which numbers count (precision and recall), developed on v4 (both halves) and
v5's development half. Each rule is data in lexicon.yaml where it can be. Sentences are our own."""

from __future__ import annotations

import pytest


def surfaces(ms):
    return [m["surface"] for m in ms]


@pytest.mark.parametrize(
    "sentence, kept",
    [
        # a format, not a count: each round invites three members
        ("县政协两会期间每场邀请不同界别的3位委员接受采访。", []),
        # a session ordinal without 届 before it, and a party congress's ordinal
        ("县政协共收到提案93件（三次会议提案92件）。", ["93件", "92件"]),
        ("县政协按照县第十二次党代会的部署开展调研8次。", ["8次"]),
        # handling units and participating units are other bodies
        ("县政协立案提案120件，涉及承办单位34个。", ["120件"]),
        ("县政协组织80名委员与42家政协参加单位参与重点提案遴选。", ["80名"]),
        ("县政协立案提案300件，另有6家单位承办30件以上提案。", ["300件"]),
        # sectors acting together are no count of sectors
        ("县政协5个界别联名提交关于养老服务的提案。", []),
        # the items of a plan document
        ("县政协制定涵盖18项任务的党建工作要点，开展学习12次。", ["12次"]),
        # lower committees' platforms
        ("省政协指导基层政协建设1200个协商平台，召开协商会6次。", ["6次"]),
        # national members who live in the province, in a provincial report
        ("省政协共有委员600人，在本省的全国政协委员40人（其中特邀委员3人）。", ["600人"]),
    ],
)
def test_counts_of_other_things_are_not_work(extract, sentence, kept):
    assert surfaces(extract(sentence)) == kept


def test_the_places_enumeration_continues_with_its_actor(extract):
    # 该省 opens the clause; the next clauses list the same actor's facilities
    text = "县政协提案推动养老设施建设。目前，该省建成服务站近900个，日间照料中心320个，幸福院650个。"
    assert surfaces(extract(text)) == []


def test_places_that_have_started_an_activity_are_its_reach(extract):
    text = "县政协共收集协商议题95个。有4个乡镇、6个社区已开展协商活动。"
    assert surfaces(extract(text)) == ["95个"]


def test_a_garbled_number_with_a_leading_zero_counts_nothing(extract):
    assert surfaces(extract("五年来?00多位市政协委员参加调研。")) == []


def test_a_slogan_of_targets_counts_nothing(extract):
    assert surfaces(extract("县政协提出3个100%的目标，立案提案85件。")) == ["85件"]


def test_a_bare_number_cut_at_the_end_of_the_text_is_no_mention(extract):
    text = "县政协立案提案120件，其中集体提案15件，专委会提案9"
    assert surfaces(extract(text)) == ["120件", "15件"]


def test_key_research_topics_and_key_work_items_count(extract):
    text = "县政协围绕乡村振兴等8个重点课题开展调研，全年实施26项重点工作。县政协从四个重点推进工作。"
    assert surfaces(extract(text)) == ["8个", "26项"]


def test_up_to_now_is_no_ordinal(extract):
    # 目前 ends with 前, which before a number otherwise means "the first N" (前4天)
    assert surfaces(extract("县政协收到提案88件。截至目前88件提案已全部答复。")) == ["88件", "88件"]


def test_a_party_committee_inside_the_committee_is_no_party_committee(extract):
    # 市委会 is a democratic party's city committee, not 市委
    assert surfaces(extract("民进市委会向市政协共报送社情民意信息46条，被采用21条。")) == ["46条", "21条"]


def test_formal_recommendations_are_the_committees_own(extract):
    # 建议案 holds 议案 (a deputies' motion) but is the committee's product
    text = "县政协共向县委报送建议案、调研报告和专项建议14篇。"
    assert surfaces(extract(text)) == ["14篇"]


def test_satisfaction_without_the_word_rate(extract):
    assert surfaces(extract("县政协提案全部办复，委员满意或基本满意达98%以上。")) == ["98%以上"]


def test_proposals_passed_on_as_letters_and_withdrawn(extract):
    text = "县政协共立案210件，作为委员来信转送有关部门参考6件，撤案3件。"
    assert surfaces(extract(text)) == ["210件", "6件", "3件"]


def test_attendance_of_the_standing_committee_and_members_elected(extract):
    ms = extract("县政协常委会议应到常委35名，实到常委31名。大会增选了6名县政协常委。")
    assert surfaces(ms) == ["35名", "31名", "6名"]
    assert [m["category"] for m in ms] == ["meetings", "meetings", "organization"]


def test_small_numerals_opening_a_numbered_heading(extract):
    text = "县政协全年协商工作\n\n1、三次议政性常委会\n\n2、两次议政会\n\n县政协围绕教育召开两次议政会。\n"
    assert surfaces(extract(text)) == ["三次", "两次", "两次"]


def test_a_small_numeral_inside_a_sentence_still_needs_its_verb(extract):
    # two work reports, not two counted products (no heading, no verb of its own)
    assert surfaces(extract("县政协委员们一致认为，两份工作报告总结全面。")) == []


def test_members_who_acted_count(extract):
    text = "县政协组织委员开展服务活动。当天，王明、李华、张强3位政协委员来到广场，两位县政协委员认真记录。"
    assert surfaces(extract(text)) == ["3位", "两位"]


def test_members_who_spoke_are_left_as_before(extract):
    # v1 leaves speakers out and v5 labels them: the rule for members does not reach them
    assert surfaces(extract("县政协开幕会上，5位委员分别作大会发言。")) == []


def test_awards_count_the_awarded_but_selecting_the_best_proposals_is_work(extract):
    text = (
        "平罗县政协常委会议召开\n2024年，县政协组织委员开展视察12次。\n"
        "会议决定，对《关于加强农村饮水安全的建议》等8件优秀提案、县水务局等5家提案承办先进单位予以表彰。\n"
        "县政协评选出2024年度优秀提案10件。\n"
    )
    assert {m["surface"] for m in extract(text)} == {"12次", "10件"}


def test_one_as_an_article_is_no_count(extract):
    text = (
        "平罗县政协常委会工作报告\n"
        "2024年，县政协启动帮助一名困难学生完成学业活动，一件社情民意信息牵引出一份提案的完善。"
        "全年召开全体会议一次，组织视察8次。\n"
    )
    assert {m["surface"] for m in extract(text)} == {"一次", "8次"}


def test_what_a_session_will_hold_is_a_plan(extract):
    text = "平罗县政协十届四次会议新闻发布会\n2024年，县政协组织视察8次。本次全会将安排3次大会，共收到大会发言稿52篇。\n"
    assert {m["surface"] for m in extract(text)} == {"8次", "52篇"}
