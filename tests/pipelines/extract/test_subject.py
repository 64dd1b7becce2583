"""Subject detection: which committee a document or article reports on."""

from __future__ import annotations

from pipelines.extract.subject import committee_names, find_subject
from sources.document import Article, Block, Document


def make_doc(*parts: tuple[str, str], metadata: dict | None = None, article_of=None) -> Document:
    """A document from (role, text) blocks; ``article_of`` maps block index -> article."""
    blocks, pos, texts = [], 0, []
    for i, (role, text) in enumerate(parts):
        art = article_of(i) if article_of else 0
        blocks.append(Block(start=pos, end=pos + len(text), role=role, article=art))
        texts.append(text)
        pos += len(text) + 2
    text = "\n\n".join(texts)
    n_articles = 1 + max(b.article for b in blocks)
    return Document(
        doc_id="t",
        path="t.txt",
        media_type="text/plain",
        sha256="0",
        text=text,
        display_text=text,
        blocks=blocks,
        articles=[Article(i, "") for i in range(n_articles)],
        metadata=metadata or {},
    )


def test_subtitle_names_the_subject():
    doc = make_doc(
        ("headline", "凝心聚力谱新篇"),
        ("subtitle", "——平罗县政协2024年工作综述"),
        ("body", "一年来，委员们围绕中心工作建言献策，参加自治区政协培训班3期。"),
    )
    res = find_subject(doc, year=2024)
    assert res.committee is not None and res.committee.code == "640221"
    assert res.evidence == "head"


def test_subject_is_not_a_committee_merely_named_in_the_body():
    doc = make_doc(
        ("body", "2024年，大武口区政协紧扣全区发展大局履职尽责。"),
        ("body", "选派委员参加全国政协及自治区政协、石嘴山市政协培训班4期。"),
        ("body", "全年上报自治区、市政协社情民意信息30篇，石嘴山市政协领导来区调研2次。"),
        ("body", "全国政协委员到石嘴山市政协座谈。"),
    )
    res = find_subject(doc, year=2024)
    assert res.committee is not None and res.committee.name == "大武口区"
    assert res.evidence == "lead"


def test_committee_named_only_in_the_body_is_not_a_subject():
    doc = make_doc(
        ("headline", "春耕时节走基层"),
        ("body", "记者走进田间地头，看到农民正在播种。"),
        ("body", "村里的合作社今年扩大了种植面积。"),
        ("body", "据悉，平罗县政协委员曾就此提出建议。"),
    )
    res = find_subject(doc, year=2024)
    assert res.committee is None
    assert "only in the body" in res.reason
    assert [c.code for c in res.candidates] == ["640221"]


def test_formal_name_in_the_lead():
    doc = make_doc(
        ("headline", "常务委员会工作报告"),
        ("body", "各位委员：现在，我代表中国人民政治协商会议平罗县第十届委员会常务委员会向大会报告工作。"),
    )
    assert find_subject(doc, year=2024).committee.code == "640221"


def test_ambiguous_short_name_stays_null_without_context():
    doc = make_doc(("headline", "城区政协召开主席会议"), ("body", "会议研究了下一阶段重点工作。"))
    res = find_subject(doc, year=2024)
    assert res.committee is None
    assert "ambiguous" in res.reason and len(res.candidates) >= 2


def test_ambiguous_short_name_resolves_from_the_newspapers_region():
    doc = make_doc(
        ("headline", "城区政协召开主席会议"),
        ("body", "会议研究了下一阶段重点工作。"),
        metadata={"publisher": "阳泉日报"},
    )
    res = find_subject(doc, year=2024)
    assert res.committee is not None and res.committee.code == "140302"


def test_ambiguous_short_name_resolves_from_other_places_named():
    doc = make_doc(
        ("headline", "通州区政协开展专题调研"),
        ("body", "调研组一行来到南通市家纺城，了解企业发展情况。"),
    )
    assert find_subject(doc, year=2024).committee.code == "320612"


def test_relative_form_with_the_publishers_place():
    doc = make_doc(
        ("headline", "县政协召开常委会议"),
        ("body", "会议传达学习了有关精神。"),
        metadata={"publisher": "平罗县融媒体中心"},
    )
    assert find_subject(doc, year=2024).committee.code == "640221"
    bare = make_doc(("headline", "县政协召开常委会议"), ("body", "会议传达学习了有关精神。"))
    assert find_subject(bare, year=2024).committee is None


def test_metadata_committee_wins():
    doc = make_doc(("headline", "石嘴山市政协调研组来平罗"), metadata={"committee_code": "640221"})
    res = find_subject(doc, year=2024)
    assert res.committee.code == "640221" and res.evidence == "metadata"
    named = make_doc(("headline", "工作报告"), metadata={"committee": "政协惠农区委员会"})
    assert find_subject(named, year=2024).committee.code == "640205"


def test_equally_prominent_committees_are_not_guessed():
    doc = make_doc(("headline", "平罗县政协与惠农区政协联合开展视察"), ("body", "视察组察看了黄河岸线。"))
    res = find_subject(doc, year=2024)
    assert res.committee is None and "equally" in res.reason
    assert {c.code for c in res.candidates} == {"640221", "640205"}


def test_report_year_picks_the_division_of_that_year():
    doc = make_doc(("headline", "石嘴山区政协2002年工作回顾"), ("body", "一年来，区政协认真履职。"))
    assert find_subject(doc, year=2002).committee.code == "640205"
    res = find_subject(doc, year=2010)  # renamed 惠农区 in 2003
    assert res.committee is None and "not a committee" in res.reason


def test_per_article_subject():
    doc = make_doc(
        ("headline", "平罗县政协开展民主监督"),
        ("body", "活动持续三个月。"),
        ("headline", "大武口区政协召开常委会"),
        ("body", "会议审议了有关事项。"),
        article_of=lambda i: i // 2,
    )
    assert find_subject(doc, article=0, year=2024).committee.name == "平罗县"
    assert find_subject(doc, article=1, year=2024).committee.name == "大武口区"


def test_traditional_characters_and_letter_spacing():
    doc = make_doc(("headline", "石嘴山市政協 2024 年工作報告"), ("body", "平 羅 縣 政 協 委 員 參 加 培 訓"))
    assert find_subject(doc, year=2024).committee.code == "640200"
    forms = [n.form for n in committee_names("平 羅 縣 政 協 委 員")]
    assert forms == ["平罗县政协"]


def test_object_positions_are_marked():
    names = committee_names(
        "选派委员参加全国政协及自治区政协、石嘴山\n市政协培训班，上报自治区、市政协63篇。平罗县政协开展"
    )
    assert [(n.form, n.is_object) for n in names] == [
        ("全国政协", True),
        ("自治区政协", True),
        ("石嘴山市政协", True),
        ("市政协", True),
        ("平罗县政协", False),
    ]


def test_region_code_metadata_settles_same_named_county():
    doc = make_doc(
        ("headline", "通州区政协召开全体会议"),
        ("body", "会议听取了工作报告。"),
        metadata={"region_code": "320600"},
    )
    assert find_subject(doc, year=2024).committee.code == "320612"
    beijing = make_doc(("headline", "通州区政协召开全体会议"), metadata={"region_code": "110000"})
    assert find_subject(beijing, year=2024).committee.code == "110112"


def test_committee_named_with_its_term_in_the_subtitle():
    doc = make_doc(
        ("headline", "关于自治区政协提案工作情况的报告"),
        ("subtitle", "——在政协第十二届宁夏回族自治区委员会第三次会议上"),
        ("body", "各位委员：一年来，提案工作稳步推进。"),
    )
    res = find_subject(doc, year=2024)
    assert res.committee is not None and res.committee.code == "640000"


def test_byline_names_the_subject():
    doc = make_doc(
        ("headline", "凝聚共识促发展"),
        ("byline", "政协隆德县委员会办公室"),
        ("body", "今年以来，委员们深入基层开展调研。"),
        ("body", "调研报告报送固原市政协。"),
    )
    res = find_subject(doc, year=2024)
    assert res.committee.code == "640423" and res.evidence == "byline"


def test_relative_headline_on_a_county_page_means_the_enclosing_committee():
    doc = make_doc(
        ("headline", "自治区政协调研组来我县调研"),
        ("body", "调研组一行深入企业和乡村。"),
        metadata={"publisher": "平罗县融媒体中心"},
    )
    res = find_subject(doc, year=2024)
    assert res.committee.code == "640000"


# ---- relative forms resolved from the page's places (issue 24) ------------------------------------


def test_full_place_name_is_not_counted_again_as_a_shorter_name_inside_it():
    # 雨城区 holds the name 城区 of several cities' districts: it must not make a tie
    doc = make_doc(
        ("body", "3月5日，记者从区政协会议上获悉，区政协委员今年提出提案40件。"),
        ("body", "（雨城区政协供稿）"),
    )
    res = find_subject(doc, year=2021)
    assert res.committee is not None and res.committee.code == "511802"


def test_county_short_name_beside_an_outlet_word_resolves_the_relative_form():
    doc = make_doc(
        ("body", "闽侯新闻网讯 记者从县政协获悉，县政协委员今年已提交提案60件。"),
        ("body", "委员们纷纷表示将继续履职尽责。"),
    )
    res = find_subject(doc, year=2019)
    assert res.committee is not None and res.committee.code == "350121"
    assert res.evidence.startswith("short place name")


def test_county_short_name_inside_another_word_is_not_a_place():
    # 交通城建 holds 通城 (通城县) but names no place; 庆元 after a slogan's adjective does
    doc = make_doc(
        ("body", "县政协委员围绕交通城建等话题交流，共提出意见建议12条。"),
        ("body", "委员们表示要为打造“生态庆元”贡献力量。"),
    )
    res = find_subject(doc, year=2015)
    assert res.committee is not None and res.committee.code == "331126"


def test_county_short_name_that_only_straddles_words_leaves_the_committee_null():
    doc = make_doc(("body", "县政协委员围绕交通城建等话题交流，共提出意见建议12条。"))
    assert find_subject(doc, year=2015).committee is None


def test_region_relative_form_resolved_by_the_cities_the_page_names():
    doc = make_doc(
        ("body", "记者从自治区政协全体会议上了解到，自治区政协委员今年提出提案300件。"),
        ("body", "其中交由银川市政府办理的有40件。"),
    )
    res = find_subject(doc, year=2010)
    assert res.committee is not None and res.committee.code == "640000"


def test_region_relative_form_stays_null_when_the_places_lie_in_two_regions():
    doc = make_doc(
        ("body", "记者从自治区政协全体会议上了解到，自治区政协委员今年提出提案300件。"),
        ("body", "委员们赴银川市和南宁市考察。"),
    )
    assert find_subject(doc, year=2010).committee is None


def test_relative_form_attended_as_an_object_is_the_subject_when_nothing_else_is_named():
    doc = make_doc(
        ("headline", "委员报到！金平进入“两会”时间"),
        ("body", "出席县政协第十一届委员会第二次会议的200名委员陆续报到。"),
    )
    res = find_subject(doc, year=2022)
    assert res.committee is not None and res.committee.code == "532530"


def test_township_liaison_group_belongs_to_its_county():
    doc = make_doc(("body", "近日，湘东区下埠镇政协工作联络组组织委员走访困难学生20名。"))
    res = find_subject(doc, year=2013)
    assert res.committee is not None and res.committee.code == "360313"


def test_related_article_links_name_no_subject():
    doc = make_doc(
        (
            "body",
            "近日，湘东区下埠镇政协工作联络组组织委员走访困难学生20名，了解他们的学习和生活情况，"
            "帮助解决实际困难，委员们还与学校负责人交流了帮扶办法。"
            " 上一篇：某街道政协委员视察 下一篇：上栗县政协召开全体会议",
        )
    )
    res = find_subject(doc, year=2013)
    assert res.committee is not None and res.committee.code == "360313"


def test_a_conjunction_before_a_relative_form_is_no_two_character_county():
    # 建议和县政协: 和 joins two nouns; 和县 is also a county's name
    doc = make_doc(("body", "会议将人大代表建议和县政协委员提案一并交办，县政协委员今年提交提案80件。"))
    assert find_subject(doc, year=2018).committee is None


def test_a_place_qualified_by_its_parent_is_that_parents():
    # two 通州区 (Beijing's and Nantong's): 北京市通州区 settles it
    doc = make_doc(
        ("headline", "关于提案工作情况的报告"),
        ("body", "——在政协北京市通州区第九届委员会第三次会议上"),
        ("body", "区政协九届二次会议以来，委员们共提出提案200件。"),
        ("body", "区政协各专门委员会积极履职。"),
    )
    res = find_subject(doc, year=2030)
    assert res.committee is not None and res.committee.code == "110112"


def test_a_county_visited_on_a_learning_trip_is_not_the_subject():
    doc = make_doc(
        ("headline", "县政协组织委员外出考察"),
        ("body", "近日，县政协组织部分委员赴安吉考察学习乡村旅游发展经验。"),
    )
    assert find_subject(doc, year=2024).committee is None


def test_a_name_several_divisions_share_weighs_less_than_a_name_of_one():
    # 新城区 is a district of two cities and a common phrase; 奉化区 is one district
    doc = make_doc(("body", "区政协今年组织委员视察18次，为奉化区打造宜居新城区贡献力量。"))
    res = find_subject(doc, year=2024)
    assert res.committee is not None and res.committee.code == "330213"


def test_a_county_short_name_is_read_as_of_the_page_year():
    # 洞头 was a county until 2014 and is a district since: 县政协 beside it fits only before
    blocks = (
        ("headline", "县政协召开常委会议"),
        ("body", "洞头新闻 县政协常委会议听取去年提案办理情况通报，全年交办提案96件。"),
    )
    res = find_subject(make_doc(*blocks), year=2013)
    assert res.committee is not None and res.committee.code == "330322"
    assert find_subject(make_doc(*blocks), year=2024).committee is None
