"""The committee-stats warehouse. ``warehouse.connect()`` opens the latest publish read-only."""

from __future__ import annotations


def connect(path=None):
    """A read-only connection to the latest publish (see :func:`warehouse.read.connect`)."""
    from warehouse.read import connect as _connect

    return _connect(path)
