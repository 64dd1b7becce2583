"""Issue 24, round 28: recall, false alarms and committees over all development material (v1-v12 both halves,
v13's development half), fixed as general knowledge (lexicon data). Sentences are our own."""

from __future__ import annotations

from tests.pipelines.extract.views import surfaces


def test_money_raised_by_the_members_is_work(extract):
    # 筹集: a fund drive of the members, with no other work verb in its sentence
    page = "县政协委员爱心助学\n\n2024年8月,县政协组织委员为山区小学捐资助学。活动现场,委员们为学校图书室筹集课外读物600余本。\n"
    assert "600余本" in surfaces(extract(page))


def test_money_put_up_by_a_member_for_gifts_is_work(extract):
    # 出资: a member pays for the goods handed to the elderly
    page = "市政协委员走访敬老院\n\n2023年春节前,市政协委员李某出资为敬老院老人添置了30床棉被和20袋大米。\n"
    got = surfaces(extract(page))
    assert "20袋" in got


def test_the_committee_s_platforms_founded_are_work(extract):
    # 创建: the committee founds its own rooms for members and citizens
    page = "区政协工作综述\n\n2024年,区政协在各街道创建“同心驿站”12家。\n"
    assert "12家" in surfaces(extract(page))


def test_a_purchase_alone_is_no_work(extract):
    # 购买 alone: a charity's purchases with the money it raised stay out (no work verb in the sentence)
    page = "抗疫一线\n\n疫情发生后,县红十字会已使用社会捐款购买一次性口罩5000个、消毒液80公斤。\n"
    got = surfaces(extract(page))
    assert "5000个" not in got


def test_a_fund_drive_without_the_committee_s_verb_stays_out(extract):
    # 募集 is no work verb: a foundation's own drive in a sentence with no other work verb
    page = "公益简讯\n\n截至目前,该基金会已募集资金120万元。\n"
    assert "120万元" not in surfaces(extract(page))
