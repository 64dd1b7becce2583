"""Newspaper pages of the sample corpus: stories filled from the facts, laid out by sources.pdfgen.

Pages use the non-embedded CID font (STSong-Light), so regenerating them needs no font files and
the committed PDFs need none to be read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from sources.corpus import generate as g

NEWSPAPERS = g.HERE / "newspapers.yaml"


def load_newspapers(path: Path = NEWSPAPERS) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class Page:
    """One generated page: its pdfgen spec and layout, and the mentions of its articles."""

    doc_id: str
    spec: object  # sources.pdfgen.PageSpec
    layout: object  # sources.pdfgen.Layout
    docs: list  # one generate.Doc per article (mentions and committee)


def forced_styles(papers: dict | None = None) -> dict[tuple[str, int], set[str]]:
    """Metrics that pages write in a fixed style: the reports of that committee-year write them exact,
    so every disagreement in the corpus is a newspaper against exact report figures."""
    papers = papers or load_newspapers()
    out: dict[tuple[str, int], set[str]] = {}
    for page in papers["pages"]:
        for a in page["articles"]:
            out.setdefault((a["committee"], a["year"]), set()).update(a.get("styles", {}))
    return out


def build_pages(phrasing: dict | None = None, papers: dict | None = None) -> list[Page]:
    from sources.pdfgen import ArticleSpec, Heading, Layout, PageSpec, Photo, PullQuote

    phrasing = phrasing or g.load_phrasing()
    papers = papers or load_newspapers()
    facts = g.load_facts()
    register = g.load_register()
    terms = g.load_terms()
    pages = []
    for p in papers["pages"]:
        rng = random.Random(f"{g.SEED}:{p['id']}")
        articles, docs = [], []
        used: set[str] = set()  # no filler twice on one page
        for a in p["articles"]:
            c = register.get(a["committee"])
            v = g.voice(c, register.get(c.parent_code) if c.parent_code else None, terms)
            year = a["year"]
            f = facts[(c.code, year, year)]
            doc = g.Doc(p["id"], v, (year, year), kind="newspaper article")
            derived = g.derived_values(f, g.derived_rng(c.code, year))
            story = papers["stories"][a["story"]]
            styles = a.get("styles", {})

            def fill(t: str, doc=doc, v=v, year=year, f=f, derived=derived, styles=styles, rng=rng) -> str:
                text, found = g.fill_slots(v.fill(t, year), doc, f, derived, phrasing, rng, styles)
                for m in found:
                    m["char_start"] = m["char_end"] = None
                    m["page"] = 1
                doc.mentions.extend(found)
                return text

            body = [Heading(b["heading"]) if isinstance(b, dict) else fill(b) for b in story["body"]]
            fillers = [
                text
                for f in papers["fillers"]
                if (text := f if isinstance(f, str) else f["text"]) not in used
                and (isinstance(f, str) or year in f["years"])
            ]
            for filler in rng.sample(fillers, min(len(fillers), rng.randint(5, 8))):
                used.add(filler)
                body.insert(rng.randint(1, len(body)), fill(filler))
            articles.append(
                ArticleSpec(
                    headline=fill(story["headline"]),
                    subtitle=fill(story["subtitle"]) if story.get("subtitle") else None,
                    byline=story.get("byline"),
                    body=body,
                    photos=[Photo(**ph) for ph in a.get("photos", [])],
                    quotes=[PullQuote(**q) for q in a.get("quotes", [])],
                    columns=a.get("columns"),
                )
            )
            docs.append(doc)
        spec = PageSpec(
            articles=articles,
            masthead=p["masthead"],
            date_line=p["date_line"],
            page_label=p["page_label"],
            footer=papers["footer"],
        )
        options = dict(p.get("layout", {}))
        if "page_size" in options:
            options["page_size"] = tuple(options["page_size"])
        layout = Layout(font="cid", **options)
        pages.append(Page(p["id"], spec, layout, docs))
    return pages


def write_pages(out: Path, pages: list[Page]) -> tuple[list[Path], list[dict]]:
    """Render every page to ``out``; return the PDFs written and the pages' mentions."""
    from sources.pdfgen import render_page

    written, mentions = [], []
    for page in pages:
        path = out / f"{page.doc_id}.pdf"
        truth = render_page(page.spec, path, page.layout)
        text = truth.text()
        for doc in page.docs:
            for m in doc.mentions:
                if m["surface"] not in text:  # the generator and its truth disagree: never ship that
                    raise AssertionError(f"{page.doc_id}: {m['surface']} is not on the page")
            mentions.extend(doc.mentions)
        written.append(path)
    return written, mentions
