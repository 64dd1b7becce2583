"""Quarantine: bad documents are recorded with their reason beside good ones; a fixed one leaves."""

import duckdb

from pipelines.extract import extract_mentions
from pipelines.run.materialize import materialize_all
from sources import read_document

from .conftest import REPORTS, write_reports


def table(wh, sql):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def test_bad_documents_are_quarantined_and_the_run_goes_on(tmp_path):
    src = write_reports(tmp_path / "src", ["helan_2024.txt", "huinong_2023.txt"])
    (src / "broken.txt").write_bytes(bytes(range(0x80, 0x100)) * 10)
    (src / "blank.txt").write_text(" \n\n \n", encoding="utf-8")
    (src / "fake.pdf").write_bytes(b"%PDF-1.7\n this is no PDF at all")
    wh, store = tmp_path / "w.duckdb", tmp_path / "store"

    meta = materialize_all(src, wh, store=store)
    assert (meta["documents"], meta["quarantined"]) == (2, 3)
    reasons = dict(table(wh, "SELECT source_path, reason FROM quarantine"))
    assert reasons.keys() == {"broken.txt", "blank.txt", "fake.pdf"}
    assert reasons["broken.txt"] == "undecodable" and reasons["blank.txt"] == "empty"
    assert reasons["fake.pdf"] in {"corrupt", "unreadable"}
    want = sum(len(extract_mentions(read_document(src / n))) for n in ("helan_2024.txt", "huinong_2023.txt"))
    assert table(wh, "SELECT count(*) FROM fact_mention") == [(want,)]

    # The fixed file is a new document (new content): it leaves quarantine on the next run.
    (src / "broken.txt").write_text(REPORTS["yongning_2024.txt"], encoding="utf-8")
    meta = materialize_all(src, wh, store=store)
    assert (meta["documents"], meta["quarantined"]) == (3, 2)
    assert "broken.txt" not in dict(table(wh, "SELECT source_path, reason FROM quarantine"))
    assert ("broken",) in table(wh, "SELECT doc_id FROM dim_document")


def long_pdfs(folder, n: int = 2, pages: int = 20):
    """``n`` PDFs of ``pages`` pages of a report each (pages that cost real CPU time to read)."""
    from tests.hostile.corpus import text_pdf

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = REPORTS["helan_2024.txt"].replace("2024", str(2010 + i))
        (folder / f"long_{i}.pdf").write_bytes(text_pdf(text, pages=pages))
    return folder


def test_a_document_over_the_time_limit_is_quarantined_as_timeout(tmp_path):
    src = long_pdfs(tmp_path / "src")
    meta = materialize_all(src, tmp_path / "w.duckdb", store=tmp_path / "store", page_cpu_seconds=0.001)
    assert (meta["documents"], meta["quarantined"]) == (0, 2)
    rows = table(tmp_path / "w.duckdb", "SELECT reason, message FROM quarantine")
    assert {r[0] for r in rows} == {"timeout"}
    assert all("CPU time on one page" in m and "CSTATS_LIMIT_PAGE_CPU_SECONDS" in m for _, m in rows)
