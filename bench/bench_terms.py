"""Coverage of the term calendar (issue 24): which committees' term ordinals can be read as years.

Run: ``python bench/bench_terms.py [--corpus DIR ...]``. Prints

* the calendar's committees by basis: public fact (the national committee and the 31 provincial
  committees, warehouse/reference/committee_terms.csv), cited documents, reviewed ordinals of public
  pages (warehouse/reference/term_ordinals.csv), ordinals learned from the corpus;
* for each corpus folder: the (committee, term) pairs its documents name, how many the calendar
  dates (own evidence, or inferred from the committee's nearest dated term by the level's cycle),
  and every pair it cannot date (the list to look up on public pages and add, reviewed, to
  term_ordinals.csv);
* learned ordinals as CSV rows (the evidence document on each), conflicting evidence, and evidence
  that falls off the level's term cycle.

Documents are read from the folders given (text, HTML, PDF, DOCX); a folder that does not exist is
reported and skipped. The sample corpus is read when no folder is given. ``--manifest M --set dev``
skips the documents a real-docs manifest puts in its other sets (a held-back half stays unread).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.extract.attribution import Attributor  # noqa: E402
from pipelines.extract.periods import TermCalendar, calendars, default_calendar  # noqa: E402
from sources import SourceError, read_document  # noqa: E402
from warehouse.register import load_register  # noqa: E402

SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".pdf", ".docx"}


def read_folder(folder: Path, skip: set[str] = frozenset()) -> list:
    docs = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.stem not in skip:
            try:
                docs.append(read_document(p))
            except SourceError as e:
                print(f"  skipped {p.name}: {e}")
    return docs


def off_cycle(calendar: TermCalendar) -> list[str]:
    """Dated terms whose first year is not on the level's cycle (a multiple of five years away)."""
    reg = load_register()
    cycles = calendars()["term_cycles"]
    years = int(calendars()["term_years"])
    out = []
    for (code, n), fact in calendar.dated.items():
        c = reg.get(code, fact.year)
        if c is None:
            continue
        if all((fact.first_year - y) % years for y in cycles.get(c.level, ())):
            out.append(f"{code} {c.name} term {n}: first year {fact.first_year} ({fact.evidence})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", action="append", default=[], help="a folder of documents (repeatable)")
    ap.add_argument(
        "--manifest",
        help="a real-docs manifest.csv: skip its documents outside --set (a held-back half stays unread)",
    )
    ap.add_argument("--set", default="dev", help="the manifest's set to read (default dev)")
    args = ap.parse_args()
    skip: set[str] = set()
    if args.manifest:  # the manifest's other sets (a held-back half) are never read
        with open(args.manifest, encoding="utf-8", newline="") as fh:
            skip = {r["doc"] for r in csv.DictReader(fh) if r.get("set") != args.set}
    folders = [Path(f) for f in args.corpus] or [ROOT / "sources" / "samples"]
    reg = load_register()
    base = default_calendar()
    regions = [c for c in reg.committees if c.level == "region" and c.valid_to is None]
    national = reg.term("000000", 14) is not None
    dated_regions = sum(1 for c in regions if any(reg.term(c.code, n) for n in range(1, 30)))
    cited = {t.code for t in reg.terms() if t.code != "000000" and not t.code.endswith("0000")}
    reviewed = {f.code for f in base.facts if f.basis == "reviewed"}
    print("term calendar (reference data)")
    print(f"  national committee:        {'dated' if national else 'MISSING'}")
    print(f"  provincial committees:     {dated_regions} of {len(regions)} dated (public fact)")
    print(f"  cited documents:           {len(cited)} committees")
    print(f"  reviewed public ordinals:  {len(reviewed)} committees (term_ordinals.csv)")
    for folder in folders:
        if not folder.is_dir():
            print(f"\ncorpus {folder}: not found, skipped")
            continue
        t0 = time.perf_counter()
        docs = read_folder(folder, skip)
        attributors = [Attributor(d) for d in docs]
        facts = [f for a in attributors for f in a.facts()]
        calendar = base.learned(facts)
        named: dict[tuple[str, int], set[str]] = {}
        for d, a in zip(docs, attributors, strict=True):
            for code, terms in a.named_terms().items():
                for n in terms:
                    named.setdefault((code, n), set()).add(d.doc_id)
        how = Counter()
        missing = []
        for (code, n), where in sorted(named.items()):
            t = calendar.term(code, n)
            if t is None:
                missing.append((code, n, where))
                how["undated"] += 1
            else:
                how["inferred (level cycle)" if t.inferred else f"own evidence ({t.basis})"] += 1
        committees = {code for code, _ in named}
        covered = {code for code, n in named if calendar.term(code, n) is not None}
        print(f"\ncorpus {folder}: {len(docs)} documents read in {time.perf_counter() - t0:.1f} s")
        print(f"  committees naming a term ordinal: {len(committees)}; dated: {len(covered)}")
        print(
            f"  (committee, term) pairs named:    {len(named)}; "
            + ", ".join(f"{k} {v}" for k, v in sorted(how.items()))
        )
        print(
            f"  ordinals learned from the corpus: {len(facts)} ({len({(f.code, f.term) for f in facts})} terms)"
        )
        for code, n, where in missing:
            c = reg.get(code)
            print(
                f"  UNDATED {code} {c.name if c else '?'} term {n}: named in {', '.join(sorted(where)[:5])}"
            )
        for _key, text in sorted(calendar.conflicts.items()):
            print(f"  CONFLICT {text}")
        for line in off_cycle(calendar):
            print(f"  OFF-CYCLE {line}")
        if facts:
            print("  learned (code,term,session,year,evidence):")
            for f in sorted(set(facts), key=lambda f: (f.code, f.term, f.session or 0, f.evidence)):
                print(f"    {f.code},{f.term},{f.session or ''},{f.year},{f.evidence}")


if __name__ == "__main__":
    main()
