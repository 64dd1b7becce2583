"""`cstats run` as a user runs it: a blocked publish is one clear line, and the warehouse stays."""

import subprocess
import sys
from pathlib import Path

import duckdb

from warehouse.catalog import load_catalog

from .conftest import write_reports

CSTATS = str(Path(sys.executable).with_name("cstats"))


def run(*args):
    return subprocess.run([CSTATS, "run", *args], capture_output=True, text=True, timeout=300)


def test_a_bad_figure_is_held_for_review_and_does_not_block_the_publish(tmp_path):
    src = write_reports(tmp_path / "src", ["helan_2024.txt"])
    wh, store = tmp_path / "w.duckdb", tmp_path / "store"
    ok = run("--sources", str(src), "--warehouse", str(wh), "--store", str(store))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"published {wh}: 1 documents")
    assert "outcomes: 1 files: 1 loaded, 0 quarantined" in ok.stdout
    assert ok.stderr == ""  # quiet: no progress bar without a terminal, no logs below WARNING

    bound = load_catalog().metric("proposals.received").bounds[1]
    (src / "bad.txt").write_text(
        f"贺兰县政协2023年工作综述\n\n全年共收到提案{int(bound) * 10}件。\n", encoding="utf-8"
    )
    held = run("--sources", str(src), "--warehouse", str(wh), "--store", str(store))
    assert held.returncode == 0, held.stderr
    assert "outcomes: 2 files: 2 loaded" in held.stdout
    assert "held for review: 1 mentions (out_of_bounds 1)" in held.stdout
    con = duckdb.connect(str(wh), read_only=True)
    assert con.sql("SELECT count(*) FROM dim_document").fetchall() == [(2,)]
    assert con.sql("SELECT reason FROM mention_review").fetchall() == [("out_of_bounds",)]
    assert con.sql(
        "SELECT count(*) FROM fact_committee_metric_period WHERE value > ?", params=[bound]
    ).fetchall() == [(0,)]
    con.close()


def test_a_publish_that_would_drop_most_figures_is_blocked_and_the_warehouse_stays(tmp_path):
    from tests.hostile.corpus import report_text

    src = tmp_path / "src"
    src.mkdir()
    committees = ["贺兰县", "惠农区", "永宁县", "灵武市", "平罗县", "西吉县"]
    for i, name in enumerate(committees):
        (src / f"r{i}.txt").write_text(report_text(name, 2024, 40 + i, 5 + i), encoding="utf-8")
    wh, store = tmp_path / "w.duckdb", tmp_path / "store"
    assert run("--sources", str(src), "--warehouse", str(wh), "--store", str(store)).returncode == 0
    con = duckdb.connect(str(wh), read_only=True)
    before = con.sql("SELECT count(*) FROM fact_committee_metric_period").fetchall()[0][0]
    con.close()
    assert before >= 20
    for p in sorted(src.iterdir())[1:]:
        p.unlink()
    blocked = run("--sources", str(src), "--warehouse", str(wh), "--store", str(store))
    assert blocked.returncode == 1 and "Traceback" not in blocked.stderr
    assert blocked.stderr.startswith(
        "cstats: publish stopped by blocking checks: publish_keeps_most_figures:"
    )
    assert f"{wh} was left as it was" in blocked.stderr
    con = duckdb.connect(str(wh), read_only=True)
    assert con.sql("SELECT count(*) FROM fact_committee_metric_period").fetchall() == [(before,)]
    con.close()
