"""The extraction lexicons (pipelines/extract/lexicon.yaml) as Python objects and compiled patterns."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).parent / "lexicon.yaml"


def alternation(terms) -> str:
    """A regex alternation of literal terms, longest first (so 人次 wins over 人)."""
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


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
    share_words: tuple[str, ...]
    slogans: tuple[str, ...]
    structure_before: tuple[str, ...]
    structure_after: tuple[str, ...]
    structure_units: tuple[str, ...]
    not_count_cues: tuple[str, ...]
    other_actors: tuple[str, ...]
    session_after: tuple[str, ...]
    session_before: tuple[str, ...]
    economy_terms: tuple[str, ...]
    work_verbs: tuple[str, ...]
    breakdown_markers: tuple[str, ...]
    theme_markers: tuple[str, ...]
    term_cues: tuple[str, ...]
    year_cues: tuple[str, ...]


def _inverse(groups: dict[str, list[str]]) -> dict[str, str]:
    return {word: q for q, words in groups.items() for word in words}


def parse_lexicon(raw: dict) -> Lexicon:
    q = raw["qualifiers"]
    return Lexicon(
        units=tuple(str(u) for u in raw["units"]),
        unit_blockers={k: tuple(v) for k, v in raw.get("unit_blockers", {}).items()},
        before=_inverse(q["before"]),
        after_number=dict(q["after_number"]),
        after_unit=_inverse(q["after_unit"]),
        **{
            k: tuple(str(t) for t in raw.get(k, []))
            for k in (
                "range_joiners",
                "number_blockers_before",
                "rate_words",
                "share_words",
                "slogans",
                "structure_before",
                "structure_after",
                "structure_units",
                "not_count_cues",
                "other_actors",
                "session_after",
                "session_before",
                "economy_terms",
                "work_verbs",
                "breakdown_markers",
                "theme_markers",
                "term_cues",
                "year_cues",
            )
        },  # fmt: skip
    )


@functools.cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with open(path, encoding="utf-8") as fh:
        return parse_lexicon(yaml.safe_load(fh))
