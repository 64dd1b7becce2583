"""Type by content, and the text quality gate on real-looking and unreadable text."""

import random

import pytest

from sources.sniff import sniff_bytes
from sources.text_quality import measure, verdict
from tests.hostile import corpus


@pytest.mark.parametrize(
    ("data", "name", "kind", "mismatch"),
    [
        (b"%PDF-1.7\n...", "report.txt", "pdf", True),
        (b"%PDF-1.7\n...", "report.pdf", "pdf", False),
        ("政协工作报告".encode(), "report.pdf", "text", True),
        (b"<!DOCTYPE html><html>", "page.txt", "html", True),
        (b"  <html lang='zh'><head>", "page", "html", False),
        # a page saved with its server directives or an XML prolog before the markup
        (
            b'<%@ page pageEncoding="UTF-8"%>\n<%@ include file="/x.jsp"%>\n<!DOCTYPE html>',
            "a.html",
            "html",
            False,
        ),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="x">', "a.xhtml", "html", False),
        ("<% 这不是网页 %>\n政协工作报告".encode(), "a.html", "text", True),
        (corpus.OLE_MAGIC + bytes(64), "report.wps", "ole", False),
        (corpus._docx("政协"), "report.zip", "docx", True),
        (corpus._zip({"a.txt": b"x"}), "reports.zip", "zip", False),
        (b"\x89PNG\r\n\x1a\n\0\0", "scan.txt", "image", True),
        (bytes(range(256)), "junk.txt", "binary", True),
        (b"", "empty.pdf", "empty", False),
        ("政协".encode("utf-16"), "report.txt", "text", False),
    ],
)
def test_type_by_content(data, name, kind, mismatch):
    found = sniff_bytes(data, name)
    assert found.kind == kind and found.mismatch is mismatch


def test_report_text_passes_and_soup_mojibake_do_not():
    rng = random.Random(3)
    report = "\n".join(
        corpus.report_text(c, 2024, 50 + i, 5) for i, c in enumerate(["贺兰县", "惠农区", "永宁县"] * 8)
    )
    assert verdict(measure(report)) is None
    assert "random soup" in verdict(measure(corpus.cjk_soup(60_000, rng).decode()))
    assert "random soup" in verdict(measure(corpus.common_soup(3000, rng).decode()))
    assert "mojibake" in verdict(measure(corpus.latin1_mojibake(report).decode()))
    assert verdict(measure("会议")) is None  # too little to judge
