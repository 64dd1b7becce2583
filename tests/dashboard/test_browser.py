"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright against `streamlit run`.

Without a browser this test is skipped on a developer machine and FAILS in CI (CI=true): install
the Debian packages chromium and fonts-noto-cjk (.ci/run does). Browsers are never downloaded.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import openpyxl
import pytest

from dashboard.figures import MISSING, NONE, fmt, unit_of
from dashboard.i18n import t
from tests.dashboard.rendered import grids, leaks, open_tab_timed, open_timed, tab_labels, wait_rendered

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
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
    """Header and visible rows (keyed by their first cell) of the index-th table."""
    header, rows = grids(page)[index]
    return header, {cells[0]: cells for cells in rows}


def sql(path: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def figures(path: Path, metric: str) -> dict[tuple[str, int], str]:
    """{(committee name, year): the figure as it must be shown} of ``metric``."""
    ((units,),) = sql(path, "SELECT units FROM dim_metric WHERE metric_code = ?", [metric])
    rows = sql(
        path,
        "SELECT c.committee_name_zh, f.period_end, f.value, f.qualifier, f.corrected "
        "FROM fact_committee_metric_period f JOIN dim_committee c USING (committee_code) "
        "WHERE c.valid_to IS NULL AND f.metric_code = ? AND f.period_start = f.period_end",
        [metric],
    )
    return {(name, y): fmt(v, unit_of(units), q, c) for name, y, v, q, c in rows}


def assert_grid_shows(page, want: dict, years: list[int]) -> None:
    header, rows = grid(page)
    assert header[-len(years) :] == [str(y) for y in years]
    assert rows
    for name, cells in rows.items():
        for year, cell in zip(years, cells[-len(years) :], strict=True):
            assert cell == want.get((name, year), MISSING), (name, year)


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


HEATMAP, TABLE = "委员会 × 年份", "表格与下载"  # the compare page's first two tabs


def chart_png(page) -> bytes:
    return page.locator('[data-testid="stVegaLiteChart"]').first.screenshot()


def test_compare_metric_years_and_provenance_in_a_real_browser(page, server, sample_warehouse):
    want = figures(sample_warehouse, "proposals.received")
    years = sorted({y for (_, y) in want})
    assert len(years) >= 2
    page.goto(f"{server}/?metric=proposals.received")
    wait_rendered(page)
    heat_before = chart_png(page)  # the heatmap opens with the page, its table in the next tab
    open_tab_timed(page, TABLE)
    assert_grid_shows(page, want, years)

    # another metric: the table and the heatmap change to its figures
    choose(page, "指标", "立案提案")
    wait_until(lambda: "metric=proposals.accepted" in page.url, 30, "the metric in the URL", page)
    want = figures(sample_warehouse, "proposals.accepted")
    wait_until(lambda: _shows(page, want, years), 30, "the table of the new metric", page)
    open_tab_timed(page, HEATMAP)
    wait_until(lambda: chart_png(page) != heat_before, 30, "the heatmap to change", page)

    # fewer years: drop the last one
    heat_before = chart_png(page)
    page.get_by_test_id("stMultiSelect").locator("input").click()
    page.keyboard.press("Backspace")
    page.keyboard.press("Escape")
    wait_until(lambda: chart_png(page) != heat_before, 30, "the heatmap to change", page)
    open_tab_timed(page, TABLE)
    wait_until(lambda: grid(page)[0][-1] == str(years[-2]), 30, "the table without the last year", page)
    assert_grid_shows(page, want, years[:-1])

    # provenance of one figure (picked in the trace tab): its sentence, with the number marked
    open_tab_timed(page, "追溯数字")
    page.get_by_role("link", name="查看来源").click()
    page.wait_for_selector(".mention-sentence mark")
    query = parse_qs(urlparse(page.url).query)
    code, metric, year = query["committee"][0], query["metric"][0], int(query["year"][0])
    ((name,),) = sql(sample_warehouse, "SELECT committee_name_zh FROM dim_committee WHERE committee_code = ? "
                     "AND valid_to IS NULL", [code])  # fmt: skip
    assert metric == "proposals.accepted" and (name, year) in want
    sentences = sql(
        sample_warehouse,
        "SELECT sentence, surface FROM fact_mention WHERE committee_code = ? AND metric_code = ? "
        "AND period_start = ? AND period_end = ?",
        [code, metric, year, year],
    )
    shown = page.locator(".mention-sentence").all_inner_texts()
    assert sorted(shown) == sorted(s for s, _ in sentences)
    assert sorted(page.locator(".mention-sentence mark").all_inner_texts()) == sorted(s for _, s in sentences)


def _shows(page, want: dict, years: list[int]) -> bool:
    try:
        assert_grid_shows(page, want, years)
        return True
    except AssertionError:
        return False


def page_urls(path: Path) -> dict[str, str]:
    """One URL per page and view an official opens (names are the screenshots' file names)."""
    ((county,),) = sql(path, "SELECT min(f.committee_code) FROM fact_committee_metric_period f "
                       "JOIN dim_committee c USING (committee_code) WHERE c.level = 'county'")  # fmt: skip
    ((city,),) = sql(path, "SELECT min(f.committee_code) FROM fact_committee_metric_period f "
                     "JOIN dim_committee c USING (committee_code) WHERE c.level = 'city'")  # fmt: skip
    ((pdf_code, pdf_metric, pdf_year),) = sql(
        path,
        "SELECT m.committee_code, m.metric_code, m.period_end FROM fact_mention m JOIN dim_document d "
        "USING (sha256) WHERE d.media_type = 'application/pdf' AND m.metric_code IS NOT NULL "
        "AND m.committee_code IS NOT NULL AND m.period_start = m.period_end ORDER BY ALL LIMIT 1",
    )
    return {
        "compare": "/?metric=proposals.received",
        "compare_money": "/?metric=member_services.donations",
        "compare_rates": "/?metric=rate.proposal_acceptance",
        "compare_per_member": "/?metric=consultation.meetings&basis=per_100",
        "committee": f"/committee?committee={county}",
        "committee_city": f"/committee?committee={city}",
        "provenance_pdf": f"/provenance?committee={pdf_code}&metric={pdf_metric}&year={pdf_year}",
        "quality": "/quality",
    }


ENGLISH = ("compare", "compare_rates", "committee", "provenance_pdf", "quality")  # every page in English


@pytest.mark.timeout(1200)
def test_every_page_in_both_languages_shows_no_none_nan_or_codes(page, server, sample_warehouse):
    """Rendered cell text (each grid cell's display text, never empty) of every page, in Chinese and
    English; screenshots into docs/screenshots/; each page's render time printed."""
    timings = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("zh", "en"):
        for name, url in page_urls(sample_warehouse).items():
            if lang == "en" and name not in ENGLISH:
                continue
            full = f"{server}{url}{'&' if '?' in url else '?'}lang={lang}"
            timings[f"{name} ({lang})"] = round(open_timed(page, full), 3)  # the first visit: not warm
            bad = leaks(page)
            assert not bad, (name, lang, bad[:10])
            if lang == "zh":  # Chinese titles use full-width colons
                headings = page.locator(
                    "[data-testid=stHeading], [data-testid=stMetricLabel]"
                ).all_inner_texts()
                assert not [h for h in headings if re.search(r":(?!\d)", h)], (name, headings)
            if lang == "zh" or name in ("compare", "committee"):
                page.set_viewport_size({"width": 1400, "height": 2600})
                wait_rendered(page)
                page.screenshot(path=str(SCREENSHOTS / f"{name}{'_en' if lang == 'en' else ''}.png"))
                page.set_viewport_size({"width": 1400, "height": 1000})
            for label in tab_labels(page)[1:]:  # every other section: made when its tab is opened
                timings[f"{name} ({lang}) · {label}"] = round(open_tab_timed(page, label), 3)
                bad = leaks(page)
                assert not bad, (name, lang, label, bad[:10])
            if name.startswith("provenance"):  # the mentions table: made when its expander opens
                tables = page.locator('[data-testid="stDataFrame"]').count()
                page.get_by_text(t("mentions_table", lang), exact=True).click()
                page.wait_for_function(
                    "n => document.querySelectorAll('[data-testid=stDataFrame]').length > n", arg=tables
                )
                wait_rendered(page)
                bad = leaks(page)
                assert not bad, (name, lang, "mentions_table", bad[:10])
    print("render seconds (first visit):", json.dumps(timings, ensure_ascii=False))


def _download(page, label: str, index: int = 0) -> tuple[str, bytes]:
    with page.expect_download() as got:
        page.get_by_role("button", name=label).nth(index).click()
    return got.value.suggested_filename, Path(got.value.path()).read_bytes()


def _as_shown(number, mark: str | None) -> str:
    """A download's typed cell and its mark, written as the screen writes them."""
    return MISSING if number in (None, "") else fmt(float(number), NONE) + (mark or "")


def test_downloads_are_the_table_on_screen_with_typed_cells_and_notes(page, server, sample_warehouse):
    """The committee x year grid downloads as the grid (not long format): per year a typed number in
    the header's unit and the marks in a column of their own; counts are integers in the CSV."""
    for metric, unit_header in (("member_services.donations", "（万元）"), ("proposals.received", "（件）")):
        page.goto(f"{server}/?metric={metric}")
        wait_rendered(page)
        open_tab_timed(page, TABLE)
        header, rows = grid(page)
        years = [h for h in header if h.isdigit()]
        name, data = _download(page, "下载 CSV")
        assert "member_services" not in name and "proposals." not in name
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        assert reader.fieldnames[:3] == ["代码", "委员会", "层级"]
        assert reader.fieldnames[3:] == [c for y in years for c in (f"{y}{unit_header}", f"{y}（标记）")]
        got = {r["委员会"]: r for r in reader}
        assert rows and set(rows) <= set(got)  # the grid draws the rows in view
        for committee, cells in rows.items():
            for year, cell in zip(years, cells[-len(years) :], strict=True):
                number, mark = got[committee][f"{year}{unit_header}"], got[committee][f"{year}（标记）"]
                assert _as_shown(number, mark) == cell, (committee, year)
                if metric == "proposals.received" and number:
                    assert number.lstrip("-").isdigit(), number  # a count is 22, never 22.0
        assert {r["层级"] for r in got.values()} <= {"省级", "市级", "县级"}

    # the ranking's Excel: typed cells equal to the screen, marks apart, a notes sheet
    open_tab_timed(page, "排名（所选最后一年）")
    header, rows = grids(page)[0]  # ties share a rank: rows as a list
    name, data = _download(page, "下载 Excel")
    assert name.endswith("示例数据.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["数据", "说明"]
    table = list(book["数据"].iter_rows(values_only=True))
    columns = list(table[0])
    assert "所属市" in columns and "市级" not in columns and "省级" not in columns
    last = next(h for h in header if h.isdigit())
    numbers = columns.index(f"{last}（件）")
    assert columns[numbers + 1] == f"{last}（标记）"
    by_name = {r[columns.index("委员会")]: r for r in table[1:]}
    checked = 0
    for cells in rows:
        row = by_name[cells[header.index("委员会")]]
        value = row[numbers]
        assert value is None or isinstance(value, int | float)  # Excel can sum and sort them
        assert _as_shown(value, row[numbers + 1]) == cells[header.index(last)]
        rank = row[columns.index("排名")]
        assert (str(rank) if rank is not None else MISSING) == cells[0]
        checked += 1
    assert checked == len(rows) > 0
    notes = dict(book["说明"].iter_rows(values_only=True))
    assert notes["指标"] == "收到提案" and notes["单位"] == "件" and "示例数据" in notes and "排名" in notes
    assert int(notes["出处数（提及次数）"]) > 0


def _sentences(path: Path, code: str, metrics: list[str], year: int) -> list[str]:
    return sorted(
        s
        for (s,) in sql(
            path,
            "SELECT sentence FROM fact_mention WHERE committee_code = ? AND list_contains(?, metric_code) "
            "AND period_start = ? AND period_end = ?",
            [code, metrics, year, year],
        )
    )


def test_a_rate_reaches_both_counts_sentences_in_one_click(page, server, sample_warehouse):
    rate = "rate.proposal_acceptance"
    ((num, den, stated),) = sql(
        sample_warehouse,
        "SELECT numerator_code, denominator_code, stated_code FROM dim_indicator WHERE indicator_code = ?",
        [rate],
    )
    page.goto(f"{server}/?metric={rate}")
    wait_rendered(page)
    open_tab_timed(page, "追溯数字")
    link = page.get_by_role("link", name="查看两个数字的原句")
    style = link.evaluate("a => getComputedStyle(a.querySelector('p') || a).textDecorationLine")
    assert "underline" in style  # a link looks like a link
    link.click()  # the one click
    page.wait_for_selector(".mention-sentence mark")
    wait_rendered(page)
    query = parse_qs(urlparse(page.url).query)
    code, year = query["committee"][0], int(query["year"][0])
    assert query["metric"][0] == rate
    want = _sentences(sample_warehouse, code, [num, den, stated], year)
    assert _sentences(sample_warehouse, code, [num], year) and _sentences(sample_warehouse, code, [den], year)
    assert sorted(page.locator(".mention-sentence").all_inner_texts()) == want
    body = page.get_by_test_id("stMain").inner_text()
    assert "分子" in body and "分母" in body

    # the committee page's rates: each row links to the same page of its rate
    page.goto(f"{server}/committee?committee={code}")
    wait_rendered(page)
    open_tab_timed(page, "质量指标（比率）")
    header, rows = grids(page)[0]
    links = [r[header.index("追溯")] for r in rows]
    assert links and all(link.startswith("provenance?") for link in links)
    target = next(link for link in links if f"metric={rate}" in link and f"year={year}" in link)
    page.goto(f"{server}/{target}")
    page.wait_for_selector(".mention-sentence mark")
    wait_rendered(page)
    assert sorted(page.locator(".mention-sentence").all_inner_texts()) == want

    # the provenance page offers the rate by name (typing it finds it)
    page.get_by_test_id("stSelectbox").filter(has_text="指标").click()
    page.keyboard.type("立案率")
    assert page.get_by_role("option", name="提案立案率", exact=True).is_visible()
    page.keyboard.press("Escape")


def test_sparklines_draw_the_rows_figures(page, server, sample_warehouse):
    """The 趋势 column holds the row's own figures as numbers, 1,000 and more included."""
    ((code,),) = sql(
        sample_warehouse,
        "SELECT committee_code FROM fact_committee_metric_period WHERE period_start = period_end "
        "AND value >= 1000 AND metric_code NOT LIKE '%donation%' GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1",
    )
    page.goto(f"{server}/committee?committee={code}")
    wait_rendered(page)
    header, rows = grids(page)[0]
    years = [i for i, h in enumerate(header) if h.isdigit()]
    trend = header.index("趋势")
    big = 0
    for row in rows:
        figures = [float(re.sub(r"[^\d.\-]", "", row[i])) for i in years if row[i] != MISSING]
        drawn = [float(v) for v in row[trend].split(",") if v]
        assert drawn == figures, row
        big += any(f >= 1000 for f in figures)
    assert big > 0  # a figure with a thousands separator was drawn as one number


def _page_text(page) -> str:
    cells = " ".join(" ".join(h + [c for r in rows for c in r]) for h, rows in grids(page))
    return page.get_by_test_id("stMain").inner_text() + " " + cells


def test_documents_are_named_by_their_titles(page, server, sample_warehouse):
    codes = [d for (d,) in sql(sample_warehouse, "SELECT doc_id FROM dim_document WHERE title IS NOT NULL")]
    ((code, metric, year),) = sql(
        sample_warehouse,
        "SELECT committee_code, metric_code, period_end FROM v_quality_conflicts "
        "WHERE period_start = period_end ORDER BY ALL LIMIT 1",
    )
    ((rated,),) = sql(sample_warehouse, "SELECT min(committee_code) FROM v_indicator_rate "
                      "WHERE numerator_value IS NOT NULL")  # fmt: skip
    views = [
        (f"/quality?region={code[:2]}0000", "来源不一致"),
        (f"/quality?region={code[:2]}0000", "未匹配数字"),
        (f"/committee?committee={rated}", "质量指标（比率）"),
        (f"/provenance?committee={code}&metric={metric}&year={year}", None),
    ]
    for url, tab in views:
        page.goto(f"{server}{url}")
        wait_rendered(page)
        if tab:
            open_tab_timed(page, tab)
        text = _page_text(page)
        shown = [c for c in codes if re.search(rf"(?<![\w.]){re.escape(c)}(?![\w.])", text)]
        assert not shown, (url, tab, shown[:5])
    ((title,),) = sql(sample_warehouse, "SELECT title FROM dim_document d JOIN fact_mention m USING (sha256) "
                      "WHERE m.committee_code = ? AND m.metric_code = ? AND m.period_end = ? LIMIT 1",
                      [code, metric, year])  # fmt: skip
    assert title in page.get_by_test_id("stMain").inner_text()  # the conflict box names the document


STREAMLIT_ENGLISH = ("No results", "Page not found", "You have requested page", "Choose an option")


def test_the_heatmap_starts_high_on_a_laptop_screen(page, server):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server}/?metric=proposals.received")
    wait_rendered(page)
    box = page.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
    assert box["y"] < 768 * 0.6, box  # its first rows are in view without scrolling (was ~600 px)


def test_no_english_streamlit_string_in_the_chinese_interface(page, server):
    page.goto(f"{server}/?metric=proposals.received")
    wait_rendered(page)
    page.get_by_test_id("stSelectbox").filter(has_text="指标").click()
    page.keyboard.type("没有这个指标")
    page.get_by_text("无匹配结果").wait_for()
    body = page.locator("body").inner_text()
    assert not [s for s in STREAMLIT_ENGLISH if s in body]
    page.keyboard.press("Escape")
    page.goto(f"{server}/no-such-page")
    page.get_by_text("页面不存在", exact=True).wait_for()
    body = page.locator("body").inner_text()
    assert not [s for s in STREAMLIT_ENGLISH if s in body]


def test_an_invalid_value_in_a_link_is_named_on_every_page(page, server):
    for path in ("/", "/committee", "/provenance", "/quality"):
        page.goto(f"{server}{path}?year=abc&years=20x4")
        wait_rendered(page)
        alerts = " ".join(page.get_by_test_id("stAlert").all_inner_texts())
        assert "“abc”" in alerts and "“20x4”" in alerts, path


def test_a_bad_link_shows_a_warning_and_a_sensible_default(page, server, sample_warehouse):
    page.goto(f"{server}/?region=999999&years=abc&metric=proposals.received")
    wait_rendered(page)
    alerts = " ".join(page.get_by_test_id("stAlert").all_inner_texts())
    assert "999999" in alerts and "abc" in alerts
    years = sorted(
        {y for (y,) in sql(sample_warehouse, "SELECT DISTINCT period_end FROM fact_committee_metric_period")}
    )
    open_tab_timed(page, TABLE)
    assert grid(page)[0][-len(years) :] == [str(y) for y in years]  # every year, not an empty view
    ((code,),) = sql(sample_warehouse, "SELECT min(committee_code) FROM fact_committee_metric_period")
    page.goto(f"{server}/provenance?committee={code}&metric=proposals.received&year=1990")
    wait_rendered(page)
    assert "1990" in " ".join(page.get_by_test_id("stAlert").all_inner_texts())
