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
    text = "平罗县政协2024年工作综述\n\n全年组织委员开展植树活动，发放倡议书1200份，栽种树苗3000株。\n"
    before = extract(text, name="before")
    assert [(m["surface"], m["metric"]) for m in before] == [("1200份", None)]

    raw = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    raw["metrics"].append(
        {
            "code": "member_services.trees_planted", "category": "member_services",
            "name_zh": "义务植树", "name_en": "Trees planted", "units": ["株", "棵"],
            "objects": ["树苗", "树木"], "verbs": ["栽种", "栽植", "种植"], "bounds": [0, 1000000],
        }
    )  # fmt: skip
    edited = tmp_path / "metrics.yaml"
    edited.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    after = extract(text, name="after", catalog=load_catalog(edited))
    assert [(m["surface"], m["value"], m["unit"], m["metric"], m["category"]) for m in after] == [
        ("1200份", 1200, "份", None, None),
        ("3000株", 3000, "株", "member_services.trees_planted", "member_services"),
    ]
