"""Asset checks. Blocking checks on the staged ``mentions`` stop a bad publish (the warehouse
step is skipped and the last published warehouse stays); warning checks on the published
``warehouse`` read its data-quality views and show in the UI.
"""

import dagster as dg

from pipelines import quality
from pipelines.assets import mentions, warehouse
from pipelines.collect import Staged
from pipelines.resources import StatsPaths
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
    description="Every mention's committee and period are resolved (a code the register knows in that year, "
    "a period) or explicitly flagged as unresolved (committee code null; metric null = kept for review).",
)
def mentions_attributed(mentions: Staged) -> dg.AssetCheckResult:
    result = _result(quality.unattributed_mentions(mentions), "mentions neither resolved nor flagged")
    flagged = quality.flagged_unresolved(mentions)
    return dg.AssetCheckResult(
        passed=result.passed,
        severity=result.severity,
        description=f"{result.description}; {flagged} flagged unresolved (kept for review)",
        metadata={**result.metadata, "flagged_unresolved": flagged},
    )


@dg.asset_check(
    asset=mentions, blocking=True, description="Every value lies within its metric's bounds in the catalog."
)
def values_within_catalog_bounds(mentions: Staged) -> dg.AssetCheckResult:
    return _result(quality.out_of_bounds(mentions), "values outside their metric's catalog bounds")


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


BLOCKING_CHECKS = [
    schema_matches_warehouse,
    no_duplicate_mentions,
    mentions_attributed,
    values_within_catalog_bounds,
]
WARNING_CHECKS = [documents_with_mentions, mentions_matched_to_metrics, no_yoy_jumps_over_10x]
ALL_CHECKS = BLOCKING_CHECKS + WARNING_CHECKS
