"""Extraction quality on real public pages about CPPCC committees (issues 13 and 24).

The pages themselves are third-party text and never enter the repository: each suite folder holds
only the manifest (address, the search query that finds the page, set, traits) and the gold facts.
The texts live in a local cache folder, one file per document (``r001.txt``; a saved web page as
``r001.html`` beside it), taken from ``--cache``, else the suite's environment variable, else
``.cache/<suite folder>`` (gitignored). The bench scores whatever the cache holds and says so when it
holds nothing.

Suites:
  v1  bench/real_docs     80 pages (issue 13): held back r001-r030, development r031-r080. Two gold
                          conventions: ``text`` (the period only where the text names the year, the
                          first labelling) and ``calendar`` (the period read with public calendars:
                          term cycles, five-year plans, the publication date; /work/shared/labelling.md).
  v2  bench/real_docs_v2  fresh pages (issue 24), labelled by the calendar convention before any rule
                          changed. Development half: develop on it. Held-back half: its misses are not
                          printed unless --final is given (the one scoring at the end).
  v3  bench/real_docs_v3  a second fresh set (issue 24), none of its pages in v1 or v2, labelled the same
                          way before any rule changed; same halves and the same held-back rule as v2.
  v4  bench/real_docs_v4  a third fresh set (issue 24), none of its pages in v1, v2 or v3, labelled the
                          same way by two labellers (q001-q040, q101-q140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v5  bench/real_docs_v5  a fourth fresh set (issue 24), none of its pages in v1-v4, labelled the same
                          way by two labellers (p001-p040, p101-p140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v6  bench/real_docs_v6  a fifth fresh set (issue 24), none of its pages in v1-v5, labelled the same
                          way by two labellers (t001-t040, t101-t140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v7  bench/real_docs_v7  a sixth fresh set (issue 24), none of its pages in v1-v6, labelled the same
                          way by two labellers (u001-u040, u101-u140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v8  bench/real_docs_v8  a seventh fresh set (issue 24), none of its pages in v1-v7, labelled the same
                          way by two labellers (w001-w040, w101-w140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v9  bench/real_docs_v9  an eighth fresh set (issue 24), none of its pages in v1-v8, labelled the same
                          way by two labellers (y001-y040, y101-y140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v10 bench/real_docs_v10 a ninth fresh set (issue 24), none of its pages in v1-v9, labelled the same
                          way by two labellers (z001-z042, z101-z140) before the extractor saw it;
                          same halves and the same held-back rule as v2.
  v11 bench/real_docs_v11 a tenth fresh set (issue 24), none of its pages in v1-v10, labelled the same
                          way by three labellers (k001-k027, k101-..., k201-...) before the extractor
                          saw it; same halves and the same held-back rule as v2.
  v12 bench/real_docs_v12 an eleventh fresh set (issue 24), none of its pages in v1-v11, labelled the
                          same way by three labellers (j001-..., j101-..., j201-...) before the
                          extractor saw it; same halves and the same held-back rule as v2.

    python bench/bench_real_docs.py                         # v1, both conventions, both sets
    python bench/bench_real_docs.py --suite v2 --set dev    # develop on the fresh set
    python bench/bench_real_docs.py --suite v2 --set heldout --final   # the one held-back scoring
    python bench/bench_real_docs.py --suite v2 --compare-html          # saved web page vs its text
    python bench/bench_real_docs.py --suite v1 --build-gold            # gold spec + cache -> jsonl

Matching: a prediction equals a gold mention when both are in the same document, their character
spans overlap and value, unit and qualifier agree. Printed per set: precision, recall, committee
accuracy over matched mentions whose committee the text names, period accuracy over matched
mentions (a gold "-": no public calendar gives the year, only null is right), the share of matched
figures left without a year among those whose year the gold gives, and every miss with its class.
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

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".shtml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
TARGETS = {"precision": 0.97, "recall": 0.95, "committee": 0.95, "period": 0.92}
NO_YEAR_TARGET = 0.05  # figures without a year, at most this share of those whose year is determined

# Words that mark a line as page furniture (counters, font bars, print/close links, footers): a false
# alarm on such a line is classed `furniture`. A scoring class of this bench, not an extraction rule.
FURNITURE_MARKERS = (
    "浏览", "瀏覽", "点击", "點擊", "阅读", "閱讀", "访问", "訪問", "字体", "字體", "字号", "字號",
    "打印", "关闭", "關閉", "版权", "版權", "Copyright", "ICP", "备案", "備案", "电话", "電話",
    "邮箱", "郵箱", "发布时间", "發布時間", "来源", "來源", "责任编辑", "責任編輯", "分享",
)  # fmt: skip


@dataclass(frozen=True)
class Suite:
    key: str
    folder: Path
    env: str
    conventions: dict[str, str]  # convention -> spec file name (gold file: same stem, .jsonl)
    set_names: dict[str, str]
    hide_heldout_misses: bool

    @property
    def manifest(self) -> Path:
        return self.folder / "manifest.csv"

    def spec(self, convention: str) -> Path:
        return self.folder / self.conventions[convention]

    def gold(self, convention: str) -> Path:
        return self.spec(convention).with_name(
            self.conventions[convention].replace("_spec", "").replace(".txt", ".jsonl")
        )

    @property
    def default_cache(self) -> Path:
        return ROOT / ".cache" / self.folder.name


def _fresh_set(n: int) -> Suite:
    """Suite v3, v4 ...: a fresh set in bench/real_docs_vN, one calendar convention, its held-back
    half's misses hidden until ``--final``."""
    key = f"v{n}"
    return Suite(
        key,
        ROOT / "bench" / f"real_docs_{key}",
        f"CSTATS_REAL_DOCS_V{n}",
        {"calendar": "gold_spec.txt"},
        {"heldout": f"held back ({key}, scored once at the end)", "dev": f"development ({key})"},
        True,
    )


SUITES = {
    "v1": Suite(
        "v1",
        ROOT / "bench" / "real_docs",
        "CSTATS_REAL_DOCS",
        {"text": "gold_spec.txt", "calendar": "gold_spec_calendar.txt"},
        {"heldout": "held back (first 30 labelled, never tuned on)", "dev": "development"},
        False,
    ),
    "v2": Suite(
        "v2",
        ROOT / "bench" / "real_docs_v2",
        "CSTATS_REAL_DOCS_V2",
        {"calendar": "gold_spec.txt"},
        {"heldout": "held back (fresh, scored once at the end)", "dev": "development (fresh)"},
        True,
    ),
    **{f"v{n}": _fresh_set(n) for n in range(3, 15)},
}
# v1 names kept for callers of the issue-13 bench
HERE = SUITES["v1"].folder
MANIFEST = SUITES["v1"].manifest
SPEC = SUITES["v1"].spec("text")
GOLD = SUITES["v1"].gold("text")
DEFAULT_CACHE = SUITES["v1"].default_cache


def cache_dir(option: str | None, suite: Suite = SUITES["v1"]) -> Path:
    return Path(option or os.environ.get(suite.env) or suite.default_cache)


def load_manifest(suite: Suite = SUITES["v1"]) -> list[dict]:
    with open(suite.manifest, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def cached_file(cache: Path, doc: str, suffixes: tuple[str, ...] = SUFFIXES) -> Path | None:
    for suffix in suffixes:
        p = cache / f"{doc}{suffix}"
        if p.is_file():
            return p
    return None


# ---- gold ---------------------------------------------------------------------------------------


def parse_spec(path: Path = SPEC) -> dict[str, dict]:
    """gold spec -> {doc: {"committee", "period", "mentions": [(surface, overrides)]}}."""
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


def build_gold(cache: Path, spec_path: Path = SPEC) -> list[dict]:
    """Locate every spec mention in its cached text (in order) and read value, unit, qualifier
    off the located span with the project's quantity parser (reviewed by the labeller)."""
    rows: list[dict] = []
    for doc_id, spec in parse_spec(spec_path).items():
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


def labelled_docs(spec_path: Path = SPEC) -> set[str]:
    return set(parse_spec(spec_path))


def load_gold(path: Path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            by_doc.setdefault(g["doc"], []).append(g)
    return by_doc


def anchor(gold: list[dict], text: str) -> tuple[list[dict], bool]:
    """Gold rows with their spans located in this text: a span whose characters are not the
    surface (the cached copy differs from the one the gold was built on: a page stored again with
    a line more or less) is looked up again, in text order, from the previous mention on. Returns
    the rows and whether any moved; a surface not found keeps its span (and counts as missed)."""
    out, moved, cursor = [], False, 0
    for g in gold:
        if text[g["char_start"] : g["char_end"]] == g["surface"] and g["char_start"] >= cursor:
            out.append(g)
            cursor = g["char_end"]
            continue
        i = text.find(g["surface"], cursor)
        while i >= 0 and not _boundary_ok(text, i):
            i = text.find(g["surface"], i + 1)
        if i < 0:
            out.append(g)
            continue
        moved = True
        out.append({**g, "char_start": i, "char_end": i + len(g["surface"])})
        cursor = i + len(g["surface"])
    return out, moved


# ---- scoring ------------------------------------------------------------------------------------


def _key(row: dict) -> tuple:
    return (round(float(row["value"]), 6), row["unit"], row["qualifier"])


def _period(pred: dict) -> str | None:
    a, b = pred.get("period_start"), pred.get("period_end")
    if a is None and b is None:
        return None
    return str(a) if a == b else f"{a}-{b}"


def is_furniture_line(line: str) -> bool:
    return any(marker in line for marker in FURNITURE_MARKERS)


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
    year_determined: int = 0  # matched figures whose gold period is a year or range
    year_missing: int = 0  # ... of which the extractor gave no period
    web_docs: int = 0  # documents with the trait gov_web (saved government web pages)
    web_false_alarms: int = 0  # false alarms on them (furniture or not)
    web_furniture: int = 0  # ... of which on a furniture line
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
            "no_year": self.year_missing / self.year_determined if self.year_determined else 0.0,
        }


def score_doc(s: SetScore, gold: list[dict], pred: list[dict], text: str) -> None:
    """Score one document's predictions against its gold; classes: missed, value_differs,
    false_alarm, furniture (a false alarm on a furniture line), wrong_committee, no_committee,
    no_period, wrong_period, range_vs_year, period_given (gold "-", a year was given)."""
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
                reason = "value_differs"
                detail = f"extracted {overlapping['surface']} {_key(overlapping)}"
            else:
                reason = "missed"
                detail = ""
            s.reasons[reason] += 1
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
                reason = "no_committee" if p.get("committee_code") is None else "wrong_committee"
                s.reasons[reason] += 1
                s.wrong.append(
                    f"  {g['doc']} @{g['char_start']} {g['surface']}  [{reason}] "
                    f"labelled {g['committee_code']} extracted {p.get('committee_code')}"
                )
        elif p.get("committee_code") is not None:
            s.committee_guessed += 1
        got = _period(p)
        if g["period"] is not None:
            s.year_determined += 1
            if got is None:
                s.year_missing += 1
        if got == g["period"]:
            s.period_right += 1
        else:
            if g["period"] is None:
                reason = "period_given"
            elif got is None:
                reason = "no_period"
            elif ("-" in got) != ("-" in g["period"]):
                reason = "range_vs_year"
            else:
                reason = "wrong_period"
            s.reasons[reason] += 1
            s.wrong.append(
                f"  {g['doc']} @{g['char_start']} {g['surface']}  [{reason}] labelled {g['period']} extracted {got}"
            )
    lines = text.split("\n")
    for k, p in enumerate(pred):
        if k in used:
            continue
        n = text.count("\n", 0, p["char_start"])
        reason = "furniture" if is_furniture_line(lines[n]) else "false_alarm"
        s.reasons[reason] += 1
        s.false_alarms.append(
            f"  {p['doc']} @{p['char_start']} {p['surface']}  [{reason}] (line {n + 1}, {p.get('category')})"
        )


def run(
    cache: Path,
    show: bool = True,
    only: str | None = None,
    suite: Suite = SUITES["v1"],
    convention: str | None = None,
    final: bool = False,
    with_address: bool = False,
) -> dict[str, SetScore]:
    """Score every cached, labelled document of the suite; returns the scores of the last
    convention scored (all of them are printed). ``with_address``: each text copy carries its
    manifest address as metadata, as a crawled page carries the address it was fetched from (its
    date, when the address holds one, is the publication date of last resort)."""
    manifest = load_manifest(suite)
    conventions = [convention] if convention else list(suite.conventions)
    if show:
        print(f"suite {suite.key} ({suite.folder.relative_to(ROOT)}), cache: {cache}")
        if with_address:
            print("each text copy carries its manifest address as metadata (--with-address)")
    present = [r for r in manifest if cached_file(cache, r["doc"]) is not None]
    if show and not present:
        print(f"the cache holds none of the {len(manifest)} manifest documents: nothing to score")
        print(f"(fetch the pages listed in {suite.manifest.relative_to(ROOT)} into it; see its README)")
    if not present:
        return {key: SetScore(name) for key, name in suite.set_names.items()}
    if show and len(present) < len(manifest):
        absent = sorted(r["doc"] for r in manifest if r not in present)
        print(
            f"{len(absent)} of {len(manifest)} manifest documents are not in the cache (skipped): {' '.join(absent)}"
        )
    predictions: dict[str, tuple[list[dict], str]] = {}
    for row in present:
        if only and row["set"] != only:
            continue
        doc = read_document(cached_file(cache, row["doc"]))
        if with_address:
            doc.metadata["address"] = row["url"]
        predictions[row["doc"]] = ([m.to_dict() for m in extract_mentions(doc)], doc.display_text)
    sets: dict[str, SetScore] = {}
    for conv in conventions:
        labelled = labelled_docs(suite.spec(conv))
        gold = load_gold(suite.gold(conv)) if suite.gold(conv).is_file() else {}
        sets = {key: SetScore(name) for key, name in suite.set_names.items()}
        unlabelled = 0
        reanchored: list[str] = []
        for row in present:
            if row["doc"] not in predictions:
                continue
            if row["doc"] not in labelled:
                unlabelled += 1
                continue
            pred, text = predictions[row["doc"]]
            s = sets[row["set"]]
            s.docs += 1
            before = (s.reasons["false_alarm"], s.reasons["furniture"])
            doc_gold, moved = anchor(gold.get(row["doc"], []), text)
            if moved:
                reanchored.append(row["doc"])
            score_doc(s, doc_gold, pred, text)
            if "gov_web" in traits_of(row):
                s.web_docs += 1
                s.web_furniture += s.reasons["furniture"] - before[1]
                s.web_false_alarms += (
                    s.reasons["false_alarm"] - before[0] + s.reasons["furniture"] - before[1]
                )
        if show:
            print(f"\n######## gold convention: {conv} ({suite.spec(conv).name})")
            if unlabelled:
                print(f"{unlabelled} cached documents have no gold yet (skipped)")
            if reanchored:
                print(
                    f"{len(reanchored)} documents' cached text differs from the one the gold spans were built on; "
                    f"their mentions were located again in text order: {' '.join(reanchored)}"
                )
            for key, s in sets.items():
                if not only or key == only:
                    hide = suite.hide_heldout_misses and key == "heldout" and not final
                    report(s, hide_misses=hide)
    return sets


def report(s: SetScore, hide_misses: bool = False) -> None:
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
    mark = "ok" if f["no_year"] <= NO_YEAR_TARGET else "ABOVE TARGET"
    print(
        f"no year    {f['no_year']:.3f}  target <= {NO_YEAR_TARGET:.2f}  {mark} "
        f"({s.year_missing}/{s.year_determined} matched figures whose year a public calendar determines)"
    )
    print(f"committee given where the text names none: {s.committee_guessed}")
    if s.web_docs:
        print(
            f"saved government web pages: {s.web_docs} documents, {s.web_false_alarms} false alarms on them, "
            f"{s.web_furniture} of them on furniture lines (target 0)"
        )
    if hide_misses:
        print("(misses of the held-back half are not printed: --final lists them, once, at the end)")
        return
    if s.reasons:
        print("classes: " + ", ".join(f"{k} {v}" for k, v in sorted(s.reasons.items())))
    for title, rows in (("misses", s.misses), ("false alarms", s.false_alarms), ("wrong fields", s.wrong)):
        if rows:
            print(f"{title} ({len(rows)}):")
            print("\n".join(rows))


# ---- saved web page vs its plain-text copy ------------------------------------------------------


def figure_keys(path: Path) -> Counter:
    doc = read_document(path)
    return Counter(_key(m.to_dict()) for m in extract_mentions(doc))


def compare_html(cache: Path, suite: Suite, show: bool = True) -> dict[str, tuple[int, int, int]]:
    """For every manifest document whose cache has both a saved web page and a plain-text copy:
    figures found only on the web page (furniture read as figures), only in the text, and in both.
    Matched on value, unit and qualifier (the two copies' character offsets differ)."""
    out: dict[str, tuple[int, int, int]] = {}
    lines: list[str] = []
    for row in load_manifest(suite):
        html = cached_file(cache, row["doc"], HTML_SUFFIXES)
        text = cached_file(cache, row["doc"], TEXT_SUFFIXES)
        if html is None or text is None:
            continue
        h, t = figure_keys(html), figure_keys(text)
        only_html, only_text, both = h - t, t - h, h & t
        out[row["doc"]] = (sum(only_html.values()), sum(only_text.values()), sum(both.values()))
        for key, n in sorted(only_html.items()):
            lines.append(f"  {row['doc']} web page only: {key} x{n}")
        for key, n in sorted(only_text.items()):
            lines.append(f"  {row['doc']} text only: {key} x{n}")
    if show:
        print(f"suite {suite.key}: saved web page vs plain-text copy, cache {cache}")
        if not out:
            print("no document has both a saved web page (.html) and a text copy (.txt) in the cache")
            return out
        extra = sum(v[0] for v in out.values())
        print(
            f"{len(out)} pages: {extra} figures only on the web page (furniture, target 0), "
            f"{sum(v[1] for v in out.values())} only in the text, {sum(v[2] for v in out.values())} in both"
        )
        print("\n".join(lines))
    return out


def traits_of(row: dict) -> set[str]:
    return {t.strip() for t in row.get("traits", "").split(";") if t.strip()}


def trait_counts(suite: Suite) -> dict[str, Counter]:
    """Per set, how many documents carry each trait tag (the ';'-separated first words)."""
    counts: dict[str, Counter] = {}
    for row in load_manifest(suite):
        counts.setdefault(row["set"], Counter()).update(traits_of(row))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--suite",
        choices=sorted(SUITES),
        default="v1",
        help="v1: the 80 pages; v2: the fresh set; v3: the second fresh set; v4: the third fresh set;"
        " v5: the fourth fresh set; v6: the fifth fresh set; v7: the sixth fresh set;"
        " v8: the seventh fresh set; v9: the eighth fresh set; v10: the ninth fresh set;"
        " v11: the tenth fresh set; v12: the eleventh fresh set; v13: the twelfth fresh set;"
        " v14: the thirteenth fresh set",
    )
    ap.add_argument(
        "--cache", help="folder of cached page texts (default: the suite's env variable or .cache/<folder>)"
    )
    ap.add_argument("--convention", help="score one gold convention only (v1: text or calendar)")
    ap.add_argument("--build-gold", action="store_true", help="rebuild the gold .jsonl files from the specs")
    ap.add_argument("--set", choices=("heldout", "dev"), help="score one set only (develop with --set dev)")
    ap.add_argument(
        "--final", action="store_true", help="list the held-back half's misses (the one final scoring)"
    )
    ap.add_argument("--compare-html", action="store_true", help="saved web pages against their text copies")
    ap.add_argument(
        "--with-address",
        action="store_true",
        help="give each text copy its manifest address as metadata (a crawled page's own address)",
    )
    ap.add_argument("--traits", action="store_true", help="count the manifest's traits per set")
    args = ap.parse_args(argv)
    suite = SUITES[args.suite]
    if args.convention and args.convention not in suite.conventions:
        ap.error(f"suite {suite.key} has the conventions {', '.join(suite.conventions)}")
    cache = cache_dir(args.cache, suite)
    if args.traits:
        for key, c in sorted(trait_counts(suite).items()):
            print(
                f"{key}: " + ", ".join(f"{t} {n}" for t, n in sorted(c.items(), key=lambda x: (-x[1], x[0])))
            )
        return 0
    if args.compare_html:
        compare_html(cache, suite)
        return 0
    if args.build_gold:
        for conv in [args.convention] if args.convention else list(suite.conventions):
            rows = build_gold(cache, suite.spec(conv))  # built whole before the file is opened
            lines = [json.dumps(r, ensure_ascii=False, default=_json_number) + "\n" for r in rows]
            with open(suite.gold(conv), "w", encoding="utf-8") as fh:
                fh.writelines(lines)
            n_docs = len(labelled_docs(suite.spec(conv)))
            print(f"wrote {len(rows)} gold mentions of {n_docs} documents to {suite.gold(conv)}")
        return 0
    run(
        cache,
        only=args.set,
        suite=suite,
        convention=args.convention,
        final=args.final,
        with_address=args.with_address,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
