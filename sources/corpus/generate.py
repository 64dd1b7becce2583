"""Generate the bundled sample corpus (sources/samples) and its truth from the same facts.

    python -m sources.corpus.generate [--out DIR]      (or: make samples)

Inputs (data, in this folder): ``facts.csv`` (the invented committee-year figures),
``phrasing.yaml`` (the sentences), ``newspapers.yaml`` (the newspaper pages), ``slugs.csv``
(file names), ``terms.csv`` (each committee's terms: the public term calendar where there is one,
else the level's cycle; the session and term ordinals the documents name come from it). Every random choice comes from a ``random.Random`` seeded with the document's own
name, so regenerating gives byte-identical files and changing one document leaves the others alone.

Outputs: the documents, ``truth.jsonl`` (every metric mention, in the mention contract's fields),
``truth_facts.jsonl`` (the value the reconciliation rule must pick per committee x metric x period)
and ``README.md``.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import functools
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sources.corpus.numerals import chinese, render
from warehouse.register import Committee, load_register

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
YEARS = (2022, 2023, 2024)
SEED = "committee-stats-samples-v1"

_SLOT = re.compile(r"\{([=%]?)([a-z_.]+)(?::([^}:]+))?(?::([a-z_]+))?\}")
_BIG5_FIXES = {"編髮": "編發", "髮展": "發展"}
TERM_YEARS = 5  # a committee's term: five yearly plenary sessions
_ORDINAL_SLOTS = ("{term}", "{session_term}", "{session}", "{session_month}")


# ----------------------------------------------------------------------------- data


def load_facts(path: Path = HERE / "facts.csv") -> dict[tuple[str, int, int], dict[str, int]]:
    """{(committee_code, period_start, period_end): {metric: value}}."""
    facts: dict[tuple[str, int, int], dict[str, int]] = defaultdict(dict)
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            key = (r["committee_code"], int(r["period_start"]), int(r["period_end"]))
            facts[key][r["metric"]] = int(r["value"])
    return dict(facts)


def load_slugs(path: Path = HERE / "slugs.csv") -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: r["slug"] for r in csv.DictReader(fh)}


def load_phrasing(path: Path = HERE / "phrasing.yaml") -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class TermFact:
    """One term of a committee (a row of terms.csv): when its first plenary session met."""

    code: str
    term: int
    first_year: int  # the year the term's first session met
    month: int | None  # ... and its month, where known
    session_month: int | None  # the month its yearly sessions meet, where known
    basis: str  # public, reviewed (warehouse/reference/term_ordinals.csv), public page, inferred
    evidence: str  # the public address, or "level cycle"

    @property
    def sessions_from(self) -> int:
        """The year of the term's first yearly session: a first session held in December opens a
        term whose sessions run from the next year (the term calendar's reading, periods.py)."""
        return self.first_year + 1 if self.month == 12 else self.first_year


def load_terms(path: Path = HERE / "terms.csv") -> dict[str, tuple[TermFact, ...]]:
    """{committee_code: its terms, oldest first}."""
    terms: dict[str, list[TermFact]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            terms[r["code"]].append(
                TermFact(
                    r["code"],
                    int(r["term"]),
                    int(r["first_year"]),
                    int(r["month"]) if r["month"] else None,
                    int(r["session_month"]) if r["session_month"] else None,
                    r["basis"],
                    r["evidence"],
                )
            )
    return {code: tuple(sorted(ts, key=lambda t: t.term)) for code, ts in terms.items()}


@functools.cache
def _bundled_terms() -> dict[str, tuple[TermFact, ...]]:
    """terms.csv, read once per process (voice() is called per document: 20,000 times by the national
    bench); callers only read it."""
    return load_terms()


def plenary_session(terms: tuple[TermFact, ...], year: int) -> tuple[TermFact, int]:
    """The committee's plenary session held in ``year``: its term and its number in the term (the
    session of year Y is number Y - first + 1 of the term whose sessions began last, no later than Y).
    A year past the last known term's five sessions is an error: terms.csv needs the next term."""
    began = [t for t in terms if t.sessions_from <= year]
    if not began:
        raise ValueError(f"terms.csv has no term of {terms[0].code if terms else '?'} in session by {year}")
    t = max(began, key=lambda t: t.sessions_from)
    session = year - t.sessions_from + 1
    if session > TERM_YEARS:
        raise ValueError(f"terms.csv: term {t.term} of {t.code} has no session in {year}; add the next term")
    return t, session


def report_ordinals(terms: tuple[TermFact, ...], year: int) -> dict[str, str]:
    """The ordinals a report on ``year``'s work names: the session of ``year + 1`` that hears it
    (``session_term``, ``session``; the next term's first session when a new term opens that year),
    the term of the standing committee that reports (``term``: the outgoing one at a first session)
    and the month the session meets (``session_month``; February where no public page tells)."""
    t, session = plenary_session(terms, year + 1)
    return {
        "term": chinese(t.term if session > 1 else t.term - 1),
        "session_term": chinese(t.term),
        "session": chinese(session),
        "session_month": str(t.session_month or 2),
    }


@dataclass(frozen=True)
class Voice:
    """How a committee's own documents name it and its surroundings."""

    committee: Committee
    full: str  # 政协石嘴山市大武口区委员会
    self_: str  # 区政协
    upper: str  # 自治区、市政协
    party: str  # 区委
    area: str  # 全区
    terms: tuple[TermFact, ...] = ()  # the committee's terms (terms.csv)

    def fill(self, text: str, year: int) -> str:
        """The placeholders of phrasing.yaml filled for a document on ``year``'s work."""
        if any(slot in text for slot in _ORDINAL_SLOTS):
            for name, value in report_ordinals(self.terms, year).items():
                text = text.replace("{" + name + "}", value)
        return (
            text.replace("{full}", self.full)
            .replace("{self}", self.self_)
            .replace("{name}", self.committee.name)
            .replace("{upper}", self.upper)
            .replace("{party}", self.party)
            .replace("{area}", self.area)
            .replace("{year}", str(year))
            .replace("{next}", str(year + 1))
        )


def voice(
    c: Committee, parent: Committee | None, terms: dict[str, tuple[TermFact, ...]] | None = None
) -> Voice:
    ts = (_bundled_terms() if terms is None else terms).get(c.code, ())
    if c.level == "region":
        return Voice(c, f"政协{c.name}委员会", "自治区政协", "全国政协", "自治区党委", "全区", ts)
    if c.level == "city":
        return Voice(c, f"政协{c.name}委员会", "市政协", "自治区政协", "市委", "全市", ts)
    kind = c.name[-1]
    if kind == "区":
        full = f"政协{parent.name}{c.name}委员会"
        return Voice(c, full, "区政协", "自治区、市政协", "区委", "全区", ts)
    if kind == "市":  # a county-level city
        return Voice(c, f"政协{c.name}委员会", "市政协", f"自治区政协和{parent.name}政协", "市委", "全市", ts)
    return Voice(c, f"政协{c.name}委员会", "县政协", "自治区、市政协", "县委", "全县", ts)


# ----------------------------------------------------------------------------- documents


@dataclass
class Doc:
    """One generated document: paragraphs with the mentions placed in them."""

    doc_id: str
    voice: Voice
    period: tuple[int, int]
    encoding: str = "utf-8"
    kind: str = "annual report"
    paragraphs: list[str] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)  # with offsets into "\n\n".join(paragraphs)
    _pos: int = 0

    def add(self, text: str, found: list[dict]) -> None:
        if self.paragraphs:
            self._pos += 2
        for m in found:
            m["char_start"] += self._pos
            m["char_end"] += self._pos
        self.paragraphs.append(text)
        self.mentions.extend(found)
        self._pos += len(text)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def derived_values(facts: dict[str, int], rng: random.Random) -> dict[str, int]:
    """Figures a report states beside the facts: breakdowns, transfers, key proposals."""
    acc = facts["proposals.accepted"]
    economy = round(acc * rng.uniform(0.38, 0.5))
    society = round(acc * rng.uniform(0.24, 0.32))
    key = max(3, round(acc * rng.uniform(0.04, 0.08)))
    requests = max(2, round(facts["party_building.reports_to_party"] * rng.uniform(0.3, 0.45)))
    return {
        "part_economy": economy,
        "part_society": society,
        "part_culture": acc - economy - society,
        "transferred": facts["proposals.received"] - acc,
        "key_proposals": key,
        "chair_supervised": max(2, key // 2),
        "satisfaction": rng.choice([96, 97, 98, 99]),
        "requests": requests,
        "work_reports": facts["party_building.reports_to_party"] - requests,
        "attended": rng.randint(1, 4),
        "people_served": round(facts["member_services.households_helped"] * rng.uniform(2.0, 4.0)),
        "suggestions": round(facts["consultation.meetings"] * rng.uniform(4, 9)),
        "instructed": max(1, round(facts["public_opinion.adopted"] * rng.uniform(0.2, 0.5))),
        "research_reports": max(2, round(facts["research_inspection.research"] * rng.uniform(0.5, 0.8))),
        "trainees": round(facts["study_training.training_sessions"] * rng.uniform(40, 90)),
    }


def derived_rng(code: str, year: int) -> random.Random:
    """One draw of the derived figures per committee-year, so every document states the same ones."""
    return random.Random(f"{SEED}:derived:{code}:{year}")


def fill_slots(
    template: str,
    doc: Doc,
    facts: dict[str, int],
    derived: dict[str, int],
    phrasing: dict,
    rng: random.Random,
    styles: dict[str, str] | None = None,
) -> tuple[str, list[dict]]:
    """Replace the slots of one filled template; return the text and its mentions (offsets local).

    ``styles`` fixes the style of a metric's slots (``exact``, ``near``, ``exact+N`` ...).
    """
    start, end = doc.period
    out, found, last = "", [], 0
    for m in _SLOT.finditer(template):
        out += template[last : m.start()]
        last = m.end()
        sigil, name, unit, style = m[1], m[2], m[3], m[4] or "any"
        if sigil == "%":
            out += f"{derived[name] / facts['proposals.accepted'] * 100:.1f}%"
            continue
        if sigil == "=":
            value, spec = derived[name], phrasing["derived"][name]
            metric, category = spec["metric"], spec["category"]
        else:
            value, metric, category = facts[name], name, name.split(".")[0]
            style = (styles or {}).get(name, style)
        if style.startswith("exact+"):
            value, style = value + int(style[6:]), "exact"
        surface, shown, qualifier = render(value, unit, style, rng)
        c = doc.voice.committee
        found.append(
            {
                "doc": doc.doc_id,
                "surface": surface,
                "value": shown,
                "unit": unit,
                "qualifier": qualifier,
                "category": category,
                "metric": metric,
                "committee": c.committee_name,
                "committee_code": c.code,
                "level": c.level,
                "period_start": start,
                "period_end": end,
                "char_start": len(out),
                "char_end": len(out) + len(surface),
                "page": None,
            }
        )
        out += surface
    out += template[last:]
    return out, found


def add_paragraph(doc: Doc, template: str, facts, derived, phrasing, rng, styles=None) -> None:
    text = doc.voice.fill(template, doc.period[1])
    filled, found = fill_slots(text, doc, facts, derived, phrasing, rng, styles)
    doc.add(filled, found)


SECTION_ODDS = {
    "proposals": 1.0,
    "consultation": 0.9,
    "supervision": 0.7,
    "public_opinion": 1.0,
    "research_inspection": 0.9,
    "study_training": 0.85,
    "member_services": 0.8,
    "meetings": 0.8,
    "party_building": 0.7,
    "culture_history": 0.5,
    "organization": 0.5,
    "unity_outreach": 0.5,
}


def annual_report(
    v: Voice,
    year: int,
    facts,
    phrasing,
    doc_id: str,
    next_spring: bool = False,
    exact: frozenset = frozenset(),
) -> Doc:
    """The standing committee's annual work report; metrics in ``exact`` are written exactly."""
    rng = random.Random(f"{SEED}:{doc_id}")
    p = phrasing["annual"]
    doc = Doc(doc_id, v, (year, year))
    derived = derived_values(facts, derived_rng(v.committee.code, year))
    styles = dict.fromkeys(exact, "exact")
    if next_spring:
        ns = phrasing["next_spring"]
        lead = [ns["headline"], ns["subtitle"], ns["opening"]]
    else:
        headline = rng.choice(p["headlines"])
        if "{year}" in headline:
            subtitle = rng.choice(p["subtitles"] + [None])
        else:  # the lead must name the work year before any date of the next year
            subtitle = p["subtitles"][1]
        if subtitle and not v.terms and any(slot in subtitle for slot in _ORDINAL_SLOTS):
            subtitle = None  # a committee terms.csv does not hold (the national bench's): no ordinal invented
        lead = [headline, subtitle, rng.choice(p["openings"])]
    paragraphs = [t for t in lead if t] + [p["context"][year]]
    if rng.random() < 0.4:
        paragraphs.append(rng.choice(p["economy"]))
    for section, odds in SECTION_ODDS.items():
        if rng.random() < odds:
            paragraphs.append(rng.choice(p["sections"][section]))
    paragraphs += [rng.choice(p["closings"]), p["footer"]]
    for t in paragraphs:
        add_paragraph(doc, t, facts, derived, phrasing, rng, styles)
    return doc


def term_report(v: Voice, start: int, end: int, facts, phrasing, doc_id: str) -> Doc:
    rng = random.Random(f"{SEED}:{doc_id}")
    p = phrasing["term"]
    doc = Doc(doc_id, v, (start, end), kind="term report")
    for t in [p["headline"], p["subtitle"], *p["paragraphs"], phrasing["annual"]["footer"]]:
        add_paragraph(doc, t, facts, {}, phrasing, rng)
    return doc


def proposal_report(v: Voice, year: int, facts, phrasing, doc_id: str, exact: frozenset = frozenset()) -> Doc:
    """The proposal committee's yearly report on proposal work."""
    rng = random.Random(f"{SEED}:{doc_id}")
    p = phrasing["proposal_report"]
    doc = Doc(doc_id, v, (year, year), kind="proposal-work report")
    derived = derived_values(facts, derived_rng(v.committee.code, year))
    styles = dict.fromkeys(exact, "exact")
    for t in [rng.choice(p["headlines"]), rng.choice(p["openings"]), *p["paragraphs"], p["footer"]]:
        add_paragraph(doc, t, facts, derived, phrasing, rng, styles)
    return doc


# ----------------------------------------------------------------------------- plan

# Which committee-years get a proposal-work report besides their annual report.
PROPOSAL_REPORT_COUNTIES = {("640221", 2023), ("640221", 2024), ("640302", 2024), ("640422", 2022)}
NEXT_SPRING = ("640425", 2024)  # 彭阳县's 2024 report names only its January 2025 session
TERM = ("640000", 2018, 2022)  # the region's 11th term (terms.csv)
BIG5 = ("640200", 2024)  # one report in traditional characters


def encoding_for(doc_id: str) -> str:
    """Mixed encodings, as offices really send them: mostly UTF-8, then GBK, then UTF-8 with BOM."""
    r = random.Random(f"{SEED}:encoding:{doc_id}").random()
    return "gbk" if r < 0.2 else "utf-8-sig" if r < 0.32 else "utf-8"


def build_documents(phrasing: dict | None = None) -> list[Doc]:
    """Every text document of the corpus (annual, proposal-work and term reports)."""
    from sources.corpus.newspapers import forced_styles

    phrasing = phrasing or load_phrasing()
    forced = forced_styles()
    facts = load_facts()
    slugs = load_slugs()
    register = load_register()
    terms = load_terms()
    docs: list[Doc] = []
    for code, slug in slugs.items():
        c = register.get(code)
        v = voice(c, register.get(c.parent_code) if c.parent_code else None, terms)
        for year in YEARS:
            f = facts[(code, year, year)]
            exact = frozenset(forced.get((code, year), ()))
            doc = annual_report(v, year, f, phrasing, f"{slug}_{year}", (code, year) == NEXT_SPRING, exact)
            doc.encoding = "big5" if (code, year) == BIG5 else encoding_for(doc.doc_id)
            docs.append(doc)
            if c.level in ("region", "city") or (code, year) in PROPOSAL_REPORT_COUNTIES:
                pr = proposal_report(v, year, f, phrasing, f"{slug}_{year}_proposals", exact)
                pr.encoding = encoding_for(pr.doc_id)
                docs.append(pr)
        if code == TERM[0]:
            tf = facts[TERM]
            docs.append(term_report(v, TERM[1], TERM[2], tf, phrasing, f"{slug}_{TERM[1]}-{TERM[2]}_term"))
    return docs


# ----------------------------------------------------------------------------- output


def to_traditional(text: str) -> str:
    import opencc

    out = opencc.OpenCC("s2tw").convert(text)
    for wrong, right in _BIG5_FIXES.items():
        out = out.replace(wrong, right)
    if len(out) != len(text):
        raise ValueError("traditional conversion changed the text's length")
    return out


def encode(doc: Doc) -> bytes:
    text = doc.text + "\n"
    if doc.encoding == "big5":
        return text.encode("big5")
    if doc.encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(doc.encoding)


def finalise(doc: Doc) -> None:
    """Apply the document's script to its text and mentions (Big5 documents are traditional)."""
    if doc.encoding != "big5":
        return
    doc.paragraphs = [to_traditional(p) for p in doc.paragraphs]
    full = doc.text
    for m in doc.mentions:
        m["surface"] = full[m["char_start"] : m["char_end"]]


def reconciled(truth: list[dict]) -> list[dict]:
    """What the warehouse's documented rule picks per committee x metric x period.

    Exact figures beat qualified ones; among those the value reported most often wins; ties go to
    the larger value (warehouse/transform/reconcile.sql).
    """
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for t in truth:
        if t["metric"] and t["committee_code"]:
            groups[(t["committee_code"], t["metric"], t["period_start"], t["period_end"])].append(t)
    out = []
    for (code, metric, start, end), rows in sorted(groups.items()):
        votes: dict[float, int] = defaultdict(int)
        for r in rows:
            votes[r["value"]] += 1

        best = max(
            rows, key=lambda r, votes=votes: (r["qualifier"] == "exact", votes[r["value"]], r["value"])
        )
        values = sorted({r["value"] for r in rows})
        out.append(
            {
                "committee_code": code,
                "committee": best["committee"],
                "metric": metric,
                "period_start": start,
                "period_end": end,
                "value": best["value"],
                "unit": best["unit"],
                "qualifier": best["qualifier"],
                "mention_count": len(rows),
                "conflict": len(values) > 1,
                "alternatives": [x for x in values if x != best["value"]],
            }
        )
    return out


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


README = """# Bundled sample corpus

**Sample data (示例数据).** Every text here was written for committee-stats and every figure is
invented; the documents show how the pipeline works and must never be quoted as real statistics.
Each document says so: text reports in their headline and footer, newspaper pages in their
footer.

Generated by `make samples` (`python -m sources.corpus.generate`) from the facts and phrasing in
`sources/corpus/`; do not edit these files by hand. See docs/samples.md.

The committees are real, and the session and term ordinals the reports name
(`第十二届委员会第四次会议`) follow `sources/corpus/terms.csv`: the public term calendar where there is
one (the region's 11th term from 2018 and 12th from 2023, 银川市, 固原市, 吴忠市, 永宁县, 西吉县), else the
level's cycle (marked inferred there).

- `truth.jsonl`: every metric mention of every document, in the mention contract's fields
  (docs/mentions.md); `char_start`/`char_end` are offsets in the document text for text files.
- `truth_facts.jsonl`: the value the warehouse's reconciliation rule must pick for each
  committee x metric x period (exact beats qualified, then the most reported, ties to larger).

| document | committee | period | kind | encoding | mentions |
|---|---|---|---|---|---|
"""


def _period(doc: Doc) -> str:
    return str(doc.period[0]) if doc.period[0] == doc.period[1] else f"{doc.period[0]}-{doc.period[1]}"


def write_corpus(out: Path, pdfs: bool = True) -> list[Path]:
    """Write documents, newspaper pages, truth and README into ``out``; return the paths written."""
    from sources.corpus import web
    from sources.corpus.newspapers import build_pages, write_pages

    out.mkdir(parents=True, exist_ok=True)
    written, truth, rows = [], [], []
    facts = load_facts()
    for doc in sorted(build_documents(), key=lambda d: d.doc_id):
        finalise(doc)
        doc_facts = facts[(doc.voice.committee.code, *doc.period)]
        kind, encoding = doc.kind, doc.encoding
        if doc.doc_id in web.HTML_DOCS:
            path, data = out / f"{doc.doc_id}.html", web.render_html(doc, doc_facts)
            kind, encoding = f"{kind}, web page", f"HTML, {web.HTML_DOCS[doc.doc_id][1]} declared"
        elif doc.doc_id in web.DOCX_DOCS:
            path, data = out / f"{doc.doc_id}.docx", web.render_docx(doc, doc_facts)
            kind, encoding = f"{kind}, Word file", "DOCX"
        else:
            path, data = out / f"{doc.doc_id}.txt", encode(doc)
        path.write_bytes(data)
        written.append(path)
        truth.extend(doc.mentions)
        c = doc.voice.committee
        rows.append(
            f"| {path.name} | {c.committee_name} | {_period(doc)} | {kind} | {encoding} | {len(doc.mentions)} |"
        )
    if pdfs:
        pages = build_pages()
        pdf_paths, mentions = write_pages(out, pages)
        written += pdf_paths
        truth += mentions
        for page in pages:
            names = "、".join(d.voice.committee.committee_name for d in page.docs)
            periods = "、".join(sorted({_period(d) for d in page.docs}))
            count = sum(len(d.mentions) for d in page.docs)
            kind = f"newspaper page, {page.layout.columns} columns" + (
                ", letter-spaced" if page.layout.letter_spacing else ""
            )
            rows.append(f"| {page.doc_id}.pdf | {names} | {periods} | {kind} | PDF | {count} |")
    truth.sort(key=lambda t: (t["doc"], t["char_start"] if t["char_start"] is not None else -1))
    for name, text in (
        ("truth.jsonl", _jsonl(truth)),
        ("truth_facts.jsonl", _jsonl(reconciled(truth))),
        ("README.md", README + "\n".join(sorted(rows)) + "\n"),
    ):
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate the bundled sample corpus and its truth.")
    ap.add_argument("--out", type=Path, default=SAMPLES, help=f"output folder (default {SAMPLES})")
    args = ap.parse_args(argv)
    written = write_corpus(args.out)
    print(f"wrote {len(written)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
