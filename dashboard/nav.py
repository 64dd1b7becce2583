"""The pages of the dashboard and links between them (filters carried in the link's query string)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard import filters
from dashboard.i18n import t

_KEY = "_pages"


def build(lang: str) -> list:
    """The pages, as files under dashboard/views/ (each runs its ``render()`` when opened)."""
    pages = {
        "compare": st.Page(
            "views/compare.py", title=t("page_compare", lang), url_path="compare", default=True
        ),
        "committee": st.Page("views/committee.py", title=t("page_committee", lang), url_path="committee"),
        "provenance": st.Page("views/provenance.py", title=t("page_provenance", lang), url_path="provenance"),
        "quality": st.Page("views/quality.py", title=t("page_quality", lang), url_path="quality"),
    }
    st.session_state[_KEY] = pages
    return list(pages.values())


def link(page: str, label: str, container: Any = None, **changes: Any) -> None:
    """A link to ``page`` that keeps every filter in force (with ``changes`` applied)."""
    (container or st).page_link(
        st.session_state[_KEY][page], label=label, query_params=filters.carried(**changes)
    )


def lang() -> str:
    return filters.get("lang") or "zh"


def sections(page: str, parts: dict[str, Callable[[], None]], lang: str) -> None:
    """The page's sections as tabs, the first open. Only the open tab is computed and sent to the
    browser; opening another reruns the page with that one (a page load draws one section, not all)."""
    labels = list(parts)
    # keyed by language: the labels are the tabs' identity, so a language switch opens the first
    tabs = st.tabs(labels, key=f"tabs_{page}_{lang}", on_change="rerun")
    for label, tab in zip(labels, tabs, strict=True):
        if tab.open:
            with tab:
                parts[label]()
