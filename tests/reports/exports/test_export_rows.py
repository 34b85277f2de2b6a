"""The export's rows as plain data: columns, answer cells, opaque ids, inert text."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

import pytest

from reports.exports.rows import (
    PROFILE_HEADER,
    AnswerCells,
    Layout,
    QuestionColumn,
    ResponseRecord,
    build_row,
    codebook_rows,
    founded_decade,
    neutralise,
    pseudonym,
    safe_cell,
)

TOOLS = QuestionColumn(2, "inf-tools", "multiple", {20: "email", 21: "cloud", 22: "erp"})
LAYOUT = Layout(
    version_label="test-q v1",
    pillar_codes=("infrastructure", "talent"),
    questions=(
        QuestionColumn(1, "inf-internet", "single", {10: "none", 11: "fibre"}),
        TOOLS,
        QuestionColumn(3, "inf-staff", "number", {30: "low", 31: "high", 32: "na"}),
        QuestionColumn(4, "tal-obstacle", "text"),
        QuestionColumn(5, "tal-champion", "yes_no", {50: "yes", 51: "no"}),
    ),
)
RECORD = ResponseRecord(
    response_id="a1b2c3d4e5f60718",
    company_ref="0f1e2d3c4b5a6978",
    submitted_on=datetime.date(2026, 3, 1),
    language="th",
    country="TH",
    sector="agrifood",
    size_band="small",
    founded_year=2017,
    women_led=False,
    cohort="mi-digital-2026a",
    overall=-0.0,
    level="Emerging",
    pillar_scores={"infrastructure": 55.5, "talent": None},
)


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", " =1+1", "  -2", "＝1+1", "＠x"],
)
def test_text_starting_like_a_formula_gets_a_quote_in_front(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "fibre", "1-2", "a=b", "e-mail", "'quoted", "ไทย"])
def test_other_text_is_left_as_it_is(text):
    assert neutralise(text) == text


@pytest.mark.parametrize("number", [-5, -2.5, Decimal("-3.25"), 0, 17])
def test_numbers_stay_numbers_even_when_negative(number):
    assert safe_cell(number) == number
    assert type(safe_cell(number)) is type(number)


def test_booleans_become_yes_or_no_and_dates_and_blanks_stay():
    assert safe_cell(True) == "yes"
    assert safe_cell(False) == "no"
    assert safe_cell(None) is None
    assert safe_cell(datetime.date(2026, 1, 2)) == datetime.date(2026, 1, 2)


def test_pseudonyms_are_stable_keyed_and_separate_per_purpose():
    first = pseudonym("secret-one", "company", 42)
    assert first == pseudonym("secret-one", "company", 42)
    assert len(first) == 16 and int(first, 16) >= 0
    assert first != pseudonym("secret-two", "company", 42)
    assert first != pseudonym("secret-one", "assessment", 42)
    assert first != pseudonym("secret-one", "company", 43)
    assert "42" not in first


def test_founded_year_is_coarsened_to_its_decade():
    assert founded_decade(2017) == 2010
    assert founded_decade(2020) == 2020
    assert founded_decade(1999) == 1990
    assert founded_decade(None) is None


def test_header_has_profile_scores_and_a_column_per_question_but_no_free_text():
    assert LAYOUT.header() == [
        *PROFILE_HEADER,
        "score_infrastructure",
        "score_talent",
        "inf-internet",
        "inf-tools",
        "inf-staff",
        "tal-champion",
    ]


def test_free_text_column_appears_only_when_asked_for():
    with_text = Layout(**{**LAYOUT.__dict__, "include_free_text": True})
    assert "tal-obstacle" in with_text.header()
    assert with_text.header().index("tal-obstacle") == len(PROFILE_HEADER) + 2 + 3


def test_a_row_holds_codes_numbers_and_blanks_in_header_order():
    answers = {
        1: AnswerCells(option_ids=[11]),
        2: AnswerCells(option_ids=[22, 20]),  # ticked in another order than listed
        3: AnswerCells(number=Decimal("50.00")),
        4: AnswerCells(text="Nobody knows how"),
    }
    row = build_row(LAYOUT, RECORD, answers)
    assert len(row) == len(LAYOUT.header())
    cells = dict(zip(LAYOUT.header(), row, strict=True))
    assert cells["response_id"] == "a1b2c3d4e5f60718"
    assert cells["questionnaire"] == "test-q v1"
    assert cells["submitted_on"] == datetime.date(2026, 3, 1)
    assert cells["founded_decade"] == 2010
    assert cells["women_led"] == "no"
    assert cells["score_infrastructure"] == 55.5
    assert cells["score_talent"] is None
    assert cells["inf-internet"] == "fibre"
    assert cells["inf-tools"] == "email|erp"  # option order, not ticking order
    assert cells["inf-staff"] == 50 and isinstance(cells["inf-staff"], int)
    assert cells["tal-champion"] is None  # unanswered
    assert "Nobody knows how" not in row


def test_free_text_cells_are_neutralised_when_included():
    with_text = Layout(**{**LAYOUT.__dict__, "include_free_text": True})
    row = build_row(with_text, RECORD, {4: AnswerCells(text='=HYPERLINK("http://x","y")')})
    cells = dict(zip(with_text.header(), row, strict=True))
    assert cells["tal-obstacle"] == '\'=HYPERLINK("http://x","y")'


def test_a_number_keeps_its_decimals_and_not_applicable_is_its_code():
    row = build_row(LAYOUT, RECORD, {3: AnswerCells(number=Decimal("12.50"))})
    assert dict(zip(LAYOUT.header(), row, strict=True))["inf-staff"] == Decimal("12.5")
    row = build_row(LAYOUT, RECORD, {3: AnswerCells(option_ids=[32])})
    assert dict(zip(LAYOUT.header(), row, strict=True))["inf-staff"] == "na"


def test_codes_and_level_names_that_look_like_formulas_are_neutralised():
    layout = Layout("v", ("-pillar",), (QuestionColumn(1, "-q", "single", {10: "-1"}),))
    record = ResponseRecord(**{**RECORD.__dict__, "level": "=cmd|' /C calc'!A0"})
    assert layout.header()[-2:] == ["score_-pillar", "'-q"]
    row = build_row(layout, record, {1: AnswerCells(option_ids=[10])})
    assert row[-1] == "'-1"
    assert "'=cmd|' /C calc'!A0" in row


def test_codebook_lists_questions_and_option_meanings():
    rows = codebook_rows(
        [("talent", "tal-champion", "yes_no", "Champion?", [("yes", "Yes"), ("no", "No")])]
    )
    assert rows[0] == ["pillar", "question", "type", "text", "options"]
    assert rows[1] == ["talent", "tal-champion", "yes_no", "Champion?", "yes = Yes; no = No"]
    assert codebook_rows([("p", "q", "text", "=why?", [])])[1][3:] == ["'=why?", None]


def test_youth_led_and_exports_follow_women_led_and_stay_blank_when_not_said():
    header = list(LAYOUT.header())
    assert header.index("youth_led") == header.index("women_led") + 1
    assert header.index("exports") == header.index("youth_led") + 1
    said = dataclasses.replace(RECORD, youth_led=True, exports="planning")
    cells = dict(zip(header, build_row(LAYOUT, said, {}), strict=True))
    assert (cells["youth_led"], cells["exports"]) == ("yes", "planning")
    cells = dict(zip(header, build_row(LAYOUT, RECORD, {}), strict=True))
    assert (cells["youth_led"], cells["exports"]) == (None, None)
