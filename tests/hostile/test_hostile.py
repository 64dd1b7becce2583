"""The hostile corpus through the real `cstats run`: one outcome per file, nothing outside opened,
no traceback, the good reports published with their mentions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.hostile.corpus import GOOD, build
from tests.hostile.inotify import Watch

pytestmark = pytest.mark.timeout(1200)
CSTATS = [sys.executable, "-m", "pipelines.cli"]
ROOT = Path(__file__).resolve().parents[2]


def cstats(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "CSTATS_DOCUMENT_SECONDS": "120"}
    return subprocess.run(
        [*CSTATS, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expected = build(root / "sources")
    outside = root / "outside"
    watch = Watch([outside, outside / "secret.txt", outside / "pipe"])
    run = cstats("run", "--sources", str(root / "sources"), "--warehouse", str(root / "wh.duckdb"),
                 "--store", str(root / "store"), "--workers", "2")  # fmt: skip
    events = watch.events()
    con = duckdb.connect(str(root / "wh.duckdb"), read_only=True) if run.returncode == 0 else None
    yield {"root": root, "expected": expected, "run": run, "events": events, "watch": watch, "con": con}
    watch.close()
    if con is not None:
        con.close()


def test_cstats_run_exits_0_with_no_traceback_and_prints_outcome_counts(corpus):
    run = corpus["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stdout + run.stderr
    expected = corpus["expected"]
    statuses = [s for s, _ in expected.values()]
    line = next(ln for ln in run.stdout.splitlines() if ln.startswith("outcomes:"))
    assert line.startswith(f"outcomes: {len(expected)} files: ")
    for status in ("loaded", "quarantined", "unsupported", "duplicate", "expanded"):
        assert f"{statuses.count(status)} {status}" in line
    assert "not loaded, by reason:" in run.stdout and "held for review:" in run.stdout


def test_every_file_has_exactly_one_outcome_with_the_expected_reason(corpus):
    rows = corpus["con"].sql("SELECT source_path, status, reason FROM file_outcome").fetchall()
    paths = [r[0] for r in rows]
    assert len(paths) == len(set(paths)), "a file with two outcome rows"
    got = {p: (s, None if s in ("loaded", "expanded") else r) for p, s, r in rows}
    assert got == corpus["expected"]


def test_the_good_reports_are_published_with_their_mentions(corpus):
    con = corpus["con"]
    for name, (committee, year, proposals, _) in GOOD.items():
        mentions = con.sql(
            "SELECT mentions FROM dim_document WHERE source_path = ?", params=[name]
        ).fetchall()
        assert mentions and mentions[0][0] >= 4, name
        figure = con.sql(
            "SELECT f.value FROM fact_committee_metric_period f WHERE f.committee_code IN "
            "(SELECT committee_code FROM dim_committee WHERE name_zh = ?) "
            "AND f.metric_code = 'proposals.received' AND f.period_end = ?",
            params=[committee, year],
        ).fetchall()
        assert figure == [(proposals,)], (name, figure)
    # The archive member, the repaired PDF and the files with wrong suffixes are documents too.
    for path in ("archives/reports.zip!/2024/dawukou_2024.txt", "pdf/broken_xref.pdf",
                 "wrong/text_named.pdf", "wrong/pdf_named.txt"):  # fmt: skip
        n = con.sql("SELECT count(*) FROM fact_mention m JOIN dim_document d USING (sha256) "
                    "WHERE d.source_path = ?", params=[path]).fetchall()[0][0]  # fmt: skip
        assert n >= 4, path


def test_per_document_problems_hold_mentions_for_review_and_the_rest_publishes(corpus):
    con = corpus["con"]
    held = dict(
        con.sql(
            "SELECT d.source_path, list(DISTINCT r.reason) FROM mention_review r JOIN dim_document d USING (sha256) "
            "GROUP BY ALL"
        ).fetchall()
    )
    assert held == {"news/article_no_year.txt": ["no_period"], "news/implausible.txt": ["out_of_bounds"]}
    # Held values never reach the figures; the same document's other mentions do.
    leaked = con.sql(
        "SELECT count(*) FROM fact_mention m SEMI JOIN mention_review r USING (sha256, char_start, char_end) "
        "JOIN fact_committee_metric_period f USING (committee_code, metric_code, period_start, period_end) "
        "WHERE f.value = m.value"
    ).fetchall()[0][0]
    assert leaked == 0
    published = con.sql(
        "SELECT count(*) FROM fact_mention m JOIN dim_document d USING (sha256) "
        "JOIN fact_committee_metric_period f USING (committee_code, metric_code, period_start, period_end) "
        "WHERE d.source_path = 'news/implausible.txt' AND f.value = m.value"
    ).fetchall()[0][0]
    assert published >= 2


def test_notes_type_mismatches_and_the_figures_behind_unreadable_text(corpus):
    con = corpus["con"]
    rows = {
        r[0]: r[1:]
        for r in con.sql("SELECT source_path, notes, type_mismatch, detail FROM file_outcome").fetchall()
    }
    assert (
        rows["pdf/broken_xref.pdf"][0].startswith("repaired:") and "pdfium" in rows["pdf/broken_xref.pdf"][0]
    )
    assert rows["wrong/text_named.pdf"][1] == "content is text, the name suggests pdf"
    assert rows["wrong/pdf_named.txt"][1] == "content is pdf, the name suggests text"
    soup = json.loads(rows["text/common_soup.txt"][2])
    assert soup["common_share"] > 0.9 and soup["bigram_plausibility"] < 0.05
    assert json.loads(rows["text/cjk_soup.txt"][2])["common_share"] < 0.5
    mojibake = json.loads(rows["text/mojibake.txt"][2])
    assert mojibake["latin1_share"] > 0.5 and mojibake["latin1_repairable"] is True


def test_no_link_target_outside_the_folder_was_ever_opened(corpus):
    assert corpus["run"].returncode == 0
    assert corpus["events"] == []  # the run: not the FIFO, not the file, not the folder
    root, watch = corpus["root"], corpus["watch"]
    for args in (("text", "link_to_fifo.txt"), ("text", "link_outside.txt"), ("extract", "link_outside.txt")):
        r = cstats(args[0], str(root / "sources" / args[1]), timeout=60)
        assert r.returncode == 1 and "symbolic link" in r.stderr and "Traceback" not in r.stderr
    assert watch.events() == []
    # Naming the target itself reads it, and the watch sees that open: it was live all along.
    r = cstats("text", str(root / "outside" / "secret.txt"), timeout=60)
    assert r.returncode == 0 and "外部政协" in r.stdout
    assert any(name == "secret.txt" or path.endswith("secret.txt") for path, name, _ in watch.events())
