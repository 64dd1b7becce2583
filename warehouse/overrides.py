"""Corrections by people: confirm, correct or reject one extracted mention.

Overrides live OUTSIDE the warehouse file, in an append-only JSON-lines store, so the dashboard can
record a correction without ever writing the DuckDB file (which only the publisher writes). Each
line is one override; nothing is ever rewritten or deleted. The next publish loads the whole store
into the ``override`` table, applies the latest override of each mention in reconciliation (they
win), and lists overrides whose mention no longer exists in ``v_override_orphans``.

A mention is identified by its document's content hash and character span, which survive
re-extraction as long as the document's text is unchanged.

Store location: ``CSTATS_OVERRIDES`` if set, else ``overrides/overrides.jsonl`` beside the
warehouse file (``warehouse/overrides/overrides.jsonl`` for the default warehouse).

Reviewers: the people who may review, a YAML list in ``CSTATS_REVIEWERS`` if set, else
``warehouse/reference/reviewers.yaml``. The dashboard offers only them and ``add_override(...,
reviewers=...)`` refuses anyone else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import warnings
from pathlib import Path

import polars as pl
from filelock import FileLock

from warehouse.exact import POLARS_DECIMAL, dumps, from_input, loads

ACTIONS = ("confirm", "correct", "reject")
OVERRIDE_COLUMNS = {
    "override_id": pl.String, "seq": pl.Int64, "sha256": pl.String, "char_start": pl.Int32,
    "char_end": pl.Int32, "action": pl.String, "value": POLARS_DECIMAL, "who": pl.String,
    "why": pl.String, "created_at": pl.Datetime("us"),
}  # fmt: skip
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
REVIEWERS_FILE = Path(__file__).parent / "reference" / "reviewers.yaml"


class OverrideError(ValueError):
    """An override that cannot be recorded (bad action, missing value, bad span...)."""


def default_store(warehouse: str | Path | None = None) -> Path:
    """Where overrides are kept: $CSTATS_OVERRIDES, else ``overrides/overrides.jsonl`` beside the warehouse."""
    env = os.environ.get("CSTATS_OVERRIDES")
    if env:
        return Path(env)
    if warehouse is None:
        warehouse = os.environ.get("CSTATS_WAREHOUSE", Path(__file__).parent / "committee_stats.duckdb")
    return Path(warehouse).parent / "overrides" / "overrides.jsonl"


def reviewers_file() -> Path:
    """The configured list of reviewers: $CSTATS_REVIEWERS, else warehouse/reference/reviewers.yaml."""
    return Path(os.environ.get("CSTATS_REVIEWERS") or REVIEWERS_FILE)


def load_reviewers(path: str | Path | None = None) -> list[str]:
    """Names of the people who may review (``reviewers:`` list of names or of {name: ...}); [] when
    the file is missing."""
    import yaml

    file = Path(path) if path is not None else reviewers_file()
    if not file.is_file():
        return []
    with open(file, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    names = []
    for r in raw.get("reviewers", []) if isinstance(raw, dict) else []:
        name = r.get("name") if isinstance(r, dict) else r
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def _lock(store: Path) -> FileLock:
    return FileLock(str(store.with_name(store.name + ".lock")))


def _validate(sha256, char_start, char_end, action, value, who, why) -> None:
    if action not in ACTIONS:
        raise OverrideError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise OverrideError("sha256 must be 64 lowercase hex digits (the document's content hash)")
    for name, v in (("char_start", char_start), ("char_end", char_end)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise OverrideError(f"{name} must be a non-negative integer")
    if char_end <= char_start:
        raise OverrideError("char_end must be greater than char_start")
    if action == "correct":
        if value is None or isinstance(value, bool):
            raise OverrideError("a correction needs the corrected value")
        try:
            v = from_input(value)
        except (TypeError, ValueError) as e:
            raise OverrideError(
                f"corrected value must be a finite number with at most 6 decimals: {value!r}"
            ) from e
        if v < 0:
            raise OverrideError("corrected value must be a finite non-negative number")
    elif value is not None:
        raise OverrideError(f"a {action} override takes no value")
    if not (isinstance(who, str) and who.strip()):
        raise OverrideError("who must name the person making the override")
    if not (isinstance(why, str) and why.strip()):
        raise OverrideError("why must say the reason for the override")


def add_override(
    store: str | Path | None,
    *,
    sha256: str,
    char_start: int,
    char_end: int,
    action: str,
    value: float | None = None,
    who: str,
    why: str,
    reviewers: list[str] | None = None,
) -> dict:
    """Append one override to ``store`` (None: :func:`default_store`) and return the record written.

    ``action``: ``confirm`` (the extracted value is right), ``correct`` (``value`` is the right
    value, in base units), ``reject`` (not a metric mention). Raises :class:`OverrideError` on bad
    input. Safe to call from several processes at once (file lock, one line per write, fsync).
    """
    _validate(sha256, char_start, char_end, action, value, who, why)
    if reviewers is not None and who.strip() not in reviewers:
        raise OverrideError(f"{who!r} is not in the list of reviewers")
    path = Path(store) if store is not None else default_store()
    path.parent.mkdir(parents=True, exist_ok=True)
    created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    record = {
        "sha256": sha256,
        "char_start": char_start,
        "char_end": char_end,
        "action": action,
        "value": from_input(value) if value is not None else None,  # exact, never a float
        "who": who.strip(),
        "why": why.strip(),
        "created_at": created.isoformat(timespec="microseconds"),
    }
    digest = hashlib.sha256(dumps(record, sort_keys=True).encode()).hexdigest()
    record = {"override_id": digest[:16], **record}
    line = dumps(record) + "\n"
    with _lock(path):
        with open(path, "a+b") as fh:
            # A crash can leave a torn last line; start a new line so this record stays whole.
            fh.seek(0, os.SEEK_END)
            if fh.tell() > 0:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    fh.write(b"\n")
            fh.write(line.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
    return record


def list_overrides(store: str | Path | None = None) -> pl.DataFrame:
    """Every override in ``store``, oldest first (``seq`` = position in the store).

    Columns: override_id, seq, sha256, char_start, char_end, action, value, who, why, created_at.
    A line that is not a valid override (e.g. torn by a crash) is skipped with a warning.
    """
    path = Path(store) if store is not None else default_store()
    rows = []
    if path.exists():
        with _lock(path), open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                r = loads(line)
                _validate(
                    r["sha256"], r["char_start"], r["char_end"], r["action"], r["value"], r["who"], r["why"]
                )
                rows.append(
                    {
                        "override_id": str(r["override_id"]),
                        "seq": n,
                        "sha256": r["sha256"],
                        "char_start": r["char_start"],
                        "char_end": r["char_end"],
                        "action": r["action"],
                        "value": from_input(r["value"]) if r["value"] is not None else None,
                        "who": r["who"],
                        "why": r["why"],
                        "created_at": dt.datetime.fromisoformat(r["created_at"]),
                    }
                )
            except (ValueError, KeyError, TypeError) as e:
                warnings.warn(f"{path}:{n}: skipped an unreadable override ({e})", stacklevel=2)
    return pl.DataFrame(rows, schema=OVERRIDE_COLUMNS)


def find_mention(warehouse: str | Path, *, sha256: str, char_start: int, char_end: int) -> dict | None:
    """The mention an override would apply to in the live warehouse (read-only), or None."""
    import duckdb

    path = Path(warehouse)
    if not path.is_file():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        df = con.sql(
            "SELECT doc_id, surface, value, metric_code, committee_code, period_end, sentence "
            "FROM fact_mention WHERE sha256 = ? AND char_start = ? AND char_end = ?",
            params=[sha256, char_start, char_end],
        ).pl()
    finally:
        con.close()
    return df.row(0, named=True) if df.height else None
