"""Indicators of quality computed at publish: derived rates with both counts' provenance, checked
against the rate a document states, and rollups with coverage on a corpus with gaps."""

from __future__ import annotations

import duckdb
import pytest

from tests.warehouse.wh_frames import frames, mention, sha
from warehouse.publish import publish

REC, ACC, RES = "proposals.received", "proposals.accepted", "proposals.resolved"
ACC_RATE, RES_RATE = "proposals.acceptance_rate", "proposals.resolution_rate"
SUB, ADO = "public_opinion.submitted", "public_opinion.adopted"


def rows_with_gaps() -> list[dict]:
    """石嘴山市 (640200: counties 640202, 640205, 640221) reports proposals for 2024, one county does
    not; 大武口 states an acceptance rate that disagrees with its own counts, 惠农 one that agrees."""
    return [
        mention("dwk24", 10, "640202", REC, 2024, 145),
        mention("dwk24", 20, "640202", ACC, 2024, 140),
        mention("dwk24", 30, "640202", ACC_RATE, 2024, 90, unit="%"),  # 140/145 = 96.55%: disagrees
        mention("dwk24", 40, "640202", RES, 2024, 126),
        mention("dwk24", 50, "640202", SUB, 2024, 40, unit="条"),
        mention("dwk24", 60, "640202", ADO, 2024, 10, unit="条"),
        mention("hn24", 10, "640205", REC, 2024, 50, qualifier="at_least"),
        mention("hn24", 20, "640205", ACC, 2024, 48),
        mention("hn24", 30, "640205", ACC_RATE, 2024, 96, unit="%"),  # 48/50 = 96%: agrees
        mention("hn24", 40, "640205", RES_RATE, 2024, 100, unit="%"),  # stated only (no resolved count)
        mention("szs24", 10, "640200", REC, 2024, 400),  # the city's own figure
        mention("szs24", 20, "640200", ACC, 2024, 420),  # more accepted than received: above 100%
        # 平罗县 (640221) reports nothing in 2024: a gap in the city's sum
        mention("pl23", 10, "640221", REC, 2023, 80),
    ]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("indicators") / "w.duckdb"
    docs, ments = frames(rows_with_gaps())
    publish(path, docs, ments, extractor_version="test", overrides=path.parent / "none.jsonl")
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


def rate(con, indicator: str, committee: str, year: int = 2024) -> dict:
    cur = con.execute(
        "SELECT * FROM v_indicator_rate WHERE indicator_code = ? AND committee_code = ? AND year = ?",
        [indicator, committee, year],
    )
    names = [d[0] for d in cur.description]
    got = cur.fetchall()
    assert len(got) == 1, (indicator, committee, got)
    return dict(zip(names, got[0], strict=True))


def test_each_derived_rate_is_its_counts_ratio(con):
    counts = dict(
        con.execute(
            "SELECT committee_code || metric_code, value FROM fact_committee_metric_period "
            "WHERE period_end = 2024"
        ).fetchall()
    )
    pairs = con.execute(
        "SELECT indicator_code, numerator_code, denominator_code FROM dim_indicator"
    ).fetchall()
    checked = 0
    for indicator, num, den in pairs:
        for (committee,) in con.execute(
            "SELECT committee_code FROM v_indicator_rate WHERE indicator_code = ? AND computed_rate IS NOT NULL",
            [indicator],
        ).fetchall():
            r = rate(con, indicator, committee)
            want = 100 * float(counts[committee + num]) / float(counts[committee + den])
            assert float(r["computed_rate"]) == pytest.approx(want, abs=0.005)
            assert (r["numerator_value"], r["denominator_value"]) == (
                counts[committee + num],
                counts[committee + den],
            )
            checked += 1
    assert checked == 5  # acceptance x3 (大武口, 惠农, 石嘴山市), resolution, adoption (大武口)


def test_a_rate_carries_both_mentions_provenance(con):
    r = rate(con, "rate.proposal_acceptance", "640202")
    num, den = r["numerator_source"], r["denominator_source"]
    assert (num["doc_id"], num["sha256"], num["char_start"]) == ("dwk24", sha("dwk24"), 20)
    assert (den["doc_id"], den["sha256"], den["char_start"]) == ("dwk24", sha("dwk24"), 10)
    assert num["surface"].startswith("140") and den["surface"].startswith("145")
    assert num["sentence"] and den["sentence"]
    assert r["stated_source"]["char_start"] == 30


def test_stated_versus_computed_disagreement_is_flagged(con):
    bad = rate(con, "rate.proposal_acceptance", "640202")
    assert bad["stated_rate"] == 90 and bad["agrees"] is False
    assert float(bad["difference"]) == pytest.approx(100 * 140 / 145 - 90, abs=0.01)
    good = rate(con, "rate.proposal_acceptance", "640205")
    assert good["agrees"] is True and good["approximate"] is True  # 50余件 below the line
    over = rate(con, "rate.proposal_acceptance", "640200")
    assert over["exceeds_100"] is True and over["agrees"] is None
    stated = rate(con, "rate.proposal_resolution", "640205")
    assert (stated["rate_source"], stated["rate"], stated["computed_rate"]) == ("stated", 100, None)


def test_rollup_coverage_on_a_corpus_with_gaps(con):
    (city,) = con.execute(
        "SELECT counties_sum, counties_reporting, counties_in_area, own_value FROM v_rollup "
        "WHERE rollup_level = 'city' AND rollup_code = '640200' AND metric_code = ? AND year = 2024",
        [REC],
    ).fetchall()
    assert city == (145 + 50, 2, 3, 400)  # 2 of 3 counties reported; the city's own 400 beside
    (earlier,) = con.execute(
        "SELECT counties_sum, counties_reporting, counties_in_area FROM v_rollup "
        "WHERE rollup_level = 'city' AND rollup_code = '640200' AND metric_code = ? AND year = 2023",
        [REC],
    ).fetchall()
    assert earlier == (80, 1, 3)


def test_indicators_are_computed_at_publish(con):
    (kind,) = con.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_name = 'mat_indicator_rate'"
    ).fetchall()
    assert kind == ("BASE TABLE",)
