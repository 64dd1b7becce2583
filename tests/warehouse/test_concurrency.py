"""Readers never see a half-published warehouse; a publish killed midway leaves the old one intact.

A reader process loops over fresh read-only connections while this process publishes several
times and a child process is killed with SIGKILL in the middle of a large publish.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from tests.warehouse.wh_frames import generation_frames
from warehouse.publish import publish

ROOT = Path(__file__).resolve().parents[2]

READER = textwrap.dedent(
    """
    import json, sys, time, duckdb
    path, stop = sys.argv[1], sys.argv[2]
    seen, errors, reads = set(), [], 0
    import os
    while not os.path.exists(stop):
        try:
            con = duckdb.connect(path, read_only=True)
            try:
                log = con.sql("SELECT extractor_version, documents, mentions FROM publish_log").fetchall()
                docs = con.sql("SELECT count(*) FROM dim_document").fetchall()[0][0]
                ments = con.sql("SELECT count(*) FROM fact_mention").fetchall()[0][0]
                versions = con.sql("SELECT list(DISTINCT extractor_version) FROM dim_document").fetchall()[0][0]
                facts = con.sql("SELECT count(*) FROM fact_committee_metric_period").fetchall()[0][0]
            finally:
                con.close()
            reads += 1
            if len(log) != 1 or (docs, ments) != (log[0][1], log[0][2]) or versions != [log[0][0]] or facts == 0:
                errors.append(f"inconsistent snapshot: {log} docs={docs} mentions={ments} versions={versions}")
            seen.add(log[0][0])
        except Exception as e:
            errors.append(f"{type(e).__name__}: {e}")
    print(json.dumps({"seen": sorted(seen), "errors": errors[:5], "reads": reads}))
    """
)

KILLED_PUBLISH = textwrap.dedent(
    """
    import sys, time
    import warehouse.publish as P
    from tests.warehouse.wh_frames import generation_frames

    checked = P._check_unique_mentions

    def midway(con):  # all mentions loaded into the next file, nothing reconciled yet
        checked(con)
        print("midway", flush=True)
        time.sleep(120)

    P._check_unique_mentions = midway
    docs, ments = generation_frames(99, 200, 300)
    P.publish(sys.argv[1], docs, ments, extractor_version="gen99", overrides=sys.argv[2])
    print("published", flush=True)
    """
)


def test_readers_during_publishes_and_a_killed_publish(tmp_path):
    live = tmp_path / "committee_stats.duckdb"
    store = tmp_path / "none.jsonl"
    nxt = live.with_name("committee_stats.next.duckdb")
    stop = tmp_path / "stop"
    docs, ments = generation_frames(0, 20, 50)
    publish(live, docs, ments, extractor_version="gen0", overrides=store)

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(live), str(stop)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        for gen in range(1, 5):
            docs, ments = generation_frames(gen, 20 + gen, 200)
            publish(live, docs, ments, extractor_version=f"gen{gen}", overrides=store)

        child = subprocess.Popen(
            [sys.executable, "-c", KILLED_PUBLISH, str(live), str(store)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert child.stdout.readline().strip() == "midway"
        assert nxt.exists() and nxt.stat().st_size > 0  # a half-built next file
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL

        # The previous warehouse is intact and still the live one.
        con = duckdb.connect(str(live), read_only=True)
        assert con.sql("SELECT extractor_version, documents FROM publish_log").fetchall() == [("gen4", 24)]
        assert con.sql("SELECT count(*) FROM fact_mention").fetchall()[0][0] == 24 * 200
        con.close()

        # The lock died with the child: the next publish goes through and replaces the leftover.
        docs, ments = generation_frames(5, 25, 200)
        publish(live, docs, ments, extractor_version="gen5", overrides=store)
        assert not nxt.exists()
        time.sleep(0.3)  # let the reader open the last publish
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    report = json.loads(out)
    assert report["errors"] == []
    assert report["reads"] > 10
    assert "gen99" not in report["seen"]
    assert "gen5" in report["seen"] and len(report["seen"]) >= 3
