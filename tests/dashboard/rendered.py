"""What a page looks like in a real browser: when it is fully rendered, what its tables show, how
long it took. Shared by tests/dashboard/test_browser.py and bench/bench_dashboard_pages.py, so the
bench prints the browser test's own timings."""

from __future__ import annotations

import re
import time

# Fully rendered: the script has finished, no element is a loading skeleton or stale from the
# previous run, and every chart has drawn (Vega's canvas or SVG is in place).
READY = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid=stSkeleton], [data-stale=true]')) return false;
  for (const c of document.querySelectorAll('[data-testid=stVegaLiteChart]'))
    if (!c.querySelector('canvas, svg')) return false;
  for (const f of document.querySelectorAll('[data-testid=stDataFrame]'))
    if (!f.querySelector('canvas')) return false;
  return document.querySelectorAll('[data-testid=stMainBlockContainer] *').length > 20;
}"""

# Cell or header text a reader must never see: Python/pandas leftovers, raw codes, float noise.
LEAKS = re.compile(
    r"^(None|nan|NaN|null|NaT|True|False|exact|at_least|approx|at_most|region|city|county|national)$"
    r"|\b[a-z_]+\.[a-z_]+\b|text/plain|application/pdf|\d\.\d{5,}|Choose options"
)


SPARKLINES = {"趋势", "Trend"}  # columns drawn as small charts: their text is the numbers drawn
LINKS = {"追溯", "Trace"}  # link columns: their text is the link's address


def wait_rendered(page, timeout_ms: float = 60_000) -> None:
    page.wait_for_timeout(50)  # let the new run start before asking whether it has finished
    page.wait_for_function(READY, timeout=timeout_ms, polling=25)


def open_timed(page, url: str, timeout_ms: float = 60_000) -> float:
    """Open ``url`` and return the seconds until the page is fully rendered."""
    start = time.perf_counter()
    page.goto(url)
    wait_rendered(page, timeout_ms)
    return time.perf_counter() - start


# A section tab is open once it is selected and its panel holds the elements of the run it started
# (only the open tab's panel exists: the others are made when clicked).
TAB_OPEN = """label => {
  const tab = [...document.querySelectorAll('[role=tab]')].find(t => t.innerText.trim() === label);
  if (!tab || tab.getAttribute('aria-selected') !== 'true') return false;
  const panel = document.getElementById(tab.getAttribute('aria-controls'));
  return !!panel && panel.querySelector('[data-testid=stElementContainer]') !== null;
}"""


def tab_labels(page) -> list[str]:
    """The labels of the page's section tabs, the open one first in the page's order."""
    return [label.strip() for label in page.get_by_role("tab").all_inner_texts()]


def open_tab_timed(page, label: str, timeout_ms: float = 60_000) -> float:
    """Click the section tab ``label`` and return the seconds until its section is fully rendered."""
    start = time.perf_counter()
    page.get_by_role("tab", name=label, exact=True).click()
    page.wait_for_function(TAB_OPEN, arg=label, timeout=timeout_ms, polling=25)
    wait_rendered(page, timeout_ms)
    return time.perf_counter() - start


def grids(page) -> list[tuple[list[str], list[list[str]]]]:
    """Header and visible rows of every table on the page, as the grid renders them (each cell's
    display text; an empty cell is what the canvas shows as None)."""
    out = []
    frames = page.locator('[data-testid="stDataFrame"]')
    for i in range(frames.count()):
        frame = frames.nth(i)
        frame.scroll_into_view_if_needed()
        page.wait_for_function(
            "f => f.querySelectorAll('table tbody tr').length > 0", arg=frame.element_handle(), timeout=10_000
        )
        header = frame.locator("table thead th").all_inner_texts()
        rows = [r.locator("td").all_inner_texts() for r in frame.locator("table tbody tr").all()]
        out.append((header, [r for r in rows if r]))
    return out


def leaks(page) -> list[str]:
    """Every header, cell or alert text of the page that shows None, nan, a code or nothing at all."""
    bad = []
    for header, rows in grids(page):
        bad += [f"header {h!r}" for h in header if LEAKS.search(h)]
        charts = {i for i, h in enumerate(header) if h in SPARKLINES}
        links = {i for i, h in enumerate(header) if h in LINKS}
        for row in rows:
            for i, cell in enumerate(row):
                if i in charts:  # numbers only, never formatted text ("1,952" split at its comma)
                    if not re.fullmatch(r"(-?[\d.]+(,-?[\d.]+)*)?", cell):
                        bad.append(f"sparkline {cell!r} in {row[:2]}")
                    continue
                if i in links:
                    if not cell.startswith("provenance?"):
                        bad.append(f"link {cell!r} in {row[:2]}")
                    continue
                if not cell.strip() or LEAKS.search(cell):
                    bad.append(f"cell {cell!r} in {row[:2]}")
    for text in page.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]').all_inner_texts():
        if LEAKS.search(text):
            bad.append(f"selector {text!r}")
    return bad
