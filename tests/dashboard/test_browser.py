"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright against `streamlit run`.

Without a browser this test is skipped on a developer machine and FAILS in CI (CI=true): install
the Debian packages chromium and fonts-noto-cjk (.ci/run does). Browsers are never downloaded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest

from dashboard.tables import fmt_value

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def _need_browser() -> None:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (Debian package chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package")
    if missing:
        message = "real-browser test needs " + " and ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)  # in CI a missing browser is a failure, never a skip
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float = 30.0, what: str = "condition", page=None):
    """Poll ``check``; with a page, wait through Playwright so its events (URL changes) are processed."""
    end = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        page.wait_for_timeout(250) if page is not None else time.sleep(0.25)


@pytest.fixture(scope="module")
def server(sample_warehouse, tmp_path_factory):
    _need_browser()
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "CSTATS_WAREHOUSE": str(sample_warehouse)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"streamlit exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        wait_until(healthy, 60, "streamlit /_stcore/health")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def page(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield ctx.new_page()
        finally:
            ctx.close()


def grid(page, index: int = 0) -> tuple[list[str], dict[str, list[str]]]:
    """Header and visible rows (keyed by their first cell) of the index-th st.dataframe."""
    frame = page.locator('[data-testid="stDataFrame"]').nth(index)
    header = frame.locator("table thead th").all_inner_texts()
    rows = {}
    for row in frame.locator("table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        if cells:
            rows[cells[0]] = cells
    return header, rows


def figures(path: Path, metric: str) -> dict[tuple[str, int], tuple[float, str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT committee_code, period_end, value, qualifier FROM fact_committee_metric_period "
            "WHERE metric_code = ? AND period_start = period_end",
            [metric],
        ).fetchall()
    finally:
        con.close()
    return {(c, y): (v, q) for c, y, v, q in rows}


def assert_grid_shows(page, want: dict, years: list[int]) -> None:
    header, rows = grid(page)
    assert header[-len(years) :] == [str(y) for y in years]
    assert rows
    for code, cells in rows.items():
        for year, cell in zip(years, cells[-len(years) :], strict=True):
            fig = want.get((code, year))
            assert cell == (fmt_value(*fig) if fig else ""), (code, year)


def choose(page, label: str, option: str, attempts: int = 5) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (retried: a rerun may close the list)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(attempts):
        page.get_by_test_id("stSelectbox").filter(has_text=label).click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not choose {option} in {label}")


def chart_png(page) -> bytes:
    return page.locator('[data-testid="stVegaLiteChart"]').first.screenshot()


def test_compare_metric_years_and_provenance_in_a_real_browser(page, server, sample_warehouse):
    years = sorted({y for (_, y) in figures(sample_warehouse, "proposals.received")})
    assert len(years) >= 2
    page.goto(f"{server}/?metric=proposals.received")
    page.wait_for_selector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')
    wait_until(lambda: grid(page)[1], 30, "the committee x year table", page)
    assert_grid_shows(page, figures(sample_warehouse, "proposals.received"), years)
    heat_before = chart_png(page)

    # another metric: the heatmap and the table change to its figures
    choose(page, "指标", "立案提案")
    wait_until(lambda: "metric=proposals.accepted" in page.url, 30, "the metric in the URL", page)
    want = figures(sample_warehouse, "proposals.accepted")
    wait_until(lambda: _shows(page, want, years), 30, "the table of the new metric", page)
    wait_until(lambda: chart_png(page) != heat_before, 30, "the heatmap to change", page)

    # fewer years: drop the last one
    heat_before = chart_png(page)
    page.get_by_test_id("stMultiSelect").locator("input").click()
    page.keyboard.press("Backspace")
    page.keyboard.press("Escape")
    wait_until(lambda: grid(page)[0][-1] == str(years[-2]), 30, "the table without the last year", page)
    assert_grid_shows(page, want, years[:-1])
    wait_until(lambda: chart_png(page) != heat_before, 30, "the heatmap to change", page)

    # provenance of one figure: its sentence, with the number marked
    page.get_by_role("link", name="查看来源").click()
    page.wait_for_selector(".mention-sentence mark")
    query = parse_qs(urlparse(page.url).query)
    code, metric, year = query["committee"][0], query["metric"][0], int(query["year"][0])
    assert metric == "proposals.accepted" and (code, year) in want
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    sentences = con.execute(
        "SELECT sentence, surface FROM fact_mention WHERE committee_code = ? AND metric_code = ? "
        "AND period_start = ? AND period_end = ?",
        [code, metric, year, year],
    ).fetchall()
    con.close()
    shown = page.locator(".mention-sentence").all_inner_texts()
    assert sorted(shown) == sorted(s for s, _ in sentences)
    assert sorted(page.locator(".mention-sentence mark").all_inner_texts()) == sorted(s for _, s in sentences)


def _shows(page, want: dict, years: list[int]) -> bool:
    try:
        assert_grid_shows(page, want, years)
        return True
    except AssertionError:
        return False
