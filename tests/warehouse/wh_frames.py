"""Hand-made documents and mentions for warehouse tests (codes from the bundled register)."""

from __future__ import annotations

import hashlib

import polars as pl

from warehouse.publish import DOCUMENT_COLUMNS, MENTION_COLUMNS, conform
from warehouse.register import Committee


def sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def mention(doc: str, start: int, committee: str, metric: str | None, year: int, value: float,
            qualifier: str = "exact", unit: str = "件") -> dict:  # fmt: skip
    return {
        "sha256": sha(doc), "doc_id": doc, "char_start": start, "char_end": start + 3,
        "surface": f"{value:g}{unit}", "value": float(value), "unit": unit, "qualifier": qualifier,
        "category_code": metric.split(".")[0] if metric else None, "metric_code": metric,
        "committee_name": None, "committee_code": committee, "level": None,
        "period_start": year, "period_end": year, "page": None, "bbox": None,
        "sentence": f"全年共办理{value:g}{unit}。",
    }  # fmt: skip


def frames(rows: list[dict], extra_docs: tuple[str, ...] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, mentions) frames holding ``rows`` and every document they name."""
    names = sorted({r["doc_id"] for r in rows} | set(extra_docs))
    docs = [
        {
            "doc_id": n,
            "sha256": sha(n),
            "source_path": f"{n}.txt",
            "media_type": "text/plain",
            "title": f"{n}工作报告",
            "chars": 1000,
            "mentions": sum(r["doc_id"] == n for r in rows),
            "extractor_version": "test",
            "status": "loaded",
            "publisher": "石嘴山日报",
            "publication_date": "2024-03-01",
        }  # fmt: skip
        for n in names
    ]
    return (
        conform(pl.DataFrame(docs), DOCUMENT_COLUMNS),
        conform(pl.DataFrame(rows, infer_schema_length=None), MENTION_COLUMNS),
    )


def generation_frames(generation: int, docs: int, per_doc: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A warehouse input whose size tells which publish it came from: ``docs`` documents of
    ``per_doc`` mentions, values offset by ``generation``."""
    doc_ids = pl.DataFrame({"doc_id": [f"g{generation}_d{i}" for i in range(docs)]}).with_columns(
        sha256=pl.col("doc_id").map_elements(lambda s: hashlib.sha256(s.encode()).hexdigest(), pl.String)
    )
    m = doc_ids.join(pl.DataFrame({"k": list(range(per_doc))}), how="cross").with_columns(
        char_start=pl.col("k") * 10,
        char_end=pl.col("k") * 10 + 3,
        surface=pl.lit("12件"),
        value=(pl.col("k") + generation).cast(pl.Float64),
        unit=pl.lit("件"),
        qualifier=pl.lit("exact"),
        metric_code=pl.lit("proposals.received"),
        category_code=pl.lit("proposals"),
        committee_code=pl.lit("640221"),
        period_start=2000 + pl.col("k") % 20,
        period_end=2000 + pl.col("k") % 20,
        sentence=pl.lit("共收到提案12件。"),
    )
    d = doc_ids.with_columns(
        source_path=pl.format("{}.txt", "doc_id"),
        media_type=pl.lit("text/plain"),
        chars=pl.lit(100),
        mentions=pl.lit(per_doc),
        extractor_version=pl.lit(f"gen{generation}"),
        status=pl.lit("loaded"),
    )
    return conform(d, DOCUMENT_COLUMNS), conform(m, MENTION_COLUMNS)


def analyst_rows() -> list[dict]:
    """Counties of 石嘴山市 (640200) and one of 银川市 (640100), with a conflict, an approximate
    figure, a rate, a member count, a 16x jump and an unmatched quantity."""
    R, M, RATE, PO = "proposals.received", "organization.members", "proposals.resolution_rate", "public_opinion.collected"  # fmt: skip
    return [
        mention("dwk23", 10, "640202", R, 2023, 100),
        mention("dwk23", 20, "640202", M, 2023, 200, unit="名"),
        mention("dwk23", 30, "640202", None, 2023, 7, unit="个"),  # matches no metric
        mention("dwk24", 10, "640202", R, 2024, 120),
        mention("dwk24", 20, "640202", RATE, 2024, 90, unit="%"),
        mention("hn23", 10, "640205", R, 2023, 50, qualifier="at_least"),
        mention("hn24", 10, "640205", R, 2024, 60),
        mention("hn24", 20, "640205", RATE, 2024, 100, unit="%"),
        mention("pl23", 10, "640221", R, 2023, 80),
        mention("pl23", 20, "640221", PO, 2023, 5, unit="篇"),
        mention("pl24", 10, "640221", R, 2024, 90),
        mention("pl24", 20, "640221", PO, 2024, 80, unit="篇"),
        mention("news24a", 10, "640221", R, 2024, 90),
        mention("news24b", 10, "640221", R, 2024, 95),
        mention("szs24", 10, "640200", R, 2024, 400),
        mention("xq24", 10, "640104", R, 2024, 30),
    ]


def committee(
    code: str, name: str, level: str, parent: str | None, start: int, end: int | None = None
) -> Committee:
    """A register entry (one name version) valid from ``start`` to ``end`` (open when None)."""
    return Committee(code=code, name=name, short_name=name[:-1], level=level, parent_code=parent,
                     valid_from=start, valid_to=end)  # fmt: skip
