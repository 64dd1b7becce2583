"""Blocking checks stop a bad publish; each one fails on its kind of bad data."""

import dagster as dg
import duckdb
import polars as pl
import pytest

from pipelines import checks, quality
from pipelines.collect import Staged, gather
from pipelines.materialize import PublishBlocked, materialize_all
from pipelines.store import DocumentStore
from warehouse.catalog import load_catalog

from .conftest import write_reports


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Staged:
    root = tmp_path_factory.mktemp("checks")
    return gather(write_reports(root / "inbox"), DocumentStore(root / "store"), 30.0)


def with_mentions(staged: Staged, mentions: pl.DataFrame) -> Staged:
    return Staged(staged.documents, mentions, staged.quarantine)


def first_row_where(frame: pl.DataFrame, metric: str) -> int:
    return frame.with_row_index().filter(pl.col("metric_code") == metric)["index"][0]


def set_cell(frame: pl.DataFrame, row: int, column: str, value) -> pl.DataFrame:
    dtype = frame.schema[column]
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row)
        .then(pl.lit(value, dtype=dtype))
        .otherwise(pl.col(column))
        .alias(column)
    )


def blocking_results(staged: Staged) -> dict[str, dg.AssetCheckResult]:
    return {next(iter(c.check_specs)).name: c(staged) for c in checks.BLOCKING_CHECKS}


def failing(staged: Staged) -> set[str]:
    return {name for name, r in blocking_results(staged).items() if not r.passed}


def test_good_data_passes_every_blocking_check(staged):
    assert staged.mentions.height > 0
    assert failing(staged) == set()
    assert all(spec.blocking for c in checks.BLOCKING_CHECKS for spec in c.check_specs)
    assert not any(spec.blocking for c in checks.WARNING_CHECKS for spec in c.check_specs)


def test_schema_check_fails_on_a_missing_column_and_on_nulls(staged):
    missing = with_mentions(staged, staged.mentions.drop("unit"))
    assert failing(missing) == {"schema_matches_warehouse"}
    assert "mentions.unit: missing" in quality.schema_problems(missing, _expected())

    nulls = with_mentions(staged, set_cell(staged.mentions, 0, "surface", None))
    assert failing(nulls) == {"schema_matches_warehouse"}
    assert quality.schema_problems(nulls, _expected()) == [
        "mentions.surface: 1 null values in a NOT NULL column"
    ]


def _expected():
    from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, QUARANTINE_COLUMNS

    return {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS}


def test_duplicate_check_fails_on_a_repeated_span(staged):
    bad = with_mentions(staged, pl.concat([staged.mentions, staged.mentions.tail(1)]))
    assert failing(bad) == {"no_duplicate_mentions"}
    assert quality.duplicate_mentions(bad)["copies"].to_list() == [2]


def test_attribution_check_fails_on_unknown_committees_and_missing_periods(staged):
    row = first_row_where(staged.mentions, "proposals.received")
    unknown = set_cell(staged.mentions, row, "committee_code", "999999")
    assert failing(with_mentions(staged, unknown)) == {"mentions_attributed"}
    # 惠农区 (640205) exists from 2004: a figure of 1990 cannot be its committee's.
    huinong = staged.mentions.with_row_index().filter(pl.col("committee_code") == "640205")["index"][0]
    too_early = set_cell(
        set_cell(staged.mentions, huinong, "period_start", 1990), huinong, "period_end", 1990
    )
    assert failing(with_mentions(staged, too_early)) == {"mentions_attributed"}
    no_period = set_cell(staged.mentions, row, "period_end", None)
    assert failing(with_mentions(staged, no_period)) == {"mentions_attributed"}
    problems = quality.unattributed_mentions(with_mentions(staged, no_period))["problem"].to_list()
    assert problems == ["no period"]

    # Explicitly flagged as unresolved (code null, as the mention contract says): passes, counted.
    flagged = with_mentions(staged, set_cell(staged.mentions, row, "committee_code", None))
    assert failing(flagged) == set()
    result = checks.mentions_attributed(flagged)
    assert result.passed and result.metadata["flagged_unresolved"].value == 1


def test_bounds_check_fails_on_values_outside_the_catalog(staged):
    catalog = load_catalog()
    row = first_row_where(staged.mentions, "proposals.received")
    too_big = catalog.metric("proposals.received").bounds[1] + 1
    bad = with_mentions(staged, set_cell(staged.mentions, row, "value", float(too_big)))
    assert failing(bad) == {"values_within_catalog_bounds"}
    assert quality.out_of_bounds(bad)["value"].to_list() == [too_big]

    unknown = with_mentions(staged, set_cell(staged.mentions, row, "metric_code", "proposals.nonexistent"))
    assert failing(unknown) == {"values_within_catalog_bounds"}


def test_a_blocked_publish_leaves_the_last_warehouse(settings, inbox):
    wh = settings.warehouse
    first = materialize_all(inbox, wh, store=settings.store_dir)
    con = duckdb.connect(str(wh), read_only=True)
    before = con.sql("SELECT published_at, documents, mentions FROM publish_log").fetchall()
    con.close()
    assert before[0][1] == first["documents"] == 3

    bound = load_catalog().metric("proposals.received").bounds[1]
    (inbox / "xixia_2024.txt").write_text(
        f"西夏区政协2024年工作综述\n\n2024年，西夏区政协共收到提案{int(bound) * 10}件。\n", encoding="utf-8"
    )
    with pytest.raises(PublishBlocked, match="values_within_catalog_bounds"):
        materialize_all(inbox, wh, store=settings.store_dir)
    con = duckdb.connect(str(wh), read_only=True)
    assert con.sql("SELECT published_at, documents, mentions FROM publish_log").fetchall() == before
    assert con.sql("SELECT count(*) FROM dim_document").fetchall() == [(3,)]
    con.close()
