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
