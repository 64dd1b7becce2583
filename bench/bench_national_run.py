"""The national backfill in miniature: a synthetic corpus from the sample generator's templates
across every current committee of the register, run three ways in the same session, cold.

  local1   cstats run --workers 1            (the sequential in-process path)
  local2   cstats run --workers 2            (two local worker processes)
  celery2  python -m pipelines.cluster.demo  (redis-server + two Celery workers, Dagster's Celery
                                              executor, 16 documents per step, streamed publish)
  celery2-1  the same with one document per step: one Celery task per document, the granularity
             of the local path (one Dagster run per document), so the difference to local2 is
             the cost of a Celery task against an in-process run (optional mode)

Each format (plain text, saved web pages, PDF pages with a text layer, scans read with OCR) is a
folder of its own, so each run gives documents per second per core for that format; then the
streamed publish alone (gather + checks + publish from the warm store) is timed. Each mode is run
first over a format's first two documents alone: its start-up (processes, imports, models,
broker, the Dagster run, publish), which a backfill pays once; the marginal rate is the rest of
the documents over the difference of the two walls, and the projection is printed at both rates.
Peak memory is the largest resident set of the run's whole process tree (sampled every 0.2 s).
Printed: the figures, the 2-worker / 1-worker ratio, the Celery overhead per document against
local2, and the projection to 160,000 documents on 4, 16 and 64 cores (assumptions in
docs/deploy.md).

    python bench/bench_national_run.py [--documents 20000] [--pdf-share 0.1] [--html-share 0.1] [--scans 20]
        [--cache DIR]  (default CSTATS_BENCH_CACHE or .cache/bench_national_run; corpora kept)
        [--modes local1 local2 celery2 [celery2-1]] [--formats text html pdf scan]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CSTATS = str(Path(sys.executable).with_name("cstats"))
NATIONAL_DOCUMENTS = 160_000
FORMATS = ("text", "html", "pdf", "scan")
# The national corpus as the projection assumes it: a tenth scans (the estimate), the rest
# text-layer PDF pages, web pages and plain text; the shares of the last three are assumptions
# (docs/deploy.md).
MIX = {"scan": 0.1, "pdf": 0.4, "html": 0.3, "text": 0.2}
# Each mode is also run over a format's first STARTUP_DOCS documents alone: what a run costs
# whatever its size (processes, imports, models, broker, Dagster's run, publish). A backfill pays
# it once, so the projection's rates are the marginal ones: (n - STARTUP_DOCS) documents over the
# difference of the two runs' walls.
STARTUP_DOCS = 2


def generate(folder: Path, n: int, pdf_share: float, html_share: float) -> dict[str, int]:
    """``n`` reports (annual or proposal-work) of current committees, years 2022-2024, facts of a
    sample committee of the same level scaled per document; ``pdf_share`` of them as PDF pages,
    ``html_share`` as saved web pages (the sample corpus's county and city templates, GBK or UTF-8)."""
    from sources.corpus import generate as g
    from sources.corpus import web
    from sources.pdfgen import ArticleSpec, Layout, PageSpec, render_page

    done = folder / "complete.json"
    if done.exists() and json.loads(done.read_text()).get("key") == [n, pdf_share, html_share]:
        return json.loads(done.read_text())["formats"]
    register, facts, phrasing = g.load_register(), g.load_facts(), g.load_phrasing()
    by_level: dict[str, list[dict]] = {}
    for (code, start, end), f in sorted(facts.items()):
        if start == end and (c := register.get(code)) is not None:
            by_level.setdefault(c.level, []).append(f)
    committees = [c for c in register.committees if c.valid_to is None and c.level in by_level]
    rng = random.Random(16)
    counts = {"text": 0, "pdf": 0, "html": 0}
    for i in range(n):
        c = committees[i % len(committees)]
        year = g.YEARS[(i // len(committees)) % len(g.YEARS)]
        scale = rng.uniform(0.5, 1.0)  # at most the sample figures: within the catalog bounds
        f = {k: max(1, round(v * scale)) for k, v in rng.choice(by_level[c.level]).items()}
        v = g.voice(c, register.get(c.parent_code) if c.parent_code else None)
        doc_id = f"{c.code}_{year}_{i:06d}"
        if (i // (len(committees) * len(g.YEARS))) % 2 == 0:
            doc = g.annual_report(v, year, f, phrasing, doc_id)
        else:
            doc = g.proposal_report(v, year, f, phrasing, doc_id)
        draw = rng.random()
        fmt = "pdf" if draw < pdf_share else "html" if draw < pdf_share + html_share else "text"
        out = folder / fmt / (doc_id + {"pdf": ".pdf", "html": ".html", "text": ".txt"}[fmt])
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "html":
            page = ("county", "gbk", "gbk") if i % 2 else ("city", "utf-8", "utf-8")
            out.write_bytes(web.render_html(doc, f, page))
        elif fmt == "pdf":
            article = ArticleSpec(headline=doc.paragraphs[0], body=doc.paragraphs[1:])
            spec = PageSpec(articles=[article], masthead=f"{c.name}政协", date_line=f"{year + 1}年1月15日")
            render_page(spec, out, Layout(font="cid", columns=3))
        else:
            out.write_bytes((doc.text + "\n").encode("utf-8"))
        counts[fmt] += 1
    done.write_text(json.dumps({"key": [n, pdf_share, html_share], "formats": counts}))
    return counts


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of the process tree, stdout."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    stop = threading.Event()

    def sample():
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                total = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    stop.set()
    thread.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out[-2000:]}\n{err[-3000:]}")
    return seconds, peak, out


def run_mode(mode: str, src: Path, tmp: Path) -> tuple[float, int, Path]:
    store = tmp / f"{mode}_{src.name}_store"
    wh = tmp / f"{mode}_{src.name}.duckdb"
    if mode.startswith("local"):
        cmd = [CSTATS, "run", "--sources", str(src), "--warehouse", str(wh), "--store", str(store),
               "--workers", mode.removeprefix("local")]  # fmt: skip
    else:
        cmd = [sys.executable, "-m", "pipelines.cluster.demo", "--sources", str(src), "--workdir",
               str(tmp / f"{mode}_{src.name}"), "--store", str(store), "--warehouse", str(wh),
               "--documents-per-step", "1" if mode == "celery2-1" else "16",
               "--visibility-timeout", "600"]  # fmt: skip
    seconds, peak, out = run_measured(cmd)
    # the cluster run publishes its store in a step of its own: the projection adds the publish
    # apart (measured below), so its seconds are taken out of the run's
    published = re.search(r"\bpublish=([\d.]+)s", out)
    return seconds - (float(published[1]) if published else 0.0), peak, store


def startup_folder(src: Path, tmp: Path) -> Path:
    """A copy of the first :data:`STARTUP_DOCS` documents of a format's folder (copies: the survey
    refuses links)."""
    small = tmp / f"startup_{src.name}"
    small.mkdir(exist_ok=True)
    for f in sorted(p for p in src.iterdir() if p.is_file())[:STARTUP_DOCS]:
        shutil.copy2(f, small / f.name)
    return small


def publish_child(src: str, store: str, wh: str) -> None:
    from pipelines.run.staging import publish_streaming
    from pipelines.run.store import DocumentStore

    start = time.perf_counter()
    result, _ = publish_streaming(Path(src), DocumentStore(store), 120, Path(wh))
    print(json.dumps({"seconds": time.perf_counter() - start, "mentions": result.mentions}))


def add_scans(folder: Path, n: int) -> int:
    """``n`` scans (image-only PDFs, 150 dpi, as sources/pdfgen/chromium.scan_pdf makes them) of the
    corpus's first PDF pages: OCR's rate per core for the projection's scanned tenth."""
    from sources.pdfgen.chromium import scan_pdf

    pdfs = sorted((folder / "pdf").glob("*.pdf"))[:n]
    out = folder / "scan"
    out.mkdir(exist_ok=True)
    for i, src in enumerate(pdfs):
        target = out / (src.stem + "_scan.pdf")
        if not target.exists():
            scan_pdf(src, target, seed=i)
    return len(pdfs)


def marginal(n: int, seconds: float, startup: float) -> float:
    """Documents per second beyond the start-up: the run's documents past the start-up run's, over
    the walls' difference (the whole run's rate when the difference is not positive)."""
    extra = seconds - startup
    return (n - STARTUP_DOCS) / extra if extra > 0 and n > STARTUP_DOCS else n / seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=20_000)
    ap.add_argument("--pdf-share", type=float, default=0.1)
    ap.add_argument("--html-share", type=float, default=0.1)
    ap.add_argument("--scans", type=int, default=20, help="scanned pages read with OCR (a format of its own)")
    ap.add_argument(
        "--cache", default=os.environ.get("CSTATS_BENCH_CACHE", str(ROOT / ".cache" / "bench_national_run"))
    )
    ap.add_argument(
        "--modes",
        nargs="+",
        default=["local1", "local2", "celery2"],
        choices=["local1", "local2", "celery2", "celery2-1"],
    )
    ap.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    ap.add_argument("--child-publish", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_publish:
        publish_child(*args.child_publish)
        return 0
    cores = len(os.sched_getaffinity(0))
    folder = Path(args.cache) / f"n{args.documents}_pdf{args.pdf_share:g}_html{args.html_share:g}"
    t = time.perf_counter()
    counts = generate(folder, args.documents, args.pdf_share, args.html_share)
    counts["scan"] = add_scans(folder, args.scans)
    print(f"corpus: {counts} in {folder} ({time.perf_counter() - t:.0f} s)")
    print(f"machine: {cores} cores, load average {os.getloadavg()[0]:.1f} at start", flush=True)
    results: dict[str, dict[str, tuple[float, int, float]]] = {}  # wall, peak, start-up wall
    with tempfile.TemporaryDirectory(prefix="bench_national_") as tmp_name:
        tmp = Path(tmp_name)
        stores = {}
        for fmt in args.formats:
            if not counts[fmt]:
                continue
            for mode in args.modes:
                load = os.getloadavg()[0]
                fixed, _, _ = run_mode(mode, startup_folder(folder / fmt, tmp), tmp)
                seconds, peak, store = run_mode(mode, folder / fmt, tmp)
                stores[fmt] = store
                results.setdefault(mode, {})[fmt] = (seconds, peak, fixed)
                used = min(cores, 1 if mode == "local1" else 2)
                print(f"{mode:8s} {fmt:4s} docs={counts[fmt]:6d} wall={seconds:7.1f} s  "
                      f"docs/s/core={counts[fmt] / seconds / used:6.2f}  start-up={fixed:5.1f} s  "
                      f"marginal docs/s/core={marginal(counts[fmt], seconds, fixed) / used:6.2f}  "
                      f"peak={peak / 2**20:6.0f} MiB  load={load:.1f}", flush=True)  # fmt: skip
        publish = {}
        for fmt, store in stores.items():
            _, peak, out = run_measured([sys.executable, __file__, "--child-publish", str(folder / fmt), str(store), str(tmp / f"pub_{fmt}.duckdb")])  # fmt: skip
            publish[fmt] = json.loads(out.strip().splitlines()[-1])
            print(f"publish  {fmt:4s} {publish[fmt]['seconds']:.1f} s for {publish[fmt]['mentions']} mentions, peak {peak / 2**20:.0f} MiB", flush=True)  # fmt: skip
    total = sum(counts[fmt] for fmt in args.formats)
    wall = {mode: sum(s for s, _, _ in by_fmt.values()) for mode, by_fmt in results.items()}
    if {"local1", "local2"} <= wall.keys():
        print(f"ratio local2 / local1 (wall, all formats) = {wall['local2'] / wall['local1']:.2f}")
    if {"local2", "celery2"} <= wall.keys():
        print(
            f"celery2 / local2 = {wall['celery2'] / wall['local2']:.2f}; Celery overhead "
            f"{(wall['celery2'] - wall['local2']) / total * 1000:.0f} ms per document (2 workers)"
        )
    if {"local2", "celery2-1"} <= wall.keys():
        counted = sum(counts[fmt] for fmt in results["celery2-1"])
        local = sum(results["local2"][fmt][0] for fmt in results["celery2-1"])
        print(
            f"celery2-1 / local2 = {wall['celery2-1'] / local:.2f}; a Celery task per document costs "
            f"{(wall['celery2-1'] - local) / counted * 1000:.0f} ms per document more than an in-process run"
        )
    # Projection: per-core rates of the scaled-out mode (celery2, else local2), formats mixed as
    # MIX says, extraction scaling linearly with cores, publish on one core at the measured rate
    # per mention.
    mode = "celery2" if "celery2" in results else "local2" if "local2" in results else "local1"
    used = min(cores, 1 if mode == "local1" else 2)
    if missing := [fmt for fmt in MIX if fmt not in results[mode]]:
        print(f"no projection: the mix needs every format, {missing} not run")
        print(f"measured size: {total} documents")
        return 0
    mentions = sum(p["mentions"] for p in publish.values())
    pub_per_mention = sum(p["seconds"] for p in publish.values()) / max(1, mentions)
    pub = NATIONAL_DOCUMENTS * mentions / total * pub_per_mention
    startup = max(fixed for _, _, fixed in results[mode].values())
    rates = {
        "with each format's start-up in its rate": {
            fmt: counts[fmt] / s / used for fmt, (s, _, _) in results[mode].items()
        },
        f"marginal, the start-up ({startup:.0f} s at most) paid once": {
            fmt: marginal(counts[fmt], s, fixed) / used for fmt, (s, _, fixed) in results[mode].items()
        },
    }
    for label, per_core in rates.items():
        seconds_per_doc_core = sum(share / per_core[fmt] for fmt, share in MIX.items())
        print(f"projection mix {MIX} at {mode}'s rates per core, {label}: "
              f"{ ({k: round(v, 2) for k, v in per_core.items()}) }")  # fmt: skip
        for n_cores in (4, 16, 64):
            extract = NATIONAL_DOCUMENTS * seconds_per_doc_core / n_cores
            print(f"projection {NATIONAL_DOCUMENTS} documents on {n_cores:2d} cores: "
                  f"extraction {extract / 3600:.2f} h + publish {pub / 60:.0f} min")  # fmt: skip
    print(f"measured size: {total} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
