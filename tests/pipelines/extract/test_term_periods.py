"""Term ordinals to years through the register's term data (warehouse/reference/committee_terms.csv):
used only where neither the text nor a date line gives the year. Sentences are our own."""

from __future__ import annotations

import pytest

from pipelines.extract.attribution import Attributor
from sources import read_document
from warehouse.register import load_register


def periods(ms):
    return [(m["surface"], m["period_start"], m["period_end"]) for m in ms]


@pytest.mark.parametrize(
    "text, want",
    [
        # what a session received counts for the session's year: the 13th term opened in 2018
        ("全国政协十三届二次会议期间，委员们共提交提案1502件。\n", [("1502件", 2019, 2019)]),
        # a report at the session covers the year before it
        ("在全国政协十三届三次会议上，常委会报告说，过去一年全国政协共组织视察调研86次。\n", [("86次", 2019, 2019)]),
        # a term summary at the next term's first session covers the closing term
        ("全国政协十四届一次会议开幕。五年来，全国政协共收到提案29000件。\n", [("29000件", 2018, 2022)]),
        # 本届以来 at a later session: from the term's first year to the year before the session
        ("在全国政协十四届三次会议上，报告指出，本届以来全国政协共收到提案16000件。\n", [("16000件", 2023, 2024)]),
        # a term named with a term cue and no session: the term's years
        ("十二届全国政协履职五年来，共收到提案28000件。\n", [("28000件", 2013, 2017)]),
        # a city committee whose term an evaluation document dates (Wuhan's 14th opened in 2022)
        ("武汉市政协十四届二次会议期间，委员们共提交提案612件。\n", [("612件", 2023, 2023)]),
        # a people's congress session or a standing committee meeting is no CPPCC plenary session
        ("全国政协委员列席第十三届全国人民代表大会常务委员会第二十八次会议，共提出意见42条。\n", [("42条", None, None)]),
        # the text's own year wins over term data
        ("2021年，全国政协十三届四次会议期间收到提案5979件。\n", [("5979件", 2021, 2021)]),
    ],
)  # fmt: skip
def test_national_terms_give_the_years(extract, text, want):
    assert periods(extract(text, name="term")) == want


def _owner(tmp_path, text):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    return Attributor(read_document(path)).owner(None)


def test_no_term_data_keeps_the_period_null_with_the_reason(tmp_path, extract):
    text = "平罗县政协十届二次会议期间，共收到委员提案126件。\n"
    assert periods(extract(text, name="county")) == [("126件", None, None)]
    owner = _owner(tmp_path, text)
    assert owner.committee is not None and owner.committee.code == "640221"
    assert owner.period.end is None
    assert "十届二次会议" in owner.period.reason and "no term data" in owner.period.reason


def test_a_term_in_office_has_no_last_year(tmp_path):
    owner = _owner(tmp_path, "十四届全国政协本届以来，共收到提案16000件。\n")
    assert owner.period.end is None and "in office" in owner.period.reason


def test_term_data_is_a_cited_fact():
    register = load_register()
    term = register.term("000000", 13)
    assert (term.first_year, term.last_year, term.session_year(5)) == (2018, 2022, 2022)
    assert register.term("000000", 14).last_year is None
    assert register.term("640221", 10) is None
    assert all(register.term("000000", n).source for n in range(5, 15))
    # consecutive terms meet: each ends the year before the next one opens
    for n in range(5, 14):
        assert register.term("000000", n).last_year + 1 == register.term("000000", n + 1).first_year
