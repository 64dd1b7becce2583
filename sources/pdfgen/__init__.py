"""Generate realistic newspaper PDF pages from Chinese texts, with ground-truth reading order.

Library API (stable)::

    from sources.pdfgen import ArticleSpec, Heading, Layout, PageSpec, Photo, PullQuote, render_page

    page = PageSpec(articles=[ArticleSpec(headline="...", body=["段落一", Heading("小标题"), "段落二"])])
    truth = render_page(page, Path("page.pdf"), Layout(columns=5))
    truth.write(Path("page.truth.json"))

``render_pages(pages, out, layout)`` writes a multi-page PDF. See docs/pdf.md.
"""

from sources.pdfgen.render import render_page, render_pages
from sources.pdfgen.spec import (
    ArticleSpec,
    Heading,
    Layout,
    PageSpec,
    Photo,
    PullQuote,
    Truth,
    TruthArticle,
    TruthBlock,
)

__all__ = [
    "ArticleSpec",
    "Heading",
    "Layout",
    "PageSpec",
    "Photo",
    "PullQuote",
    "Truth",
    "TruthArticle",
    "TruthBlock",
    "render_page",
    "render_pages",
]
