"""The inbox sensor's tick at 10k, 50k and 160k files: time, cursor bytes, store lookups.

For each size, generated small text files (mtimes in the past, so they have settled) in a fresh
temporary inbox and store:
  first     the first tick (every file hashed and indexed; hashing time not capped here)
  no-change a tick with nothing changed
  1%        a tick after 1% of the files were rewritten with new content
measured through the real sensor (``inbox_sensor`` on an ephemeral Dagster instance). Baseline in
the same run: the earlier sensor (every file's size, mtime and hash in the cursor as JSON, one
``store.has`` per known document per tick), on the same folder.

Targets (issue 25): at 160k, no-change <= 2 s, 1% <= 5 s, cursor <= 64 KB, store lookups per tick
proportional to the changed files.

    python bench/bench_sensor.py [SIZES...]          # default 10000 50000 160000
    python bench/bench_sensor.py --drop 2000         # a 2,000-file drop run through to its outcomes
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dagster as dg  # noqa: E402

from pipelines.defs.assets import ALL_ASSETS  # noqa: E402
from pipelines.defs.jobs import extract_documents  # noqa: E402
from pipelines.defs.resources import StatsPaths  # noqa: E402
from pipelines.defs.sensors import inbox_sensor  # noqa: E402
from pipelines.run.store import DocumentStore  # noqa: E402
from sources.scan import by_content, scan_folder  # noqa: E402

PAST = time.time() - 3600


def generate(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        sub = folder / f"c{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"r{i:06d}.txt"
        p.write_text(f"县政协{i}号报告\n\n2024年共收到提案{i % 97 + 1}件。\n", encoding="utf-8")
        os.utime(p, (PAST, PAST))
        paths.append(p)
    return paths


class Counting(DocumentStore):
    """The store, counting the hashes asked about."""

    asked = 0

    def missing(self, shas):
        shas = set(shas)
        Counting.asked += len(shas)
        return super().missing(shas)

    def has(self, sha):
        Counting.asked += 1
        return super().has(sha)


class Paths(StatsPaths):
    @property
    def store(self) -> DocumentStore:
        return Counting(self.store_dir)


def sensor_tick(instance, defs, settings, cursor):
    ctx = dg.build_sensor_context(
        instance=instance, definitions=defs, cursor=cursor, resources={"stats_paths": settings}
    )
    Counting.asked = 0
    start = time.perf_counter()
    result = inbox_sensor(ctx)
    seconds = time.perf_counter() - start
    docs = sum(
        len(r.run_config["ops"]["extract_documents_op"]["config"]["documents"]) for r in result.run_requests
    )
    return result.cursor, seconds, Counting.asked, len(result.run_requests), docs


def baseline_tick(folder: Path, store: DocumentStore, cursor: str | None):
    """The earlier sensor's work: cursor of every file, a has() per document."""
    Counting.asked = 0
    start = time.perf_counter()
    previous = {}
    if cursor:
        from sources.scan import FileEntry

        previous = {rel: FileEntry.from_json(v) for rel, v in json.loads(cursor).items()}
    entries = scan_folder(folder, previous)
    current = by_content(entries)
    _ = [sha for sha in current if not store.has(sha)]
    cursor = json.dumps({rel: e.to_json() for rel, e in sorted(entries.items())}, separators=(",", ":"))
    return cursor, time.perf_counter() - start, Counting.asked


def change(paths: list[Path], fraction: float, round_: int) -> int:
    step = int(1 / fraction)
    changed = 0
    for i in range(0, len(paths), step):
        paths[i].write_text(
            f"县政协{i}号报告 修订{round_}\n\n2024年共收到提案{i % 89 + 2}件。\n", encoding="utf-8"
        )
        os.utime(paths[i], (PAST + round_, PAST + round_))
        changed += 1
    return changed


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench_sensor_") as tmp, dg.instance_for_test() as instance:
        inbox = Path(tmp) / "inbox"
        paths = generate(inbox, n)
        settings = Paths(
            sources_dir=str(inbox), warehouse_path=f"{tmp}/wh/w.duckdb", store_dir=f"{tmp}/store",
            settle_seconds=10.0, max_queued_runs=10**6,
        )  # fmt: skip
        defs = dg.Definitions(
            assets=ALL_ASSETS, jobs=[extract_documents], sensors=[inbox_sensor],
            resources={"stats_paths": settings},
        )  # fmt: skip
        os.environ["CSTATS_SENSOR_HASH_SECONDS"] = "3600"
        cursor, first, asked_first, runs, docs = sensor_tick(instance, defs, settings, None)
        cursor, quiet, asked_quiet, _, _ = sensor_tick(instance, defs, settings, cursor)
        changed = change(paths, 0.01, 1)
        cursor, one, asked_one, runs_one, docs_one = sensor_tick(instance, defs, settings, cursor)
        row = {"files": n, "first_s": first, "first_runs": runs, "first_docs": docs,
               "quiet_s": quiet, "quiet_lookups": asked_quiet, "one_s": one, "one_lookups": asked_one,
               "changed": changed, "one_docs": docs_one, "cursor_bytes": len(cursor.encode())}  # fmt: skip
        # Baseline: the earlier sensor on the same folder and store.
        store = Counting(settings.store_dir)
        old_cursor, _, _ = baseline_tick(inbox, store, None)
        old_cursor, old_quiet, old_asked_quiet = baseline_tick(inbox, store, old_cursor)
        change(paths, 0.01, 2)
        old_cursor, old_one, old_asked_one = baseline_tick(inbox, store, old_cursor)
        row |= {"old_quiet_s": old_quiet, "old_quiet_lookups": old_asked_quiet, "old_one_s": old_one,
                "old_one_lookups": old_asked_one, "old_cursor_bytes": len(old_cursor.encode())}  # fmt: skip
        return row


def drop(n: int, per_run: int) -> None:
    """A drop of ``n`` files: the sensor's runs, executed, and every file's outcome."""
    with tempfile.TemporaryDirectory(prefix="bench_drop_") as tmp, dg.instance_for_test() as instance:
        inbox = Path(tmp) / "inbox"
        generate(inbox, n)
        settings = StatsPaths(
            sources_dir=str(inbox), warehouse_path=f"{tmp}/wh/w.duckdb", store_dir=f"{tmp}/store",
            settle_seconds=10.0, documents_per_run=per_run, max_queued_runs=10**6,
        )  # fmt: skip
        defs = dg.Definitions(
            assets=ALL_ASSETS, jobs=[extract_documents], sensors=[inbox_sensor],
            resources={"stats_paths": settings},
        )  # fmt: skip
        ctx = dg.build_sensor_context(
            instance=instance, definitions=defs, resources={"stats_paths": settings}
        )
        result = inbox_sensor(ctx)
        instance.add_dynamic_partitions("documents", result.dynamic_partitions_requests[0].partition_keys)
        job = defs.resolve_job_def(extract_documents.name)
        start = time.perf_counter()
        keys = []
        for r in result.run_requests:
            job.execute_in_process(instance=instance, run_config=r.run_config, tags=r.tags)
            keys += [k for k, _ in r.run_config["ops"]["extract_documents_op"]["config"]["documents"]]
        seconds = time.perf_counter() - start
        store = DocumentStore(settings.store_dir)
        outcomes = [store.load(k, mentions=False).status for k in keys]
        print(f"drop of {n} files, N={per_run}: {len(result.run_requests)} runs "
              f"(at most ceil({n}/{per_run}) = {math.ceil(n / per_run)}), {len(set(keys))} documents, "
              f"outcomes {dict((s, outcomes.count(s)) for s in set(outcomes))}, missing {len(store.missing(keys))}, "
              f"{seconds:.1f} s ({1000 * seconds / max(n, 1):.0f} ms per document)")  # fmt: skip


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--drop"]:
        drop(int(args[1]) if len(args) > 1 else 2000, int(args[2]) if len(args) > 2 else 50)
        return
    sizes = [int(a) for a in args] or [10_000, 50_000, 160_000]
    print("inbox sensor tick (s), cursor bytes, store lookups; baseline = the earlier sensor, same folder")
    for n in sizes:
        r = measure(n)
        print(
            f"{r['files']:>7} files: first tick {r['first_s']:.2f} s ({r['first_runs']} runs of {r['first_docs']} docs) | "
            f"no-change {r['quiet_s']:.2f} s, {r['quiet_lookups']} lookups (baseline {r['old_quiet_s']:.2f} s, "
            f"{r['old_quiet_lookups']}) | 1% changed ({r['changed']}) {r['one_s']:.2f} s, {r['one_lookups']} lookups, "
            f"{r['one_docs']} docs to run (baseline {r['old_one_s']:.2f} s, {r['old_one_lookups']}) | cursor "
            f"{r['cursor_bytes']} B (baseline {r['old_cursor_bytes']:,} B) | ratio no-change "
            f"{r['quiet_s'] / r['old_quiet_s']:.2f}, 1% {r['one_s'] / r['old_one_s']:.2f}"
        )  # fmt: skip
        if r["files"] >= 160_000:
            ok = r["quiet_s"] <= 2 and r["one_s"] <= 5 and r["cursor_bytes"] <= 65536
            print(
                f"targets at 160k (no-change <= 2 s, 1% <= 5 s, cursor <= 64 KB): {'met' if ok else 'NOT met'}"
            )


if __name__ == "__main__":
    main()
