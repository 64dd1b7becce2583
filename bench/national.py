"""A generated national-scale warehouse: every county-level division x N years x M metrics.

Built through the real publish path (``warehouse.publish.publish``), so the benchmarks measure the
warehouse analysts get. Uses the committee register when it covers the whole country (>= 2,000
county-level divisions); otherwise synthesises a deterministic country of the same shape (31
regions, 333 cities, 2,844 county-level divisions, the 2023 count). Uses the first ``metrics``
catalog metrics, padded with synthetic ones when the catalog has fewer. Values are deterministic
functions of committee, metric and year, so two builds hold the same figures.

    python bench/national.py [PATH]     # build it and print its size
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import replace
from pathlib import Path

import polars as pl

from warehouse.catalog import Catalog, Metric, load_catalog
from warehouse.publish import PublishResult, publish
from warehouse.register import NATIONAL_CODE, Committee, Register, load_register

FIRST_YEAR = 2015
REGIONS, CITIES, COUNTIES = 31, 333, 2844
MIN_REAL_COUNTIES = 2000


def _committee(code: str, name: str, level: str, parent: str | None, pinyin: str, english: str) -> Committee:
    return Committee(
        code=code, name=name, short_name=name[:-1] or name, level=level, parent_code=parent,
        valid_from=1949, valid_to=None, name_pinyin=pinyin, name_en=english,
    )  # fmt: skip


def synthetic_register() -> Register:
    """31 regions, 333 cities, 2,844 county-level divisions with deterministic codes and names."""
    rows = [_committee(NATIONAL_CODE, "全国", "national", None, "Quanguo", "National")]
    city_no = 0
    county_no = 0
    for r in range(REGIONS):
        region = f"{11 + r:02d}0000"
        rows.append(
            _committee(
                region, f"第{r + 1}省", "region", NATIONAL_CODE, f"Di {r + 1} Sheng", f"Province {r + 1}"
            )
        )
        n_cities = CITIES // REGIONS + (1 if r < CITIES % REGIONS else 0)
        for c in range(n_cities):
            city = f"{region[:2]}{c + 1:02d}00"
            city_no += 1
            rows.append(
                _committee(city, f"第{city_no}市", "city", region, f"Di {city_no} Shi", f"City {city_no}")
            )
            n_counties = COUNTIES // CITIES + (1 if city_no <= COUNTIES % CITIES else 0)
            for k in range(n_counties):
                county_no += 1
                rows.append(_committee(f"{city[:4]}{k + 1:02d}", f"第{county_no}县", "county", city,
                                       f"Di {county_no} Xian", f"County {county_no}"))  # fmt: skip
    return Register(rows)


def national_register() -> Register:
    register = load_register()
    counties = sum(1 for c in register.committees if c.level == "county")
    return register if counties >= MIN_REAL_COUNTIES else synthetic_register()


def national_catalog(metrics: int) -> Catalog:
    catalog = load_catalog()
    chosen = list(catalog.metrics[:metrics])
    # organization.members makes per-member normalisation measurable; keep it when it exists.
    members = [m for m in catalog.metrics if m.code == "organization.members"]
    if members and members[0] not in chosen:
        chosen[-1] = members[0]
    category = catalog.categories[0].code
    for i in range(len(chosen), metrics):
        chosen.append(
            Metric(
                f"{category}.synthetic_{i:02d}",
                category,
                f"合成指标{i}",
                f"Synthetic metric {i}",
                ("次",),
                ("合成",),
                (),
                (0.0, 10000.0),
            )  # fmt: skip
        )
    return replace(catalog, metrics=tuple(chosen))


def national_frames(register: Register, catalog: Catalog, years: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, mentions): one work report per committee x year, one mention per metric in it,
    plus a second report disagreeing on one figure in fifty (conflicts to reconcile)."""
    current = [c for c in register.committees if c.valid_to is None]
    committees = pl.DataFrame(
        {
            "committee_code": [c.code for c in current],
            "committee_name": [c.committee_name for c in current],
            "level": [c.level for c in current],
        }
    ).with_columns(code_num=pl.col("committee_code").cast(pl.Int64))
    metric_frame = pl.DataFrame(
        {
            "metric_code": [m.code for m in catalog.metrics],
            "category_code": [m.category for m in catalog.metrics],
            "unit": [m.units[0] if m.units else "次" for m in catalog.metrics],
            "metric_no": list(range(len(catalog.metrics))),
        }
    )
    year_frame = pl.DataFrame({"year": list(range(FIRST_YEAR, FIRST_YEAR + years))})
    docs = committees.join(year_frame, how="cross").with_columns(
        doc_id=pl.format("report_{}_{}", "committee_code", "year")
    )
    docs = docs.with_columns(
        sha256=pl.col("doc_id").map_elements(lambda s: hashlib.sha256(s.encode()).hexdigest(), pl.String)
    )
    m = docs.join(metric_frame, how="cross")
    base = ((pl.col("code_num") * 7919 + pl.col("metric_no") * 104729) % 397 + 3).cast(pl.Float64)
    growth = 1 + (pl.col("year") - FIRST_YEAR) * (((pl.col("code_num") + pl.col("metric_no")) % 7) - 2) / 40
    m = m.with_columns(
        value=(base * growth).round(0).clip(0),
        qualifier=pl.when((pl.col("code_num") + pl.col("metric_no") + pl.col("year")) % 20 == 0)
        .then(pl.lit("at_least"))
        .otherwise(pl.lit("exact")),
        char_start=pl.col("metric_no") * 40 + 10,
    )
    conflicts = m.filter(
        (pl.col("code_num") * 31 + pl.col("metric_no") * 7 + pl.col("year") * 13) % 50 == 0
    ).with_columns(
        doc_id=pl.format("news_{}_{}", "committee_code", "year"),
        value=pl.col("value") + 1,
        qualifier=pl.lit("exact"),
    )
    conflicts = conflicts.with_columns(
        sha256=pl.col("doc_id").map_elements(lambda s: hashlib.sha256(s.encode()).hexdigest(), pl.String)
    )
    mentions = pl.concat([m, conflicts]).with_columns(
        char_end=pl.col("char_start") + 4,
        surface=pl.format("{}{}", pl.col("value").cast(pl.Int64), "unit"),
        period_start=pl.col("year"),
        period_end=pl.col("year"),
        sentence=pl.format(
            "{}{}年共{}{}。", "committee_name", "year", pl.col("value").cast(pl.Int64), "unit"
        ),
    )
    counts = mentions.group_by("sha256").len("mentions")
    all_docs = (
        mentions.select("sha256", "doc_id")
        .unique("sha256")
        .join(counts, on="sha256")
        .with_columns(
            source_path=pl.format("generated/{}.txt", "doc_id"),
            media_type=pl.lit("text/plain"),
            chars=pl.lit(2500),
            extractor_version=pl.lit("national-bench"),
            status=pl.lit("loaded"),
        )
    )
    return all_docs, mentions


def build_national_warehouse(path: str | Path, years: int = 10, metrics: int = 60) -> PublishResult:
    """Publish a national-scale warehouse at ``path`` through the real publish path."""
    register = national_register()
    catalog = national_catalog(metrics)
    documents, mentions = national_frames(register, catalog, years)
    return publish(
        path,
        documents,
        mentions,
        extractor_version="national-bench",
        overrides=pl.DataFrame(),
        register=register,
        catalog=catalog,
    )


def cached_national_warehouse(years: int = 10, metrics: int = 60, folder: str | Path | None = None) -> Path:
    """The national warehouse in ``folder`` (default: the system temp folder), built once per
    schema, publisher, register and catalog edition and reused by later benchmark runs."""
    import tempfile

    import warehouse.publish as publish_module

    parts = [p.read_bytes() for p in sorted(publish_module.SCHEMA_DIR.glob("*.sql"))]
    parts += [publish_module.VIEW_COLUMNS_CSV.read_bytes()]
    parts += [publish_module.RECONCILE_SQL.read_bytes(), Path(publish_module.__file__).read_bytes()]
    parts += [Path(__file__).read_bytes()]
    parts += [str(len(national_register().committees)).encode(), national_catalog(metrics).edition.encode()]
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest()[:12]
    path = Path(folder or tempfile.gettempdir()) / f"cstats_national_{years}y_{metrics}m_{digest}.duckdb"
    if not path.exists():
        build_national_warehouse(path, years, metrics)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cstats_national.duckdb")
    t0 = time.perf_counter()
    res = build_national_warehouse(target)
    print(
        f"national warehouse {target}: {res.documents} documents, {res.mentions} mentions, "
        f"{res.facts} figures in {time.perf_counter() - t0:.1f} s"
    )
