"""The text quality gate's figures on real public texts kept in a local cache (never in the repo).

The cache folder (``CSTATS_TEXT_QUALITY_CACHE``, default ``.cache/text_quality``) holds plain-text
excerpts of real committee pages; bench/text_quality_manifest.json lists where each came from.
Printed per file: hanzi pairs, common-character share, bigram plausibility and the verdict (None =
passes); beside them, as the baseline of the same run, the hostile corpus's soups and mojibake.
Says so when the cache holds nothing.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sources.normalize import for_extraction  # noqa: E402
from sources.text_quality import measure, verdict  # noqa: E402
from tests.hostile import corpus  # noqa: E402


def line(name: str, text: str) -> str:
    m = measure(for_extraction(text))
    return (
        f"{name:28s} pairs {m['hanzi_pairs']:6d}  common {m['common_share'] or 0:.3f}  "
        f"bigrams {m['bigram_plausibility'] if m['bigram_plausibility'] is not None else float('nan'):.3f}  "
        f"latin1 {m['latin1_share']:.3f}  verdict: {verdict(m)}"
    )


def main() -> None:
    cache = Path(os.environ.get("CSTATS_TEXT_QUALITY_CACHE", ROOT / ".cache" / "text_quality"))
    files = sorted(cache.glob("*.txt")) if cache.is_dir() else []
    if not files:
        print(f"no real texts cached in {cache}: nothing to score (see bench/text_quality_manifest.json)")
    passed = 0
    for p in files:
        out = line(p.name, p.read_text(encoding="utf-8"))
        passed += out.endswith("verdict: None")
        print(out)
    if files:
        print(f"real texts passing the gate: {passed} of {len(files)}")
    rng = random.Random(14)
    print(line("hostile: cjk soup", corpus.cjk_soup(60_000, rng).decode()))
    print(line("hostile: common soup", corpus.common_soup(3000, rng).decode()))
    print(
        line(
            "hostile: mojibake",
            corpus.latin1_mojibake(corpus.report_text("贺兰县", 2024, 88, 9) * 8).decode(),
        )
    )


if __name__ == "__main__":
    main()
