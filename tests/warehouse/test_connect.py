"""warehouse.connect() opens the latest publish, even in a process that still holds old connections."""

from __future__ import annotations

import time

import duckdb
import pytest

import warehouse
from tests.warehouse.wh_frames import generation_frames
from warehouse.publish import publish
from warehouse.read import Warehouse, WarehouseMissing


def _publish(path, generation):
    docs, ments = generation_frames(generation, docs=2, per_doc=3)
    return publish(
        path, docs, ments, extractor_version=f"gen{generation}", overrides=path.parent / "none.jsonl"
    )


def _stamp(con):
    return con.sql("SELECT published_at, extractor_version FROM publish_log").fetchall()[0]


def test_a_new_connect_sees_the_republish_while_old_connections_stay_open(tmp_path):
    path = tmp_path / "committee_stats.duckdb"
    first = _publish(path, 1)
    notebook = duckdb.connect(str(path), read_only=True)  # what a notebook opened before the publish
    old = warehouse.connect(path)
    dashboard = Warehouse(path)
    assert dashboard.last_publish()["extractor_version"] == "gen1"
    time.sleep(1.1)  # published_at has whole seconds
    second = _publish(path, 2)
    assert second.published_at > first.published_at

    fresh = warehouse.connect(path)
    try:
        assert _stamp(fresh) == (second.published_at, "gen2")
        # The old connections keep their whole old snapshot, readable to the end.
        assert _stamp(old) == _stamp(notebook) == (first.published_at, "gen1")
        assert (
            old.sql("SELECT count(*) FROM v_figure").fetchall()
            == notebook.sql("SELECT count(*) FROM v_figure").fetchall()
        )
        # The trap warehouse.connect() avoids: while `notebook` is open, a plain read-only connect in the
        # same process is handed the database instance already open, i.e. the old publish.
        plain = duckdb.connect(str(path), read_only=True)
        assert _stamp(plain) == (first.published_at, "gen1")
        plain.close()
        # The dashboard's read API follows the new file too, beside the notebook's open connection.
        assert dashboard.last_publish()["extractor_version"] == "gen2"
        assert (
            dashboard.query("SELECT count(*) AS n FROM v_figure")["n"][0]
            == fresh.sql("SELECT count(*) FROM v_figure").fetchall()[0][0]
        )
    finally:
        for c in (fresh, old, notebook):
            c.close()
        dashboard.close()


def test_connect_is_read_only_and_names_a_missing_file(tmp_path):
    path = tmp_path / "committee_stats.duckdb"
    _publish(path, 1)
    con = warehouse.connect(path)
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("CREATE TABLE scratch AS SELECT 1").fetchall()
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("DELETE FROM fact_mention").fetchall()
        cur = con.cursor()
        cur.execute("USE wh").fetchall()  # a cursor starts in the in-memory catalog (docs: DuckDB 2.0 traps)
        assert cur.sql("SELECT count(*) FROM fact_mention").fetchall() == [(6,)]
    finally:
        con.close()
    with pytest.raises(WarehouseMissing, match="no warehouse"):
        warehouse.connect(tmp_path / "none.duckdb")


def test_connect_defaults_to_cstats_warehouse(tmp_path, monkeypatch):
    path = tmp_path / "elsewhere.duckdb"
    _publish(path, 3)
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(path))
    con = warehouse.connect()
    try:
        assert _stamp(con)[1] == "gen3"
    finally:
        con.close()
