"""Per-document problems hold mentions back for review; they never block a publish.

A mention with a figure that cannot be placed (no period, a committee code the register does not
know for that year, no resolved committee) or that is implausible (outside its metric's catalog
bounds, a metric the catalog lacks) is still loaded into ``fact_mention`` with its provenance,
and listed in ``mention_review`` with the reason; the reconciled figures leave it out until a
person settles it (``cstats correct``) or the rules improve. The rest of the batch publishes.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipelines.run import quality
from pipelines.run.collect import Staged

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


@dataclass(frozen=True)
class Review:
    """What the per-document rules find over every staged mention, and the mentions they hold."""

    unattributed: pl.DataFrame  # quality.unattributed_mentions
    out_of_bounds: pl.DataFrame  # quality.out_of_bounds
    unresolved: pl.DataFrame  # quality.unresolved_committee: flagged, kept for review
    held: pl.DataFrame  # one row per held mention (its first reason), sorted by document and span


def review_mentions(mentions) -> Review:
    """The three rules over the mentions (a ``Staged``, frame or spool) in one pass, and the holds."""
    unattributed, out_of_bounds, unresolved = quality.run_rules(
        mentions,
        quality.unattributed_mentions.__wrapped__,
        quality.out_of_bounds.__wrapped__,
        quality.unresolved_committee.__wrapped__,
    )
    text = [
        pl.col(c).cast(pl.String).fill_null("?") for c in ("committee_code", "period_start", "period_end")
    ]
    bounds = [pl.col(c).cast(pl.String).fill_null("?") for c in ("value", "unit", "bound_min", "bound_max")]
    frames = [
        _held(
            unattributed,
            pl.col("problem").replace_strict(REASONS, default="unattributed"),
            pl.format("committee {}, period {}-{}", *text),
        ),
        _held(
            out_of_bounds,
            pl.col("problem").replace_strict(REASONS, default="out_of_bounds"),
            pl.format("{} {} (bounds {}-{})", *bounds),
        ),
        _held(unresolved, pl.lit("unattributed"), pl.lit("committee not resolved")),
    ]
    frames = [f.cast(REVIEW_COLUMNS) for f in frames if f.height]
    held = (
        pl.concat(frames)
        .unique(["sha256", "char_start", "char_end"], keep="first", maintain_order=True)
        .sort("doc_id", "char_start")
        if frames
        else pl.DataFrame(schema=REVIEW_COLUMNS)
    )
    return Review(unattributed, out_of_bounds, unresolved, held)


def reviewed(staged: Staged) -> Review:
    """The review of ``staged``, found once and kept on it: the ``mentions`` asset finds it, and
    the asset checks and the publish that receive the staged tables reuse it instead of reading
    every mention (a spool of millions) again."""
    if staged.review is None:
        staged.review = review_mentions(staged.mentions)
    return staged.review


def by_reason(held: pl.DataFrame) -> dict[str, int]:
    return (
        {str(k): int(v) for k, v in sorted(held.group_by("reason").len().iter_rows())} if held.height else {}
    )
