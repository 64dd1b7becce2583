"""Dates and committees on a printed page, end to end (issue 23, point 4): generated newspaper pages
(sources.pdfgen) from the Chromium family's stories, read by the PDF reader and extracted.

* the masthead's date line dates every article of its page (the second as much as the first)
  when an article names no year itself: 去年，… on a page dated 2025-01-08 is 2024, and a lead
  that opens 去年，… frames the story: its later sentences are of that year too;
* each article's committee comes from that article;
* letter-spaced and rotated-stream pages give the same.

Each page is scored against the stories' own figures (chromium_pages.yaml): recall, committee
and period >= 0.95 over all pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from pipelines.extract.extractor import extract_mentions
from sources import read_document
from sources.pdfgen import Layout, PageSpec, render_page
from sources.pdfgen.chromium import story_article

STORIES = yaml.safe_load(
    (Path(__file__).parents[2] / "sources" / "pdf" / "chromium_pages.yaml").read_text(encoding="utf-8")
)["stories"]

PAGES = [  # (stories, date line, layout, years in the text replaced by 去年)
    (["longde_side", "jingyuan_side"], "2025年1月14日 星期二", Layout(columns=5, stream_seed=None, arrangement="side_by_side"), False),
    (["zhongning_top", "longde_side"], "2024年1月16日 星期二", Layout(columns=5, stream_seed=None, arrangement="side_by_side"), False),
    (["haiyuan_bottom", "shapotou_bottom"], "2024年1月16日 星期二", Layout(columns=4, letter_spacing=2.0, stream_seed=None), False),
    (["longde_side"], "2025年1月14日 星期二", Layout(columns=4, stream_seed=3), True),
    (["tongxin_side", "shizuishan_city"], "2025年1月8日 星期三", Layout(columns=5, stream_seed=None, stream_rotate=True), True),
    (["guyuan_city", "yuanzhou_side", "jingyuan_side"], "2025年1月14日 星期二", Layout(columns=6, stream_seed=5, arrangement="mixed"), True),
    # leads opening 去年，… whose figures stand in later sentences: the lead's year frames them
    (["pingluo_main", "guyuan_city"], "2025年1月9日 星期四", Layout(columns=4, stream_seed=None, arrangement="stacked"), True),
]  # fmt: skip


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, list[int]]:
    out = {"figures": [], "recall": [], "committee": [], "period": []}
    for n, (keys, date, layout, masthead_only) in enumerate(PAGES):
        page = PageSpec(
            [story_article(STORIES[k], masthead_only) for k in keys], masthead="六盘山日报", date_line=date
        )
        pdf = tmp_path_factory.mktemp("pages") / f"page{n}.pdf"
        render_page(page, pdf, layout)
        mentions = extract_mentions(read_document(pdf))
        for k in keys:
            story = STORIES[k]
            for f in story["figures"]:
                value = Decimal(f.split()[1])
                found = [m for m in mentions if Decimal(str(m.value)) == value]
                out["figures"].append(1)
                out["recall"].append(bool(found))
                out["committee"].append(any(m.committee == story["committee"] for m in found))
                out["period"].append(any(m.period_start == m.period_end == story["period"] for m in found))
    return out


@pytest.mark.parametrize("figure", ["recall", "committee", "period"])
def test_recall_committee_and_period_on_held_out_pages(scores, figure):
    share = sum(scores[figure]) / len(scores["figures"])
    assert len(scores["figures"]) >= 40
    assert share >= 0.95, (figure, share)
