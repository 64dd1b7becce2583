"""The metric catalog is data: complete enough, well-formed, and extended by editing it alone."""

import re

import yaml

from warehouse.catalog import CATALOG_PATH, load_catalog, parse_catalog

CATEGORIES = {
    "proposals", "consultation", "supervision", "public_opinion", "research_inspection", "study_training",
    "member_services", "unity_outreach", "party_building", "meetings", "culture_history", "organization",
}  # fmt: skip


def test_catalog_covers_the_twelve_categories_with_sixty_metrics():
    catalog = load_catalog()
    assert catalog.category_codes == CATEGORIES
    assert len(catalog.metrics) >= 60
    assert {m.category for m in catalog.metrics} == CATEGORIES
    for m in catalog.metrics:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", m.code) and m.code.startswith(m.category + ".")
        assert m.name_zh and m.name_en and m.units and m.objects
        assert 0 <= m.bounds[0] < m.bounds[1]
        assert m.units != ("%",) or m.bounds[1] == 100


def test_published_codes_are_stable():
    """Codes the sample truth and the warehouse already use must never disappear."""
    codes = {m.code for m in load_catalog().metrics}
    assert {
        "proposals.received", "proposals.accepted", "proposals.resolution_rate", "public_opinion.collected",
        "public_opinion.compiled", "public_opinion.submitted", "public_opinion.adopted",
        "consultation.meetings", "research_inspection.research", "research_inspection.inspection",
        "study_training.training_sessions", "study_training.study_sessions", "member_services.lectures",
        "member_services.donations", "meetings.standing_committee", "meetings.chair_meetings",
    } <= codes  # fmt: skip


def test_duplicate_codes_are_refused():
    raw = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    raw["metrics"].append(dict(raw["metrics"][0]))
    try:
        parse_catalog(raw)
    except ValueError as e:
        assert "appears twice" in str(e)
    else:
        raise AssertionError("a duplicate code was accepted")


def test_an_analyst_adds_a_metric_by_editing_the_catalog_alone(extract, tmp_path):
    # (round 39 put trees planted into the catalog: the example is now blood members give, still absent)
    text = "平罗县政协2024年工作综述\n\n全年组织委员开展无偿献血活动，发放倡议书1200份，累计献血18000毫升。\n"
    before = extract(text, name="before")
    assert [(m["surface"], m["metric"]) for m in before] == [("1200份", None)]

    raw = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    raw["metrics"].append(
        {
            "code": "member_services.blood_donated", "category": "member_services",
            "name_zh": "无偿献血", "name_en": "Blood donated", "units": ["毫升"],
            "objects": ["献血"], "verbs": ["献血"], "bounds": [0, 1000000],
        }
    )  # fmt: skip
    edited = tmp_path / "metrics.yaml"
    edited.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    after = extract(text, name="after", catalog=load_catalog(edited))
    assert [(m["surface"], m["value"], m["unit"], m["metric"], m["category"]) for m in after] == [
        ("1200份", 1200, "份", None, None),
        ("18000毫升", 18000, "毫升", "member_services.blood_donated", "member_services"),
    ]
