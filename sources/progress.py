"""Page progress of the document being read, for the reading child's limits (sources/guarded.py).

A reader wraps its page loop in :func:`pages`; in the reading child each page started is reported
to the parent, which budgets CPU time per page (not the wall-clock time of the whole document) and
lets a document that keeps finishing pages go on. Outside the reading child nothing is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_report: Callable[[int, int | None], None] | None = None


def report_to(callback: Callable[[int, int | None], None] | None) -> None:
    """Send each page started (1-based, with the page count when known) to ``callback``
    (None: report nothing)."""
    global _report
    _report = callback


def page_started(number: int, total: int | None = None) -> None:
    if _report is not None:
        _report(number, total)


def pages(items: Iterable[T], total: int | None = None) -> Iterator[T]:
    """``items`` unchanged, reporting the start of page 1, 2, ... as each one is taken."""
    for number, item in enumerate(items, 1):
        page_started(number, total)
        yield item
