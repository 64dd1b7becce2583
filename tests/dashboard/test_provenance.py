"""Provenance when sources disagree and when they are PDFs: a warehouse published from two documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.evidence import page_image
from dashboard.figures import fmt, unit_of
from warehouse.publish import publish
from warehouse.safe_paths import UnsafePath, resolve_under

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
BBOX = [40.0, 60.0, 200.0, 90.0]


def blank_pdf(path: Path, pages: int = 2) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(300, 400)
    pdf.save(str(path))
    pdf.close()
    return path.read_bytes()


@pytest.fixture(scope="module")
def disagreeing(tmp_path_factory) -> tuple[Path, Path]:
    """Two reports of one committee's 2024 proposals: a PDF says 120, a text says 118."""
    root = tmp_path_factory.mktemp("disagree")
    sources = root / "sources"
    (sources / "papers").mkdir(parents=True)
    pdf_bytes = blank_pdf(sources / "papers" / "report.pdf")
    text = "全年共收到提案118件。".encode()
    (sources / "note.txt").write_bytes(text)
    docs = [
        (
            "report",
            hashlib.sha256(pdf_bytes).hexdigest(),
            "papers/report.pdf",
            "application/pdf",
            "年度报告",
            2,
        ),
        ("note", hashlib.sha256(text).hexdigest(), "note.txt", "text/plain", "简讯", None),
    ]
    documents = pl.DataFrame(
        [{"doc_id": d, "sha256": s, "source_path": p, "media_type": m, "title": ti, "pages": pg, "chars": 20,
          "mentions": 1, "extractor_version": "test", "status": "loaded"} for d, s, p, m, ti, pg in docs]
    )  # fmt: skip
    common = {"unit": "件", "qualifier": "exact", "category_code": "proposals", "metric_code": "proposals.received",
              "committee_name": "平罗县政协", "committee_code": "640221", "level": "county",
              "period_start": 2024, "period_end": 2024}  # fmt: skip
    mentions = pl.DataFrame(
        [
            common
            | {
                "sha256": docs[0][1],
                "doc_id": "report",
                "char_start": 7,
                "char_end": 11,
                "surface": "120件",
                "value": 120.0,
                "page": 2,
                "bbox": BBOX,
                "sentence": "全年共收到提案120件。",
            },
            common
            | {
                "sha256": docs[1][1],
                "doc_id": "note",
                "char_start": 7,
                "char_end": 11,
                "surface": "118件",
                "value": 118.0,
                "page": None,
                "bbox": None,
                "sentence": "全年共收到提案118件。",
            },
        ]  # fmt: skip
    )
    wh = root / "wh" / "committee_stats.duckdb"
    publish(wh, documents, mentions, extractor_version="test")
    return wh, sources


@pytest.fixture
def app(disagreeing, monkeypatch):
    wh, sources = disagreeing
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(wh))
    monkeypatch.setenv("CSTATS_SOURCES", str(sources))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for k, v in {"committee": "640221", "metric": "proposals.received", "year": "2024"}.items():
        at.query_params[k] = v
    return at.switch_page("views/provenance.py")


PIECES = unit_of(["件"])  # proposals.received


def test_disagreeing_sources_side_by_side_with_the_choice_explained(app, disagreeing):
    import duckdb

    app.run()
    assert not app.exception
    con = duckdb.connect(str(disagreeing[0]), read_only=True)
    value, qualifier, alternatives = con.execute(
        "SELECT value, qualifier, alternatives FROM fact_committee_metric_period"
    ).fetchone()
    con.close()
    assert app.metric[0].value == fmt(value, PIECES, qualifier, with_unit=True)
    assert any("来源不一致" in w.value and "采用规则" in w.value for w in app.warning)
    side = {m.label: m.value for m in app.metric[1:]}
    assert sorted(side.values()) == sorted(fmt(v, PIECES, with_unit=True) for v in [value, *alternatives])
    chosen = [label for label, v in side.items() if label.startswith("采用")]
    assert len(chosen) == 1 and side[chosen[0]] == fmt(value, PIECES, qualifier, with_unit=True)


def test_pdf_mention_shows_its_page_with_the_box(app):
    app.run()
    images = app.image
    assert len(images) == 1  # the PDF mention only; the text mention has no page
    assert images[0].captions == ["年度报告 · 页 2"]
    assert any("<mark><b>118件</b></mark>" in m.value for m in app.markdown)


def test_the_box_marks_the_number_not_its_paragraph():
    from dashboard.evidence import number_box

    samples = Path(__file__).resolve().parents[2] / "sources" / "samples"
    block = [188.55, 115.96, 406.45, 130.26]  # a line of helanshan_20250114_p2.pdf page 1
    ((x0, top, x1, bottom),) = number_box(samples / "helanshan_20250114_p2.pdf", 1, block, "100%")
    assert block[0] < x0 < x1 <= block[2] + 1 and x1 - x0 < (block[2] - block[0]) / 4
    assert number_box(samples / "helanshan_20250114_p2.pdf", 1, block, "987654件") is None


def test_page_image_draws_the_bbox(tmp_path):
    pdf = tmp_path / "one.pdf"
    blank_pdf(pdf, pages=1)
    image = page_image(pdf, 1, BBOX)
    scale = image.width / 300
    x0, top, _, bottom = (v * scale for v in BBOX)
    assert image.getpixel((int(x0) - 2, int((top + bottom) / 2)))[:3] == (220, 0, 0)  # left edge of the box
    assert image.getpixel((int(x0) + 20, int((top + bottom) / 2)))[:3] == (255, 255, 255)  # inside: the page
    with pytest.raises(ValueError):
        page_image(pdf, 2, BBOX)


def test_source_paths_never_escape_their_folder(tmp_path):
    (tmp_path / "sources" / "a").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "sources" / "link").symlink_to(tmp_path / "secret.txt")
    assert resolve_under(tmp_path / "sources", "a/b.pdf") == (tmp_path / "sources" / "a" / "b.pdf").resolve()
    for bad in ("../secret.txt", "/etc/passwd", "a/../../secret.txt", "link"):
        with pytest.raises(UnsafePath):
            resolve_under(tmp_path / "sources", bad)


def test_a_correction_is_stored_outside_the_warehouse_and_shows_after_the_next_publish(
    disagreeing, tmp_path, monkeypatch
):
    import duckdb

    from warehouse.overrides import list_overrides

    wh, sources = disagreeing
    copy = tmp_path / "wh" / "committee_stats.duckdb"
    copy.parent.mkdir()
    copy.write_bytes(wh.read_bytes())
    store = tmp_path / "overrides.jsonl"
    monkeypatch.setenv("CSTATS_WAREHOUSE", str(copy))
    monkeypatch.setenv("CSTATS_SOURCES", str(sources))
    monkeypatch.setenv("CSTATS_OVERRIDES", str(store))
    reviewers = tmp_path / "reviewers.yaml"
    reviewers.write_text(
        "reviewers:\n  - name: 审核员甲\n  - {name: 审核员乙, role: 信息科}\n", encoding="utf-8"
    )
    monkeypatch.setenv("CSTATS_REVIEWERS", str(reviewers))
    before = copy.read_bytes()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for k, v in {"committee": "640221", "metric": "proposals.received", "year": "2024"}.items():
        at.query_params[k] = v
    at.switch_page("views/provenance.py").run()
    # review the text mention (118件): correct it to 119
    assert not [r for r in at.radio if r.options == ["确认", "更正", "驳回"]]  # forms made when opened
    mention = 1 if "118件" in at.markdown[-1].value else 0
    at.session_state[f"review_open_{mention}"] = True  # open its review
    at.run()
    (radio,) = [r for r in at.radio if r.options == ["确认", "更正", "驳回"]]
    radio.set_value("correct")
    at.number_input[0].set_value(119.0)
    (who,) = [b for b in at.selectbox if b.label == "核对人"]
    assert who.options == ["审核员甲", "审核员乙"]  # named from the configured list, not free text
    who.set_value("审核员甲")
    at.text_input[0].input("原文核对")
    at.button[0].click().run()
    assert not at.exception
    assert any("下次发布后生效" in s.value for s in at.success)
    assert copy.read_bytes() == before  # the dashboard never writes the DuckDB file
    (record,) = list_overrides(store).to_dicts()
    assert (record["action"], record["value"], record["who"]) == ("correct", 119.0, "审核员甲")

    con = duckdb.connect(str(wh), read_only=True)
    documents = con.sql("SELECT * FROM dim_document").pl()
    mentions = con.sql("SELECT * FROM fact_mention").pl()
    con.close()
    publish(copy, documents, mentions, extractor_version="test", overrides=store)
    at.run()
    con = duckdb.connect(str(copy), read_only=True)
    value, qualifier, corrected = con.execute(
        "SELECT value, qualifier, corrected FROM fact_committee_metric_period"
    ).fetchone()
    con.close()
    assert corrected and value == 119.0  # a person's correction wins reconciliation
    assert at.metric[0].value == fmt(value, PIECES, qualifier, corrected, with_unit=True)
    assert at.metric[0].value.endswith("✎") and "已人工更正" in at.metric[0].label
    (note,) = [i.value for i in at.info if "人工核对结果" in i.value]
    when = f"{record['created_at']:%Y-%m-%d %H:%M}"
    assert "审核员甲" in note and "原文核对" in note and when in note  # who, why, when
    assert "原值 118件 → 更正为 119件✎" in note  # the old value and the new one
