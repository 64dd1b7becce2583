"""Held-out synthetic newspaper pages end to end (issue 23): dates and committees on the page.

    nice .venv/bin/python bench/bench_page_dates.py [--seed 2026] [--pages 24]

Draws ``--pages`` pages at random (seeded) from the Chromium family's stories
(tests/sources/pdf/chromium_pages.yaml), each with 1-3 stories of different committees, 4-6 columns,
an arrangement (stacked, side by side, mixed), letter spacing (0, 1.5 or 2.5 pt), a shuffled,
reading-order or rotated content stream, digits in a fallback font or not, and, on half the pages,
the stories' years replaced by 去年 so that only the masthead's date line (January of the year after)
dates them. Renders each with ``sources.pdfgen``, reads it with the PDF reader and extracts it, and
scores every story figure: recall, committee and period (target >= 0.95 each). The pages of
``tests/pipelines/extract/test_page_dates.py`` are the development pages; a seed not used before
draws pages nobody has looked at, so score a new seed once and report it before reading its misses.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from pipelines.extract.extractor import extract_mentions  # noqa: E402
from sources import read_document  # noqa: E402
from sources.pdfgen import Layout, PageSpec, render_page  # noqa: E402
from sources.pdfgen.chromium import story_article  # noqa: E402

STORIES = yaml.safe_load(
    (ROOT / "tests" / "sources" / "pdf" / "chromium_pages.yaml").read_text(encoding="utf-8")
)["stories"]
WEEKDAYS = "一二三四五六日"


def draw_page(rng: random.Random) -> tuple[list[str], str, Layout, bool]:
    import datetime

    masthead_only = rng.random() < 0.5
    n = rng.choice((1, 2, 2, 3))
    keys: list[str] = []
    for key in rng.sample(sorted(STORIES), len(STORIES)):
        story = STORIES[key]
        if any(STORIES[k]["committee"] == story["committee"] for k in keys):
            continue
        if masthead_only and keys and story["period"] != STORIES[keys[0]]["period"]:
            continue  # one date line dates the page: its stories report the same year
        keys.append(key)
        if len(keys) == n:
            break
    year = STORIES[keys[0]]["period"] + 1
    day = datetime.date(year, 1, rng.randint(3, 28))
    date = f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"
    stream = rng.choice(("shuffled", "reading", "rotated"))
    layout = Layout(
        columns=rng.choice((4, 5, 6)),
        arrangement=rng.choice(("stacked", "side_by_side", "mixed")) if len(keys) > 1 else "stacked",
        letter_spacing=rng.choice((0.0, 0.0, 1.5, 2.5)),
        stream_seed=rng.randint(1, 99) if stream == "shuffled" else None,
        stream_rotate=stream == "rotated",
        digit_font=rng.choice((None, "Helvetica")),
    )
    return keys, date, layout, masthead_only


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--pages", type=int, default=24)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the figures missed or misdated")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    totals = {"figures": 0, "recall": 0, "committee": 0, "period": 0}
    print(f"seed {args.seed}, {args.pages} pages")
    print(
        "  page  stories                                  layout                         | found committee period"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.pages):
            keys, date, layout, masthead_only = draw_page(rng)
            page = PageSpec(
                [story_article(STORIES[k], masthead_only) for k in keys],
                masthead="六盘山日报",
                date_line=date,
            )
            pdf = Path(tmp) / f"page{n}.pdf"
            render_page(page, pdf, layout)
            mentions = extract_mentions(read_document(pdf))
            got = {"figures": 0, "recall": 0, "committee": 0, "period": 0}
            for k in keys:
                story = STORIES[k]
                for f in story["figures"]:
                    value = Decimal(f.split()[1])
                    found = [m for m in mentions if Decimal(str(m.value)) == value]
                    ok_c = any(m.committee == story["committee"] for m in found)
                    ok_p = any(m.period_start == m.period_end == story["period"] for m in found)
                    got["figures"] += 1
                    got["recall"] += bool(found)
                    got["committee"] += ok_c
                    got["period"] += ok_p
                    if args.verbose and not (found and ok_c and ok_p):
                        print(f"      {k} {f}: found {len(found)}, committee {ok_c}, period {ok_p}")
            for key in totals:
                totals[key] += got[key]
            shape = (
                f"{layout.columns} col {layout.arrangement[:6]} ls {layout.letter_spacing:g} "
                f"{'rot' if layout.stream_rotate else 'seq' if layout.stream_seed is None else 'shuf'}"
                f"{' digits' if layout.digit_font else ''}{' masthead' if masthead_only else ''}"
            )
            print(
                f"  {n:4}  {','.join(keys)[:40]:40} {shape:30} | "
                f"{got['recall']}/{got['figures']} {got['committee']}/{got['figures']} {got['period']}/{got['figures']}"
            )
    n = max(totals["figures"], 1)
    for key in ("recall", "committee", "period"):
        share = totals[key] / n
        print(
            f"{key:9} {totals[key]}/{totals['figures']} = {share:.3f}  target >= 0.95  {'ok' if share >= 0.95 else 'BELOW TARGET'}"
        )


if __name__ == "__main__":
    main()
