"""Asset checks. Only warehouse-wide invariants block a publish (the warehouse step is skipped
and the last published warehouse stays): the schema, the mention key's uniqueness, and a publish
that would drop most of the previous figures. Per-document problems never block: the mentions
concerned are held for review (pipelines/run/review.py) and the checks that find them warn. Warning
checks on the published ``warehouse`` read its data-quality views and show in the UI.
"""

import dagster as dg
import polars as pl

from pipelines.defs.assets import mentions, warehouse
from pipelines.defs.resources import StatsPaths
from pipelines.run import quality
from pipelines.run.collect import Staged
from pipelines.run.quality import KEEP_SHARE, keeps_most_figures
from pipelines.run.review import reviewed
from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, QUARANTINE_COLUMNS

SAMPLE_ROWS = 10


def _result(failing, what: str) -> dg.AssetCheckResult:
    """A blocking check's result from the failing rows (a frame) or problems (a list)."""
    n = failing.height if hasattr(failing, "height") else len(failing)
    sample = (
        dg.MetadataValue.md(quality.preview_markdown(failing, SAMPLE_ROWS))
        if hasattr(failing, "height")
        else dg.MetadataValue.json(list(failing)[:SAMPLE_ROWS])
    )
    return dg.AssetCheckResult(
        passed=n == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{n} {what}" if n else f"no {what}",
        metadata={"failing": n, "sample": sample},
    )


@dg.asset_check(
    asset=mentions,
    blocking=True,
    description="Columns and types match the warehouse schema; NOT NULL columns have values.",
)
def schema_matches_warehouse(mentions: Staged) -> dg.AssetCheckResult:
    expected = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS}
    return _result(quality.schema_problems(mentions, expected), "schema problems")


@dg.asset_check(
    asset=mentions, blocking=True, description="No two mentions share a document and character span."
)
def no_duplicate_mentions(mentions: Staged) -> dg.AssetCheckResult:
    return _result(quality.duplicate_mentions(mentions), "duplicated mention spans")


@dg.asset_check(
    asset=mentions,
    blocking=True,
    description=f"The publish keeps at least {KEEP_SHARE:.0%} of the previous warehouse's figures "
    "(committee x metric x period): a folder emptied or mounted wrong must not wipe the warehouse.",
)
def publish_keeps_most_figures(mentions: Staged, stats_paths: StatsPaths) -> dg.AssetCheckResult:
    now = quality.figure_keys(mentions.mentions, reviewed(mentions).held)
    before, kept = quality.figures_kept(stats_paths.warehouse, now)
    share = kept / before if before else 1.0
    passed = keeps_most_figures(before, kept)
    return dg.AssetCheckResult(
        passed=passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=f"{kept} of the previous {before} figures kept ({share:.0%})",
        metadata={"previous_figures": before, "kept": kept, "share": share},
    )


def _held(found, what: str, held_reasons: tuple[str, ...], mentions: Staged) -> dg.AssetCheckResult:
    """A warning: mentions with a per-document problem, held for review (never blocking)."""
    held = reviewed(mentions).held.filter(pl.col("reason").is_in(held_reasons))
    n = found.height
    return dg.AssetCheckResult(
        passed=n == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{n} {what}; held for review, the rest publishes" if n else f"no {what}",
        metadata={
            "failing": n,
            "held_for_review": held.height,
            "documents": held["sha256"].n_unique() if held.height else 0,
            "sample": dg.MetadataValue.md(quality.preview_markdown(found, SAMPLE_ROWS)),
        },
    )


@dg.asset_check(
    asset=mentions,
    description="Every mention's committee and period are resolved (a code the register knows in that year, "
    "a period); the others are held for review with the reason (warning, never blocking).",
)
def mentions_attributed(mentions: Staged) -> dg.AssetCheckResult:
    result = _held(
        reviewed(mentions).unattributed, "mentions without a period or a known committee",
        ("no_period", "committee_not_in_register"), mentions,
    )  # fmt: skip
    flagged = reviewed(mentions).unresolved.height
    return dg.AssetCheckResult(
        passed=result.passed,
        severity=result.severity,
        description=f"{result.description}; {flagged} with an unresolved committee (held for review)",
        metadata={**result.metadata, "flagged_unresolved": flagged},
    )


@dg.asset_check(
    asset=mentions,
    description="Every value lies within its metric's bounds in the catalog; the others are held for "
    "review (warning, never blocking).",
)
def values_within_catalog_bounds(mentions: Staged) -> dg.AssetCheckResult:
    return _held(
        reviewed(mentions).out_of_bounds, "values outside their metric's catalog bounds",
        ("out_of_bounds", "unknown_metric"), mentions,
    )  # fmt: skip


def _warning(passed: bool, description: str, rows, metadata: dict) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=passed,
        severity=dg.AssetCheckSeverity.WARN,
        description=description,
        metadata={**metadata, "sample": dg.MetadataValue.md(quality.preview_markdown(rows, SAMPLE_ROWS))},
    )


@dg.asset_check(
    asset=warehouse, description="Documents loaded from which no mention was extracted (warning)."
)
def documents_with_mentions(stats_paths: StatsPaths) -> dg.AssetCheckResult:
    with quality.open_read_only(stats_paths.warehouse) as con:
        rows = quality.quality_view(con, "v_quality_documents_without_mentions")
    return _warning(
        rows.height == 0, f"{rows.height} documents without mentions", rows, {"documents": rows.height}
    )


@dg.asset_check(
    asset=warehouse,
    description=f"Share of mentions matching no catalog metric stays at most {quality.UNMATCHED_SHARE_LIMIT:.0%} (warning).",
)
def mentions_matched_to_metrics(stats_paths: StatsPaths) -> dg.AssetCheckResult:
    with quality.open_read_only(stats_paths.warehouse) as con:
        rows = quality.quality_view(con, "v_quality_unmatched_mentions")
    share = float(rows["share_overall"][0]) if rows.height else 0.0
    return _warning(
        share <= quality.UNMATCHED_SHARE_LIMIT,
        f"{rows.height} mentions ({share:.1%}) match no metric",
        rows.select("doc_id", "surface", "sentence"),
        {"unmatched": rows.height, "share": share},
    )


@dg.asset_check(
    asset=warehouse, description="No yearly figure jumps more than 10x from the year before (warning)."
)
def no_yoy_jumps_over_10x(stats_paths: StatsPaths) -> dg.AssetCheckResult:
    with quality.open_read_only(stats_paths.warehouse) as con:
        rows = quality.quality_view(con, "v_quality_yoy_jumps")
    return _warning(
        rows.height == 0, f"{rows.height} year-over-year jumps over 10x", rows, {"jumps": rows.height}
    )


BLOCKING_CHECKS = [schema_matches_warehouse, no_duplicate_mentions, publish_keeps_most_figures]
WARNING_CHECKS = [
    mentions_attributed,
    values_within_catalog_bounds,
    documents_with_mentions,
    mentions_matched_to_metrics,
    no_yoy_jumps_over_10x,
]
ALL_CHECKS = BLOCKING_CHECKS + WARNING_CHECKS
