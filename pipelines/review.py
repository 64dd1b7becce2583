"""Per-document problems hold mentions back for review; they never block a publish.

A mention with a figure that cannot be placed (no period, a committee code the register does not
know for that year, no resolved committee) or that is implausible (outside its metric's catalog
bounds, a metric the catalog lacks) is still loaded into ``fact_mention`` with its provenance,
and listed in ``mention_review`` with the reason; the reconciled figures leave it out until a
person settles it (``cstats correct``) or the rules improve. The rest of the batch publishes.
"""

from __future__ import annotations

import polars as pl

from pipelines import quality

REVIEW_COLUMNS = {
    "sha256": pl.String, "doc_id": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
    "surface": pl.String, "reason": pl.String, "detail": pl.String,
}  # fmt: skip
REASONS = {
    "no period": "no_period",
    "committee code not in the register for that year": "committee_not_in_register",
    "metric not in the catalog": "unknown_metric",
    "value outside the catalog bounds": "out_of_bounds",
}


def _held(found: pl.DataFrame, reason: pl.Expr, detail: pl.Expr) -> pl.DataFrame:
    return found.select("sha256", "doc_id", "char_start", "char_end", "surface", reason=reason, detail=detail)


def holds(mentions: pl.DataFrame) -> pl.DataFrame:
    """One row per held mention (its first reason), sorted by document and span."""
    text = [
        pl.col(c).cast(pl.String).fill_null("?") for c in ("committee_code", "period_start", "period_end")
    ]
    bounds = [pl.col(c).cast(pl.String).fill_null("?") for c in ("value", "unit", "bound_min", "bound_max")]
    frames = [
        _held(
            quality.unattributed_mentions(mentions),
            pl.col("problem").replace_strict(REASONS, default="unattributed"),
            pl.format("committee {}, period {}-{}", *text),
        ),
        _held(
            quality.out_of_bounds(mentions),
            pl.col("problem").replace_strict(REASONS, default="out_of_bounds"),
            pl.format("{} {} (bounds {}-{})", *bounds),
        ),
        _held(
            quality.unresolved_committee(mentions), pl.lit("unattributed"), pl.lit("committee not resolved")
        ),
    ]
    frames = [f.cast(REVIEW_COLUMNS) for f in frames if f.height]
    if not frames:
        return pl.DataFrame(schema=REVIEW_COLUMNS)
    return (
        pl.concat(frames)
        .unique(["sha256", "char_start", "char_end"], keep="first", maintain_order=True)
        .sort("doc_id", "char_start")
    )


def by_reason(held: pl.DataFrame) -> dict[str, int]:
    return (
        {str(k): int(v) for k, v in sorted(held.group_by("reason").len().iter_rows())} if held.height else {}
    )
