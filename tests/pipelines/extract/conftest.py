"""Helpers for extraction tests: a real text file read by the real reader."""

import pytest

from sources import read_document


@pytest.fixture
def extract(tmp_path):
    """Extract mentions from a report text written to a file (``address``: the page address it was
    fetched from): returns a list of dicts."""
    from pipelines.extract import extract_mentions

    def run(text: str, name: str = "report", address: str | None = None, **kw) -> list[dict]:
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        doc = read_document(path)
        if address is not None:  # as a crawled page carries the address it was fetched from
            doc.metadata["address"] = address
        return [m.to_dict() for m in extract_mentions(doc, **kw)]

    return run
