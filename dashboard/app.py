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
from dashboard.i18n import LANGUAGES, colon, strings, t
from warehouse.read import WarehouseMissing

# Layout and links: the first chart high on a 1366x768 laptop, links that look like links.
STYLE = """<style>
[data-testid=stMainBlockContainer] { padding-top: 3.8rem; }
[data-testid=stPageLink] a p { color: #1f5fa8; text-decoration: underline; }
[data-testid=stPageLink] a:hover p { color: #0b3d75; }
</style>"""

# Streamlit's own English strings, replaced in the Chinese interface (a constant script of this
# module, no user input): exact texts, and messages by their beginning.
TRANSLATE = """<script>
(() => {
  const exact = %(exact)s, prefixes = %(prefixes)s;
  window.cstatsStrings = {exact, prefixes};
  if (window.cstatsObserver) return;
  const fix = node => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const {exact, prefixes} = window.cstatsStrings;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue.trim();
      if (!text) continue;
      if (exact[text]) { n.nodeValue = exact[text]; continue; }
      for (const [start, zh] of prefixes) if (text.startsWith(start)) { n.nodeValue = zh; break; }
    }
  };
  window.cstatsObserver = new MutationObserver(() => fix(document.body));
  window.cstatsObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
  fix(document.body);
})();
</script>"""


def streamlit_strings(lang: str) -> None:
    import json

    exact, prefixes = {}, []
    if lang != "en":
        for entry in strings("streamlit_strings"):
            if entry.get("prefix"):
                prefixes.append([entry["en"], entry[lang]])
            else:
                exact[entry["en"]] = entry[lang]
    script = TRANSLATE % {
        "exact": json.dumps(exact, ensure_ascii=False),
        "prefixes": json.dumps(prefixes, ensure_ascii=False),
    }
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)


def main() -> None:
    st.set_page_config(page_title="政协履职数据 committee-stats", layout="wide")
    st.html(STYLE)
    filters.bad_links().clear()
    filters.restore_url()
    lang0 = st.query_params.get("lang") or filters.get("lang") or "zh"
    filters.check_forms(lambda name: t(f"filter_{name}", lang0 if lang0 in LANGUAGES else "zh"))
    lang = filters.select(
        "app",
        "语言 / Language",
        list(LANGUAGES),
        "lang",
        format_func=LANGUAGES.get,
        container=st.sidebar,
        radio=True,
    )
    streamlit_strings(lang)
    st.sidebar.markdown(f"**{t('app_title', lang)}**")
    try:
        last = ask("last_publish")
    except WarehouseMissing:
        st.error(t("no_warehouse", lang))
        return
    if shows_sample_data():
        st.warning(t("sample_notice", lang))
    if last:
        st.sidebar.caption(
            f"{t('last_publish', lang)}{colon(lang)}{last['published_at']:%Y-%m-%d %H:%M} UTC  \n"
            f"{t('extractor_version', lang)}{colon(lang)}{last['extractor_version']}"
        )
    warnings = st.container()  # above the page: filled once the page has read its filters
    st.navigation(nav.build(lang)).run()
    for label, asked, used in filters.bad_links():
        key = "bad_link" if used else "bad_form"
        warnings.warning(t(key, lang).format(what=label, asked=asked, used=used))


main()
