"""Regenerate the Chromium print-to-PDF fixture family and its ground truth.

    .venv/bin/python tests/sources/pdf/make_chromium_fixtures.py [NAME ...]

Needs Playwright, Debian's chromium (/usr/bin/chromium or CSTATS_CHROMIUM) and fonts-noto-cjk.
Pages and stories: tests/sources/pdf/chromium_pages.yaml. Tests only read the committed PDFs and
*.truth.json files in tests/sources/pdf/chromium/, so they need no browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from sources.pdfgen.chromium import build

HERE = Path(__file__).resolve().parent
CHROMIUM_FIXTURES = HERE / "chromium"
PAGES = HERE / "chromium_pages.yaml"


if __name__ == "__main__":
    CHROMIUM_FIXTURES.mkdir(exist_ok=True)
    for path in build(PAGES, CHROMIUM_FIXTURES, set(sys.argv[1:]) or None):
        print(path.relative_to(HERE), path.stat().st_size, "bytes")
