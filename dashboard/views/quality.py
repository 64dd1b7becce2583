"""数据质量 Data quality: file outcomes, quarantine, unmatched mentions, conflicts, coverage gaps, last publish."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import filters, nav
from dashboard.data import ask
from dashboard.i18n import t
from dashboard.tables import localized, table


def section(title: str, df: pl.DataFrame, name: str, lang: str) -> None:
    st.subheader(f"{title} ({df.height})")
    if df.height == 0:
        st.caption(t("none", lang))
    else:
        table(df, name, lang)


def gaps(coverage: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """Committee x year cells with no figure at all, one row per committee with the missing years."""
    return (
        localized(coverage, lang)
        .filter(pl.col("metrics") == 0)
        .group_by("committee_code", "committee_name", "level", maintain_order=True)
        .agg(pl.col("year").sort().cast(pl.String).str.join(", ").alias("years"), pl.len().alias("gaps"))
    )


OUTCOMES_SQL = "SELECT status, reason, files FROM v_file_outcome_counts ORDER BY status, reason"


def outcome_counts() -> pl.DataFrame:
    """Files of the last publish per outcome and reason (empty for a warehouse without the table)."""
    if not ask("columns", "v_file_outcome_counts"):
        return pl.DataFrame(schema={"status": pl.String, "reason": pl.String, "files": pl.Int64})
    return ask("query", OUTCOMES_SQL)


def render() -> None:
    lang = nav.lang()
    last = ask("last_publish")
    if last:
        c1, c2, c3, c4 = st.columns([5, 2, 2, 2])
        c1.metric(t("last_publish", lang), f"{last['published_at']:%Y-%m-%d %H:%M} UTC")
        c2.metric(t("extractor_version", lang), str(last["extractor_version"]))
        c3.metric(t("documents", lang), last["documents"])
        c4.metric(t("quarantine", lang), last["quarantined"])
    outcomes = outcome_counts()
    st.subheader(f"{t('file_outcomes', lang)} ({int(outcomes['files'].sum()) if outcomes.height else 0})")
    if outcomes.height:
        table(outcomes, "file_outcomes", lang)
    else:
        st.caption(t("none", lang))
    section(t("quarantine", lang), ask("quarantine"), "quarantine", lang)
    section(t("unmatched", lang), ask("unmatched_mentions"), "unmatched_mentions", lang)
    section(t("conflicts", lang), ask("conflicts"), "conflicts", lang)
    section(t("yoy_jumps", lang), ask("yoy_jumps"), "yoy_jumps", lang)
    section(t("no_mentions", lang), ask("documents_without_mentions"), "documents_without_mentions", lang)
    section(t("coverage", lang), gaps(ask("coverage", filters.get("region")), lang), "coverage_gaps", lang)
    section(t("documents", lang), ask("documents"), "documents", lang)


if __name__ == "__main__":
    render()
