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


SLOW = "tests.sources.slow_readers"


def _report(tmp_path, name="report.txt"):
    p = tmp_path / name
    p.write_text("政协委员提交提案120件。\n\n全年开展调研15次。", encoding="utf-8")
    return p


def test_the_reading_child_stays_warm_across_documents(tmp_path):
    """One child reads document after document: imports and models are loaded once per child."""
    first = guarded.read_with_limit(_report(tmp_path, "a.txt"), 30, reader=f"{SLOW}:pid")
    second = guarded.read_with_limit(_report(tmp_path, "b.txt"), 30, reader=f"{SLOW}:pid")
    assert first.metadata["title"] == second.metadata["title"] == str(guarded.reading_child_pid())
    assert int(first.metadata["title"]) != os.getpid()


def test_a_page_over_its_cpu_budget_is_stopped_and_named(tmp_path):
    from sources.limits import Limits

    t0 = time.monotonic()
    with pytest.raises(ReadTimeout) as err:
        guarded.read_with_limit(
            _report(tmp_path), 600, reader=f"{SLOW}:one_endless_page", limits=Limits(page_cpu_seconds=1.0)
        )
    assert time.monotonic() - t0 < 30
    assert err.value.figures["page"] == 2 and err.value.figures["pages"] == 3
    assert "page 2 of 3" in str(err.value) and "CSTATS_LIMIT_PAGE_CPU_SECONDS" in str(err.value)
    assert guarded.reading_child_pid() is None  # killed, not left running


def test_a_document_that_keeps_finishing_pages_goes_on(tmp_path):
    """1.5 s of CPU in all, 0.3 s per page: over a 1 s whole-document budget, under the page one;
    and longer than the stall guard's 1 s of wall-clock time, which only a stuck child meets."""
    from sources.limits import Limits

    doc = guarded.read_with_limit(
        _report(tmp_path), 1.0, reader=f"{SLOW}:pages_of_cpu", limits=Limits(page_cpu_seconds=1.0)
    )
    assert "提案120件" in doc.text


def test_a_reader_killed_from_outside_is_a_memory_quarantine_and_the_next_document_reads(tmp_path):
    from sources.errors import MemoryLimit

    with pytest.raises(MemoryLimit) as err:
        guarded.read_with_limit(_report(tmp_path), 30, reader=f"{SLOW}:killed")
    assert "killed (SIGKILL) at page 1 of 2" in str(err.value)
    assert "out-of-memory" in str(err.value)
    assert "提案120件" in guarded.read_with_limit(_report(tmp_path, "next.txt"), 30).text
