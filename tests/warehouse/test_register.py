"""The committee register: data integrity, name forms, hierarchy, history and ambiguity."""

from __future__ import annotations

import csv
import json

import pytest

from warehouse.register import NATIONAL_CODE, REGISTER_PATH, load_register, normalise

NINGXIA = "640000"
# Ningxia's divisions as published (2024/2025 code lists): 5 cities, 22 county-level divisions.
NINGXIA_CITIES = {"银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"}
NINGXIA_COUNTIES = {
    "兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市",
    "大武口区", "惠农区", "平罗县",
    "利通区", "红寺堡区", "盐池县", "同心县", "青铜峡市",
    "原州区", "西吉县", "隆德县", "泾源县", "彭阳县",
    "沙坡头区", "中宁县", "海原县",
}  # fmt: skip


@pytest.fixture(scope="module")
def reg():
    return load_register()


def test_register_loads_every_level(reg):
    current = [c for c in reg.committees if c.valid_to is None]
    levels = {lvl: sum(c.level == lvl for c in current) for lvl in ("national", "region", "city", "county")}
    assert levels["national"] == 1
    assert levels["region"] == 31  # provinces, autonomous regions, municipalities (no HK, Macao, Taiwan)
    assert 330 <= levels["city"] <= 340
    assert 2800 <= levels["county"] <= 2900
    meta = json.loads((REGISTER_PATH.parent / "committees.meta.json").read_text(encoding="utf-8"))
    assert meta["current"] == levels
    assert meta["rows"] == len(reg.committees)


def test_versions_are_consistent(reg):
    """6-digit codes, no overlapping versions, and every parent exists in the version's first and last year."""
    for code in {c.code for c in reg.committees}:
        assert len(code) == 6 and code.isdigit()
        versions = reg.versions(code)
        for a, b in zip(versions, versions[1:], strict=False):
            assert a.valid_to is not None and a.valid_to < b.valid_from, code
    for c in reg.committees:
        if c.parent_code:
            for year in {c.valid_from, c.valid_to or 2025}:
                assert reg.get(c.parent_code, year) is not None, (c.code, c.name, year)
        assert c.name_pinyin and c.name_en, c.code


@pytest.mark.parametrize("name", sorted(NINGXIA_CITIES | NINGXIA_COUNTIES))
def test_ningxia_round_trip(reg, name):
    found = reg.find(name, 2024)
    assert len(found) == 1
    c = found[0]
    chain = reg.chain(c.code, 2024)
    assert chain[-1].code == NATIONAL_CODE
    assert chain[-2].code == NINGXIA
    assert c.region_code == NINGXIA
    if name in NINGXIA_CITIES:
        assert c.level == "city" and len(chain) == 3 and c.city_code == c.code
    else:
        assert c.level == "county" and len(chain) == 4
        assert chain[1].name in NINGXIA_CITIES and c.city_code == chain[1].code
    assert reg.get(c.code, 2024).name == name


def test_ningxia_has_exactly_these_divisions(reg):
    cities = reg.children(NINGXIA, 2024)
    assert {c.name for c in cities} == NINGXIA_CITIES
    counties = [k for city in cities for k in reg.children(city.code, 2024)]
    assert {k.name for k in counties} == NINGXIA_COUNTIES
    assert len(counties) == 22


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("平罗县政协", "640221"),
        ("政协平罗县委员会", "640221"),
        ("中国人民政治协商会议平罗县委员会", "640221"),
        ("平罗政协", "640221"),
        ("平 罗 县 政 协", "640221"),
        ("平羅縣政協", "640221"),
        ("政協平羅縣委員會", "640221"),
        ("石嘴山市政协", "640200"),
        ("石嘴山政协", "640200"),
        ("宁夏政协", "640000"),
        ("宁夏回族自治区政协", "640000"),
        ("宁夏自治区政协", "640000"),
        ("政协宁夏回族自治区委员会", "640000"),
        ("政协第十二届宁夏回族自治区委员会", "640000"),
        ("政协平罗县第十届委员会", "640221"),
        ("寧夏政協", "640000"),
        ("全国政协", "000000"),
        ("中国人民政治协商会议全国委员会", "000000"),
        ("红河州政协", "532500"),
        ("陵水县政协", "469028"),
    ],
)
def test_name_forms_resolve(reg, form, code):
    res = reg.resolve(form, 2024)
    assert res.committee is not None, res.reason
    assert res.committee.code == code


@pytest.mark.parametrize(
    ("own", "form", "expected"),
    [
        ("平罗县", "县政协", "平罗县"),
        ("平罗县", "我县政协", "平罗县"),
        ("平罗县", "市政协", "石嘴山市"),
        ("平罗县", "区政协", "宁夏回族自治区"),
        ("平罗县", "自治区政协", "宁夏回族自治区"),
        ("大武口区", "区政协", "大武口区"),
        ("灵武市", "市政协", "灵武市"),
        ("石嘴山市", "市政协", "石嘴山市"),
    ],
)
def test_relative_forms_follow_the_documents_committee(reg, own, form, expected):
    res = reg.resolve(form, 2024, own=reg.find(own, 2024)[0])
    assert res.committee is not None and res.committee.name == expected


def test_relative_form_without_own_committee_stays_null(reg):
    res = reg.resolve("县政协", 2024)
    assert res.committee is None and "own committee" in res.reason
    assert reg.resolve("省政协", 2024, own=reg.find("平罗县", 2024)[0]).committee is None


def test_ambiguous_short_name_resolves_from_context_or_stays_null(reg):
    bare = reg.resolve("城区政协", 2024)
    assert bare.committee is None and "ambiguous" in bare.reason
    assert len(bare.candidates) >= 2 and {c.name for c in bare.candidates} == {"城区"}
    assert reg.resolve("城区政协", 2024, context="晋城日报 本报讯").committee.code == "140502"
    assert reg.resolve("城区政协", 2024, context="阳泉市召开会议").committee.code == "140302"
    both = reg.resolve("城区政协", 2024, context="阳泉市与晋城市")
    assert both.committee is None and "several" in both.reason


def test_same_named_counties_in_different_provinces(reg):
    assert {c.code for c in reg.find("通州区", 2024)} == {"110112", "320612"}
    assert reg.resolve("通州区政协", 2024, context="北京市委").committee.code == "110112"
    assert reg.resolve("通州区政协", 2024, context="江苏南通").committee.code == "320612"
    assert reg.resolve("通州区政协", 2024).committee is None


def test_renamed_division_picks_the_version_of_the_report_year(reg):
    # 石嘴山区 became 惠农区 in the 2003 list; 银川 郊区 became 兴庆区 in 2002.
    assert reg.get("640205", 2002).name == "石嘴山区"
    assert reg.get("640205", 2003).name == "惠农区"
    assert [c.code for c in reg.find("惠农区政协", 2010)] == ["640205"]
    assert all(c.code != "640205" for c in reg.find("惠农区", 2002))
    assert reg.get("640104", 2001).name == "郊区" and reg.get("640104", 2002).name == "兴庆区"
    # 长治市城区 became 潞州区 (2018): 城区 of 2010 includes it, 城区 of 2020 does not.
    assert "140402" in {c.code for c in reg.find("城区", 2010)}
    assert "140402" not in {c.code for c in reg.find("城区", 2020)}
    assert reg.resolve("城区政协", 2010, context="长治市").committee.code == "140402"
    assert reg.find("潞州区", 2020) and not reg.find("潞州区", 2010)
    # 襄樊市 renamed 襄阳市 (2010), 思茅市 renamed 普洱市 (2007): same code, new version.
    assert reg.get("420600", 2009).name == "襄樊市" and reg.get("420600", 2010).name == "襄阳市"
    assert reg.find("襄樊政协", 2005)[0].code == "420600" and not reg.find("襄樊", 2015)
    assert reg.get("530800", 2006).name == "思茅市" and reg.get("530800", 2007).name == "普洱市"
    # 中卫: a county of 吴忠市 until 2002, a prefecture-level city since 2003.
    assert reg.find("中卫", 2001)[0].level == "county"
    assert reg.find("中卫", 2010)[0].level == "city"


def test_lineage_follows_code_changes(reg):
    assert reg.lineage("640521") == ["642124", "640322", "640521"]  # 中宁县 under 银南, 吴忠, 中卫
    assert reg.lineage("640104")[-1] == "640104"


def test_pinyin_and_english_names(reg):
    assert reg.get("640221").name_en == "Pingluo County"
    assert reg.get("640221").name_pinyin == "Pingluo Xian"
    assert reg.get("640200").name_en == "Shizuishan City"
    assert reg.get(NINGXIA).name_en == "Ningxia Hui Autonomous Region"
    assert reg.get("150000").name_en == "Inner Mongolia Autonomous Region"
    assert reg.get("110000").name_en == "Beijing Municipality"
    assert reg.get("610100").name_en == "Xi'an City"
    assert reg.get("640221").committee_name_en == "CPPCC Pingluo County Committee"


def test_every_name_survives_normalisation(reg):
    """Traditional -> simplified conversion must not change an official name (乾县 is not 干县)."""
    assert [n for n in reg.names() if normalise(n) != n] == []
    assert reg.resolve("乾縣政協", 2024).committee.code == "610424"


def test_csv_rows_match_the_register(reg):
    with open(REGISTER_PATH, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(reg.committees)
    assert {r["code"] for r in rows} == {c.code for c in reg.committees}


def test_generic_name_needs_context_even_when_unique(reg):
    # 阳泉市矿区 is the only division named 矿区 in 2024, but 矿区 is also a common noun.
    assert [c.code for c in reg.find("矿区", 2024)] == ["140303"]
    bare = reg.resolve("矿区政协", 2024)
    assert bare.committee is None and "generic" in bare.reason
    assert reg.resolve("矿区政协", 2024, context="阳泉市").committee.code == "140303"


def test_new_area_is_relative(reg):
    assert reg.resolve("新区政协", 2024, own=reg.find("浦东新区", 2024)[0]).committee.code == "310115"
    assert reg.resolve("新区政协", 2024).committee is None
    assert reg.resolve("浦东新区政协", 2024).committee.code == "310115"
    zone = reg.resolve("开发区政协", 2024)
    assert zone.committee is None and "development zone" in zone.reason


def test_region_and_prefecture_sharing_a_short_name(reg):
    # 海南: 海南省, 青海's 海南藏族自治州 and 乌海市海南区.
    assert {c.code for c in reg.find("海南政协", 2024)} == {"460000", "632500", "150303"}
    assert reg.resolve("海南政协", 2024, context="海口市、三亚市").committee.code == "460000"
    assert reg.resolve("海南政协", 2024, context="青海省西宁市").committee.code == "632500"
    assert reg.resolve("海南政协", 2024).committee is None


def test_a_name_qualified_by_its_parent_resolves_to_the_child():
    from warehouse.register import load_register

    reg = load_register()
    pairs = (
        ("政协中卫市沙坡头区委员会", "沙坡头区"),
        ("中卫市沙坡头区政协", "沙坡头区"),
        ("石嘴山市平罗县", "平罗县"),
    )
    for qualified, plain in pairs:
        (child,) = reg.find(plain, 2022)
        assert reg.find(qualified, 2022) == [child]
    assert reg.find("银川市平罗县", 2022) == []  # 平罗县 is not in 银川市: no guess
