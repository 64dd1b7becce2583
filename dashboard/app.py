"""committee-stats dashboard (Streamlit). Reads the warehouse read-only, never writes."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # `streamlit run` does not add the project root

from dashboard.data import current
from dashboard.i18n import LANGUAGES, t
from dashboard.views import compare
from warehouse.read import WarehouseMissing


def main() -> None:
    st.set_page_config(page_title="政协履职数据 committee-stats", layout="wide")
    lang = st.sidebar.radio(
        "语言 / Language", list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True
    )
    st.title(t("app_title", lang))
    st.warning(t("sample_notice", lang))
    try:
        last = current().last_publish()
    except WarehouseMissing:
        st.error(t("no_warehouse", lang))
        return
    if last:
        st.sidebar.caption(f"{t('last_publish', lang)}: {last['published_at']:%Y-%m-%d %H:%M} UTC")
    pages = [st.Page(compare.render, title=t("page_compare", lang), url_path="compare", default=True)]
    st.navigation(pages).run()


main()
