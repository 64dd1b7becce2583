"""Every dashboard query on a generated national-scale warehouse, timed.

Builds (once) every county-level division x 10 years x 60 metrics with bench/national.py through
the real publish path, then runs each ``warehouse.read.Warehouse`` question the dashboard asks,
with the arguments a user's choice would give, and prints its median time (warm, over several
runs), its ratio to a baseline query measured in the same run (a full count of the figures), and
whether it meets the 100 ms target. A fresh build also prints the publish phases, including the
time spent computing the data-quality views and coverage at publish (docs/dashboard.md has the
figures before and after that change).

    python bench/bench_dashboard.py [PATH]      # PATH: reuse or build the warehouse there
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.national import build_national_warehouse
from warehouse.read import Warehouse

TARGET_MS = 100.0
RUNS = 5


def timed(fn, *args) -> float:
    fn(*args)  # warm: first call opens the connection and fills DuckDB's caches
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "cstats_national.duckdb"
    if not path.exists():
        t0 = time.perf_counter()
        res = build_national_warehouse(path)
        print(f"built {path}: {res.documents} documents, {res.mentions} mentions, {res.facts} figures "
              f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in res.timings.items())
        print(f"publish phases: {phases} (materialize: quality views and coverage computed at publish)")
    wh = Warehouse(path)
    # The first region with prefecture-level cities (municipalities have counties directly below).
    region = next(r for r in wh.regions()["committee_code"] if wh.cities(r).height)
    city = wh.cities(region)["committee_code"][0]
    metric = wh.metrics()["metric_code"][0]
    category = wh.metrics()["category_code"][0]
    years = wh.years()
    county = wh.query(
        "SELECT committee_code FROM dim_committee WHERE level = 'county' AND parent_code = ? LIMIT 1", [city]
    )["committee_code"][0]
    counts = wh.query("SELECT count(*) AS n FROM fact_committee_metric_period")["n"][0]
    print(f"warehouse: {counts:,} figures, {wh.query('SELECT count(*) AS n FROM dim_committee')['n'][0]:,} "
          f"committees, {len(years)} years")  # fmt: skip
    base = timed(wh.query, "SELECT count(*), sum(value) FROM fact_committee_metric_period")
    sibling_codes = [county, *wh.siblings(county)["committee_code"].to_list(), city]
    questions = [
        ("regions", wh.regions),
        ("cities", wh.cities, region),
        ("categories", wh.categories),
        ("metrics (one category)", wh.metrics, category),
        ("years", wh.years),
        ("compare (region, all cities, all years)", wh.compare, metric, years, region, None),
        ("compare (one city, 2 years)", wh.compare, metric, years[-2:], region, city),
        ("compare (whole country, all years)", wh.compare, metric, years, None, None),
        ("committees (region)", wh.committees, region),
        ("committee", wh.committee, county),
        ("siblings", wh.siblings, county),
        ("committee_figures (self+parent+siblings)", wh.committee_figures, sibling_codes),
        ("any_figure", wh.any_figure),
        ("figure", wh.figure, county, metric, years[-1]),
        ("mentions_behind", wh.mentions_behind, county, metric, years[-1]),
        ("quarantine", wh.quarantine),
        ("unmatched_mentions", wh.unmatched_mentions),
        ("conflicts", wh.conflicts),
        ("yoy_jumps", wh.yoy_jumps),
        ("documents_without_mentions", wh.documents_without_mentions),
        ("coverage (region)", wh.coverage, region),
        ("coverage (whole country)", wh.coverage),
        ("documents", wh.documents),
        ("document_hashes", wh.document_hashes),
        ("document_titles", wh.document_titles),
        ("last_publish", wh.last_publish),
    ]
    print(f"baseline (count + sum over all figures): {base:.1f} ms")
    print(f"{'question':45s} {'median ms':>10s} {'x baseline':>11s}  target < {TARGET_MS:.0f} ms")
    slow = 0
    for name, fn, *args in questions:
        ms = timed(fn, *args)
        ok = ms < TARGET_MS
        slow += not ok
        print(f"{name:45s} {ms:10.1f} {ms / base:11.1f}  {'ok' if ok else 'SLOW'}")
    print(f"{len(questions) - slow}/{len(questions)} questions under {TARGET_MS:.0f} ms")
    wh.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
