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


def holds(mentions: pl.DataFrame) -> pl.DataFrame:
    """One row per held mention (its first reason), sorted by document and span."""
    frames = []
    attributed = quality.unattributed_mentions(mentions)
    if attributed.height:
        frames.append(
            attributed.select(
                "sha256",
                "doc_id",
                "char_start",
                "char_end",
                "surface",
                reason=pl.col("problem").replace_strict(REASONS, default="unattributed"),
                detail=pl.format(
                    "{} {}-{}", pl.col("committee_code"), pl.col("period_start"), pl.col("period_end")
                ),
            )  # fmt: skip
        )
    bounds = quality.out_of_bounds(mentions)
    if bounds.height:
        frames.append(
            bounds.select(
                "sha256",
                "doc_id",
                "char_start",
                "char_end",
                "surface",
                reason=pl.col("problem").replace_strict(REASONS, default="out_of_bounds"),
                detail=pl.format(
                    "{} {} (bounds {}-{})",
                    pl.col("value"),
                    pl.col("unit"),
                    pl.col("bound_min"),
                    pl.col("bound_max"),
                ),
            )  # fmt: skip
        )
    unresolved = quality.unresolved_committee(mentions)
    if unresolved.height:
        frames.append(
            unresolved.select(
                "sha256",
                "doc_id",
                "char_start",
                "char_end",
                "surface",
                reason=pl.lit("unattributed"),
                detail=pl.lit("committee not resolved"),
            )  # fmt: skip
        )
    if not frames:
        return pl.DataFrame(schema=REVIEW_COLUMNS)
    out = pl.concat([f.cast(REVIEW_COLUMNS) for f in frames])
    return out.unique(["sha256", "char_start", "char_end"], keep="first", maintain_order=True).sort(
        "doc_id", "char_start"
    )


def by_reason(held: pl.DataFrame) -> dict[str, int]:
    return (
        {str(k): int(v) for k, v in sorted(held.group_by("reason").len().iter_rows())} if held.height else {}
    )
