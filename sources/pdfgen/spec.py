"""What a generated newspaper page holds (PageSpec), how it is laid out (Layout), and the
ground truth the generator returns (Truth). This is the stable library API of sources.pdfgen."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Heading:
    """A subhead inside an article's body (小标题)."""

    text: str


@dataclass
class Photo:
    """A photo (drawn as a grey box) with its caption, placed in the article's columns.

    ``column`` is the first column (0-based, within the article), ``span`` how many columns it
    covers, ``height`` its height in points and ``after_lines`` how many body lines of that column
    come before it.
    """

    caption: str
    column: int = 0
    span: int = 2
    height: float = 110.0
    after_lines: int = 0


@dataclass
class PullQuote:
    """A boxed pull quote; placed like a Photo (no caption)."""

    text: str
    column: int = 1
    span: int = 1
    after_lines: int = 8


@dataclass
class ArticleSpec:
    headline: str
    body: list[str | Heading]  # paragraphs in order; Heading items are subheads
    subtitle: str | None = None
    byline: str | None = None
    kicker: str | None = None  # 引题: a line set above the headline (truth role "subtitle")
    photos: list[Photo] = field(default_factory=list)
    quotes: list[PullQuote] = field(default_factory=list)
    continued_from: str | None = None  # e.g. "（上接第一版）", printed before the body
    continues_to: str | None = None  # e.g. "（下转第二版）", printed after the body
    columns: int | None = None  # columns of the page it occupies (side-by-side pages); None = all


@dataclass
class PageSpec:
    articles: list[ArticleSpec]
    masthead: str = "政协新闻"
    date_line: str = "2024年3月5日 星期二"
    page_label: str = "第1版"
    footer: str | None = "责任编辑：张敏 校对：刘洋"


@dataclass
class Layout:
    """Typesetting parameters; vary them to get different pages from the same texts."""

    columns: int = 5
    page_size: tuple[float, float] = (842.0, 1191.0)  # A3 portrait, points
    margin: float = 40.0
    gutter: float = 12.0
    body_size: float = 10.0
    leading: float = 1.55  # line height as a multiple of body_size
    letter_spacing: float = 0.0  # extra points after every glyph
    justify: bool = True
    headline_size: float = 26.0
    headline_span: int | None = None  # columns the headline spans; None = all of the article's
    # Several articles: "stacked" (one below the other), "side_by_side" (columns shared out by
    # ArticleSpec.columns) or "mixed" (the first across the page, the others side by side below).
    arrangement: str = "stacked"
    rules: bool = True  # draw rules: under the masthead, over the footer, between articles
    caption_size: float = 0.85  # caption glyph size as a multiple of body_size
    caption_font: str | None = None  # "cid" / "ttf": captions in another face than the body
    fake_bold: bool = False  # print headlines and subheads twice, slightly offset (seen in the wild)
    font: str = "cid"  # "cid": non-embedded STSong-Light; "ttf": embedded TrueType (see fonts.py)
    stream_seed: int | None = 7  # shuffle the content-stream order of blocks; None keeps reading order
    # With stream_seed None: draw the page's first article rotated, its later half (later columns)
    # first and then its headline band and first half, the rest of the page in reading order (a
    # coherent stream that reverses the geometry inside one article, seen from Chromium).
    stream_rotate: bool = False
    heading_size: float = 1.15  # subhead glyph size as a multiple of body_size (real papers: up to ~1.6)
    # Digits and Latin runs set in a fallback Latin font (e.g. "Helvetica"), glyph by glyph (so
    # letter spacing splits "2024" into "2 0 2 4"), at digit_scale of the size, digit_rise points
    # above the CJK baseline: what real pages and browsers do.
    digit_font: str | None = None
    digit_scale: float = 0.85
    digit_rise: float = 1.2


@dataclass
class TruthBlock:
    role: str  # headline, subtitle, byline, heading, body, quote, caption, furniture
    text: str
    page: int  # 1-based
    article: int | None  # index into Truth.articles; None for page furniture


@dataclass
class TruthArticle:
    headline: str
    page: int
    continued_from: str | None = None
    continues_to: str | None = None


@dataclass
class Truth:
    """The ground-truth reading order of a generated PDF: blocks in order, and the articles.

    Order per page: header furniture, then each article (kicker, headline, subtitle, byline,
    continued-from note, body paragraphs and subheads, continues-to note, pull quotes,
    captions), then footer furniture.
    """

    pages: int
    articles: list[TruthArticle] = field(default_factory=list)
    blocks: list[TruthBlock] = field(default_factory=list)
    # Figures the page states, as `cstats extract` should find them: surface, value, unit,
    # qualifier, committee, period (year), page. Written by the Chromium family's generator.
    figures: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        if not self.figures:  # the reportlab family's truth files stay as they were
            del data["figures"]
        return data

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Truth:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            pages=data["pages"],
            articles=[TruthArticle(**a) for a in data["articles"]],
            blocks=[TruthBlock(**b) for b in data["blocks"]],
            figures=data.get("figures", []),
        )

    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)
