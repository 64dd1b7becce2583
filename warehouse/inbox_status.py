"""What the inbox sensor leaves waiting, written beside the warehouse for the data-quality page.

The sensor (pipelines/defs/sensors.py) rewrites ``inbox_status.json`` in the warehouse's folder at
every tick: the files it saw but did not pick up yet (still being copied, or named as a partial
copy), with the reason and how long ago they last changed. The dashboard only reads it.
"""

import json
import os
import tempfile
from pathlib import Path

STATUS_NAME = "inbox_status.json"
LISTED = 500  # files listed by name; the counts cover all of them


def status_path(warehouse: Path) -> Path:
    return Path(warehouse).parent / STATUS_NAME


def write_status(warehouse: Path, status: dict) -> None:
    """Write ``status`` (``checked_at``, ``settle_seconds``, ``waiting``: rows of ``source_path``,
    ``reason``, ``seconds_since_change``) atomically."""
    path = status_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    status = dict(
        status, waiting_total=len(status.get("waiting", [])), waiting=status.get("waiting", [])[:LISTED]
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(status, fh, ensure_ascii=False)
    os.replace(tmp, path)


def read_status(warehouse: Path) -> dict | None:
    """The last tick's status, or None when no sensor has written one."""
    try:
        return json.loads(status_path(warehouse).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
