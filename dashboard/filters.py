"""Filters live in the URL (st.query_params) so a view can be shared.

Streamlit clears the query string when the user switches pages, so the last value of each filter
is also remembered in the session and written back to the URL of the next page; links between
pages pass them explicitly (``carried()``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

KEYS = ("lang", "region", "city", "category", "metric", "basis", "years", "committee", "year")
_MEMORY = "_filters"
_BAD = "_bad_link"


def bad_links() -> list[tuple[str, str, str]]:
    """(label, value asked for, value used) of every link value this run could not honour."""
    return st.session_state.setdefault(_BAD, [])


def _reject(label: str, asked: str, used: str) -> None:
    bad_links().append((label, asked, used))


# Filters whose values have a fixed form: a link with anything else gets a visible message on every
# page, and the value is dropped (never silently read as a default).
_FORMS = {
    "year": r"\d{4}",
    "years": r"\d{4}(,\d{4})*",
    "region": r"\d{6}",
    "city": r"\d{6}",
    "committee": r"\d{6}",
    "basis": r"total|per_100",
    "lang": r"zh|en",
}


def check_forms(label: Callable[[str], str]) -> None:
    """Drop every filter of the URL whose value does not have its form (``year=abc``), each with a
    message naming it (``label``: the filter's name in the reader's language)."""
    for name, form in _FORMS.items():
        value = st.query_params.get(name)
        if value in (None, "") or re.fullmatch(form, value):
            continue
        del st.query_params[name]
        _memory().pop(name, None)
        bad_links().append((label(name), value, ""))


def _memory() -> dict[str, str]:
    return st.session_state.setdefault(_MEMORY, {})


def get(name: str) -> str | None:
    """The filter's value from the URL, else the one remembered from another page."""
    value = st.query_params.get(name)
    return value if value not in (None, "") else _memory().get(name)


def put(name: str, value: Any) -> None:
    if value is None or value == "" or value == []:
        _memory().pop(name, None)
        if name in st.query_params:
            del st.query_params[name]
        return
    text = ",".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
    _memory()[name] = text
    if st.query_params.get(name) != text:
        st.query_params[name] = text


def carried(**changes: Any) -> dict[str, str]:
    """Every filter in force, with ``changes`` applied: query params for a link to another page."""
    out = {k: v for k in KEYS if (v := get(k))}
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = ",".join(map(str, v)) if isinstance(v, list | tuple) else str(v)
    return out


def restore_url() -> None:
    """After a page switch the URL is empty: put the remembered filters back into it."""
    for k, v in _memory().items():
        if k not in st.query_params:
            st.query_params[k] = v


def from_outside(name: str) -> bool:
    """The URL holds a value this session did not write: a shared link or a link from another page."""
    url = st.query_params.get(name)
    return url not in (None, "") and url != _memory().get(name)


def select(
    page: str,
    label: str,
    options: Sequence,
    name: str,
    *,
    format_func: Callable[[Any], str] = str,
    default: Any = None,
    container: Any = None,
    radio: bool = False,
) -> Any:
    """A selectbox (or horizontal radio) on ``page`` whose value is kept in the URL under ``name``."""
    container = container or st
    options = list(options)
    if not options:
        put(name, None)
        return None
    by_text = {str(o): o for o in options}
    key = f"filter_{page}_{name}"  # one widget per page: widget state never leaks between pages
    asked = get(name)
    wanted = by_text.get(asked) if asked else None
    if key not in st.session_state or st.session_state[key] not in options or from_outside(name):
        st.session_state[key] = (
            wanted if wanted is not None else (default if default in options else options[0])
        )
        if asked and wanted is None and from_outside(name):  # a link naming something without data
            _reject(label, asked, format_func(st.session_state[key]))
    if radio:
        value = container.radio(label, options, format_func=format_func, key=key, horizontal=True)
    else:
        value = container.selectbox(label, options, format_func=format_func, key=key)
    put(name, value)
    return value


def multiselect(
    page: str,
    label: str,
    options: Sequence,
    name: str,
    *,
    default: Sequence = (),
    placeholder: str = "",
    container: Any = None,
) -> list:
    """A multiselect whose values are kept in the URL under ``name`` (comma-separated).

    Values of a link that are not among the options are dropped with a warning; when none is
    left, the default is used.
    """
    options = list(options)
    by_text = {str(o): o for o in options}
    key = f"filter_{page}_{name}"  # one widget per page: widget state never leaks between pages
    raw = get(name)
    asked = [v for v in raw.split(",") if v] if raw else []
    wanted = [by_text[v] for v in asked if v in by_text] or None
    stale = key not in st.session_state or any(v not in options for v in st.session_state[key])
    if stale or from_outside(name):
        st.session_state[key] = wanted if wanted is not None else [d for d in default if d in options]
        unknown = [v for v in asked if v not in by_text]
        if unknown and from_outside(name):
            _reject(label, ",".join(unknown), ", ".join(map(str, st.session_state[key])))
    value = (container or st).multiselect(label, options, key=key, placeholder=placeholder or None)
    put(name, value)
    return value
