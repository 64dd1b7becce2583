"""The labelled development corpus: annotated sources -> documents and gold mentions.

Each ``corpus/src/NAME.txt`` is a report written for this project, with a header and every metric
mention labelled inline by hand::

    # committee: 640221          administrative code of the subject committee
    # period: 2024               or 2020-2024 for a term report
    ...全年收集社情民意信息[[120余篇|120|篇|+|public_opinion.collected]]，...

A label is ``[[surface|value|unit|qualifier|code]]`` with an optional sixth field, the period of
this mention when it differs from the document's (``2023`` or ``2021-2024``). Qualifier: ``=``
exact, ``+`` at_least, ``~`` approx, ``-`` at_most. Code: a catalog metric code, or a category code
(``a/b`` when genuinely ambiguous) for a mention that fits no metric. ``value`` is in base units.

``python -m tests.pipelines.extract.corpus`` writes ``corpus/docs/NAME.txt`` (the plain text) and
``corpus/gold.jsonl`` (labels in the mention contract's fields); a test checks they are current.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from warehouse.catalog import load_catalog
from warehouse.register import load_register

CORPUS = Path(__file__).parent / "corpus"
SRC, DOCS, GOLD = CORPUS / "src", CORPUS / "docs", CORPUS / "gold.jsonl"
_LABEL = re.compile(r"\[\[([^\]|]*)\|([^\]|]*)\|([^\]|]*)\|([=+~-])\|([^\]|]*)(?:\|([^\]|]*))?\]\]")
_QUALIFIER = {"=": "exact", "+": "at_least", "~": "approx", "-": "at_most"}


def _period(text: str) -> tuple[int, int]:
    a, _, b = text.strip().partition("-")
    return int(a), int(b or a)


def parse_source(path: Path) -> tuple[str, str, list[dict]]:
    """(doc id, plain text, gold rows) of one annotated source."""
    catalog = load_catalog()
    register = load_register()
    metric_codes = {m.code: m for m in catalog.metrics}
    header, body = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and ":" in line and not body:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
        else:
            body.append(line)
    annotated = "\n".join(body).strip() + "\n"
    doc = path.stem
    committee = register.get(header["committee"])
    if committee is None:
        raise ValueError(f"{path.name}: unknown committee code {header['committee']}")
    doc_period = _period(header["period"])
    rows = []
    shift = len(annotated) - len(annotated.lstrip())
    plain_pos = 0  # offset in the plain text of the label being read
    last = 0
    for m in _LABEL.finditer(annotated):
        plain_pos += m.start() - last
        last = m.end()
        surface, value, unit, q, code, period = m.groups()
        if code in metric_codes:
            category, metric = metric_codes[code].category, code
        else:
            cats = code.split("/") if code else []
            unknown = [c for c in cats if c not in catalog.category_codes]
            if unknown:
                raise ValueError(f"{path.name}: unknown metric or category {code!r} at {surface!r}")
            category, metric = "|".join(cats) or None, None
        start, end = _period(period) if period else doc_period
        number = float(value)
        rows.append(
            {
                "doc": doc, "surface": surface, "value": int(number) if number.is_integer() else number,
                "unit": unit, "qualifier": _QUALIFIER[q], "category": category, "metric": metric,
                "committee": committee.committee_name, "committee_code": committee.code,
                "level": committee.level, "period_start": start, "period_end": end,
                "char_start": plain_pos - shift, "char_end": plain_pos - shift + len(surface),
            }
        )  # fmt: skip
        plain_pos += len(surface)
    plain = _LABEL.sub(lambda m: m[1], annotated)
    return doc, plain, rows


def build() -> tuple[dict[str, str], list[dict]]:
    docs, gold = {}, []
    for path in sorted(SRC.glob("*.txt")):
        doc, plain, rows = parse_source(path)
        docs[doc] = plain
        gold.extend(rows)
    return docs, gold


def gold_lines(gold: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold)


def write() -> None:
    docs, gold = build()
    DOCS.mkdir(exist_ok=True)
    for old in DOCS.glob("*.txt"):
        if old.stem not in docs:
            old.unlink()
    for doc, plain in docs.items():
        (DOCS / f"{doc}.txt").write_text(plain, encoding="utf-8")
    GOLD.write_text(gold_lines(gold), encoding="utf-8")
    print(f"{len(docs)} documents, {len(gold)} labelled mentions -> {CORPUS}")


if __name__ == "__main__":
    write()
