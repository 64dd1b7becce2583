"""The `cstats` command as a user runs it: a real subprocess, real files."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

CSTATS = [str(Path(sys.executable).with_name("cstats"))]


def run(*args, **kw):
    return subprocess.run(CSTATS + list(args), capture_output=True, text=True, timeout=120, **kw)


def test_missing_file_is_one_line_no_traceback(tmp_path):
    r = run("extract", str(tmp_path / "nope.txt"))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "no such file" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_unknown_format(tmp_path):
    p = tmp_path / "report.docz"
    p.write_text("x", encoding="utf-8")
    r = run("text", str(p))
    assert r.returncode != 0 and "unsupported file type" in r.stderr and "Traceback" not in r.stderr


def test_undecodable_file(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 10)
    r = run("extract", str(p))
    assert r.returncode != 0 and "bad.txt" in r.stderr and "Traceback" not in r.stderr


def test_extract_keeps_going_after_a_bad_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("平罗县政协2024年工作综述\n\n全年共收到提案136件。\n", encoding="utf-8")
    r = run("extract", str(tmp_path / "missing.txt"), str(good))
    assert r.returncode == 1
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(m["value"], m["unit"], m["metric"]) for m in rows] == [(136, "件", "proposals.received")]


def test_text_prints_blocks_separated_by_one_blank_line(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("标题\n\n第一段，\n接着写。\n\n\n\n第二段。\n", encoding="utf-8")
    r = run("text", str(p))
    assert r.returncode == 0
    assert r.stdout == "标题\n\n第一段，接着写。\n\n第二段。\n"


def test_text_json(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("标题\n\n正文。\n", encoding="utf-8")
    out = json.loads(run("text", "--json", str(p)).stdout)
    blocks = out["articles"][0]["blocks"]
    assert [b["role"] for b in blocks] == ["headline", "body"]
    assert blocks[1]["char_start"] == 4 and blocks[1]["text"] == "正文。"


def test_run_rejects_a_missing_sources_folder(tmp_path):
    r = run("run", "--sources", str(tmp_path / "none"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert r.returncode != 0 and "sources folder not found" in r.stderr and "Traceback" not in r.stderr


def test_run_publishes_and_quarantines(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent.parent / "sources" / "samples", src)
    (src / "broken.txt").write_bytes(bytes(range(0x80, 0x100)) * 10)
    wh = tmp_path / "w.duckdb"
    r = run("run", "--sources", str(src), "--warehouse", str(wh))
    assert r.returncode == 0, r.stderr
    assert "1 quarantined" in r.stdout
    import duckdb

    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT source_path, reason FROM quarantine").fetchall() == [
        ("broken.txt", "undecodable")
    ]
    assert (
        con.execute("SELECT count(*) FROM dim_document").fetchall()[0][0]
        == len([p for p in src.iterdir() if p.suffix in (".txt", ".pdf", ".html", ".docx")]) - 1
    )
