"""Fonts for generated pages.

* ``cid``: reportlab's STSong-Light, a CID font that is NOT embedded (the reader's PDF viewer
  supplies it; pdfplumber still gets Unicode through the CMap). Needs nothing installed.
* ``ttf``: an embedded TrueType CJK font. Default: WenQuanYi Zen Hei from the Debian package
  ``fonts-wqy-zenhei`` (``apt-get install fonts-wqy-zenhei``); set ``CSTATS_CJK_TTF`` to use
  another TrueType (.ttf/.ttc with TrueType outlines; CFF-based OpenType such as Noto CJK cannot
  be embedded by reportlab).
"""

from __future__ import annotations

import os
from pathlib import Path

_TTF_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
]


def register(kind: str) -> str:
    """Register the font of ``kind`` with reportlab and return its name."""
    from reportlab.pdfbase import pdfmetrics

    if kind == "cid":
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        name = "STSong-Light"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
        return name
    if kind == "ttf":
        from reportlab.pdfbase.ttfonts import TTFont

        name = "CJKEmbedded"
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        env = os.environ.get("CSTATS_CJK_TTF")
        paths = [env] if env else _TTF_CANDIDATES
        for p in paths:
            if p and Path(p).is_file():
                pdfmetrics.registerFont(TTFont(name, p, subfontIndex=0))
                return name
        raise FileNotFoundError(
            "no embeddable CJK TrueType font: install fonts-wqy-zenhei (apt-get install "
            "fonts-wqy-zenhei) or set CSTATS_CJK_TTF to a TrueType .ttf/.ttc"
        )
    raise ValueError(f"unknown font kind {kind!r}: expected 'cid' or 'ttf'")
