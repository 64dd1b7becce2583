"""`cstats sql` in a real subprocess on a real warehouse file: table, stdin, csv, json, parquet."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.warehouse.wh_frames import analyst_rows, frames
from warehouse.publish import publish

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wh(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sql") / "committee_stats.duckdb"
    docs, ments = frames(analyst_rows())
    publish(path, docs, ments, extractor_version="test", overrides=path.parent / "none.jsonl")
    return path


def cstats(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "sql", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=120, check=False,
    )  # fmt: skip


def expected(wh, sql):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def test_a_query_prints_a_table(wh):
    r = cstats("select count(*) from v_figure", "--warehouse", str(wh))
    assert r.returncode == 0, r.stderr
    (n,) = expected(wh, "select count(*) from v_figure")[0]
    lines = r.stdout.splitlines()
    assert lines[0].startswith("┌") and "count_star()" in lines[1]
    assert any(line.strip("│ ").strip() == str(n) for line in lines), r.stdout


def test_the_query_from_stdin_as_csv_and_json(wh):
    q = "SELECT committee_code, year, value FROM v_figure WHERE metric_code = 'proposals.received' ORDER BY ALL"
    want = expected(wh, q)
    r = cstats("--warehouse", str(wh), "--format", "csv", stdin=q)
    assert r.returncode == 0, r.stderr
    got = list(csv.reader(io.StringIO(r.stdout)))
    assert got[0] == ["committee_code", "year", "value"]
    assert [(c, int(y), float(v)) for c, y, v in got[1:]] == [(c, y, float(v)) for c, y, v in want]
    r = cstats(q, "--warehouse", str(wh), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert [(d["committee_code"], d["year"], d["value"]) for d in json.loads(r.stdout)] == [
        (c, y, float(v)) for c, y, v in want
    ]


def test_parquet_writes_a_file_polars_reads_and_says_where(wh, tmp_path):
    r = cstats("select * from v_figure", "--warehouse", str(wh), "--format", "parquet", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    written = tmp_path / "cstats_sql.parquet"
    assert str(written) in r.stderr
    df = pl.read_parquet(written)
    assert df.height == expected(wh, "select count(*) from v_figure")[0][0] and "source_path" in df.columns
    assert df.schema["value"] == pl.Decimal(38, 6) and df.schema["year"] == pl.Int32
    out = tmp_path / "sub" / "answer.parquet"
    r = cstats("select 1 as one", "--warehouse", str(wh), "--format", "parquet", "-o", str(out))
    assert r.returncode == 0 and pl.read_parquet(out)["one"].to_list() == [1]


def test_read_only_errors_are_one_line(wh, tmp_path):
    r = cstats("CREATE TABLE scratch AS SELECT 1", "--warehouse", str(wh))
    assert r.returncode == 1 and "read-only" in r.stderr and "Traceback" not in r.stderr
    r = cstats("select * from no_such_view", "--warehouse", str(wh))
    assert r.returncode == 1 and r.stderr.startswith("cstats: Catalog Error")
    r = cstats("select 1", "--warehouse", str(tmp_path / "none.duckdb"))
    assert r.returncode == 1 and "no warehouse" in r.stderr
    r = cstats("--warehouse", str(wh), stdin="")
    assert r.returncode == 1 and "no query" in r.stderr
