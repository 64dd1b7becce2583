"""来源 Provenance: the mentions behind a figure, their sentences, PDF pages, and why a value was chosen."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from dashboard import corrections, filters, nav, regions
from dashboard.data import ask, sources_dir, warehouse_path
from dashboard.evidence import highlight, number_box, page_image
from dashboard.figures import PERCENT, fmt, unit_of
from dashboard.i18n import colon, t
from dashboard.tables import table
from warehouse.safe_paths import UnsafePath, resolve_under

PAGE = "provenance"


def choose(lang: str) -> tuple[str, str, int, dict] | None:
    c0, c1, c2, c3 = st.columns([2, 2, 2, 1])
    committees = ask("committees", regions.choose(PAGE, lang, c0))
    if committees.height == 0:
        return None
    committees = regions.with_data_first(committees)
    names = dict(zip(committees["committee_code"], committees[f"committee_name_{lang}"], strict=True))
    metrics = ask("metrics")
    name = "name_zh" if lang == "zh" else "name_en"
    m_names = dict(zip(metrics["metric_code"], metrics[name], strict=True))
    units = {m: unit_of(u) for m, u in zip(metrics["metric_code"], metrics["units"], strict=True)}
    rates = ask("indicators")  # a rate can be chosen too: its two counts' sentences are shown
    m_names |= dict(zip(rates["indicator_code"], rates[name], strict=True))
    years = ask("years")
    if not m_names or not years:
        return None
    some = ask("any_figure") or {}
    code = filters.select(PAGE, t("committee", lang), list(names), "committee", format_func=names.get, container=c1,
                          default=some.get("committee_code"))  # fmt: skip
    metric = filters.select(PAGE, t("metric", lang), list(m_names), "metric", format_func=m_names.get, container=c2,
                            default=some.get("metric_code"))  # fmt: skip
    year = filters.select(
        PAGE, t("year", lang), years, "year", default=some.get("year", years[-1]), container=c3
    )
    return code, metric, year, {"unit": units.get(metric, PERCENT), "committee_name": names[code]}


def explain(fig: dict, mentions: pl.DataFrame, lang: str, unit) -> None:
    """Sources disagree: every value side by side, the chosen one marked, the rule stated."""
    st.warning(f"**{t('conflict_title', lang)}** — {t('conflict_rule', lang)}")
    values = (
        mentions.group_by("value", "qualifier")
        .agg(
            pl.len().alias("n"),
            pl.col("title").fill_null(pl.col("doc_id")).unique().sort().str.join("；").alias("docs"),
        )
        .sort("value")
    )
    cols = st.columns(max(1, values.height))
    for col, row in zip(cols, values.iter_rows(named=True), strict=True):
        chosen = row["value"] == fig["value"] and row["qualifier"] == fig["qualifier"]
        head = t("chosen_because", lang) if chosen else t("not_chosen", lang)
        # a short label (a metric's label is cut to one line); the documents' titles wrap below
        col.metric(
            f"{head} (×{row['n']})", fmt(row["value"], unit, row["qualifier"], with_unit=True, lang=lang)
        )
        col.caption(row["docs"])


def review_note(m: dict, unit, lang: str) -> str:
    """Who reviewed this mention, when and why; for a correction the old and the new value."""
    when = f"{m['override_at']:%Y-%m-%d %H:%M} UTC" if m.get("override_at") else ""
    note = t("review_note", lang).format(
        action=t("val_override_action_" + m["override_action"], lang), who=m.get("override_who") or "",
        when=when, why=m.get("override_why") or "",
    )  # fmt: skip
    if m["override_action"] == "correct":
        note += "；" if lang == "zh" else "; "
        note += t("review_old", lang).format(
            old=fmt(m["value"], unit, m["qualifier"], with_unit=True, lang=lang),
            new=fmt(m["override_value"], unit, m["qualifier"], True, with_unit=True, lang=lang),
        )
    return note


@st.cache_data(show_spinner=False, max_entries=256)
def _number_box(path: str, page: int, bbox: tuple | None, surface: str) -> list[list[float]] | None:
    return number_box(Path(path), page, list(bbox) if bbox else None, surface)


def show_mention(i: int, m: dict, lang: str, unit) -> None:
    with st.container(border=True):
        title = m["title"] or m["doc_id"]
        where = f" · {t('page', lang)} {m['page']}" if m["page"] else ""
        st.markdown(f"**{t('document', lang)}**{colon(lang)}{title}{where}")
        if notes := ask("document_notes", m["sha256"]):  # e.g. a page's text layer read by OCR
            st.caption(f"{t('read_notes', lang)}{colon(lang)}{notes}")
        if m["override_action"]:
            st.info(f"{t('reviewed', lang)}{colon(lang)}{review_note(m, unit, lang)}")
        st.markdown(f"<div class='mention-sentence'>{highlight(m['sentence'], m['surface'])}</div>",
                    unsafe_allow_html=True)  # fmt: skip
        if m["media_type"] == "application/pdf" and m["page"]:
            try:
                path = resolve_under(sources_dir(), m["source_path"])
                bbox = tuple(m["bbox"]) if m["bbox"] is not None else None
                box = _number_box(str(path), m["page"], bbox, m["surface"])
                st.image(
                    page_image(path, m["page"], m["bbox"], box),
                    caption=f"{title} · {t('page', lang)} {m['page']}",
                )
            except (UnsafePath, FileNotFoundError, ValueError, OSError) as e:
                st.caption(f"{t('source_missing', lang)}{colon(lang)}{e}")
        review(i, m, lang)


def review(i: int, m: dict, lang: str) -> None:
    """Confirm, correct or reject this mention through the overrides API (never the DuckDB file).

    The form is made when the expander is opened (a rerun), not on every page load."""
    box = st.expander(t("correction", lang), key=f"review_open_{i}", on_change="rerun")
    if not box.open:
        return
    with box:
        if corrections.overrides_module() is None:
            st.caption(t("corrections_unavailable", lang))
            return
        people = corrections.reviewers()
        if not people:
            st.caption(t("no_reviewers", lang))
            return
        with st.form(f"review_{i}"):
            labels = {a: t(f"override_{a}", lang) for a in corrections.ACTIONS}
            action = st.radio(t("correction", lang), list(labels), format_func=labels.get, horizontal=True)
            value = st.number_input(t("correction_value", lang), value=float(m["value"]))
            who = st.selectbox(t("correction_who", lang), people)
            why = st.text_input(t("correction_why", lang))
            if st.form_submit_button(t("correction_submit", lang)):
                if not who or not why.strip():
                    st.error(t("correction_missing_fields", lang))
                    return
                corrections.submit(
                    warehouse_path(), sha256=m["sha256"], char_start=m["char_start"], char_end=m["char_end"],
                    action=action, value=value, who=who, why=why.strip(),
                )  # fmt: skip
                st.success(t("correction_saved", lang))


def mentions_table(mentions: pl.DataFrame, unit, lang: str) -> pl.DataFrame:
    """The mentions as a reader wants them: document, page, as written, value, qualifier, review."""
    return mentions.select(
        "doc_id", "title", "page", "surface",
        pl.Series("value", [fmt(v, unit, q) for v, q in zip(mentions["value"], mentions["qualifier"], strict=True)]),
        pl.Series("override_value", [fmt(v, unit, q, True) if a == "correct" else None for v, q, a in
                                     zip(mentions["override_value"], mentions["qualifier"],
                                         mentions["override_action"], strict=True)], dtype=pl.String),
        "qualifier", "override_action", "override_who", "override_why", "override_at",
        "sha256", "char_start", "char_end",
    )  # fmt: skip


def render() -> None:
    lang = nav.lang()
    picked = choose(lang)
    if picked is None:
        st.info(t("no_data", lang))
        return
    code, metric, year, about = picked
    if metric.startswith("rate."):
        rate_sources(code, metric, int(year), about["committee_name"], lang)
        nav.link("compare", t("page_compare", lang))
        return
    unit = about["unit"]
    fig = ask("figure", code, metric, int(year))
    if fig is None:
        st.warning(f"{about['committee_name']} · {year}{colon(lang)}{t('no_figure', lang)}")
        return
    mentions = ask("mentions_behind", code, metric, int(year))
    name = fig["metric_name_zh"] if lang == "zh" else fig["metric_name_en"]
    reviewed = {"correct": t("corrected", lang), "confirm": t("confirmed", lang)}.get(
        fig.get("override_action")
    )
    st.metric(
        f"{about['committee_name']} · {name} · {year}" + (f" · {reviewed}" if reviewed else ""),
        fmt(fig["value"], unit, fig["qualifier"], fig.get("corrected"), with_unit=True, lang=lang),
    )
    if fig["conflict"]:
        explain(fig, mentions, lang, unit)
    st.subheader(f"{t('mentions', lang)} ({mentions.height})")
    for i, m in enumerate(mentions.iter_rows(named=True)):
        show_mention(i, m, lang, unit)
    box = st.expander(t("mentions_table", lang), key="mentions_table", on_change="rerun")
    if box.open:  # the table and its downloads are made when opened, not on every page load
        with box:
            table(mentions_table(mentions, unit, lang),
                  f"{about['committee_name']}_{name}_{year}_{t('mentions', lang)}", lang, key="mentions")  # fmt: skip
    nav.link("compare", t("page_compare", lang))


def rate_sources(code: str, indicator: str, year: int, committee: str, lang: str) -> None:
    """A rate and, below it, the sentences of both its counts (and of the rate a document states)."""
    rates = ask("indicator_rates", code)
    rates = rates.filter((pl.col("indicator_code") == indicator) & (pl.col("year") == year))
    if rates.height == 0:
        st.warning(f"{committee} · {year}{colon(lang)}{t('no_figure', lang)}")
        return
    r = rates.row(0, named=True)
    about = ask("indicators").filter(pl.col("indicator_code") == indicator).row(0, named=True)
    name = r["name_zh"] if lang == "zh" else r["name_en"]
    st.metric(f"{committee} · {name} · {year}",
              fmt(r["rate"], PERCENT, "approx" if r["approximate"] else "exact", r["corrected"], with_unit=True))  # fmt: skip
    st.caption(t("rate_from_counts", lang))
    metrics = ask("metrics")
    i = 0
    for part in ("numerator", "denominator", "stated"):
        metric = about.get(f"{part}_code")
        if not metric:
            continue
        info = metrics.filter(pl.col("metric_code") == metric)
        if info.height == 0:
            continue
        unit = unit_of(info["units"][0])
        m_name = info["name_zh" if lang == "zh" else "name_en"][0]
        value = r["stated_rate"] if part == "stated" else r[f"{part}_value"]
        qualifier = "exact" if part == "stated" else r[f"{part}_qualifier"]
        shown = fmt(value, PERCENT if part == "stated" else unit, qualifier, with_unit=True, lang=lang)
        mentions = ask("mentions_behind", code, metric, year)
        count = f"（{mentions.height}）" if lang == "zh" else f" ({mentions.height})"
        st.subheader(f"{t('rate_' + part, lang)}{colon(lang)}{m_name} {shown}{count}")
        if mentions.height == 0:
            st.caption(t("none", lang))
        for m in mentions.iter_rows(named=True):
            show_mention(i, m, lang, unit)
            i += 1


if __name__ == "__main__":
    render()
