"""来源 Provenance: the mentions behind a figure, their sentences, PDF pages, and why a value was chosen."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import corrections, filters, nav
from dashboard.data import ask, sources_dir, warehouse_path
from dashboard.evidence import highlight, page_image
from dashboard.i18n import t
from dashboard.tables import fmt_value, table
from warehouse.safe_paths import UnsafePath, resolve_under

PAGE = "provenance"


def choose(lang: str) -> tuple[str, str, int] | None:
    committees = ask("committees", filters.get("region"))
    if committees.height == 0:
        return None
    names = dict(zip(committees["committee_code"], committees[f"committee_name_{lang}"], strict=True))
    metrics = ask("metrics")
    m_names = dict(
        zip(metrics["metric_code"], metrics["name_zh" if lang == "zh" else "name_en"], strict=True)
    )
    years = ask("years")
    if not m_names or not years:
        return None
    some = ask("any_figure") or {}
    c1, c2, c3 = st.columns([2, 2, 1])
    code = filters.select(PAGE, t("committee", lang), list(names), "committee", format_func=names.get, container=c1,
                          default=some.get("committee_code"))  # fmt: skip
    metric = filters.select(PAGE, t("metric", lang), list(m_names), "metric", format_func=m_names.get, container=c2,
                            default=some.get("metric_code"))  # fmt: skip
    year = filters.select(
        PAGE, t("year", lang), years, "year", default=some.get("year", years[-1]), container=c3
    )
    return code, metric, year


def explain(fig: dict, mentions: pl.DataFrame, lang: str) -> None:
    """Sources disagree: every value side by side, the chosen one marked, the rule stated."""
    st.warning(f"**{t('conflict_title', lang)}** — {t('conflict_rule', lang)}")
    values = (
        mentions.group_by("value", "qualifier")
        .agg(pl.len().alias("n"), pl.col("doc_id").unique().sort().str.join(", ").alias("docs"))
        .sort("value")
    )
    cols = st.columns(max(1, values.height))
    for col, row in zip(cols, values.iter_rows(named=True), strict=True):
        chosen = row["value"] == fig["value"] and row["qualifier"] == fig["qualifier"]
        head = t("chosen_because", lang) if chosen else t("not_chosen", lang)
        col.metric(f"{head} · {row['docs']} (×{row['n']})", fmt_value(row["value"], row["qualifier"]))


def show_mention(i: int, m: dict, lang: str) -> None:
    with st.container(border=True):
        title = m["title"] or m["doc_id"]
        where = f" · {t('page', lang)} {m['page']}" if m["page"] else ""
        st.markdown(f"**{t('document', lang)}:** {title} (`{m['source_path']}`){where}")
        if m["override_action"]:
            st.info(f"{t('reviewed', lang)}: {t('override_' + m['override_action'], lang)}")
        st.markdown(f"<div class='mention-sentence'>{highlight(m['sentence'], m['surface'])}</div>",
                    unsafe_allow_html=True)  # fmt: skip
        if m["media_type"] == "application/pdf" and m["page"]:
            try:
                path = resolve_under(sources_dir(), m["source_path"])
                st.image(
                    page_image(path, m["page"], m["bbox"]), caption=f"{title} · {t('page', lang)} {m['page']}"
                )
            except (UnsafePath, FileNotFoundError, ValueError, OSError) as e:
                st.caption(f"{t('source_missing', lang)}: {e}")
        review(i, m, lang)


def review(i: int, m: dict, lang: str) -> None:
    """Confirm, correct or reject this mention through the overrides API (never the DuckDB file)."""
    with st.expander(t("correction", lang)):
        if corrections.overrides_module() is None:
            st.caption(t("corrections_unavailable", lang))
            return
        with st.form(f"review_{i}"):
            labels = {a: t(f"override_{a}", lang) for a in corrections.ACTIONS}
            action = st.radio(t("correction", lang), list(labels), format_func=labels.get, horizontal=True)
            value = st.number_input(t("correction_value", lang), value=float(m["value"]))
            who = st.text_input(t("correction_who", lang))
            why = st.text_input(t("correction_why", lang))
            if st.form_submit_button(t("correction_submit", lang)):
                if not who.strip() or not why.strip():
                    st.error(t("correction_missing_fields", lang))
                    return
                corrections.submit(
                    warehouse_path(), sha256=m["sha256"], char_start=m["char_start"], char_end=m["char_end"],
                    action=action, value=value, who=who.strip(), why=why.strip(),
                )  # fmt: skip
                st.success(t("correction_saved", lang))


def render() -> None:
    lang = nav.lang()
    picked = choose(lang)
    if picked is None:
        st.info(t("no_data", lang))
        return
    code, metric, year = picked
    fig = ask("figure", code, metric, int(year))
    if fig is None:
        st.info(t("no_figure", lang))
        return
    mentions = ask("mentions_behind", code, metric, int(year))
    name = fig["metric_name_zh"] if lang == "zh" else fig["metric_name_en"]
    reviewed = {"correct": t("corrected", lang), "confirm": t("confirmed", lang)}.get(
        fig.get("override_action")
    )
    st.metric(
        f"{name} · {year}" + (f" · {reviewed}" if reviewed else ""),
        fmt_value(fig["value"], fig["qualifier"], fig.get("corrected")),
    )
    if fig["conflict"]:
        explain(fig, mentions, lang)
    st.subheader(f"{t('mentions', lang)} ({mentions.height})")
    for i, m in enumerate(mentions.iter_rows(named=True)):
        show_mention(i, m, lang)
    table(
        mentions.drop("bbox", "sha256").with_columns(pl.col("value")),
        f"{code}_{metric}_{year}_mentions",
        lang,
    )
    nav.link("compare", t("page_compare", lang))


if __name__ == "__main__":
    render()
