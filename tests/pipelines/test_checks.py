"""Blocking checks (warehouse-wide invariants) stop a bad publish; per-document problems only warn
and hold the mentions concerned for review."""

import dagster as dg
import duckdb
import polars as pl
import pytest

from pipelines.defs import checks
from pipelines.run import quality
from pipelines.run.collect import Staged, gather
from pipelines.run.materialize import materialize_all
from pipelines.run.review import review_mentions
from pipelines.run.store import DocumentStore
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


STAGED_CHECKS = [
    checks.schema_matches_warehouse,
    checks.no_duplicate_mentions,
    checks.mentions_attributed,
    checks.values_within_catalog_bounds,
]


def results(staged: Staged) -> dict[str, dg.AssetCheckResult]:
    return {next(iter(c.check_specs)).name: c(staged) for c in STAGED_CHECKS}


def failing(staged: Staged) -> set[str]:
    """Checks on the staged tables that do not pass (blocking or warning)."""
    return {name for name, r in results(staged).items() if not r.passed}


def held(staged: Staged) -> list[str]:
    return review_mentions(staged.mentions).held["reason"].to_list()


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
    assert held(with_mentions(staged, unknown)) == ["committee_not_in_register"]
    assert (
        results(with_mentions(staged, unknown))["mentions_attributed"].severity == dg.AssetCheckSeverity.WARN
    )
    # A division the register says was abolished: a figure of a later year cannot be its committee's.
    abolished, last_year = _abolished_division()
    too_late = set_cell(set_cell(unknown, row, "committee_code", abolished), row, "period_end", last_year + 1)
    too_late = set_cell(too_late, row, "period_start", last_year + 1)
    assert failing(with_mentions(staged, too_late)) == {"mentions_attributed"}
    still_there = set_cell(set_cell(too_late, row, "period_end", last_year), row, "period_start", last_year)
    assert failing(with_mentions(staged, still_there)) == set()
    no_period = set_cell(staged.mentions, row, "period_end", None)
    assert failing(with_mentions(staged, no_period)) == {"mentions_attributed"}
    problems = quality.unattributed_mentions(with_mentions(staged, no_period))["problem"].to_list()
    assert problems == ["no period"]
    assert held(with_mentions(staged, no_period)) == ["no_period"]

    # Explicitly flagged as unresolved (code null, as the mention contract says): passes, counted.
    flagged = with_mentions(staged, set_cell(staged.mentions, row, "committee_code", None))
    assert failing(flagged) == set()
    result = checks.mentions_attributed(flagged)
    assert result.passed and result.metadata["flagged_unresolved"].value == 1
    assert held(flagged) == ["unattributed"]


def _abolished_division() -> tuple[str, int]:
    from warehouse.register import load_register

    ends: dict[str, list] = {}
    for c in load_register().committees:
        ends.setdefault(c.code, []).append(c.valid_to)
    code = next(code for code, e in sorted(ends.items()) if None not in e)
    return code, max(ends[code])


def test_bounds_check_fails_on_values_outside_the_catalog(staged):
    catalog = load_catalog()
    row = first_row_where(staged.mentions, "proposals.received")
    too_big = catalog.metric("proposals.received").bounds[1] + 1
    bad = with_mentions(staged, set_cell(staged.mentions, row, "value", float(too_big)))
    assert failing(bad) == {"values_within_catalog_bounds"}
    assert quality.out_of_bounds(bad)["value"].to_list() == [too_big]
    assert held(bad) == ["out_of_bounds"]
    assert results(bad)["values_within_catalog_bounds"].severity == dg.AssetCheckSeverity.WARN

    unknown = with_mentions(staged, set_cell(staged.mentions, row, "metric_code", "proposals.nonexistent"))
    assert failing(unknown) == {"values_within_catalog_bounds"}
    assert held(unknown) == ["unknown_metric"]


def test_only_warehouse_wide_invariants_block():
    blocking = {next(iter(c.check_specs)).name for c in checks.BLOCKING_CHECKS}
    assert blocking == {"schema_matches_warehouse", "no_duplicate_mentions", "publish_keeps_most_figures"}
    for c in checks.BLOCKING_CHECKS:
        assert next(iter(c.check_specs)).blocking


def test_a_figure_out_of_bounds_is_held_and_the_publish_goes_on(settings, inbox):
    wh = settings.warehouse
    first = materialize_all(inbox, wh, store=settings.store_dir)
    assert first["documents"] == 3
    bound = load_catalog().metric("proposals.received").bounds[1]
    (inbox / "xixia_2024.txt").write_text(
        f"西夏区政协2024年工作综述\n\n2024年，西夏区政协共收到提案{int(bound) * 10}件。\n", encoding="utf-8"
    )
    second = materialize_all(inbox, wh, store=settings.store_dir)
    assert second["documents"] == 4 and second["held_for_review"] == 1
    assert second["held_by_reason"] == {"out_of_bounds": 1}
    con = duckdb.connect(str(wh), read_only=True)
    assert con.sql("SELECT doc_id, reason FROM mention_review").fetchall() == [
        ("xixia_2024", "out_of_bounds")
    ]
    assert con.sql(
        "SELECT count(*) FROM fact_committee_metric_period WHERE value > ?", params=[bound]
    ).fetchall() == [(0,)]
    con.close()


def test_warning_checks_show_but_do_not_stop_the_publish(settings, inbox, instance):
    from pipelines.defs.assets import ALL_ASSETS, mentions, warehouse

    (inbox / "notes.txt").write_text("贺兰县政协机关学习会议纪要\n\n会议传达了有关精神。\n", encoding="utf-8")
    # The same committee and metric a year earlier, more than 10x smaller than 2024's 9.
    (inbox / "helan_2023.txt").write_text(
        "贺兰县政协2023年工作综述\n\n2023年，贺兰县政协全年开展专题调研100次。\n", encoding="utf-8"
    )
    result = dg.materialize(
        [*ALL_ASSETS, *checks.ALL_CHECKS], selection=dg.AssetSelection.assets(mentions, warehouse),
        instance=instance, resources={"stats_paths": settings},
    )  # fmt: skip
    assert result.success and result.asset_materializations_for_node("warehouse")
    # The run metadata carries one outcome per file found (here every file loads).
    for node in ("mentions", "warehouse"):
        meta = result.asset_materializations_for_node(node)[0].metadata
        assert meta["outcomes"].value == {
            "loaded": 5, "quarantined": 0, "unsupported": 0, "duplicate": 0, "expanded": 0, "files": 5,
        }  # fmt: skip
        assert meta["files"].value == 5 and meta["held_for_review"].value == 0
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    warned = {n for n, e in evaluations.items() if not e.passed}
    assert {"publish_keeps_most_figures", "mentions_attributed", "values_within_catalog_bounds"} <= set(
        evaluations
    )
    assert warned == {"documents_with_mentions", "no_yoy_jumps_over_10x"}
    assert all(evaluations[n].severity == dg.AssetCheckSeverity.WARN for n in warned)
    assert evaluations["documents_with_mentions"].metadata["documents"].value == 1
    assert evaluations["no_yoy_jumps_over_10x"].metadata["jumps"].value == 1
    assert evaluations["mentions_matched_to_metrics"].passed
