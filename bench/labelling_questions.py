"""Issue 24: the classes of quantities the labellers labelled on some pages and left out on others of
the same wording, counted over every cached page of every real-document suite (v1-v14).

For each class, regular expressions find the construction in each page's text (the text the bench
reads: ``read_document(...).display_text``); the quantity of each hit (the regular expression's
group ``n``) is *labelled* when a gold span of the suite's ``gold*.jsonl`` (located in the text as
the bench does, ``anchor``) overlaps it. Printed: one row per class (hits, pages, labelled /
not, the sets each way) and, with ``--hits``, every hit (doc, labelled or not, the quantity and
the key words only: no sentence of a page is printed).

    python bench/labelling_questions.py [--cache-root /work/cache] [--hits] [--only CLASS]

Reads whatever the caches hold; a suite whose cache folder is absent is skipped (and named).
The counts are of the patterns' hits: a hit is a construction's wording, not a judged mention.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# digits (ASCII or full-width, decimals, thousands commas) or Chinese numerals, then 余/多/逾
NUM = r"(?:[0-9０-９][0-9０-９,，]*(?:\.[0-9]+)?|[一二两兩三四五六七八九十百千〇零]+)[余餘多]?"
GAP = r"[^。；;！？\n]{0,%d}?"  # inside one clause group of a sentence
CLAUSE = r"[^。；;，,！？、\n]{0,%d}?"  # inside one clause
LIST = r"[^。；;！？]{0,%d}?"  # inside one sentence, across a list of names and its line breaks


def _re(*parts: str) -> re.Pattern:
    return re.compile("".join(parts))


@dataclass(frozen=True)
class Klass:
    key: str
    name: str
    patterns: tuple[re.Pattern, ...]


CLASSES: tuple[Klass, ...] = (
    Klass(
        "1",
        "members who spoke (N位/名/人 … 发言, 委员通道)",
        (
            _re(
                r"(?P<n>",
                NUM,
                r"[位名人])(?!次)",
                CLAUSE % 20,
                r"(?P<k>发言|發言|委员通道|委員通道)(?!材料|稿)",
            ),
            _re(r"(?P<k>委员通道|委員通道)", GAP % 30, r"(?P<n>", NUM, r"[位名])(?!次)"),
        ),
    ),
    Klass(
        "2",
        "officers elected, members added or elected (选举/补选/增补/当选 … N名)",
        (
            _re(
                r"(?P<k>选举|選舉|补选|補選|增补|增補|增选|增選|当选|當選)(?!大会|大會|办法|辦法)",
                LIST % 60,
                r"(?P<n>",
                NUM,
                r"[名位人])(?!次)",
            ),
            _re(
                r"(?P<n>",
                NUM,
                r"[名位人])(?!次)",
                CLAUSE % 20,
                r"(?P<k>当选|當選|增补为|增補為|补选为|補選為)",
            ),
        ),
    ),
    Klass(
        "3a",
        "platforms set up (工作室, 委员之家, 议事堂/厅, 联络站, 驿站 …)",
        (
            _re(
                r"(?P<n>",
                NUM,
                r"[个個家处處所])",
                CLAUSE % 15,
                r"(?P<k>工作室|委员之家|委員之家|议事堂|議事堂|议事厅|議事廳|议事会|議事會|联络站|聯絡站|工作站|驿站|驛站|书屋|書屋)",
            ),
        ),
    ),
    Klass(
        "3b",
        "groups formed or sat in (小组, 督导组, 工作组, 调研组 …)",
        (
            _re(
                r"(?P<n>",
                NUM,
                r"[个個])",
                CLAUSE % 12,
                r"(?P<k>小组|小組|督导组|督導組|工作组|工作組|调研组|調研組|视察组|視察組|专班|專班)",
            ),
        ),
    ),
    Klass(
        "4",
        "sectors and sector groups (N个界别)",
        (
            _re(r"(?P<n>", NUM, r"[个個])", CLAUSE % 6, r"(?P<k>界别|界別)"),
            _re(r"(?P<k>界别|界別)", CLAUSE % 6, r"(?P<n>", NUM, r"[个個])"),
        ),
    ),
    Klass(
        "5a",
        "gifts of firms, departments, others (企业/公司/爱心人士 … 捐 … N元)",
        (
            _re(
                r"(?P<k>企业|企業|公司|爱心人士|愛心人士|商会|商會|社会各界|社會各界|集团|集團|红十字|紅十字)",
                GAP % 25,
                r"(?:捐|资助|資助)",
                GAP % 20,
                r"(?P<n>",
                NUM,
                r"[万萬亿億]?元)",
            ),
        ),
    ),
    Klass(
        "5b",
        "the public and non-members sitting in (列席, 旁听, 群众/市民代表)",
        (
            _re(
                r"(?P<n>",
                NUM,
                r"[名位人])(?!次)",
                CLAUSE % 10,
                r"(?P<k>列席|旁听|旁聽|群众代表|群眾代表|市民|网民|網民)",
            ),
            _re(r"(?P<k>列席|旁听|旁聽)", CLAUSE % 12, r"(?P<n>", NUM, r"[名位人])(?!次)"),
        ),
    ),
    Klass(
        "5c",
        "experts and doctors joining the members (专家, 医生, 医务人员)",
        (
            _re(
                r"(?P<n>",
                NUM,
                r"[名位人])(?!次)",
                CLAUSE % 12,
                r"(?P<k>专家|專家|医生|醫生|医务|醫務|医疗队|醫療隊)",
            ),
        ),
    ),
    Klass(
        "6",
        "awards: proposals or members rated (评选出/获评/评为 … 优秀提案, 先进个人)",
        (
            _re(
                r"(?P<k>评选出|評選出|评选|評選|评出|評出|表彰|获评|獲評|评为|評為)",
                CLAUSE % 25,
                r"(?P<n>",
                NUM,
                r"[件名位篇个個])(?!次)",
            ),
            _re(
                r"(?P<n>",
                NUM,
                r"[件名位篇个個])(?!次)",
                CLAUSE % 20,
                r"(?P<k>优秀提案|優秀提案|先进个人|先進個人|先进集体|先進集體|优秀委员|優秀委員|获评|獲評|评为|評為)",
            ),
        ),
    ),
    Klass(
        "7a",
        "counts in 件次",
        (_re(r"(?P<n>", NUM, r"件次)"),),
    ),
    Klass(
        "7b",
        "shares (占 … N%)",
        (_re(r"(?P<k>占|佔)", CLAUSE % 15, r"(?P<n>", NUM, r"(?:\.[0-9]+)?[%％])"),),
    ),
    Klass(
        "7c",
        "rates (…率 N%)",
        (_re(r"(?P<k>率)(?:达到|達到|为|為|达|達|是)?(?P<n>", NUM, r"(?:\.[0-9]+)?[%％])"),),
    ),
    Klass(
        "8",
        "a session's arrangements in Chinese numerals (一场大会发言, 两场联组讨论, 三次分组讨论)",
        (
            _re(
                r"(?P<n>[一二两兩三四五六七八九十]+[场場次])(?!会|會)",
                CLAUSE % 8,
                r"(?P<k>大会发言|大會發言|分组讨论|分組討論|联组讨论|聯組討論|小组讨论|小組討論|讨论会|討論會|委员通讲|委員通講|委员通道|委員通道)",
            ),
        ),
    ),
)


@dataclass
class Hit:
    suite: str
    doc: str
    start: int
    end: int
    quantity: str
    keyword: str
    labelled: bool


def _suites():
    import bench_real_docs as brd

    return brd, brd.SUITES


def repeats(text: str, gold: list[dict], suite: str, doc: str) -> list[Hit]:
    """7d: a labelled figure that the page states again (a headline, a lead, a summary repeating
    the body): every occurrence after the first of a labelled surface is a hit, labelled when a
    gold span is on it. The first occurrence is not counted (it is the labelled one, or the one
    the labellers chose)."""
    spans = [(g["char_start"], g["char_end"]) for g in gold]
    out, done = [], set()
    for g in gold:
        q = g["surface"]
        if q in done or not re.search(r"[0-9一二三四五六七八九十百千]", q):
            continue
        done.add(q)
        found = []
        i = text.find(q)
        while i >= 0:
            j = i + len(q)
            before = text[i - 1] if i else ""
            if not (before.isdigit() or before == ".") and not text[j : j + 1].isdigit():
                found.append((i, j))
            i = text.find(q, i + 1)
        for i, j in found[1:]:
            lab = any(s < j and i < e for s, e in spans)
            out.append(Hit(suite, doc, i, j, q, "again", lab))
    return out


def collect(
    cache_root: Path, only: str | None = None
) -> tuple[dict[str, list[Hit]], dict[str, int], list[str]]:
    brd, suites = _suites()
    hits: dict[str, list[Hit]] = defaultdict(list)
    pages: dict[str, int] = {}
    skipped = []
    for key, suite in sorted(suites.items(), key=lambda kv: int(kv[0][1:])):
        cache = cache_root / suite.folder.name
        if not cache.is_dir():
            skipped.append(key)
            continue
        conv = "calendar" if "calendar" in suite.conventions else next(iter(suite.conventions))
        gold = brd.load_gold(suite.gold(conv))
        n = 0
        for row in brd.load_manifest(suite):
            path = brd.cached_file(cache, row["doc"])
            if path is None:
                continue
            n += 1
            text = brd.read_document(path).display_text
            anchored, _ = brd.anchor(gold.get(row["doc"], []), text)
            spans = [(g["char_start"], g["char_end"]) for g in anchored]
            for k in CLASSES:
                if only and k.key != only:
                    continue
                seen: set[tuple[int, int]] = set()
                for pat in k.patterns:
                    for m in pat.finditer(text):
                        s, e = m.span("n")
                        if (s, e) in seen or (s > 0 and (text[s - 1].isdigit() or text[s - 1] in ".第几幾")):
                            continue
                        seen.add((s, e))
                        lab = any(gs < e and s < ge for gs, ge in spans)
                        kw = m.group("k") if "k" in pat.groupindex and m.group("k") else ""
                        hits[k.key].append(Hit(key, row["doc"], s, e, m.group("n"), kw, lab))
            if not only or only == "7d":
                hits["7d"].extend(repeats(text, anchored, key, row["doc"]))
        pages[key] = n
    return hits, pages, skipped


def _sets(hs: list[Hit]) -> str:
    by = defaultdict(int)
    for h in hs:
        by[h.suite] += 1
    return " ".join(f"{s}:{c}" for s, c in sorted(by.items(), key=lambda kv: int(kv[0][1:]))) or "-"


NAMES = {k.key: k.name for k in CLASSES} | {
    "7d": "a labelled figure stated again on its page (each later occurrence)"
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--cache-root", default="/work/cache", help="folder holding real_docs, real_docs_v2 ... _v14"
    )
    ap.add_argument("--hits", action="store_true", help="list every hit (doc, labelled, quantity, key word)")
    ap.add_argument("--only", help="one class key (1, 2, 3a, 3b, 4, 5a-5c, 6, 7a-7d, 8)")
    args = ap.parse_args(argv)
    hits, pages, skipped = collect(Path(args.cache_root), args.only)
    print(f"pages read: {sum(pages.values())} ({' '.join(f'{k}:{v}' for k, v in pages.items())})")
    if skipped:
        print(f"suites without a cache folder (skipped): {' '.join(skipped)}")
    print()
    print(
        "| class | what | hits | pages | labelled | not | pages lab / not / both | sets labelled | sets not |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for key in [k.key for k in CLASSES] + ["7d"]:
        if args.only and key != args.only:
            continue
        hs = hits.get(key, [])
        lab = [h for h in hs if h.labelled]
        nol = [h for h in hs if not h.labelled]
        pl = {(h.suite, h.doc) for h in lab}
        pn = {(h.suite, h.doc) for h in nol}
        print(
            f"| {key} | {NAMES[key]} | {len(hs)} | {len(pl | pn)} | {len(lab)} | {len(nol)} "
            f"| {len(pl - pn)} / {len(pn - pl)} / {len(pl & pn)} | {_sets(lab)} | {_sets(nol)} |"
        )
    if args.hits:
        for key in [k.key for k in CLASSES] + ["7d"]:
            if args.only and key != args.only:
                continue
            print(f"\n## {key} {NAMES[key]}")
            for h in hits.get(key, []):
                print(f"{h.suite} {h.doc} {'L' if h.labelled else '-'} {h.quantity} [{h.keyword}] @{h.start}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
