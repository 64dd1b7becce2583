"""The committee register (warehouse/reference/committees.csv): names, codes, hierarchy and history.

Every administrative division with a CPPCC committee has one row per version (valid_from ..
valid_to, years inclusive; an empty valid_to means current). committees.meta.json records the
edition; docs/register.md says how the file is built and what the lookups guarantee.

Lookups:

* :meth:`Register.find` - a name in any of its written forms (平罗县, 平罗, 平罗县政协, 政协平罗县委员会,
  中国人民政治协商会议平罗县委员会, 平罗政协, 宁夏政协, 政协宁夏回族自治区委员会, traditional characters)
  -> the committees it may mean in a year.
* :meth:`Register.resolve` - the same plus relative forms (县政协, 市政协, 区政协, 自治区政协) against the
  document's own committee, and ambiguity (城区, same-named counties) settled from context text or
  left unresolved with the reason.
* :meth:`Register.get`, :meth:`Register.chain` - code -> committee and its parents, as of a year.
* :meth:`Register.lineage` - codes one committee held across renamings and code changes.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"
REGISTER_PATH = REFERENCE_DIR / "committees.csv"
CHANGES_PATH = REFERENCE_DIR / "committee_changes.csv"
ALIASES_PATH = REFERENCE_DIR / "committee_aliases.csv"
VARIANTS_PATH = REFERENCE_DIR / "character_variants.csv"
TERMS_PATH = REFERENCE_DIR / "committee_terms.csv"
NATIONAL_CODE = "000000"
FIRST_LIST_YEAR = 1980  # the first yearly code list: valid_from 1980 means "on record since"

# Change events after which the new code is the same committee under a new name or code.
SAME_COMMITTEE_CHANGES = frozenset(
    {"更名", "同名改码", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤旗设区", "撤区设区"}
)

_SPACE = re.compile(r"\s+")
FULL_PREFIX = "中国人民政治协商会议"
# Relative forms: the suffix a document uses for its own (or an enclosing) committee.
RELATIVE_FORMS = ("自治区", "自治州", "自治县", "自治旗", "新区", "县", "市", "区", "旗", "州", "盟", "省")
# Names shared by many divisions or used as common nouns: they resolve only with support from context,
# even when a single division of that name exists in the year.
GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "新区", "市中区", "东区", "西区", "南区", "北区", "中区"})
_RELATIVE_PREFIX = re.compile(r"^(?:我|本|全)")
# Zones that are not administrative divisions (some have a CPPCC working committee, none a committee).
NOT_DIVISIONS = ("开发区", "高新区", "经开区", "园区", "试验区", "示范区")
# A term written before or after the name: 政协平罗县第十届委员会, 政协第十二届宁夏回族自治区委员会, also
# without 第 (政协十届河南省委员会, 政协甘肃省十一届委员会), and the misprint 第四次 for 第四届 right before
# 委员会 (no session is called a 委员会: 政协某区第四次委员会第一次会议 is the fourth term's first session).
ORDINAL = re.compile(
    r"^第?[一二三四五六七八九十百零\d]+届|第?[一二三四五六七八九十百零\d]+届$|第[一二三四五六七八九十百零\d]+次$"
)


@dataclass(frozen=True)
class Committee:
    code: str
    name: str  # the division's name: 平罗县
    short_name: str  # 平罗
    level: str  # national, region, city, county
    parent_code: str | None
    valid_from: int
    valid_to: int | None
    name_pinyin: str = ""  # Pingluo Xian
    name_en: str = ""  # Pingluo County
    region_code: str | None = None  # province-level division it belongs to (itself for a region)
    city_code: str | None = None  # prefecture-level division it belongs to (itself for a city)

    @property
    def committee_name(self) -> str:
        """How the committee is usually written: 平罗县政协, 全国政协."""
        return f"{self.name}政协"

    @property
    def committee_name_full(self) -> str:
        """The formal name: 中国人民政治协商会议平罗县委员会."""
        return f"{FULL_PREFIX}{self.name}委员会"

    @property
    def committee_name_en(self) -> str:
        """CPPCC Pingluo County Committee; CPPCC National Committee."""
        return f"CPPCC {self.name_en} Committee"

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return self.valid_to is None
        year = max(year, FIRST_LIST_YEAR) if self.valid_from <= FIRST_LIST_YEAR else year
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True)
class Term:
    """A committee's term (届) as a cited fact: the year of its first plenary session and the last
    year its reports cover (the year before the next term's first session; None while in office)."""

    code: str
    term: int
    first_year: int
    last_year: int | None
    source: str

    def session_year(self, session: int) -> int:
        """The year of the term's n-th plenary session (one a year, the first in ``first_year``)."""
        return self.first_year + session - 1


@dataclass(frozen=True)
class Resolution:
    """What a written committee name refers to: one committee, or None with the reason."""

    committee: Committee | None
    reason: str | None = None
    candidates: tuple[Committee, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Change:
    year: int
    change: str  # 更名, 撤县设区, 同名改码, 撤销 ...
    old_code: str
    old_name: str
    new_code: str
    new_name: str


def normalise(text: str) -> str:
    """Whitespace removed and traditional characters turned simplified: 平 羅 縣 -> 平罗县."""
    text = _SPACE.sub("", text)
    if text.isascii():
        return text
    return _t2s(text)


@functools.cache
def _converter():
    import opencc  # loaded only when a name needs it

    return opencc.OpenCC("t2s")


# Characters of official (simplified) division names that OpenCC's t2s would change: 乾县 stays 乾县.
# tests/warehouse/test_register.py checks that every register name survives normalise().
KEEP_AS_WRITTEN = frozenset("乾")


_BEYOND_PUNCTUATION = re.compile("[^\x00-\u3000]")  # a character OpenCC may change


@functools.cache
def _variants() -> tuple[re.Pattern, dict[int, str]]:
    """Variant characters OpenCC leaves alone (陜 for 陝/陕): reference/character_variants.csv."""
    with open(VARIANTS_PATH, encoding="utf-8", newline="") as fh:
        table = {ord(r["variant"]): r["standard"] for r in csv.DictReader(fh)}
    return re.compile("[" + "".join(map(chr, table)) + "]"), table


def _t2s(text: str) -> str:
    if not _BEYOND_PUNCTUATION.search(text):
        return text
    variant, table = _variants()
    if variant.search(text):
        text = text.translate(table)
    out = _converter().convert(text)
    if len(out) == len(text) and any(ch in text for ch in KEEP_AS_WRITTEN):  # (str search, not a set walk)
        out = "".join(o if ch not in KEEP_AS_WRITTEN else ch for ch, o in zip(text, out, strict=True))
    return out


def division_stem(form: str) -> str:
    """The division part of a committee form: 政协平罗县委员会 -> 平罗县, 宁夏政协 -> 宁夏."""
    if form.startswith(FULL_PREFIX) and form.endswith("委员会") and len(form) > len(FULL_PREFIX) + 3:
        return ORDINAL.sub("", form[len(FULL_PREFIX) : -3])
    if form.startswith("政协") and form.endswith("委员会") and len(form) > 5:
        return ORDINAL.sub("", form[2:-3])
    if form.endswith("政协") and len(form) > 2:
        return form[:-2]
    return form


class Register:
    def __init__(
        self,
        committees: list[Committee],
        changes: list[Change] = (),
        aliases: dict | None = None,
        terms: list[Term] = (),
    ):
        self.committees = committees
        self._terms = {(t.code, t.term): t for t in terms}
        self.changes = list(changes)
        self._by_code: dict[str, list[Committee]] = {}
        self._by_name: dict[str, list[Committee]] = {}
        for c in committees:
            self._by_code.setdefault(c.code, []).append(c)
            for alias in self._aliases_of(c):
                bucket = self._by_name.setdefault(alias, [])
                if not bucket or bucket[-1] is not c:
                    bucket.append(c)
        for alias, codes in (aliases or {}).items():
            for code in codes:
                for c in self._by_code.get(code, []):
                    self._by_name.setdefault(alias, []).append(c)
        self.max_name_length = max(map(len, self._by_name), default=1)
        self._names: list[str] | None = None
        self._is_name: dict[str, bool] = {}  # is_name answers: a text scan asks about the same words often
        self._children: dict[str, list[Committee]] = {}
        for c in committees:
            if c.parent_code:
                self._children.setdefault(c.parent_code, []).append(c)
        self._after: dict[str, list[Change]] = {}
        for ch in self.changes:
            if ch.old_code and ch.new_code and ch.old_code != ch.new_code:
                self._after.setdefault(ch.old_code, []).append(ch)

    @staticmethod
    def _aliases_of(c: Committee) -> list[str]:
        out = [c.name]
        if len(c.short_name) >= 2 or c.short_name == c.name:
            out.append(c.short_name)
        if c.name.endswith("自治区"):  # 宁夏自治区
            out.append(c.short_name + "自治区")
        elif c.name.endswith("自治州"):  # 红河州, 湘西自治州
            out += [c.short_name + "州", c.short_name + "自治州"]
        elif c.name.endswith("自治县") and len(c.short_name) >= 2:  # 陵水县, 威宁自治县
            out += [c.short_name + "县", c.short_name + "自治县"]
        elif c.name.endswith("自治旗"):
            out.append(c.short_name + "旗")
        return out

    # -- code lookups -------------------------------------------------------------------------

    def terms(self) -> list[Term]:
        """Every cited term (reference/committee_terms.csv)."""
        return list(self._terms.values())

    def term(self, code: str, ordinal: int) -> Term | None:
        """The committee's ``ordinal``-th term, when reference/committee_terms.csv holds it."""
        return self._terms.get((code, ordinal))

    def get(self, code: str, year: int | None = None) -> Committee | None:
        versions = self._by_code.get(code, [])
        for c in versions:
            if c.valid_in(year):
                return c
        return versions[-1] if versions and year is None else None

    def versions(self, code: str) -> list[Committee]:
        """Every version of a code, oldest first."""
        return list(self._by_code.get(code, []))

    def chain(self, code: str, year: int | None = None) -> list[Committee]:
        """The committee and its parents up to the national committee."""
        out = []
        c = self.get(code, year)
        while c is not None:
            out.append(c)
            c = self.get(c.parent_code, _as_of(c, year)) if c.parent_code else None
        return out

    def children(self, code: str, year: int | None = None) -> list[Committee]:
        return [c for c in self._children.get(code, []) if c.valid_in(year)]

    def lineage(self, code: str) -> list[str]:
        """Codes the same committee held, in order: 642124 -> 640322 -> 640521 (中宁县)."""
        before = {ch.new_code: ch.old_code for chs in self._after.values() for ch in chs}
        out = [code]
        seen = {code}
        cur = code
        while cur in before and before[cur] not in seen and self._same(before[cur], cur):
            cur = before[cur]
            out.insert(0, cur)
            seen.add(cur)
        cur = code
        while True:
            nxt = [ch.new_code for ch in self._after.get(cur, []) if ch.change in SAME_COMMITTEE_CHANGES]
            if len(nxt) != 1 or nxt[0] in seen:
                break
            cur = nxt[0]
            out.append(cur)
            seen.add(cur)
        return out

    def _same(self, old: str, new: str) -> bool:
        return any(
            ch.new_code == new and ch.change in SAME_COMMITTEE_CHANGES for ch in self._after.get(old, [])
        )

    # -- name lookups -------------------------------------------------------------------------

    def find(self, name: str, year: int | None = None) -> list[Committee]:
        """Committees a written name may mean, valid in ``year`` (None: current).

        Accepts division names (平罗县, 平罗), committee forms (平罗县政协, 政协平罗县委员会,
        中国人民政治协商会议平罗县委员会, 平罗政协, 宁夏政协, 宁夏自治区政协), whitespace and traditional
        characters. Relative forms (县政协) need the document's committee: see :meth:`resolve`.
        """
        found = self._lookup(name, year)
        if not found:
            simplified = normalise(name)
            if simplified != name:
                found = self._lookup(simplified, year)
        return found

    def _lookup(self, name: str, year: int | None) -> list[Committee]:
        for key in dict.fromkeys((name, division_stem(name))):
            hits = [c for c in self._by_name.get(key, []) if c.valid_in(year)]
            if hits:
                return _unique(hits)
        return self._qualified(division_stem(name), year)

    def _qualified(self, stem: str, year: int | None) -> list[Committee]:
        """A name qualified by a parent's (中卫市沙坡头区, 宁夏银川市): the child, if the parent is its own."""
        for j in range(2, len(stem) - 1):
            children = [c for c in self._by_name.get(stem[j:], ()) if c.valid_in(year)]
            if not children:
                continue
            parents = {c.code for c in self._by_name.get(stem[:j], ()) if c.valid_in(year)}
            hits = [c for c in children if parents & {p.code for p in self.chain(c.code, year)[1:]}]
            if hits:
                return _unique(hits)
        return []

    def is_name(self, text: str) -> bool:
        """Whether ``text`` (no committee affixes) is a division name or alias in some year, or a
        current name qualified by its parent's (中卫市沙坡头区)."""
        known = self._is_name.get(text)
        if known is None:
            known = self._is_name[text] = text in self._by_name or bool(self._qualified(text, None))
        return known

    def names(self) -> list[str]:
        """Every division name and alias, longest first."""
        if self._names is None:
            self._names = sorted(self._by_name, key=len, reverse=True)
        return list(self._names)

    def relative(self, form: str, own: Committee | None, year: int | None = None) -> Resolution | None:
        """A relative form (县政协, 市政协, 区政协, 自治区政协, 我县政协) against the document's committee.

        The nearest committee in ``own``'s chain whose name ends with the form's suffix: in a 平罗县
        document 县政协 is 平罗县政协, 市政协 is 石嘴山市政协 and 区政协/自治区政协 is the autonomous
        region's. Returns None when ``form`` is not a relative form.
        """
        stem = _RELATIVE_PREFIX.sub("", division_stem(normalise(form)))
        if stem not in RELATIVE_FORMS:
            return None
        if own is None:
            return Resolution(None, f"relative form {form} and the document's own committee is unknown")
        for c in self.chain(own.code, year if year is not None else own.valid_from):
            if c.level != "national" and c.name.endswith(stem):
                return Resolution(c)
        return Resolution(None, f"relative form {form}: no {stem} above {own.name}")

    def resolve(
        self, name: str, year: int | None = None, own: Committee | None = None, context: str = ""
    ) -> Resolution:
        """One committee for a written name, or None with the reason; never a guess.

        ``own`` is the document's own committee (for 县政协, 市政协 ...); ``context`` is text that may
        name the places around it (headline, publisher, newspaper region, body).
        """
        rel = self.relative(name, own, year)
        if rel is not None and rel.committee is not None:
            return rel
        found = self.find(name, year)
        if not found:
            if rel is not None:
                return rel
            if division_stem(normalise(name)).endswith(NOT_DIVISIONS):
                return Resolution(
                    None, f"{name}: a development zone or park is not a division with a committee"
                )
            return Resolution(None, f"{name} is not a committee of {year or 'the current register'}")
        generic = division_stem(normalise(name)) in GENERIC_NAMES
        if len(found) == 1 and not generic:
            return Resolution(found[0])
        return self.disambiguate(found, context, year, own=own, name=name)

    def disambiguate(
        self,
        candidates: list[Committee],
        context: str,
        year: int | None = None,
        own: Committee | None = None,
        name: str = "",
    ) -> Resolution:
        """Pick the one candidate the context supports (its city, region or neighbours named there)."""
        context = normalise(context) if context else ""
        scores = []
        for c in candidates:
            score = 0
            if own is not None and (
                c.code == own.code or c.code in {p.code for p in self.chain(own.code, year)}
            ):
                score += 10
            score += sum(1 for ev in self._evidence(c, year) if ev in context)
            scores.append(score)
        best = max(scores)
        winners = [c for c, s in zip(candidates, scores, strict=True) if s == best]
        if best > 0 and len(winners) == 1:
            return Resolution(winners[0], candidates=tuple(candidates))
        listed = ", ".join(f"{c.code} {self.display_name(c, year)}" for c in candidates)
        why = "the context names none of their places" if best == 0 else "the context supports several"
        kind = "ambiguous" if len(candidates) > 1 else "generic"
        return Resolution(None, f"{kind} {name or 'name'} ({listed}): {why}", tuple(candidates))

    def _evidence(self, c: Committee, year: int | None) -> set[str]:
        """Names whose presence in a text points to ``c``: its parents and its neighbours."""
        ev = set()
        at = _as_of(c, year)
        for p in self.chain(c.code, at)[1:]:
            if p.level == "national":
                continue
            ev.add(p.name)
            if len(p.short_name) >= 2:
                ev.add(p.short_name)
        near = self.children(c.parent_code, at) if c.parent_code and c.level != "region" else []
        for other in [*near, *self.children(c.code, at)]:  # neighbours and divisions below it
            if other.code != c.code and len(other.name) >= 3 and other.name not in GENERIC_NAMES:
                ev.add(other.name)
        return {e for e in ev if not self._is_ambiguous_name(e, at)}

    def _is_ambiguous_name(self, text: str, year: int | None) -> bool:
        return len({c.code for c in self._by_name.get(text, []) if c.valid_in(year)}) > 1

    def display_name(self, c: Committee, year: int | None = None) -> str:
        """石嘴山市平罗县: the name with its city (or region) for telling same-named divisions apart."""
        parents = [p for p in self.chain(c.code, _as_of(c, year))[1:] if p.level != "national"]
        return "".join(p.name for p in reversed(parents[:1])) + c.name


# Names shared by many divisions: no evidence for any one of them.
_COMMON_NAMES = frozenset(
    {"城区", "郊区", "矿区", "新区", "市辖区", "市中区", "东区", "西区", "南区", "北区"}
)


def _as_of(c: Committee, year: int | None) -> int | None:
    """The year to look up ``c``'s surroundings in: ``year``, else its last year (None while current)."""
    return year if year is not None else c.valid_to


def _unique(items: list[Committee]) -> list[Committee]:
    seen, out = set(), []
    for c in items:
        if c.code not in seen:
            seen.add(c.code)
            out.append(c)
    return out


def _hierarchy(rows: list[dict]) -> dict[tuple[str, int], tuple[str | None, str | None]]:
    """(code, valid_from) -> (region_code, city_code), following parents as of valid_from."""
    by_code: dict[str, list[dict]] = {}
    for r in rows:
        by_code.setdefault(r["code"], []).append(r)

    def at(code: str, year: int) -> dict | None:
        for r in by_code.get(code, []):
            vt = r["valid_to"]
            if int(r["valid_from"]) <= year and (not vt or year <= int(vt)):
                return r
        return None

    out = {}
    for r in rows:
        year = int(r["valid_from"])
        region = city = None
        cur: dict | None = r
        while cur is not None:
            if cur["level"] == "region":
                region = cur["code"]
            elif cur["level"] == "city":
                city = cur["code"]
            cur = at(cur["parent_code"], year) if cur["parent_code"] else None
        out[(r["code"], year)] = (region, city)
    return out


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.cache
def load_register(path: Path = REGISTER_PATH) -> Register:
    rows = _read(path)
    places = _hierarchy(rows)
    committees = []
    for r in rows:
        region, city = places[(r["code"], int(r["valid_from"]))]
        committees.append(
            Committee(
                code=r["code"],
                name=r["name"],
                short_name=r["short_name"],
                level=r["level"],
                parent_code=r["parent_code"] or None,
                valid_from=int(r["valid_from"]),
                valid_to=int(r["valid_to"]) if r["valid_to"] else None,
                name_pinyin=r.get("name_pinyin", ""),
                name_en=r.get("name_en", ""),
                region_code=region,
                city_code=city,
            )
        )
    changes_path = path.parent / CHANGES_PATH.name
    changes = [
        Change(int(r["year"]), r["change"], r["old_code"], r["old_name"], r["new_code"], r["new_name"])
        for r in (_read(changes_path) if changes_path.exists() else [])
    ]
    aliases_path = path.parent / ALIASES_PATH.name
    aliases: dict[str, list[str]] = {}
    for r in _read(aliases_path) if aliases_path.exists() else []:
        aliases.setdefault(r["alias"], []).append(r["code"])
    terms_path = path.parent / TERMS_PATH.name
    terms = [
        Term(
            r["code"],
            int(r["term"]),
            int(r["first_year"]),
            int(r["last_year"]) if r["last_year"] else None,
            r["source"],
        )  # fmt: skip
        for r in (_read(terms_path) if terms_path.exists() else [])
    ]
    return Register(committees, changes, aliases, terms)
