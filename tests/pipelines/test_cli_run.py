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


def test_cstats_run_reports_a_blocked_publish_and_keeps_the_warehouse(tmp_path):
    src = write_reports(tmp_path / "src", ["helan_2024.txt"])
    wh, store = tmp_path / "w.duckdb", tmp_path / "store"
    ok = run("--sources", str(src), "--warehouse", str(wh), "--store", str(store))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"published {wh}: 1 documents")
    assert ok.stderr == ""  # quiet: no progress bar without a terminal, no logs below WARNING

    bound = load_catalog().metric("proposals.received").bounds[1]
    (src / "bad.txt").write_text(
        f"贺兰县政协2023年工作综述\n\n全年共收到提案{int(bound) * 10}件。\n", encoding="utf-8"
    )
    blocked = run("--sources", str(src), "--warehouse", str(wh), "--store", str(store))
    assert blocked.returncode == 1
    assert "Traceback" not in blocked.stderr
    assert blocked.stderr.strip().splitlines() == [
        "cstats: publish stopped by blocking checks: values_within_catalog_bounds: "
        f"1 values outside their metric's catalog bounds; {wh} was left as it was"
    ]
    con = duckdb.connect(str(wh), read_only=True)
    assert con.sql("SELECT count(*) FROM dim_document").fetchall() == [(1,)]
    con.close()
