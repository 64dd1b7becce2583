"""Figures in statistics tables (HTML and DOCX reports): each cell's metric from its headers.

A report often puts its figures in a table::

    项目              | 2024年
    收到提案（件）      | 186
    立案（件）          | 172

A data cell's row headers (the leading text cells of its row) and column headers (the header rows
above it) are joined with the cell's number and the unit a header gives ("（件）", "（万元）") into a
clause, "收到提案186件", that the sentence model (pipelines.extract.context) reads like any other
text: it decides whether the figure is a metric mention and which metric. A year in a header
("2024年") is the figure's period. A first-column header naming a breakdown (类别, 界别, 承办单位:
pipelines/extract/tables.yaml) makes the rows shares of a total: category kept, metric null.

Values stay exact (warehouse.exact): "2.3" under "（亿元）" is 230000000.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.extract.context import ContextModel
from pipelines.extract.numbers import find_quantities
from sources.document import Cell, Document, Table
from warehouse.catalog import Metric
from warehouse.exact import Value, exact_value

TABLES_PATH = Path(__file__).parent / "tables.yaml"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
_BRACKET_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^()（）]{1,4})\s*[)）]|单位\s*[:：]\s*(\S{1,4})")


@dataclass(frozen=True)
class TableSettings:
    breakdown_headers: tuple[str, ...]
    count_suffixes: tuple[str, ...]
    magnitudes: dict[str, int]


@functools.cache
def load_settings(path: Path = TABLES_PATH) -> TableSettings:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return TableSettings(
        tuple(raw["breakdown_headers"]),
        tuple(sorted(raw["count_suffixes"], key=len, reverse=True)),
        {k: int(v) for k, v in raw["magnitudes"].items()},
    )


@dataclass(frozen=True)
class CellReading:
    """A metric mention read from one table cell."""

    start: int  # offsets of the quantity in Document.text
    end: int
    value: Value
    unit: str
    qualifier: str
    metric: Metric | None
    category: str | None
    sentence: str  # the headers and the cell, as displayed: "收到提案（件） 2024年：186"
    year: int | None  # a year named by the cell's headers


def _has_number(text: str) -> bool:
    return any(not _YEAR.match(text, q.start) for q in find_quantities(text)) if text else False


def _header_rows(table: Table, texts: list[list[str]]) -> int:
    """How many rows at the top are headers: rows of header cells, else a first row without numbers."""
    n = 0
    for row, cells in zip(texts, table.rows, strict=True):
        if all(c.header for c in cells) or (n == 0 and not any(_has_number(t) for t in row)):
            n += 1
        else:
            break
    return n


def _unit_of(header: str, settings: TableSettings) -> tuple[str, int]:
    """The unit a header gives and its magnitude: "（万元）" -> ("元", 10000), "（件）" -> ("件", 1)."""
    m = _BRACKET_UNIT.search(header)
    if not m:
        return "", 1
    unit = (m[1] or m[2]).strip()
    for word, factor in settings.magnitudes.items():
        if unit.startswith(word) and len(unit) > 1:
            return unit[len(word) :], factor
    return unit, 1


def _label(header: str, settings: TableSettings) -> str:
    """A header as clause words: brackets removed, a trailing count word dropped ("立案数（件）" -> "立案")."""
    text = _BRACKET_UNIT.sub("", header).strip(" ：:")
    for suffix in settings.count_suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def table_readings(doc: Document, table: Table, model: ContextModel) -> list[CellReading]:
    settings = load_settings()
    display = [[doc.display_text[c.start : c.end] for c in row] for row in table.rows]
    texts = [[doc.text[c.start : c.end] for c in row] for row in table.rows]
    head = _header_rows(table, texts)
    corner = texts[0][0] if head and texts[0] else ""
    breakdown = any(w in corner for w in settings.breakdown_headers)
    out: list[CellReading] = []
    seen: set[tuple[int, int]] = set()  # a merged cell is repeated under each row/column it spans
    for r in range(head, len(table.rows)):
        cells: tuple[Cell, ...] = table.rows[r]
        row_heads = []
        for c, cell in enumerate(cells):
            if cell.header or not _has_number(texts[r][c]):
                row_heads.append(c)
            else:
                break
        for c, cell in enumerate(cells):
            if c in row_heads or (cell.start, cell.end) in seen or not texts[r][c]:
                continue
            seen.add((cell.start, cell.end))
            col_headers = [texts[h][c] for h in range(head) if texts[h][c] and texts[h][c] != corner]
            row_headers = [texts[r][h] for h in row_heads]
            headers = row_headers + col_headers
            years = {int(m[1]) for h in headers for m in _YEAR.finditer(h)}
            unit, factor = next((u for h in headers if (u := _unit_of(h, settings))[0]), ("", 1))
            prefix = "".join(w for h in headers if (w := _label(_YEAR.sub("", h), settings)))
            for q in find_quantities(texts[r][c]):
                if _YEAR.match(texts[r][c], q.start):
                    continue
                number = texts[r][c][q.start : q.end]
                q_unit = q.unit or unit
                value = q.value if q.unit else exact_value(q.value * factor)
                if q_unit.endswith("元"):  # money in 元 (the cell's own 万元 is already in the value)
                    q_unit = "元"
                written = next((w for w, f in settings.magnitudes.items() if f == factor), "") + unit
                clause = f"{prefix}{number}{'' if q.unit else written if factor > 1 else unit}"
                readings = [x for x in model.read(clause) if x.quantity.start >= len(prefix)]
                if not readings:
                    continue
                x = readings[-1]
                metric, category = x.metric, x.category
                if breakdown:
                    metric = None
                shown = [display[r][h] for h in row_heads]
                shown += [display[h][c] for h in range(head) if display[h][c] and texts[h][c] != corner]
                sentence = "、".join(shown) + "：" + display[r][c]
                out.append(
                    CellReading(
                        cell.start + q.start,
                        cell.start + q.end,
                        value,
                        q_unit,
                        q.qualifier,
                        metric,
                        category,
                        sentence,
                        next(iter(years)) if len(years) == 1 else None,
                    )  # fmt: skip
                )
    return out
