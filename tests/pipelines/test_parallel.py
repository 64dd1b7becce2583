"""`materialize_all` with worker processes: the same warehouse as one by one, errors and the
per-document time limit still working inside the workers."""

import dagster as dg
import duckdb
import pytest

from pipelines.run.materialize import materialize_all, portable

from .conftest import write_reports

TABLES = {
    "dim_document": "sha256",
    "fact_mention": "sha256, char_start, char_end",
    "fact_committee_metric_period": "committee_code, metric_code, period_start, period_end",
    "quarantine": "sha256",
}


def tables(warehouse) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.sql(f"SELECT * FROM {t} ORDER BY {key}").fetchall() for t, key in TABLES.items()}
    finally:
        con.close()


def corpus(folder):
    src = write_reports(folder)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a real page\n")
    return src


def test_two_workers_publish_the_same_warehouse_as_one(tmp_path):
    src = corpus(tmp_path / "src")
    results = {}
    for workers in (1, 2):
        wh = tmp_path / f"w{workers}.duckdb"
        materialize_all(src, wh, store=tmp_path / f"store{workers}", workers=workers)
        results[workers] = tables(wh)
    one, two = results[1], results[2]
    assert len(one["dim_document"]) == 3 and len(one["fact_mention"]) > 3
    assert [(r[0], r[2]) for r in one["quarantine"]] == [("broken.pdf", "corrupt")]
    for table in TABLES:
        assert two[table] == one[table], table


def test_the_time_limit_stops_reads_inside_workers(tmp_path):
    from tests.pipelines.test_quarantine import long_pdfs

    src = long_pdfs(tmp_path / "src")
    wh = tmp_path / "w.duckdb"
    meta = materialize_all(src, wh, store=tmp_path / "store", page_cpu_seconds=0.001, workers=2)
    assert (meta["documents"], meta["quarantined"]) == (0, 2)
    assert {r[2] for r in tables(wh)["quarantine"]} == {"timeout"}


def test_a_worker_error_is_raised_and_nothing_is_published(tmp_path):
    src = write_reports(tmp_path / "src")
    store = tmp_path / "store"
    store.mkdir()
    (store / "documents").write_text("a file where the store's folder should be")
    with pytest.raises(NotADirectoryError):
        materialize_all(src, tmp_path / "w.duckdb", store=store, workers=2)
    assert not (tmp_path / "w.duckdb").exists()


def test_an_unpicklable_worker_error_comes_back_as_its_message():
    class NeedsTwo(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a}/{b}")

    assert str(portable(NeedsTwo(1, 2))) == "NeedsTwo: 1/2"
    err = OSError(5, "busy")
    assert portable(err) is err


def test_a_callers_instance_runs_one_by_one(tmp_path):
    src = write_reports(tmp_path / "src", ["helan_2024.txt"])
    with dg.instance_for_test() as instance:
        with pytest.raises(ValueError, match="workers=1"):
            materialize_all(src, tmp_path / "w.duckdb", store=tmp_path / "s", instance=instance, workers=2)
        materialize_all(src, tmp_path / "w.duckdb", store=tmp_path / "s", instance=instance)
        assert len(instance.get_runs()) == 2  # the document's run and the publish
