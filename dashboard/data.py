"""The dashboard's access to the warehouse: one cached read-only Warehouse per file, cached answers.

Answers are cached per (file, version): a publish swaps the file, its version changes, and the
next question reads the new warehouse.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import streamlit as st

from warehouse.read import DEFAULT_WAREHOUSE, Warehouse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "sources" / "samples"


def warehouse_path() -> Path:
    return Path(os.environ.get("CSTATS_WAREHOUSE", DEFAULT_WAREHOUSE))


def sources_dir() -> Path:
    return Path(os.environ.get("CSTATS_SOURCES", SAMPLES))


@st.cache_resource
def warehouse(path: str) -> Warehouse:
    return Warehouse(path)


def current() -> Warehouse:
    return warehouse(str(warehouse_path()))


@st.cache_data(show_spinner=False, max_entries=512)
def _answer(path: str, version: str, question: str, args: tuple):
    return getattr(warehouse(path), question)(*args)


def ask(question: str, *args):
    """``Warehouse.<question>(*args)``, cached until the next publish. Lists become tuples."""
    wh = current()
    args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
    return _answer(str(wh.path), wh.version(), question, args)


@functools.cache
def _sample_hashes(folder: str) -> frozenset[str]:
    out = set()
    for p in Path(folder).rglob("*"):
        if p.is_file() and p.suffix.lower() in {".txt", ".pdf", ".html", ".htm", ".docx"}:
            out.add(hashlib.sha256(p.read_bytes()).hexdigest())
    return frozenset(out)


def shows_sample_data() -> bool:
    """True when any document of the warehouse is a file of the bundled sample corpus."""
    return bool(_sample_hashes(str(SAMPLES)) & set(ask("document_hashes")))
