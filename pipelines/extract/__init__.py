"""Pure extraction library: reading-order text in, metric mentions out. No Dagster imports here."""

from pipelines.extract.extractor import EXTRACTOR_VERSION, extract_corpus, extract_mentions, learn_calendar
from pipelines.extract.mention import MENTION_KEYS, Mention

__all__ = [
    "EXTRACTOR_VERSION",
    "MENTION_KEYS",
    "Mention",
    "extract_corpus",
    "extract_mentions",
    "learn_calendar",
]
