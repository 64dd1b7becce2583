"""Imported by the reading fork server (sources/guarded.py): builds once the caches every reading
child would otherwise build per document (the text quality gate's bigram set, the t2s converter)."""

from sources import text_quality
from sources.normalize import to_simplified

text_quality._common_bigrams()
to_simplified("政协")
