"""The DOCX reader on Word files written here with python-docx: heading levels, tables whose cells
take their metric from the row and column headers, merged cells, and the unsupported legacy formats."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from pipelines.extract import extract_mentions
from pipelines.run.collect import process_document
from sources import SourceError, read_document
from sources.scan import file_sha256, list_sources


def _report(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("政协平罗县委员会2024年提案工作情况报告", style="Title")
    d.add_paragraph("一、提案提交情况", style="Heading 1")
    d.add_paragraph("2024年，县政协共收到提案186件，经审查立案172件。")
    d.add_paragraph("（一）办理情况", style="Heading 2")
    d.add_paragraph("委员捐款捐物情况见下表。")
    t = d.add_table(rows=5, cols=3)
    rows = [
        ["项目", "2023年", "2024年"],
        ["收到提案（件）", "160", "186"],
        ["立案（件）", "151", "172"],
        ["委员捐款捐物（万元）", "20.5", "2.3"],
        ["办结率（%）", "100", "99.5"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    m = d.add_table(rows=3, cols=3)  # a breakdown with a merged label cell
    m.cell(0, 0).text, m.cell(0, 1).text, m.cell(0, 2).text = "类别", "立案数（件）", "占比"
    m.cell(1, 0).text, m.cell(1, 1).text, m.cell(1, 2).text = "经济建设", "80", "46.5%"
    merged = m.cell(2, 1).merge(m.cell(2, 2))
    m.cell(2, 0).text, merged.text = "社会事业", "92"
    d.add_paragraph("（本文为测试数据）")
    d.save(path)
    return path


def test_headings_and_table_structure(tmp_path):
    doc = read_document(_report(tmp_path / "pingluo_2024_tables.docx"))
    assert doc.media_type.endswith("wordprocessingml.document")
    roles = [(b.role, b.level, b.path) for b in doc.blocks]
    assert roles[:5] == [
        ("headline", None, "body/p[1]"),
        ("heading", 1, "body/p[2]"),
        ("body", None, "body/p[3]"),
        ("heading", 2, "body/p[4]"),
        ("body", None, "body/p[5]"),
    ]
    assert [b.path for b in doc.blocks if b.role == "table"] == ["body/tbl[1]", "body/tbl[2]"]
    assert doc.metadata["title"] == "政协平罗县委员会2024年提案工作情况报告"
    first, second = doc.tables
    assert [doc.display_text[c.start : c.end] for c in first.rows[3]] == [
        "委员捐款捐物（万元）",
        "20.5",
        "2.3",
    ]
    # the merged figure cell is kept once, so its figure is not counted twice
    assert [doc.display_text[c.start : c.end] for c in second.rows[2]] == ["社会事业", "92", ""]


def test_statistics_table_cells_take_their_metric_from_the_headers(tmp_path):
    doc = read_document(_report(tmp_path / "pingluo_2024_tables.docx"))
    cells = [m for m in extract_mentions(doc) if doc.locate(m.char_start).role == "table"]
    got = [(m.surface, m.value, m.unit, m.metric, m.period_start) for m in cells]
    assert got == [
        ("160", 160, "件", "proposals.received", 2023),
        ("186", 186, "件", "proposals.received", 2024),
        ("151", 151, "件", "proposals.accepted", 2023),
        ("172", 172, "件", "proposals.accepted", 2024),
        ("20.5", 205000, "元", "member_services.donations", 2023),
        ("2.3", 23000, "元", "member_services.donations", 2024),
        ("100", 100, "%", "proposals.resolution_rate", 2023),
        ("99.5", got[7][1], "%", "proposals.resolution_rate", 2024),
        ("80", 80, "件", None, 2024),  # a breakdown (类别): category only; 占比 is a share, not a mention
        ("92", 92, "件", None, 2024),
    ]
    assert str(got[7][1]) == "99.5" and not isinstance(got[7][1], float)
    assert all(m.committee_code == "640221" for m in cells)  # the headline names 平罗县
    assert cells[0].sentence == "收到提案（件）、2023年：160"


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_legacy_word_is_quarantined_as_unsupported(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert list_sources(tmp_path) == [path]  # found by the scan, so it gets a quarantine record
    with pytest.raises(SourceError) as e:
        read_document(path)
    assert e.value.reason == "unsupported" and ".docx" in str(e.value)
    result = process_document(tmp_path, name, file_sha256(path), 30)
    assert result.status == "quarantined" and result.quarantine["reason"] == "unsupported"


def test_corrupt_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError) as e:
        read_document(path)
    assert e.value.reason == "corrupt"
