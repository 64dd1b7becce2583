"""Score predicted metric mentions against labelled ones (docs/mentions.md, "Matching").

A prediction matches a label when doc, value, unit and qualifier agree (money is 元 either way).
Several labels with the same key in one document are paired by nearest character offset when the
labels carry ``char_start``, else in document order. Category (a label
may allow several as ``a|b``), metric, committee and period are scored on matched pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from warehouse.exact import exact_value, loads


def load_jsonl(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{n}: not a JSON object ({e.msg})") from e
    return rows


def match_key(row: dict) -> tuple:
    """Values compare as exact decimals (a float written by another tool is taken at its shortest
    decimal form: 96.5 is 96.5)."""
    value = row["value"]
    value = exact_value(Decimal(repr(value)) if isinstance(value, float) else value)
    return (row["doc"], value, row["unit"], row["qualifier"])


@dataclass
class Score:
    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok


@dataclass
class Evaluation:
    pairs: list[tuple[dict, dict]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)  # labelled, not predicted
    false_alarms: list[dict] = field(default_factory=list)  # predicted, not labelled
    category: Score = field(default_factory=Score)
    metric: Score = field(default_factory=Score)
    committee: Score = field(default_factory=Score)
    period: Score = field(default_factory=Score)
    wrong: list[tuple[str, dict, dict]] = field(default_factory=list)  # (field, gold, pred)

    @property
    def precision(self) -> float:
        n = len(self.pairs) + len(self.false_alarms)
        return len(self.pairs) / n if n else 1.0

    @property
    def recall(self) -> float:
        n = len(self.pairs) + len(self.misses)
        return len(self.pairs) / n if n else 1.0


def _category_ok(gold: dict, pred: dict) -> bool:
    allowed = set((gold.get("category") or "").split("|")) - {""}
    return pred.get("category") in allowed if allowed else pred.get("category") is None


def _committee_ok(gold: dict, pred: dict) -> bool:
    if gold.get("committee_code") or pred.get("committee_code"):
        return gold.get("committee_code") == pred.get("committee_code")
    return gold.get("committee") == pred.get("committee")


def evaluate(gold: list[dict], pred: list[dict]) -> Evaluation:
    ev = Evaluation()
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for p in sorted(pred, key=lambda r: r.get("char_start") or 0):
        by_key[match_key(p)].append(p)
    for g in gold:
        bucket = by_key.get(match_key(g))
        if bucket:
            at = g.get("char_start")
            i = (
                0
                if at is None
                else min(range(len(bucket)), key=lambda k: abs((bucket[k].get("char_start") or 0) - at))
            )
            ev.pairs.append((g, bucket.pop(i)))
        else:
            ev.misses.append(g)
    ev.false_alarms = sorted(
        (p for b in by_key.values() for p in b), key=lambda r: (r["doc"], r.get("char_start") or 0)
    )
    for g, p in ev.pairs:
        checks = {
            "category": _category_ok(g, p),
            "metric": g.get("metric") == p.get("metric"),
            "committee": _committee_ok(g, p),
            "period": (g.get("period_start"), g.get("period_end"))
            == (p.get("period_start"), p.get("period_end")),
        }
        for name, ok in checks.items():
            getattr(ev, name).add(ok)
            if not ok:
                ev.wrong.append((name, g, p))
    return ev


def _row(r: dict) -> str:
    where = f" @{r['char_start']}" if r.get("char_start") is not None else ""
    return (
        f"{r['doc']}{where}  {r.get('surface', '')}  value={r['value']} unit={r['unit']} "
        f"qualifier={r['qualifier']} category={r.get('category')} metric={r.get('metric')}"
    )


def report(ev: Evaluation) -> str:
    lines = [
        f"matched {len(ev.pairs)}  misses {len(ev.misses)}  false alarms {len(ev.false_alarms)}",
        f"precision {ev.precision:.3f}  recall {ev.recall:.3f}",
        f"category accuracy {ev.category.rate:.3f} ({ev.category.right}/{ev.category.total})",
        f"metric accuracy {ev.metric.rate:.3f} ({ev.metric.right}/{ev.metric.total})",
        f"committee accuracy {ev.committee.rate:.3f} ({ev.committee.right}/{ev.committee.total})",
        f"period accuracy {ev.period.rate:.3f} ({ev.period.right}/{ev.period.total})",
    ]
    if ev.misses:
        lines.append(f"\nmisses ({len(ev.misses)}): labelled, not extracted")
        lines += ["  " + _row(g) for g in ev.misses]
    if ev.false_alarms:
        lines.append(f"\nfalse alarms ({len(ev.false_alarms)}): extracted, not labelled")
        for p in ev.false_alarms:
            lines.append("  " + _row(p))
            if p.get("sentence"):
                lines.append("      " + p["sentence"][:120])
    if ev.wrong:
        lines.append(f"\nwrong fields on matched pairs ({len(ev.wrong)})")
        for name, g, p in ev.wrong:
            if name == "period":
                got, want = (
                    (p.get("period_start"), p.get("period_end")),
                    (g.get("period_start"), g.get("period_end")),
                )
            elif name == "committee":
                got, want = p.get("committee"), g.get("committee")
            else:
                got, want = p.get(name), g.get(name)
            lines.append(f"  {name}: {g['doc']}  {g.get('surface', '')}  labelled {want}  extracted {got}")
    return "\n".join(lines)
