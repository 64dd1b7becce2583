"""The extraction lexicons (pipelines/extract/lexicon.yaml) as Python objects and compiled patterns."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).parent / "lexicon.yaml"


def alternation(terms) -> str:
    """A regex matching any of the literal terms, the longest where several match (人次 over 人).

    Built as a trie (社情民意|社区 -> 社(?:区|情民意)): Python's regex engine tries the branches of a
    flat alternation one by one at every position, which is slow with hundreds of terms.
    """
    trie: dict = {}
    for t in set(terms):
        if t:
            node = trie
            for ch in t:
                node = node.setdefault(ch, {})
            node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    optional = "" in node
    body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
    if optional:
        body = (body if body.startswith("(?:") and len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once
class Lexicon:
    units: tuple[str, ...]
    unit_blockers: dict[str, tuple[str, ...]]
    before: dict[str, str]  # qualifier word before the number -> qualifier
    after_number: dict[str, str]  # 余, 多
    after_unit: dict[str, str]  # 以上, 左右, 以内
    range_joiners: tuple[str, ...]
    number_blockers_before: tuple[str, ...]
    rate_words: tuple[str, ...]
    rate_after: tuple[str, ...]
    rate_objects: tuple[str, ...]
    rate_acts: tuple[str, ...]
    share_words: tuple[str, ...]
    slogans: tuple[str, ...]
    structure_after: tuple[str, ...]
    structure_units: tuple[str, ...]
    structure_modifiers: tuple[str, ...]
    not_count_cues: tuple[str, ...]
    other_actors: tuple[str, ...]
    object_masks: tuple[str, ...]
    bare_fillers: tuple[str, ...]
    plan_titles: tuple[str, ...]
    review_titles: tuple[str, ...]
    session_before: tuple[str, ...]
    economy_terms: tuple[str, ...]
    work_verbs: tuple[str, ...]
    breakdown_markers: tuple[str, ...]
    theme_markers: tuple[str, ...]
    term_cues: tuple[str, ...]
    not_count_after: tuple[str, ...]
    not_count_before: tuple[str, ...]
    other_body_work: tuple[str, ...]
    award_cues: tuple[str, ...]
    award_after: tuple[str, ...]
    award_after_units: tuple[str, ...]
    session_after: tuple[str, ...]
    session_list_before: tuple[str, ...]
    organ_session_before: tuple[str, ...]
    organ_session_after: tuple[str, ...]
    blocker_exceptions: tuple[str, ...]
    structure_counted: tuple[str, ...]
    own_object_masks: tuple[str, ...]
    not_other_actors: tuple[str, ...]
    member_after: tuple[str, ...]
    numeral_words: tuple[str, ...]
    furniture_cues: tuple[str, ...]
    meta_cues: tuple[str, ...]
    source_cues: tuple[str, ...]
    byline_cues: tuple[str, ...]
    byline_endings: tuple[str, ...]
    furniture_patterns: tuple[str, ...]
    cutoff_words: tuple[str, ...]
    spring_session_words: tuple[str, ...]
    covered_places: tuple[str, ...]
    reach_words: tuple[str, ...]
    intake_cues: tuple[str, ...]
    review_cues: tuple[str, ...]
    session_report_words: tuple[str, ...]
    report_delivery_words: tuple[str, ...]
    history_cues: tuple[str, ...]
    last_year_words: tuple[str, ...]
    year_before_last_words: tuple[str, ...]
    years_span_after: tuple[str, ...]
    years_span_before: tuple[str, ...]
    this_year_words: tuple[str, ...]
    part_year_words: tuple[str, ...]
    year_review_cues: tuple[str, ...]
    year_review_not: tuple[str, ...]
    yearbook_words: tuple[str, ...]
    new_term_words: tuple[str, ...]
    cumulative_words: tuple[str, ...]
    so_far_words: tuple[str, ...]
    that_year_words: tuple[str, ...]
    attendance_cues: tuple[str, ...]
    other_body_objects: tuple[str, ...]
    handler_clauses: tuple[str, ...]
    place_before: tuple[str, ...]
    place_after: tuple[str, ...]
    body_units: tuple[str, ...]
    handling_bodies_after: tuple[str, ...]
    handling_bodies_before: tuple[str, ...]
    officials_after: tuple[str, ...]
    plan_sentence_cues: tuple[str, ...]
    media_after: tuple[str, ...]
    publisher_outlets: tuple[str, ...]
    group_after: tuple[str, ...]
    group_not: tuple[str, ...]
    place_not_subject_after: tuple[str, ...]
    institution_after: tuple[str, ...]
    institution_gap_not: tuple[str, ...]
    clause_lead: tuple[str, ...]
    public_after: tuple[str, ...]
    sit_in_words: tuple[str, ...]
    site_units: tuple[str, ...]
    sites_after: tuple[str, ...]
    visit_verbs: tuple[str, ...]
    whole_place_before: tuple[str, ...]
    policy_title_ends: tuple[str, ...]
    headline_title_before: tuple[str, ...]
    outcome_verbs: tuple[str, ...]
    outcome_objects: tuple[str, ...]
    outcome_work_objects: tuple[str, ...]
    proposal_subjects: tuple[str, ...]
    proposal_outcome_verbs: tuple[str, ...]
    public_reaction_words: tuple[str, ...]
    public_reaction_units: tuple[str, ...]
    text_size_units: tuple[str, ...]
    text_size_multipliers: tuple[str, ...]
    serial_units: tuple[str, ...]
    joint_items: tuple[str, ...]
    congress_words: tuple[str, ...]
    bring_verbs: tuple[str, ...]
    brought_objects: tuple[str, ...]
    breakdown_openers: tuple[str, ...]
    system_wide_province: tuple[str, ...]
    system_wide_city: tuple[str, ...]
    donor_bodies: tuple[str, ...]
    donor_members: tuple[str, ...]
    gift_recipient_markers: tuple[str, ...]
    value_openers: tuple[str, ...]
    programme_after: tuple[str, ...]
    programme_units: tuple[str, ...]
    object_only_units: tuple[str, ...]


def _inverse(groups: dict[str, list[str]]) -> dict[str, str]:
    return {word: q for q, words in groups.items() for word in words}


def parse_lexicon(raw: dict) -> Lexicon:
    q = raw["qualifiers"]
    special = {
        "units": tuple(str(u) for u in raw["units"]),
        "unit_blockers": {k: tuple(v) for k, v in raw.get("unit_blockers", {}).items()},
        "before": _inverse(q["before"]),
        "after_number": dict(q["after_number"]),
        "after_unit": _inverse(q["after_unit"]),
    }
    lists = {
        f.name: tuple(str(t) for t in raw.get(f.name, [])) for f in fields(Lexicon) if f.name not in special
    }
    return Lexicon(**special, **lists)


@functools.cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with open(path, encoding="utf-8") as fh:
        return parse_lexicon(yaml.safe_load(fh))
