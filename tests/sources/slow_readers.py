"""Readers for the reading child's limit tests (sources/guarded.py): each reports pages through
sources.progress as a real reader does, then spends CPU or waits."""

import os
import signal
import time
from pathlib import Path

from sources import progress
from sources.text_reader import read_text


def _spin(seconds: float) -> None:
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def pages_of_cpu(path: str):
    """Five pages of 0.3 s of CPU each (a document that keeps finishing pages), then the text."""
    for _ in progress.pages(range(5), 5):
        _spin(0.3)
    return read_text(Path(path))


def one_endless_page(path: str):
    """Page 2 of 3 never ends: it burns CPU for good (a parser loop)."""
    for number in progress.pages(range(3), 3):
        _spin(0.05 if number == 0 else 3600)
    return read_text(Path(path))


def pid(path: str):
    """The text, its title the pid of the child that read it."""
    doc = read_text(Path(path))
    doc.metadata["title"] = str(os.getpid())
    return doc


def killed(path: str):
    """The child killed by SIGKILL on page 1 (what the kernel's OOM killer does)."""
    for _ in progress.pages(range(2), 2):
        os.kill(os.getpid(), signal.SIGKILL)
    return read_text(Path(path))
