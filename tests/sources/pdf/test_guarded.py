"""The per-document time limit really stops a runaway parse."""

from __future__ import annotations

import os
import time

import pytest

from sources import guarded
from sources.errors import MissingFile, ReadTimeout


def hang_forever(path: str) -> None:
    """A reader that never returns: blocks on a FIFO nobody writes (a real hang, no sleep)."""
    with open(path, "rb") as fh:
        fh.read()


def test_reads_a_document_within_the_limit(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text("政协委员提交提案120件。\n\n全年开展调研15次。", encoding="utf-8")
    doc = guarded.read_with_limit(p, 30)
    assert "提案120件" in doc.text
    assert doc.locate(doc.text.index("调研")).start > 0


def test_reader_errors_come_back_unchanged(tmp_path):
    with pytest.raises(MissingFile) as err:
        guarded.read_with_limit(tmp_path / "nope.txt", 30)
    assert err.value.path.endswith("nope.txt")


def test_a_hanging_parse_is_killed_at_the_limit(tmp_path):
    fifo = tmp_path / "stuck.pdf"
    os.mkfifo(fifo)
    t0 = time.monotonic()
    with pytest.raises(ReadTimeout) as err:
        guarded.read_with_limit(fifo, 1.5, reader=f"{__name__}:hang_forever")
    elapsed = time.monotonic() - t0
    assert err.value.reason == "timeout"
    assert 1.4 < elapsed < 10


def test_a_script_without_a_main_guard_runs_once_not_once_per_document(tmp_path):
    """multiprocessing re-runs the parent's main script in each child; the reading children must
    not (sources/detached_main.py): it costs every document the script's imports, and a script
    whose work is not under ``if __name__ == "__main__":`` would run it again in each child."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(guarded.__file__).resolve().parents[1]
    docs = []
    for i in range(3):
        docs.append(tmp_path / f"report{i}.txt")
        docs[-1].write_text(f"全年共收到提案{100 + i}件。", encoding="utf-8")
    runs = tmp_path / "runs.log"
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        f"open({str(runs)!r}, 'a').write('ran\\n')\n"
        "from sources.guarded import read_with_limit\n"
        f"for p in {[str(d) for d in docs]!r}:\n"
        "    print(read_with_limit(p, 60).text.strip())\n",
        encoding="utf-8",
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [f"全年共收到提案{100 + i}件。" for i in range(3)]
    assert runs.read_text().splitlines() == ["ran"]
