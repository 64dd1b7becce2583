"""Dagster assets: documents (one partition per document) -> mentions (staged) -> warehouse.

- ``documents``: one document read (under the per-document time limit) and its mentions
  extracted, stored in the document store by content hash and extraction key. A document that
  cannot be read is stored as quarantined with its reason; the partition still succeeds.
- ``mentions``: every document now in the sources folder, gathered from the store into the
  tables the next publish loads, the mentions streamed to a Parquet spool beside the warehouse
  (pipelines/run/staging.py). Blocking asset checks run on it (pipelines/defs/checks.py).
- ``warehouse``: the DuckDB file, published atomically from ``mentions``.
"""

import dagster as dg
import polars as pl

from pipelines.defs.partitions import documents_partitions
from pipelines.defs.resources import StatsPaths
from pipelines.extract import EXTRACTOR_VERSION
from pipelines.run.collect import Staged, scan_sources, store_document
from pipelines.run.logs import quiet_libraries
from pipelines.run.outcomes import counts, reasons
from pipelines.run.quality import mention_batches, open_read_only, preview_markdown
from pipelines.run.retries import MAX_RETRIES, backoff_seconds, is_transient
from pipelines.run.review import by_reason, reviewed
from pipelines.run.staging import gather_to_spool, publish_staged, spool_path
from pipelines.run.store import DocumentStore
from sources.archive import split_member
from sources.errors import SourceError
from sources.scan import file_sha256
from warehouse.safe_paths import join_under

GROUP = "committee_stats"
SOURCE_PATH_TAG = "cstats/source_path"  # set by the sensor and `cstats run`: where a partition's file is


def _retry_if_transient(context: dg.AssetExecutionContext, exc: Exception) -> None:
    """Ask Dagster to retry a transient failure with exponential backoff; let anything else fail."""
    if is_transient(exc) and context.retry_number < MAX_RETRIES:
        wait = backoff_seconds(context.retry_number)
        context.log.warning(f"transient error, retry {context.retry_number + 1} in {wait:g} s: {exc!r}")
        raise dg.RetryRequested(max_retries=MAX_RETRIES, seconds_to_wait=wait) from exc


def _locate(
    context: dg.AssetExecutionContext, paths: StatsPaths, store: DocumentStore, sha: str
) -> str | None:
    """The relative path of the file whose content hash is ``sha``, or None when none has it."""
    tagged = context.run.tags.get(SOURCE_PATH_TAG)
    if tagged and split_member(tagged) is None:
        try:  # never resolves a link: join_under and file_sha256 refuse them (lstat first)
            if file_sha256(join_under(paths.sources, tagged)) == sha:
                return tagged
        except (OSError, ValueError, SourceError):
            pass
    rels = scan_sources(paths.sources, store).get(sha)  # a backfill or re-run: look it up
    return rels[0] if rels else None


def outcome_metadata(staged: Staged) -> dict:
    """Outcome counts (one per file found), reasons and a table of the files not loaded."""
    not_loaded = staged.outcomes.filter(pl.col("status") != "loaded").select(
        "source_path", "status", "reason", "duplicate_of", "message"
    )
    return {
        "files": staged.outcomes.height,
        "outcomes": dg.MetadataValue.json(counts(staged.outcomes)),
        "quarantined_by_reason": dg.MetadataValue.json(reasons(staged.outcomes)),
        "files_not_loaded": dg.MetadataValue.md(preview_markdown(not_loaded, 100)),
    }


def by_category(mentions) -> dict[str, int]:
    """Mentions per category, over a frame or a spool (one row group at a time)."""
    out: dict[str, int] = {}
    for batch in mention_batches(mentions):
        for code, n in batch.group_by("category_code").len().iter_rows():
            key = str(code) if code is not None else "(none)"
            out[key] = out.get(key, 0) + n
    return dict(sorted(out.items()))


@dg.asset(
    group_name=GROUP,
    partitions_def=documents_partitions,
    kinds={"python", "parquet"},
    description="One document (partition key: the SHA-256 of its content) read and its mentions "
    "extracted, stored as Parquet in the document store; unreadable documents are quarantined.",
)
def documents(context: dg.AssetExecutionContext, stats_paths: StatsPaths) -> dg.MaterializeResult:
    quiet_libraries()
    sha = context.partition_key
    store = stats_paths.store
    try:
        result = store.load(sha, mentions=False)
        rel = None if result is not None and result.loaded else _locate(context, stats_paths, store, sha)
        with stats_paths.reading_limits():
            result, reused = store_document(
                stats_paths.sources, store, sha, rel, stats_paths.document_seconds
            )
        if reused:
            result = store.load(sha)
    except Exception as e:
        _retry_if_transient(context, e)
        raise
    meta = {
        "status": result.status,
        "source_path": result.source_path,
        "sha256": sha,
        "extraction_key": store.key,
        "reused": reused,
        "record": dg.MetadataValue.path(str(store.record_path(sha))),
    }
    if result.loaded:
        meta |= {
            "pages": result.document.get("pages") or 0,
            "mentions": result.mentions.height,
            "mentions_by_category": dg.MetadataValue.json(by_category(result.mentions)),
            "quarantined": 0,
        }
    else:
        q = result.quarantine
        meta |= {"quarantined": 1, "reason": q["reason"], "message": q["message"]}
        meta["outcome"] = "unsupported" if q["reason"] == "unsupported" else "quarantined"
        context.log.warning(
            f"quarantined source_path={result.source_path} reason={q['reason']}: {q['message']}"
        )
    return dg.MaterializeResult(metadata=meta, tags={"cstats/status": result.status})


@dg.asset(
    group_name=GROUP,
    deps=[documents],
    kinds={"python", "polars"},
    description="Every document now in the sources folder, gathered from the document store into the "
    "tables the next publish loads (documents and quarantine rows; the mentions streamed to a Parquet "
    "spool beside the warehouse, so memory does not grow with the corpus). Blocking checks run here.",
)
def mentions(context: dg.AssetExecutionContext, stats_paths: StatsPaths) -> dg.Output[Staged]:
    quiet_libraries()
    if not stats_paths.sources.is_dir():
        raise dg.Failure(f"sources folder not found: {stats_paths.sources}")
    store = stats_paths.store
    spool = spool_path(stats_paths.warehouse, context.run.run_id)
    # A spool left by an earlier run whose publish was blocked or failed: one publish at a time.
    for old in spool.parent.glob(spool_path(stats_paths.warehouse, "*").name):
        if old != spool:
            old.unlink(missing_ok=True)
    with stats_paths.reading_limits():
        staged = gather_to_spool(stats_paths.sources, store, stats_paths.document_seconds, spool)
    if staged.outcomes.height == 0:
        raise dg.Failure(
            f"no documents in {stats_paths.sources}: refusing to publish an empty warehouse over the last one"
        )
    if staged.processed_now:
        context.log.warning(
            f"{staged.processed_now} documents had no stored output for {store.key} and were processed "
            "while gathering; backfill the documents partitions after an extractor change"
        )
    held = reviewed(staged).held  # found once here; the checks and the publish receive it
    return dg.Output(
        staged,
        metadata={
            **outcome_metadata(staged),
            "held_for_review": held.height,
            "held_by_reason": dg.MetadataValue.json(by_reason(held)),
            "documents": staged.documents.height,
            "pages": staged.pages,
            "mentions": staged.mentions.height,
            "mentions_by_category": dg.MetadataValue.json(by_category(staged.mentions)),
            "quarantined": staged.quarantine.height,
            "processed_while_gathering": staged.processed_now,
            "extraction_key": store.key,
            "sources": dg.MetadataValue.path(str(stats_paths.sources)),
        },
    )


@dg.asset(
    group_name=GROUP,
    kinds={"duckdb"},
    description="The DuckDB warehouse, published atomically (build beside, swap in) from the staged tables.",
)
def warehouse(
    context: dg.AssetExecutionContext, stats_paths: StatsPaths, mentions: Staged
) -> dg.MaterializeResult:
    spool = getattr(mentions.mentions, "path", None)
    if spool is not None and not spool.exists():
        raise dg.Failure(
            f"the mentions spool {spool} is gone (already published?): materialize mentions again"
        )
    held = reviewed(mentions).held
    categories = by_category(mentions.mentions)
    try:
        result = publish_staged(stats_paths.warehouse, mentions, held)
    except Exception as e:
        _retry_if_transient(context, e)
        raise
    if spool is not None:
        spool.unlink(missing_ok=True)
    con = open_read_only(result.path)
    try:
        preview = con.sql(
            "SELECT committee_name_zh, metric_name_zh, year, value, unit, qualifier, conflict "
            "FROM v_committee_metric_year ORDER BY committee_name_zh, metric_name_zh, year LIMIT 10"
        ).pl()
    finally:
        con.close()
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(result.path.resolve())),
            "documents": result.documents,
            "pages": mentions.pages,
            "mentions": result.mentions,
            "mentions_by_category": dg.MetadataValue.json(categories),
            "quarantined": result.quarantined,
            **outcome_metadata(mentions),
            "held_for_review": held.height,
            "held_by_reason": dg.MetadataValue.json(by_reason(held)),
            "facts": result.facts,
            "published_at": result.published_at.isoformat(),
            "extractor_version": EXTRACTOR_VERSION,
            "preview": dg.MetadataValue.md(preview_markdown(preview)),
        }
    )


ALL_ASSETS = [documents, mentions, warehouse]
