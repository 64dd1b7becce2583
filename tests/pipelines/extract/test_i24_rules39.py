"""Issue 24, round 39: trees members plant, the awarded counted in their own clause, programmes named by their size
(docs/extraction.md, "Issue 24, round 39"). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import committees, periods, surfaces


def _by_surface(ms: list[dict]) -> dict[str, dict]:
    return {m["surface"]: m for m in ms}


def test_trees_members_plant_are_counted_by_their_measure_words(extract):
    page = (
        "县政协组织委员开展义务植树活动\n\n"
        "2023年3月12日,县政协组织委员和机关干部来到城北山坡,栽下侧柏、油松和国槐等树苗860余株。"
        "随后,委员们又在村道两旁种植果树三百多棵。\n"
    )
    got = _by_surface(extract(page))
    assert got["860余株"]["value"] == 860
    assert got["860余株"]["qualifier"] == "at_least"
    assert got["860余株"]["metric"] == "member_services.trees_planted"
    assert got["860余株"]["category"] == "member_services"
    assert got["三百多棵"]["value"] == 300
    assert got["三百多棵"]["metric"] == "member_services.trees_planted"
    assert periods(extract(page))["860余株"] == (2023, 2023)


def test_the_measure_word_of_trees_needs_trees_in_its_clause(extract):
    # negatives: 株洲 is a city; seedlings handed out by a firm name no trees nor seedlings as a catalog word
    page = (
        "市政协委员视察产业园\n\n"
        "2023年5月,市政协组织委员视察,某公司累计向农户免费发放百香果苗16万株。"
        "委员们还在3株洲路段查看了交通改造情况。\n"
    )
    got = surfaces(extract(page))
    assert not any("株" in s for s in got)


def test_proposals_rated_in_their_own_clause_are_awards(extract):
    page = (
        "广州市海珠区政协表彰优秀提案\n\n"
        "2024年2月,海珠区政协召开常委会议,《关于完善社区养老服务的建议》等12件提案获评优秀提案,"
        "另有5名委员获评年度优秀政协委员。区政协全年共收到提案236件。\n"
    )
    got = surfaces(extract(page))
    assert "12件" not in got
    assert "5名" not in got
    assert "236件" in got
    assert committees(extract(page))["236件"] == "440105"


def test_information_rated_and_the_best_selected_still_count(extract):
    # negatives: pieces of information rated keep their count (篇: labelled so on v1); selecting the year's best
    # proposals (评选出…) is work
    page = (
        "市政协社情民意信息工作综述\n\n"
        "2024年,市政协报送社情民意信息160篇,有15篇信息被市委办公室评为优秀信息。"
        "市政协评选出《关于加强河道治理的建议》等10件优秀提案。\n"
    )
    got = _by_surface(extract(page))
    assert "15篇" in got
    assert got["160篇"]["value"] == 160
    assert got["10件"]["value"] == 10


def test_a_programme_named_by_its_size_in_chinese_numerals_is_no_count(extract):
    page = (
        "县政协常委会听取实事项目通报\n\n"
        "2024年12月,县政协召开常委会议,听取县政府关于2024年十项民生实事和十件实事落实情况的通报,"
        "委员们围绕七项重点任务提出意见建议26条。\n"
    )
    got = _by_surface(extract(page))
    assert "十项" not in got
    assert "十件" not in got
    assert "七项" not in got
    assert got["26条"]["value"] == 26


def test_the_same_words_in_digits_count_what_was_done(extract):
    # negative: in digits the programme words count work done (解决了30件民生实事)
    page = "区政协委员工作室年度综述\n\n2024年,区政协委员工作室开展协商活动18场,推动解决了32件民生实事。\n"
    got = _by_surface(extract(page))
    assert got["32件"]["value"] == 32
    assert got["18场"]["value"] == 18


def test_netizens_taking_part_online_are_the_audience(extract):
    page = (
        "省政协网上征集意见建议活动综述\n\n"
        "2024年1月,省政协联合媒体征集意见建议,共收集社情民意1500余条,網絡專題瀏覽80余萬人次,"
        "近20萬名網友參與在線調查。\n"
    )
    got = surfaces(extract(page))
    assert "1500余条" in got
    assert "80余萬人次" not in got
    assert "近20萬名" not in got


def test_members_counted_beside_an_online_word_still_count(extract):
    # negatives: a count of members in a clause of its own; suggestions (条) that netizens sent are no reaction count
    page = "县政协网络议政综述\n\n2024年,县政协组织85名委员参与网络议政,收集网友意见建议120条。\n"
    got = _by_surface(extract(page))
    assert got["120条"]["value"] == 120
    assert got["85名"]["value"] == 85


def test_speeches_handed_in_count_as_texts_without_a_verb(extract):
    page = (
        "市政协全会大会发言综述\n\n"
        "2024年1月,市政协十五届三次会议举行大会发言。其中大会发言9份,书面发言材料46篇,"
        "其余31篇发言材料印发全体委员交流。\n"
    )
    got = _by_surface(extract(page))
    for surface, value in (("9份", 9), ("46篇", 46), ("31篇", 31)):
        assert got[surface]["value"] == value
        assert got[surface]["metric"] == "consultation.speech_materials"
        assert got[surface]["category"] == "consultation"


def test_members_who_spoke_are_no_speech_texts(extract):
    # negative: people who spoke (位/名) are not read as texts (round 36 left them out)
    page = "市政协全会大会发言综述\n\n2024年1月,市政协十五届三次会议举行大会发言,12位委员作大会发言。\n"
    assert "12位" not in {
        m["surface"] for m in extract(page) if m["metric"] == "consultation.speech_materials"
    }


def test_a_buildings_rooms_and_beds_are_no_work(extract):
    page = (
        "县政协委员视察养老服务中心\n\n"
        "2024年6月,县政协组织委员视察新建的镇养老服务中心,中心总投资2800万元,设120个房间、260个床位。"
        "委员们提出意见建议15条。\n"
    )
    got = _by_surface(extract(page))
    assert "120个" not in got
    assert "260个" not in got
    assert got["15条"]["value"] == 15


def test_rooms_a_committee_sets_up_for_members_still_count(extract):
    # negative: a count of studios (工作室) is no room of a building
    page = "区政协委员工作室建设综述\n\n2024年,区政协在各街道建成委员工作室12个,开展协商活动36场。\n"
    got = _by_surface(extract(page))
    assert got["12个"]["value"] == 12
    assert got["36场"]["value"] == 36


def test_speaking_turns_in_discussions_count_without_a_verb(extract):
    page = (
        "市政协全会分组讨论综述\n\n"
        "2024年1月,市政协十五届三次会议期间,委员们认真审议常委会工作报告。小组和联组讨论发言260余人次。\n"
    )
    got = _by_surface(extract(page))
    assert got["260余人次"]["value"] == 260
    assert got["260余人次"]["qualifier"] == "at_least"
    assert got["260余人次"]["metric"] == "consultation.speaking_turns"


def test_people_who_spoke_and_visits_are_no_speaking_turns(extract):
    # negatives: people (位) who spoke stay unread as turns; 人次 of another activity keep their own metric
    page = "市政协履职综述\n\n2024年,市政协组织委员视察调研320人次。在全会上,12位委员作大会发言。\n"
    ms = extract(page)
    turns = {m["surface"] for m in ms if m["metric"] == "consultation.speaking_turns"}
    assert turns == set()
    assert _by_surface(ms)["320人次"]["value"] == 320


def test_episodes_a_committee_puts_out_are_work(extract):
    page = (
        "市政协宣传工作综述\n\n"
        "2024年,市政协推出45期“委员讲履职故事”系列短视频,在本地电视台播出18期委员访谈节目。\n"
    )
    got = _by_surface(extract(page))
    assert got["45期"]["value"] == 45
    assert got["18期"]["value"] == 18


def test_another_bodys_measures_put_out_stay_out(extract):
    # negative: the government's measures (another actor opening the clause) are no committee work
    page = "市政协委员视察营商环境\n\n2024年5月,市政协组织委员视察营商环境。市政府推出惠企举措12项。\n"
    assert "12项" not in surfaces(extract(page))


def test_the_value_of_what_members_gave_is_a_donation(extract):
    page = (
        "县政协委员为受灾群众送去救灾物资\n\n"
        "2024年7月20日,县政协组织委员将首批救灾物资送往受灾乡镇,物资包括大米、食用油、饮用水和药品等,总价值约8万元。"
        "义诊现场,委员们为群众免费提供药品价值1.5万余元。\n"
    )
    got = _by_surface(extract(page))
    assert got["约8万元"]["value"] == 80000
    assert got["约8万元"]["qualifier"] == "approx"
    assert got["约8万元"]["metric"] == "member_services.donations"
    assert got["1.5万余元"]["value"] == 15000
    assert got["1.5万余元"]["metric"] == "member_services.donations"


def test_a_firms_gift_by_its_value_stays_out(extract):
    # negative: a firm's gift (round 28's donor bodies) is no member's, with 价值 or without
    page = (
        "县政协委员视察乡村振兴\n\n"
        "2024年6月,县政协组织委员视察乡村振兴工作。某某农业集团有限公司为村民捐赠化肥,价值26万元。\n"
    )
    assert "26万元" not in surfaces(extract(page))


def test_hong_kong_and_macao_members_and_a_sectors_members_are_the_membership(extract):
    page = (
        "省政协全会委员报到情况\n\n"
        "2024年1月,省政协十三届二次会议开幕,共有612名委员报到,其中港澳委员41人。"
        "就界别分布来看,农工界委员26人。\n"
    )
    got = _by_surface(extract(page))
    assert got["41人"]["value"] == 41
    assert got["41人"]["category"] == "organization"
    assert got["26人"]["value"] == 26
    assert got["26人"]["metric"] == "organization.member_composition"


def test_academicians_invited_are_no_members(extract):
    # negative: 院士 is no membership word (guests invited to lecture)
    page = "市政协举办专题讲座\n\n2024年4月,市政协邀请3名院士为委员作专题报告。\n"
    ms = extract(page)
    assert all(m["metric"] != "organization.member_composition" for m in ms)


def test_members_winning_a_prize_are_the_awarded(extract):
    page = (
        "县政协召开全体会议\n\n"
        "2024年1月,县政协十届三次会议闭幕。王某、李某等7名委员分别获得2023年度优秀提案奖,"
        "12位政协委员获得“履职之星”先进个人称号。会议期间共收到提案168件。\n"
    )
    got = surfaces(extract(page))
    assert "7名" not in got
    assert "12位" not in got
    assert "168件" in got


def test_proposals_that_won_instructions_still_count(extract):
    # negative: 获 with an instruction (批示), no prize or title, keeps the count
    page = "县政协社情民意信息工作综述\n\n2024年,县政协报送社情民意信息96篇,其中8件获县委主要领导批示。\n"
    got = _by_surface(extract(page))
    assert got["96篇"]["value"] == 96
    assert got["8件"]["value"] == 8
