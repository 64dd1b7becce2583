"""数据质量 Data quality: file outcomes, quarantine, unmatched mentions, conflicts, coverage gaps, figures
with no year by reason, last publish.

The region filter (the same ``region`` as on 对比, from the URL or the last page) limits the coverage
gaps to that region's committees; "all regions" lists every region's.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import filters, nav
from dashboard.data import ask, warehouse_path
from dashboard.figures import NONE, fmt, unit_of
from dashboard.i18n import t
from dashboard.tables import localized, table
from warehouse.inbox_status import read_status

PAGE = "quality"


def section(title: str, df: pl.DataFrame, name: str, lang: str) -> None:
    st.subheader(f"{title} ({df.height})")
    if df.height == 0:
        st.caption(t("none", lang))
    else:
        table(df, name, lang, key=name)
    if title == t("coverage", lang):
        st.caption(t("coverage_note", lang))


def gaps(coverage: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """One row per committee with a gap: the years with no figure at all (coverage gaps), and the
    missing figures (metric x year cells shown as 缺数据 on 对比) against the metrics reported by
    any committee of the selection, so both counts speak of the same cells."""
    if coverage.height == 0:
        return localized(coverage, lang)
    reported = int(coverage["metrics"].max() or 0)
    sep = "、" if lang == "zh" else ", "
    return (
        localized(coverage, lang)
        .with_columns((reported - pl.col("metrics")).alias("missing_figures"))
        .group_by("committee_code", "committee_name", "level", maintain_order=True)
        .agg(
            pl.col("year").filter(pl.col("metrics") == 0).sort().cast(pl.String).str.join(sep).alias("years"),
            (pl.col("metrics") == 0).sum().cast(pl.Int64).alias("gaps"),
            pl.col("missing_figures").sum().cast(pl.Int64).alias("missing_figures"),
        )
        .filter(pl.col("missing_figures") > 0)
    )


def with_units(df: pl.DataFrame, lang: str, columns: tuple[str, ...]) -> pl.DataFrame:
    """Figures of different metrics in one table, each in its metric's display unit with the unit
    written (捐款捐物 in 万元 here as everywhere), marks in front."""
    if df.height == 0 or "metric_code" not in df.columns:
        return df
    units = {m: unit_of(u) for m, u in ask("metrics").select("metric_code", "units").iter_rows()}
    quals = df["qualifier"].to_list() if "qualifier" in df.columns else ["exact"] * df.height
    out = {}
    for c in columns:
        if c not in df.columns:
            continue
        cells = []
        for metric, v, q in zip(df["metric_code"].to_list(), df[c].to_list(), quals, strict=True):
            unit = units.get(metric, NONE)
            q = q if c == "value" else "exact"
            if isinstance(v, list):
                cells.append("、".join(fmt(x, unit, with_unit=True, lang=lang) for x in v) or None)
            else:
                cells.append(None if v is None else fmt(v, unit, q, with_unit=True, lang=lang))
        out[c] = pl.Series(c, cells, dtype=pl.String)
    return df.with_columns(list(out.values()))


OUTCOMES_SQL = "SELECT status, reason, files FROM v_file_outcome_counts ORDER BY status, reason"
PERIOD_GAPS_SQL = "SELECT reason_class, mentions, documents, example FROM v_quality_period_gaps"


def period_gaps() -> pl.DataFrame:
    """Figures with no year, counted by the class of the reason (empty for an older warehouse)."""
    if not ask("columns", "v_quality_period_gaps"):
        return pl.DataFrame(
            schema={
                "reason_class": pl.String,
                "mentions": pl.Int64,
                "documents": pl.Int64,
                "example": pl.String,
            }
        )
    return ask("query", PERIOD_GAPS_SQL)


def outcome_counts() -> pl.DataFrame:
    """Files of the last publish per outcome and reason (empty for a warehouse without the table)."""
    if not ask("columns", "v_file_outcome_counts"):
        return pl.DataFrame(schema={"status": pl.String, "reason": pl.String, "files": pl.Int64})
    return ask("query", OUTCOMES_SQL)


def inbox_waiting(lang: str) -> None:
    """Files the inbox sensor saw but has not picked up yet (being copied, or named as a partial copy)."""
    status = read_status(warehouse_path())
    if not status:
        return
    waiting = pl.DataFrame(
        status.get("waiting", []),
        schema={"source_path": pl.String, "reason": pl.String, "seconds_since_change": pl.Float64},
    )
    st.subheader(f"{t('inbox_waiting', lang)} ({status.get('waiting_total', waiting.height)})")
    st.caption(
        t("inbox_waiting_note", lang).format(
            seconds=status.get("settle_seconds"), at=status.get("checked_at")
        )
    )
    if waiting.height:
        table(waiting, t("inbox_waiting", lang), lang, key="inbox_waiting")


def choose_region(lang: str) -> str | None:
    """Regions with data (all of them when none has), or all regions ("")."""
    regions = ask("regions")
    if regions.height == 0:
        return None
    with_data = regions.filter(pl.col("has_data"))
    regions = with_data if with_data.height else regions
    names = {"": t("all_regions", lang)} | dict(
        zip(regions["committee_code"], regions["name_zh" if lang == "zh" else "name_en"], strict=True)
    )
    default = regions["committee_code"][0]
    return (
        filters.select(PAGE, t("region", lang), list(names), "region", format_func=names.get, default=default)
        or None
    )


def answer(name: str, question: str, args: list, lang: str) -> pl.DataFrame:
    df = ask(question, *args)
    if name == "coverage":
        return gaps(df, lang)
    return with_units(df, lang, ("value", "prev_value", "alternatives"))


def render() -> None:
    lang = nav.lang()
    region = choose_region(lang)
    last = ask("last_publish")
    if last:
        c1, c2, c3, c4 = st.columns([5, 2, 2, 2])
        c1.metric(t("last_publish", lang), f"{last['published_at']:%Y-%m-%d %H:%M} UTC")
        c2.metric(t("extractor_version", lang), str(last["extractor_version"]))
        c3.metric(t("documents", lang), last["documents"])
        c4.metric(t("quarantine", lang), last["quarantined"])
    outcomes = outcome_counts()

    def file_outcomes() -> None:
        st.subheader(f"{t('file_outcomes', lang)} ({int(outcomes['files'].sum()) if outcomes.height else 0})")
        if outcomes.height:
            table(outcomes, t("file_outcomes", lang), lang, key="file_outcomes")
        else:
            st.caption(t("none", lang))
        inbox_waiting(lang)

    # short tab labels without counts: a label is the tab's identity, and the counts change with the region
    parts = {t("tab_file_outcomes", lang): file_outcomes}
    for name, question, *args in (
        ("quarantine", "quarantine"),
        ("unmatched", "unmatched_mentions"),
        ("conflicts", "conflicts"),
        ("yoy_jumps", "yoy_jumps"),
        ("no_mentions", "documents_without_mentions"),
        ("coverage", "coverage", region),
        ("documents", "documents"),
    ):
        parts[t(f"tab_{name}", lang)] = lambda name=name, question=question, args=args: section(
            t(name, lang), answer(name, question, args, lang), t(name, lang), lang,
        )  # fmt: skip
    parts[t("tab_period_gaps", lang)] = lambda: section(
        t("period_gaps", lang), period_gaps(), t("period_gaps", lang), lang
    )
    nav.sections(PAGE, parts, lang)


if __name__ == "__main__":
    render()
