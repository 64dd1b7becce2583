"""committee-stats dashboard (Streamlit). Reads the warehouse read-only, never writes."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # `streamlit run` does not add the project root

from dashboard import filters, nav
from dashboard.data import ask, shows_sample_data
from dashboard.i18n import LANGUAGES, t
from warehouse.read import WarehouseMissing


def main() -> None:
    st.set_page_config(page_title="政协履职数据 committee-stats", layout="wide")
    filters.bad_links().clear()
    filters.restore_url()
    lang = filters.select(
        "app",
        "语言 / Language",
        list(LANGUAGES),
        "lang",
        format_func=LANGUAGES.get,
        container=st.sidebar,
        radio=True,
    )
    st.title(t("app_title", lang))
    try:
        last = ask("last_publish")
    except WarehouseMissing:
        st.error(t("no_warehouse", lang))
        return
    if shows_sample_data():
        st.warning(t("sample_notice", lang))
    if last:
        st.sidebar.caption(
            f"{t('last_publish', lang)}: {last['published_at']:%Y-%m-%d %H:%M} UTC  \n"
            f"{t('extractor_version', lang)}: {last['extractor_version']}"
        )
    warnings = st.container()  # above the page: filled once the page has read its filters
    st.navigation(nav.build(lang)).run()
    for label, asked, used in filters.bad_links():
        warnings.warning(t("bad_link", lang).format(what=label, asked=asked, used=used))


main()
