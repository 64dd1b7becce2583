"""Dagster assets: documents -> mentions -> warehouse."""

import dagster as dg
import polars as pl

from pipelines.collect import ReadOutcome, extract_all, read_folder
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.resources import StatsPaths
from warehouse.publish import QUARANTINE_COLUMNS, conform, publish


@dg.asset(group_name="committee_stats", description="Documents read from the source folder in reading order.")
def documents(context: dg.AssetExecutionContext, stats_paths: StatsPaths) -> ReadOutcome:
    outcome = read_folder(stats_paths.sources)
    for q in outcome.quarantine:
        context.log.warning(f"quarantined {q['source_path']}: {q['reason']}: {q['message']}")
    context.add_output_metadata(
        {
            "documents": len(outcome.documents),
            "quarantined": len(outcome.quarantine),
            "sources": dg.MetadataValue.path(str(stats_paths.sources)),
        }  # fmt: skip
    )
    return outcome


@dg.asset(group_name="committee_stats", description="Metric mentions extracted from every document.")
def mentions(context: dg.AssetExecutionContext, documents: ReadOutcome) -> dict[str, pl.DataFrame]:
    docs, found = extract_all(documents)
    by_category = found.group_by("category_code").len().sort("category_code")
    context.add_output_metadata(
        {
            "mentions": found.height,
            "extractor_version": EXTRACTOR_VERSION,
            "by_category": dg.MetadataValue.json({str(r[0]): r[1] for r in by_category.iter_rows()}),
        }
    )
    quarantine = conform(pl.DataFrame(documents.quarantine, infer_schema_length=None), QUARANTINE_COLUMNS)
    return {"documents": docs, "mentions": found, "quarantine": quarantine}


@dg.asset(group_name="committee_stats", description="The DuckDB warehouse, published atomically.")
def warehouse(
    context: dg.AssetExecutionContext, stats_paths: StatsPaths, mentions: dict
) -> dg.MaterializeResult:
    result = publish(
        stats_paths.warehouse,
        mentions["documents"],
        mentions["mentions"],
        mentions["quarantine"],
        extractor_version=EXTRACTOR_VERSION,
    )
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(result.path)),
            "documents": result.documents,
            "mentions": result.mentions,
            "quarantined": result.quarantined,
            "facts": result.facts,
            "published_at": result.published_at.isoformat(),
        }
    )


ALL_ASSETS = [documents, mentions, warehouse]
