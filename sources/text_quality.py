"""Text quality gate: text that decodes but is not language is quarantined as ``unreadable_text``.

Measured on the extraction text (simplified, half-width) of the first ``SAMPLE_CHARS`` characters:

- ``replacement_share``: U+FFFD replacement characters (a lossy decode upstream);
- ``control_share``: C0 control codes and private-use points (binary junk);
- ``latin1_share``: C1 controls and Latin-1 letters (Ã, æ, ¤ ...): UTF-8 read as Latin-1 or cp1252
  leaves two to three of them per Chinese character (mojibake); ``latin1_repairable`` says whether
  re-encoding as Latin-1/cp1252 gives valid UTF-8 again;
- ``common_share``: hanzi among the 3,755 common characters (GB2312 level 1); random soup over the
  whole CJK block has about 18 %, real reports over 90 %;
- ``bigram_plausibility``: adjacent hanzi pairs that occur inside a word of pypinyin's phrase
  dictionary (47,000 common words, already a dependency); real reports about 35 %, random soup
  of common characters under 1 %.

Thresholds leave a wide margin on both sides (figures in docs/orchestration.md); too little text
to judge (under ``MIN_HANZI_PAIRS`` pairs) is never rejected on the hanzi figures.
"""

from __future__ import annotations

import functools
import re

from sources.errors import UnreadableText

SAMPLE_CHARS = 50_000
MIN_CHARS = 20
MIN_HANZI_PAIRS = 200
MAX_REPLACEMENT_SHARE = 0.02
MAX_CONTROL_SHARE = 0.02
MAX_LATIN1_SHARE = 0.15
MIN_COMMON_SHARE = 0.6
MIN_BIGRAM_PLAUSIBILITY = 0.08

_HANZI_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@functools.cache
def _common_bigrams() -> frozenset[str]:
    from pypinyin.phrases_dict import phrases_dict

    return frozenset(w[i : i + 2] for w in phrases_dict for i in range(len(w) - 1))


def _is_common(ch: str) -> bool:
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= b[0] <= 0xD7


def measure(text: str) -> dict:
    """The gate's figures for ``text`` (see the module docstring); only the first
    ``SAMPLE_CHARS`` characters are read, normalised for extraction here (simplified, half-width)."""
    from sources.normalize import for_extraction

    sample = for_extraction(text[:SAMPLE_CHARS])
    visible = [c for c in sample if not c.isspace()]
    n = len(visible) or 1
    replacement = sum(c == "\ufffd" for c in visible)
    control = sum(1 for c in visible if ord(c) < 0x20 or ord(c) == 0x7F or 0xE000 <= ord(c) <= 0xF8FF)
    latin1 = sum(1 for c in visible if 0x80 <= ord(c) <= 0xFF)  # C1 controls too: Latin-1 or cp1252 mojibake
    hanzi = [c for c in visible if "\u4e00" <= c <= "\u9fff"]
    pairs = [run[i : i + 2] for run in _HANZI_RUN.findall(sample) for i in range(len(run) - 1)]
    bigrams = _common_bigrams() if len(pairs) >= MIN_HANZI_PAIRS else frozenset()
    figures = {
        "chars_measured": len(visible),
        "replacement_share": round(replacement / n, 4),
        "control_share": round(control / n, 4),
        "latin1_share": round(latin1 / n, 4),
        "hanzi": len(hanzi),
        "common_share": round(sum(map(_is_common, hanzi)) / len(hanzi), 4) if hanzi else None,
        "hanzi_pairs": len(pairs),
        "bigram_plausibility": round(sum(p in bigrams for p in pairs) / len(pairs), 4) if bigrams else None,
    }
    if figures["latin1_share"] > MAX_LATIN1_SHARE:
        figures["latin1_repairable"] = _repairable(sample)
    return figures


def _repairable(text: str) -> bool:
    for enc in ("latin-1", "cp1252"):
        try:
            text[:4000].encode(enc).decode("utf-8")
            return True
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return False


def verdict(figures: dict) -> str | None:
    """Why the measured text is unreadable, or None when it passes."""
    if figures["chars_measured"] < MIN_CHARS:
        return None
    if figures["replacement_share"] > MAX_REPLACEMENT_SHARE:
        return f"{figures['replacement_share']:.1%} replacement characters (lossy decoding)"
    if figures["control_share"] > MAX_CONTROL_SHARE:
        return f"{figures['control_share']:.1%} control or private-use characters (binary data)"
    if figures["latin1_share"] > MAX_LATIN1_SHARE:
        how = " (UTF-8 read as Latin-1: re-encoding repairs it)" if figures.get("latin1_repairable") else ""
        return f"{figures['latin1_share']:.1%} Latin-1 letters: mojibake{how}"
    if figures["hanzi_pairs"] >= MIN_HANZI_PAIRS:
        if figures["common_share"] is not None and figures["common_share"] < MIN_COMMON_SHARE:
            return f"only {figures['common_share']:.1%} of the hanzi are common characters (random soup)"
        bp = figures["bigram_plausibility"]
        if bp is not None and bp < MIN_BIGRAM_PLAUSIBILITY:
            return f"only {bp:.1%} of adjacent hanzi pairs occur in words (random soup)"
    return None


def check(text: str) -> dict:
    """Raise UnreadableText (with the figures) for unreadable text; return the figures otherwise."""
    figures = measure(text)
    why = verdict(figures)
    if why:
        raise UnreadableText(f"unreadable text: {why}", figures=figures)
    return figures


# --- Per-page check of a PDF's text layer -------------------------------------------------------
# A PDF page's text layer can decode to nonsense while the page looks right (fonts without a usable
# ToUnicode map: glyph codes read as ASCII, private-use or Latin-1 characters). The page figures
# are the gate's own plus two for ASCII: the share of ASCII symbols that neither figures nor prose
# use (!#$&*;<=>?@[\]^_`{|}~: Chinese text uses full-width punctuation, English prose and tables of
# figures well under 1 %, glyph codes read as ASCII about a quarter) and the share of characters
# inside runs of 3+ of them.
# A page is judged on less text than a file, so the hanzi figures need fewer pairs.
PAGE_MIN_CHARS = 20
PAGE_MIN_HANZI_PAIRS = 30
MAX_PAGE_ODD_SHARE = 0.05  # replacement, control and private-use characters together
MAX_ASCII_SYMBOL_SHARE = 0.1
MAX_SYMBOL_RUN_SHARE = 0.05
# ASCII symbols other than those figures and prose use (. , % - + / : ( ) and the quote marks)
_ASCII_SYMBOLS = frozenset("!#$&*;<=>?@[\\]^_`{}~")
_SYMBOL_RUN = re.compile(r"[!#$&*;<=>?@\[\\\]^_`{}~]{3,}")


def measure_page(text: str) -> dict:
    """The figures the per-page text-layer check rests on (see the notes above)."""
    from sources.normalize import for_extraction

    sample = for_extraction(text[:SAMPLE_CHARS])
    visible = "".join(c for c in sample if not c.isspace())
    n = len(visible) or 1
    odd = sum(
        1 for c in visible if c == "\ufffd" or ord(c) < 0x20 or ord(c) == 0x7F or 0xE000 <= ord(c) <= 0xF8FF
    )
    cjk = sum(1 for c in visible if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    hanzi = [c for c in visible if "\u4e00" <= c <= "\u9fff"]
    pairs = [run[i : i + 2] for run in _HANZI_RUN.findall(sample) for i in range(len(run) - 1)]
    bigrams = _common_bigrams() if len(pairs) >= PAGE_MIN_HANZI_PAIRS else frozenset()
    return {
        "chars": len(visible),
        "cjk_share": round(cjk / n, 4),
        "odd_share": round(odd / n, 4),
        "latin1_share": round(sum(1 for c in visible if 0x80 <= ord(c) <= 0xFF) / n, 4),
        "ascii_symbol_share": round(sum(c in _ASCII_SYMBOLS for c in visible) / n, 4),
        "symbol_run_share": round(sum(map(len, _SYMBOL_RUN.findall(visible))) / n, 4),
        "common_share": round(sum(map(_is_common, hanzi)) / len(hanzi), 4) if hanzi else None,
        "hanzi_pairs": len(pairs),
        "bigram_plausibility": round(sum(p in bigrams for p in pairs) / len(pairs), 4) if bigrams else None,
    }


def page_verdict(figures: dict) -> str | None:
    """Why a page's text does not read as language, or None when it does (or is too short to judge)."""
    if figures["chars"] < PAGE_MIN_CHARS:
        return None
    if figures["odd_share"] > MAX_PAGE_ODD_SHARE:
        return f"{figures['odd_share']:.0%} private-use, control or replacement characters"
    if figures["latin1_share"] > MAX_LATIN1_SHARE:
        return f"{figures['latin1_share']:.0%} Latin-1 letters (glyph codes, not text)"
    if (
        figures["ascii_symbol_share"] > MAX_ASCII_SYMBOL_SHARE
        or figures["symbol_run_share"] > MAX_SYMBOL_RUN_SHARE
    ):
        return (
            f"{figures['ascii_symbol_share']:.0%} ASCII symbols, {figures['symbol_run_share']:.0%} in runs "
            "(glyph codes read as ASCII)"
        )
    if figures["hanzi_pairs"] >= PAGE_MIN_HANZI_PAIRS:
        if figures["common_share"] is not None and figures["common_share"] < MIN_COMMON_SHARE:
            return f"only {figures['common_share']:.0%} of the hanzi are common characters"
        bp = figures["bigram_plausibility"]
        if bp is not None and bp < MIN_BIGRAM_PLAUSIBILITY:
            return f"only {bp:.0%} of adjacent hanzi pairs occur in words"
    return None
