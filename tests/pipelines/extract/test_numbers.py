"""Quantities: numerals, magnitudes, ranges, qualifiers and units, as written in reports."""

from decimal import Decimal

import pytest

from pipelines.extract.numbers import chinese_numeral, find_quantities
from warehouse.exact import dumps, exact_value, loads


def one(text):
    qs = [q for q in find_quantities(text) if q.unit]
    assert len(qs) == 1, [(text[q.start : q.end], q.unit) for q in qs]
    q = qs[0]
    return text[q.start : q.end], q.value, q.unit, q.qualifier


@pytest.mark.parametrize(
    "text, want",
    [
        ("收集信息120余篇。", ("120余篇", 120, "篇", "at_least")),
        ("收集信息1 2 0 余篇。", ("1 2 0 余篇", 120, "篇", "at_least")),
        ("收集信息 120 余篇。", ("120 余篇", 120, "篇", "at_least")),
        ("收到提案１３６件。", None),  # full-width digits are half-width in Document.text, see below
        ("共收到提案一百二十件。", ("一百二十件", 120, "件", "exact")),
        ("收到信息两千三百条。", ("两千三百条", 2300, "条", "exact")),
        ("收到提案七百零八件。", ("七百零八件", 708, "件", "exact")),
        ("开展活动十余次。", ("十余次", 10, "次", "at_least")),
        ("服务群众逾百人。", ("逾百人", 100, "人", "at_least")),
        ("开展讲座上百场。", ("上百场", 100, "场", "at_least")),
        ("接诊近千人次。", ("近千人次", 1000, "人次", "approx")),
        ("捐款80余万元。", ("80余万元", 800000, "元", "at_least")),
        ("引进资金1.2亿元。", ("1.2亿元", 120000000, "元", "exact")),
        ("捐资3万余元。", ("3万余元", 30000, "元", "at_least")),
        ("捐资3 8 . 5 万元。", ("3 8 . 5 万元", 385000, "元", "exact")),
        ("收录约28万字。", ("约28万字", 280000, "字", "approx")),
        ("办结率100%。", ("100%", 100, "%", "exact")),
        ("办结率百分之九十六。", ("百分之九十六", 96, "%", "exact")),
        ("满意率99%以上。", ("99%以上", 99, "%", "at_least")),
        ("开展视察3至5次。", ("3至5次", 3, "次", "at_least")),
        ("开展视察三到五次。", ("三到五次", 3, "次", "at_least")),
        ("召开座谈会约20次左右。", ("约20次左右", 20, "次", "approx")),
        ("开展协商近20次。", ("近20次", 20, "次", "approx")),
        ("提出建议大约50条。", ("大约50条", 50, "条", "approx")),
        ("参训不到10人。", ("不到10人", 10, "人", "at_most")),
        ("上报不足60条。", ("不足60条", 60, "条", "at_most")),
        ("参训人员控制在30人以内。", ("30人以内", 30, "人", "at_most")),
        ("捐款逾20万元。", ("逾20万元", 200000, "元", "at_least")),
        ("建议采纳率达98%以上。", ("98%以上", 98, "%", "at_least")),
        ("收集信息超过300篇。", ("超过300篇", 300, "篇", "at_least")),
        ("培训1,200人次。", ("1,200人次", 1200, "人次", "exact")),
        ("完成调研20多次。", ("20多次", 20, "次", "at_least")),
    ],
)
def test_quantities(text, want):
    if want is None:
        from sources.normalize import for_extraction

        text = for_extraction(text)
        want = ("136件", 136, "件", "exact")
    assert one(text) == want


def test_range_keeps_both_ends():
    (q,) = [q for q in find_quantities("各专委会分别开展视察3至5次。") if q.unit]
    assert (q.value, q.high, q.qualifier) == (3, 5, "at_least")


def test_years_carry_no_unit():
    assert [q.unit for q in find_quantities("2024年，2 0 2 3 年")] == ["", ""]


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("三千", 3000),
        ("十万", 100000),
        ("一亿二千万", 120000000),
    ],
)
def test_chinese_numerals(numeral, value):
    assert chinese_numeral(numeral) == value


def test_not_a_numeral():
    assert chinese_numeral("统一") is None


@pytest.mark.parametrize(
    "text, want",
    [
        ("捐款2.3亿元", 230000000),
        ("资金1.15亿元", 115000000),
        ("共0.7万人次", 7000),
        ("满意率96.5%", Decimal("96.5")),
        ("百分之九十九点五", Decimal("99.5")),
        ("筹资12.05万元", 120500),
        ("投入3.333亿元", 333300000),
    ],
)
def test_values_are_exact(text, want):
    (q,) = find_quantities(text)
    assert q.value == want
    assert type(q.value) is type(want)  # an int when whole, a Decimal otherwise, never a float


def test_exact_json_round_trip():
    row = {"value": Decimal("96.5"), "high": 230000000, "sentence": "满意率96.5%"}
    line = dumps(row)
    assert line == '{"value": 96.5, "high": 230000000, "sentence": "满意率96.5%"}'
    assert loads(line) == row
    assert type(loads(line)["value"]) is Decimal
    with pytest.raises(TypeError):
        exact_value(0.1 + 0.2)  # floats are refused
