"""Extraction quality on real public pages about CPPCC committees (issue 13, point 4).

The pages themselves are third-party text and never enter the repository: bench/real_docs/
holds only the manifest (address, the search query that finds the page, level, province, year,
traits) and the gold facts. The texts live in a local cache folder, one file per document
(``r001.txt``, or ``r001.html`` once the HTML reader reads it), taken from ``--cache``, else the
``CSTATS_REAL_DOCS`` environment variable, else ``.cache/real_docs`` (gitignored). The bench scores
whatever the cache holds and says so when it holds nothing.

    python bench/bench_real_docs.py                 # score held-back and development sets
    python bench/bench_real_docs.py --build-gold    # gold_spec.txt + cached texts -> gold.jsonl

Matching: a prediction equals a gold mention when both are in the same document, their character
spans overlap and value, unit and qualifier agree. Printed per set (held back: labelled before any
rule change, never tuned on; development: the rules were developed on it): precision, recall,
committee-code accuracy over matched mentions whose committee the text names, period accuracy over
matched mentions (a gold "-" means the text does not say: only null is right), and every miss,
false alarm and wrong field with its reason class.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.extract import extract_mentions  # noqa: E402
from pipelines.extract.numbers import find_quantities  # noqa: E402
from sources import read_document  # noqa: E402

HERE = ROOT / "bench" / "real_docs"
MANIFEST = HERE / "manifest.csv"
SPEC = HERE / "gold_spec.txt"
GOLD = HERE / "gold.jsonl"
DEFAULT_CACHE = ROOT / ".cache" / "real_docs"
SUFFIXES = (".txt", ".html", ".htm", ".shtml")
TARGETS = {"precision": 0.97, "recall": 0.95, "committee": 0.95, "period": 0.90}


def cache_dir(option: str | None) -> Path:
    return Path(option or os.environ.get("CSTATS_REAL_DOCS") or DEFAULT_CACHE)


def load_manifest() -> list[dict]:
    with open(MANIFEST, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def cached_file(cache: Path, doc: str) -> Path | None:
    for suffix in SUFFIXES:
        p = cache / f"{doc}{suffix}"
        if p.is_file():
            return p
    return None


# ---- gold ---------------------------------------------------------------------------------------


def parse_spec(path: Path = SPEC) -> dict[str, dict]:
    """gold_spec.txt -> {doc: {"committee", "period", "mentions": [(surface, overrides)]}}."""
    docs: dict[str, dict] = {}
    current = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            parts = line[1:].split()
            if len(parts) != 3:
                raise ValueError(f"{path}:{n}: expected '@doc committee period'")
            current = {"committee": parts[1], "period": parts[2], "mentions": []}
            docs[parts[0]] = current
            continue
        if current is None:
            raise ValueError(f"{path}:{n}: a mention before any '@doc' line")
        surface, *opts = [p.strip() for p in line.split(" | ")]
        overrides = dict(o.split("=", 1) for o in opts)
        current["mentions"].append((surface, overrides))
    return docs


def _boundary_ok(text: str, i: int) -> bool:
    """A surface must not start inside a longer number: "5件" is not found inside "15件"."""
    if i == 0:
        return True
    before = text[i - 1]
    if before == "," and i >= 2 and text[i - 2].isdigit():  # 1,200: "200件" is inside it
        return not (text[i : i + 3].isdigit() and not text[i + 3 : i + 4].isdigit())
    return not (before.isdigit() or before == ".")


def _json_number(value):
    """Exact values (Decimal, since the quantity parser keeps them exact) as JSON numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def build_gold(cache: Path) -> list[dict]:
    """Locate every spec mention in its cached text (in order) and read value, unit, qualifier
    off the located span with the project's quantity parser (reviewed by the labeller)."""
    rows: list[dict] = []
    for doc_id, spec in parse_spec().items():
        path = cached_file(cache, doc_id)
        if path is None:
            raise SystemExit(f"{doc_id}: not in the cache {cache}; gold needs the text to locate spans")
        doc = read_document(path)
        quantities = {q.start: q for q in find_quantities(doc.text)}
        cursor = 0
        for surface, over in spec["mentions"]:
            i = doc.display_text.find(surface, cursor)
            while i >= 0 and not _boundary_ok(doc.display_text, i):
                i = doc.display_text.find(surface, i + 1)
            if i < 0:
                raise SystemExit(f"{doc_id}: '{surface}' not found after offset {cursor}")
            j = i + len(surface)
            q = quantities.get(i)
            if q is None or (q.end != j and "unit" not in over):
                raise SystemExit(f"{doc_id}: '{surface}' at {i} is not one quantity for the parser")
            cursor = j
            committee = over.get("committee", spec["committee"])
            period = over.get("period", spec["period"])
            rows.append(
                {
                    "doc": doc_id,
                    "surface": surface,
                    "char_start": i,
                    "char_end": j,
                    "value": q.value,
                    "unit": over.get("unit", q.unit),
                    "qualifier": over.get("q", q.qualifier),
                    "category": over.get("cat", "proposals"),
                    "committee_code": None if committee == "-" else committee,
                    "committee_named": committee != "-",
                    "period": None if period == "-" else period,
                }
            )
    return rows


def labelled_docs() -> set[str]:
    return set(parse_spec())


# ---- scoring ------------------------------------------------------------------------------------


def _key(row: dict) -> tuple:
    return (round(float(row["value"]), 6), row["unit"], row["qualifier"])


def _period(pred: dict) -> str | None:
    a, b = pred.get("period_start"), pred.get("period_end")
    if a is None and b is None:
        return None
    return str(a) if a == b else f"{a}-{b}"


@dataclass
class SetScore:
    name: str
    docs: int = 0
    gold: int = 0
    pred: int = 0
    matched: int = 0
    committee_right: int = 0
    committee_total: int = 0
    committee_guessed: int = 0  # the text names no committee, a code was given anyway
    period_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)

    def rate(self, a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def figures(self) -> dict[str, float]:
        return {
            "precision": self.rate(self.matched, self.pred),
            "recall": self.rate(self.matched, self.gold),
            "committee": self.rate(self.committee_right, self.committee_total),
            "period": self.rate(self.period_right, self.matched),
        }


def score_doc(s: SetScore, gold: list[dict], pred: list[dict], text: str) -> None:
    s.gold += len(gold)
    s.pred += len(pred)
    used: set[int] = set()
    for g in gold:
        match = None
        overlapping = None
        for k, p in enumerate(pred):
            if k in used or p["char_end"] <= g["char_start"] or p["char_start"] >= g["char_end"]:
                continue
            overlapping = p
            if _key(p) == _key(g):
                match = k
                break
        if match is None:
            if overlapping is not None:
                reason = "value/unit/qualifier differ"
                detail = f"extracted {overlapping['surface']} {_key(overlapping)}"
            else:
                reason = "not extracted"
                detail = ""
            s.reasons[f"miss: {reason}"] += 1
            s.misses.append(f"  {g['doc']} @{g['char_start']} {g['surface']}  [{reason}] {detail}".rstrip())
            continue
        used.add(match)
        p = pred[match]
        s.matched += 1
        if g["committee_named"]:
            s.committee_total += 1
            if p.get("committee_code") == g["committee_code"]:
                s.committee_right += 1
            else:
                reason = "committee null" if p.get("committee_code") is None else "wrong committee"
                s.reasons[f"committee: {reason}"] += 1
                s.wrong.append(
                    f"  {g['doc']} @{g['char_start']} {g['surface']}  [{reason}] "
                    f"labelled {g['committee_code']} extracted {p.get('committee_code')}"
                )
        elif p.get("committee_code") is not None:
            s.committee_guessed += 1
        got = _period(p)
        if got == g["period"]:
            s.period_right += 1
        else:
            if g["period"] is None:
                reason = "period given where the text does not say"
            elif got is None:
                reason = "period null"
            elif ("-" in got) != ("-" in g["period"]):
                reason = "range vs single year"
            else:
                reason = "wrong period"
            s.reasons[f"period: {reason}"] += 1
            s.wrong.append(
                f"  {g['doc']} @{g['char_start']} {g['surface']}  [{reason}] labelled {g['period']} extracted {got}"
            )
    for k, p in enumerate(pred):
        if k in used:
            continue
        line = text.count("\n", 0, p["char_start"])
        s.reasons["false alarm"] += 1
        s.false_alarms.append(
            f"  {p['doc']} @{p['char_start']} {p['surface']}  (line {line + 1}, {p.get('category')})"
        )


def run(cache: Path, show: bool = True, only: str | None = None) -> dict[str, SetScore]:
    manifest = load_manifest()
    labelled = labelled_docs()
    gold_rows = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    by_doc: dict[str, list[dict]] = {}
    for g in gold_rows:
        by_doc.setdefault(g["doc"], []).append(g)
    sets = {
        "heldout": SetScore("held back (first 30 labelled, never tuned on)"),
        "dev": SetScore("development"),
    }
    missing = unlabelled = 0
    for row in manifest:
        doc_id = row["doc"]
        path = cached_file(cache, doc_id)
        if path is None:
            missing += 1
            continue
        if doc_id not in labelled:
            unlabelled += 1
            continue
        if only and row["set"] != only:
            continue
        doc = read_document(path)
        pred = [m.to_dict() for m in extract_mentions(doc)]
        s = sets[row["set"]]
        s.docs += 1
        score_doc(s, by_doc.get(doc_id, []), pred, doc.display_text)
    if show:
        print(f"cache: {cache}")
        if missing == len(manifest):
            print(f"the cache holds none of the {len(manifest)} manifest documents: nothing to score")
            print("(fetch the pages listed in bench/real_docs/manifest.csv into it; see its README)")
            return sets
        if missing:
            print(f"{missing} of {len(manifest)} manifest documents are not in the cache (skipped)")
        if unlabelled:
            print(f"{unlabelled} cached documents have no gold yet (skipped)")
        for key, s in sets.items():
            if not only or key == only:
                report(s)
    return sets


def report(s: SetScore) -> None:
    f = s.figures
    print(
        f"\n== {s.name}: {s.docs} documents, {s.gold} gold mentions, {s.pred} extracted, {s.matched} matched"
    )
    if not s.docs:
        return
    for name, target in TARGETS.items():
        mark = "ok" if f[name] >= target else "BELOW TARGET"
        extra = ""
        if name == "committee":
            extra = f" ({s.committee_right}/{s.committee_total} where the text names the committee)"
        elif name == "period":
            extra = f" ({s.period_right}/{s.matched})"
        print(f"{name:10s} {f[name]:.3f}  target >= {target:.2f}  {mark}{extra}")
    print(f"committee given where the text names none: {s.committee_guessed}")
    if s.reasons:
        print("reason classes: " + ", ".join(f"{k} {v}" for k, v in sorted(s.reasons.items())))
    for title, rows in (("misses", s.misses), ("false alarms", s.false_alarms), ("wrong fields", s.wrong)):
        if rows:
            print(f"{title} ({len(rows)}):")
            print("\n".join(rows))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--cache", help="folder of cached page texts (default: $CSTATS_REAL_DOCS or .cache/real_docs)"
    )
    ap.add_argument("--build-gold", action="store_true", help="rebuild gold.jsonl from gold_spec.txt")
    ap.add_argument("--set", choices=("heldout", "dev"), help="score one set only (develop with --set dev)")
    args = ap.parse_args(argv)
    cache = cache_dir(args.cache)
    if args.build_gold:
        rows = build_gold(cache)  # built whole before the file is opened: an error leaves it as it was
        lines = [json.dumps(r, ensure_ascii=False, default=_json_number) + "\n" for r in rows]
        with open(GOLD, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
        print(f"wrote {len(rows)} gold mentions of {len(labelled_docs())} documents to {GOLD}")
        return 0
    run(cache, only=args.set)
    return 0


if __name__ == "__main__":
    sys.exit(main())
