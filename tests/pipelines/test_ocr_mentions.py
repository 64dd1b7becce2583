"""A scanned page through the whole pipeline: its mentions reach fact_mention with their OCR
confidence; text documents' mentions keep it null."""

import shutil
from pathlib import Path

import duckdb

from pipelines.run.materialize import materialize_all

from .conftest import write_reports

SCAN = Path(__file__).parents[1] / "sources" / "pdf" / "chromium" / "c6_a4_3col_scan.pdf"


def test_ocr_confidence_reaches_the_warehouse(tmp_path):
    src = write_reports(tmp_path / "src", ["helan_2024.txt"])
    shutil.copy(SCAN, src / SCAN.name)
    wh = tmp_path / "w.duckdb"
    meta = materialize_all(src, wh, store=tmp_path / "store", document_seconds=600, workers=1)
    assert meta["quarantined_by_reason"] == {}  # the scan is read, not quarantined (e.g. memory_limit)
    con = duckdb.connect(str(wh), read_only=True)
    try:
        rows = con.sql(
            "SELECT doc_id, count(*), min(ocr_confidence), max(ocr_confidence), count(ocr_confidence) "
            "FROM fact_mention GROUP BY doc_id ORDER BY doc_id"
        ).fetchall()
        comment = con.sql(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'fact_mention' "
            "AND column_name = 'ocr_confidence'"
        ).fetchall()
    finally:
        con.close()
    scan, text = rows
    assert (
        scan[0] == "c6_a4_3col_scan"
        and scan[1] >= 8
        and 0.5 <= scan[2] <= scan[3] <= 1
        and scan[4] == scan[1]
    )
    assert text[0] == "helan_2024" and text[1] > 0 and text[4] == 0
    assert "OCR" in comment[0][0]
