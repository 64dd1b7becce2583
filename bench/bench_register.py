"""Committee register load time against a bare csv read of the same file, in the same run.

Run: `make bench` or `.venv/bin/python bench/bench_register.py`. Prints the median of several cold
loads (the cache of load_register bypassed) and the ratio to reading committees.csv with csv.DictReader.
"""

from __future__ import annotations

import csv
import statistics
import time

from warehouse.register import REGISTER_PATH, load_register

ROUNDS = 7


def bare_read() -> int:
    with open(REGISTER_PATH, encoding="utf-8", newline="") as fh:
        return len(list(csv.DictReader(fh)))


def cold_load() -> int:
    return len(load_register.__wrapped__(REGISTER_PATH).committees)


def median_seconds(fn) -> float:
    times = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    rows = bare_read()
    cold_load()  # warm the file cache and imports
    base = median_seconds(bare_read)
    full = median_seconds(cold_load)
    reg = load_register()
    t = time.perf_counter()
    for name in ("平罗县政协", "政协宁夏回族自治区委员会", "平羅縣政協", "城区政协", "通州区"):
        reg.resolve(name, 2024, context="晋城市")
    lookups = (time.perf_counter() - t) / 5
    print(f"rows: {rows}")
    print(f"bare csv read:      {base * 1000:7.1f} ms (median of {ROUNDS})")
    print(
        f"load_register():    {full * 1000:7.1f} ms (median of {ROUNDS}; index, hierarchy, changes, aliases)"
    )
    print(f"ratio load / read:  {full / base:7.2f}x")
    print(f"target < 1 s:       {'met' if full < 1.0 else 'MISSED'}")
    print(f"resolve() per name: {lookups * 1e6:7.0f} us (first call loads opencc for traditional characters)")


if __name__ == "__main__":
    main()
