"""Dashboard strings from dashboard/i18n.yaml; Chinese by default."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

LANGUAGES = {"zh": "中文", "en": "English"}


@functools.cache
def _strings() -> dict[str, dict[str, str]]:
    with open(Path(__file__).parent / "i18n.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def t(key: str, lang: str = "zh") -> str:
    entry = _strings()[key]
    return entry.get(lang) or entry["zh"]


def has(key: str) -> bool:
    return key in _strings()


def strings(key: str):
    """A structured entry of i18n.yaml (a list or mapping), as written."""
    return _strings()[key]


def colon(lang: str) -> str:
    """The colon of a title: full-width in Chinese, ASCII and a space in English."""
    return "：" if lang == "zh" else ": "
