"""Every dashboard page rendered in headless Chromium, timed as the browser test times it.

Starts `streamlit run` on the sample warehouse (the published one, or PATH) and on the
national-scale one (bench/national.py, built once), opens each page cold once and warm RUNS times
(the same browser, its cache filled; each load is a new Streamlit session on a server whose caches
are filled), and prints each page's median warm time from the goto to "fully rendered"
(tests/dashboard/rendered.py: script finished, no skeleton or stale element, every chart and table
drawn), its ratio to a baseline page (a trivial Streamlit page with one title and one small table,
served the same way and loaded again before each warm load, so the ratio compares the same moments
of a machine whose load varies), the load average, and the target (1.0 s sample, 1.5 s national).
A page's sections are tabs made when opened: after each warm load every other tab is clicked in
turn, and the median from the click to that section fully rendered is printed under the page
(same target).

    python bench/bench_dashboard_pages.py [SAMPLE_WAREHOUSE] [NATIONAL_WAREHOUSE]
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.dashboard.rendered import open_tab_timed, open_timed, tab_labels  # noqa: E402 - after the path is set

CHROMIUM = "/usr/bin/chromium"
RUNS = 5
BASELINE_APP = """import streamlit as st
st.title("baseline")
st.dataframe({"a": list(range(20)), "b": [str(i) for i in range(20)]})
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: Path, warehouse: Path | None) -> tuple[subprocess.Popen, str]:
    port = _port()
    env = {**os.environ, **({"CSTATS_WAREHOUSE": str(warehouse)} if warehouse else {})}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app), "--server.address", "127.0.0.1",
        "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError(f"streamlit did not start for {app}")


def pages(warehouse: Path) -> dict[str, str]:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        metric, county = con.execute(
            "SELECT f.metric_code, f.committee_code FROM fact_committee_metric_period f "
            "JOIN dim_committee c USING (committee_code) WHERE c.level = 'county' "
            "ORDER BY f.metric_code, f.committee_code LIMIT 1"
        ).fetchone()
        (year,) = con.execute(
            "SELECT max(period_end) FROM fact_committee_metric_period WHERE committee_code = ? AND metric_code = ?",
            [county, metric],
        ).fetchone()
    finally:
        con.close()
    return {
        "对比 compare": f"/?metric={metric}",
        "委员会 committee": f"/committee?committee={county}",
        "来源 provenance": f"/provenance?committee={county}&metric={metric}&year={year}",
        "数据质量 quality": "/quality",
    }


def measure(page, url: str, baseline_url: str | None = None) -> tuple[float, float, float | None, dict]:
    """Cold and median warm seconds of a page load, the median of the baseline page loaded just
    before each warm load (the same moments, so the ratio holds while the machine's load varies),
    and the median seconds of opening each other tab after the warm load."""
    cold = open_timed(page, url, 120_000)
    warm, base, tabs = [], [], {}
    for _ in range(RUNS):
        if baseline_url:
            base.append(open_timed(page, baseline_url, 120_000))
        warm.append(open_timed(page, url, 120_000))
        for label in tab_labels(page)[1:]:
            tabs.setdefault(label, []).append(open_tab_timed(page, label, 120_000))
    median = statistics.median
    return cold, median(warm), median(base) if base else None, {k: median(v) for k, v in tabs.items()}


def bench(page, name: str, warehouse: Path, target: float, baseline_url: str) -> tuple[int, int]:
    """(views within target, views measured): each page load and each tab opened."""
    proc, url = serve(ROOT / "dashboard" / "app.py", warehouse)
    ok_count = total = 0
    try:
        print(f"\n{name}: {warehouse}")
        print(f"{'page · tab':22s} {'cold s':>7s} {'warm s':>7s} {'base s':>7s} {'x base':>7s} {'load':>5s}"
              f"  target {target:.1f} s")  # fmt: skip
        for label, path in pages(warehouse).items():
            cold, warm, base, tabs = measure(page, url + path, baseline_url)
            load = os.getloadavg()[0]
            rows = [(label, f"{cold:7.2f}", warm)] + [
                (f"  · {tab}", f"{'':7s}", s) for tab, s in tabs.items()
            ]
            for text, cold_text, seconds in rows:
                ok = seconds <= target
                ok_count += ok
                total += 1
                print(f"{text:22s} {cold_text} {seconds:7.2f} {base:7.2f} {seconds / base:7.2f} {load:5.1f}"
                      f"  {'ok' if ok else 'SLOW'}")  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(10)
    return ok_count, total


def main() -> int:
    from playwright.sync_api import sync_playwright

    sample = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "warehouse" / "committee_stats.duckdb"
    national = (
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.gettempdir()) / "cstats_national.duckdb"
    )
    if not sample.exists():
        print(f"no sample warehouse at {sample}: run `cstats run` first")
        return 1
    if not national.exists():
        from bench.national import build_national_warehouse

        t0 = time.perf_counter()
        build_national_warehouse(national)
        print(f"built {national} in {time.perf_counter() - t0:.0f} s")
    load = os.getloadavg()[0]
    print(f"machine load (1 min): {load:.1f} on {os.cpu_count()} cores; absolute times scale with it")
    print(
        "base s: the baseline page (title + 20-row table) loaded before each warm load; x base: warm / base"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        app = Path(tmp) / "baseline.py"
        app.write_text(BASELINE_APP, encoding="utf-8")
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        proc, baseline_url = serve(app, None)
        try:
            _, baseline, _, _ = measure(page, baseline_url)
            print(f"baseline page alone: {baseline:.2f} s warm")
            results = [
                bench(page, "sample warehouse", sample, 1.0, baseline_url),
                bench(page, "national-scale warehouse", national, 1.5, baseline_url),
            ]
        finally:
            proc.terminate()
            proc.wait(10)
        browser.close()
    print(f"machine load (1 min) at the end: {os.getloadavg()[0]:.1f}")
    ok, total = (sum(x) for x in zip(*results, strict=True))
    print(f"\n{ok}/{total} page loads and tab openings within target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
