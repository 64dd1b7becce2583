"""The publish streams mentions through a Parquet spool in every path (Dagster assets, `cstats run`,
the cluster): the blocking rules and review holds over a spool's row groups find what they find
over the same mentions held as one frame, and no spool outlives its publish."""

import duckdb
import polars as pl
import pytest

from pipelines.run import quality
from pipelines.run.collect import Staged, gather
from pipelines.run.materialize import materialize_all
from pipelines.run.review import review_mentions
from pipelines.run.staging import review_and_check, spool_path
from pipelines.run.store import DocumentStore
from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, QUARANTINE_COLUMNS
from warehouse.spool import MentionSpool

from .conftest import write_reports

EXPECTED = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS}
KEY = ["sha256", "char_start", "char_end"]


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Staged:
    root = tmp_path_factory.mktemp("staging")
    return gather(write_reports(root / "inbox"), DocumentStore(root / "store"), 30.0)


def spooled(staged: Staged, mentions: pl.DataFrame, path) -> Staged:
    """The same mentions in a spool of several row groups (whole documents each)."""
    with MentionSpool.write(path, batch_rows=3) as spool:
        for _, doc in mentions.group_by("sha256", maintain_order=True):
            spool.append(doc)
    return Staged(staged.documents, MentionSpool(path), staged.quarantine)


def with_problems(mentions: pl.DataFrame) -> pl.DataFrame:
    """A copy with one duplicated span, one value out of its bounds, one unknown committee code."""
    m = mentions.with_row_index()
    m = m.with_columns(
        value=pl.when(pl.col("index") == 1).then(pl.col("value") * 10**9).otherwise(pl.col("value")),
        committee_code=pl.when(pl.col("index") == 2)
        .then(pl.lit("999999"))
        .otherwise(pl.col("committee_code")),
    ).drop("index")
    return pl.concat([m, m.head(1)])


def test_rules_over_a_spool_find_what_they_find_over_one_frame(staged, tmp_path):
    frame = with_problems(staged.mentions)
    one = Staged(staged.documents, frame, staged.quarantine)
    many = spooled(staged, frame, tmp_path / "s.parquet")
    assert len(list(many.mentions.batches())) > 1
    assert quality.duplicate_mentions(many).height == quality.duplicate_mentions(one).height == 1
    held_one, held_many = review_mentions(one.mentions).held, review_mentions(many.mentions).held
    assert held_one.height >= 2 and held_many.sort(KEY).equals(held_one.sort(KEY))
    keys = quality.figure_keys(many.mentions, held_many).sort(quality.FIGURE_KEYS)
    assert keys.height > 0 and keys.equals(
        quality.figure_keys(one.mentions, held_one).sort(quality.FIGURE_KEYS)
    )
    assert quality.schema_problems(many, EXPECTED) == quality.schema_problems(one, EXPECTED) == []


def test_schema_rule_sums_its_counts_over_row_groups(staged, tmp_path):
    frame = staged.mentions.with_columns(char_end=pl.col("char_start"))  # every span empty
    many = spooled(staged, frame, tmp_path / "s.parquet")
    assert quality.schema_problems(many, EXPECTED) == [
        f"mentions: {frame.height} with char_end <= char_start"
    ]


def test_review_and_check_blocks_a_duplicated_span_in_a_spool(staged, tmp_path):
    many = spooled(staged, with_problems(staged.mentions), tmp_path / "s.parquet")
    held, problems = review_and_check(many, tmp_path / "none.duckdb")
    assert problems == ["no_duplicate_mentions: 1 duplicated mention spans"]
    assert set(held["reason"]) >= {"out_of_bounds"}


def test_the_dagster_publish_spools_and_leaves_no_spool(tmp_path):
    src = write_reports(tmp_path / "src")
    wh = tmp_path / "w.duckdb"
    stale = spool_path(wh, "an-earlier-blocked-run")
    stale.write_bytes(b"left by a run whose publish was blocked")
    result = materialize_all(src, wh, store=tmp_path / "store", workers=1)
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("SELECT count(*) FROM fact_mention").fetchone()[0] == result["mentions"] > 3
    con.close()
    assert not list(tmp_path.glob("*.spool.parquet"))  # its own spool after publishing, the stale one before


def test_a_dagster_publish_reviews_once_and_reads_the_spool_a_few_times(tmp_path, monkeypatch):
    """The holds are found once, in the ``mentions`` asset; the checks and the warehouse step reuse
    them (each used to find them again: about twenty reads of a spool of millions of mentions)."""
    from pipelines.run import review

    calls = {"review": 0, "reads": 0}
    real_review, real_batches = review.review_mentions, MentionSpool.batches

    def counting_review(mentions):
        calls["review"] += 1
        return real_review(mentions)

    def counting_batches(self):
        calls["reads"] += 1
        yield from real_batches(self)

    monkeypatch.setattr(review, "review_mentions", counting_review)
    monkeypatch.setattr(MentionSpool, "batches", counting_batches)
    result = materialize_all(
        write_reports(tmp_path / "src"), tmp_path / "w.duckdb", store=tmp_path / "store", workers=1
    )
    assert result["mentions"] > 3
    assert calls["review"] == 1
    # the review, the schema, duplicate and figure rules once each, the categories in two metadata
    assert calls["reads"] == 6


def test_document_rows_kept_in_frames_of_a_few_rows_are_the_same_rows(tmp_path, monkeypatch):
    from pipelines.run import staging

    src, store = write_reports(tmp_path / "src"), DocumentStore(tmp_path / "store")
    whole = gather(src, store, 30.0)
    monkeypatch.setattr(staging, "DOCUMENT_ROWS_PER_FRAME", 2)
    chunked = staging.gather_to_spool(src, store, 30.0, tmp_path / "s.parquet")
    assert whole.documents.height == chunked.documents.height == 3
    assert chunked.documents.sort("sha256").equals(whole.documents.sort("sha256"))
    assert chunked.outcomes.sort("source_path").equals(whole.outcomes.sort("source_path"))
