"""Reading a frozen result for the results page (assessment/summary.py), without a database."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from assessment.summary import (
    Change,
    answer_text,
    compare,
    dont_know_items,
    signed,
    summarise,
    top_gaps,
    whole,
)

LEVELS = [
    {"name": "Beginner", "min_score": 0.0, "description": "Start with the basics."},
    {"name": "Emerging", "min_score": 20.0, "description": "Some tools, no plan."},
    {"name": "Developing", "min_score": 40.0, "description": "Plans and budgets."},
    {"name": "Established", "min_score": 60.0, "description": "Most of the business."},
    {"name": "Leading", "min_score": 80.0, "description": "Data and automation."},
]


def question(code: str, gap: float | None, *, status: str = "scored", **extra: Any) -> dict:
    return {
        "code": code,
        "text": f"Question {code}?",
        "type": "single",
        "status": status,
        "gap": gap,
        "answer": {"options": [f"Label {code}"], "number": None, "unit": "", "text": ""},
        "advice": [f"Advice {code}."],
        **extra,
    }


def result(**overrides: Any) -> dict:
    data = {
        "format": 1,
        "questionnaire": {"slug": "mekong-sme", "number": 1, "title": "Mekong SME check"},
        "profile": {"name": "Vientiane Weaving Co."},
        "overall": 45.5,
        "level": "Developing",
        "levels": LEVELS,
        "pillars": [
            {
                "code": "infrastructure",
                "name": "Digital infrastructure",
                "score": 62.5,
                "level": "Established",
                "questions": [
                    question("i1", 5.0),
                    question("i2", 12.5),
                    question("i3", None, status="not_applicable"),
                    question("i4", 0.0),
                ],
            },
            {
                "code": "talent",
                "name": "Digital talent",
                "score": 28.4,
                "level": "Emerging",
                "questions": [
                    question("t1", 12.5),
                    question("t2", 20.0, status="dont_know"),
                    question("t3", None, status="unscored"),
                    question("t4", 7.25),
                ],
            },
        ],
        "dont_know": ["t2"],
    }
    data.update(overrides)
    return data


def test_summary_shows_whole_scores_and_the_level_with_its_description():
    summary = summarise(result())
    assert summary.overall == 46  # 45.5 rounds half up
    assert summary.level == "Developing"
    assert summary.level_description == "Plans and budgets."
    assert (summary.level_rank, summary.level_count) == (3, 5)
    assert [(p.code, p.whole, p.level) for p in summary.pillars] == [
        ("infrastructure", 63, "Established"),
        ("talent", 28, "Emerging"),
    ]
    assert summary.pillars[0].score == 62.5  # the chart gets the frozen figure


def test_summary_without_any_score():
    summary = summarise(result(overall=None, level=None))
    assert summary.overall is None
    assert summary.level_rank is None
    assert summary.level_description == ""


def test_top_gaps_are_the_largest_with_ties_in_questionnaire_order():
    gaps = top_gaps(result())
    assert [g.code for g in gaps] == ["i2", "t1", "t4"]
    assert gaps[0].pillar == "Digital infrastructure"
    assert gaps[0].text == "Question i2?"
    assert gaps[0].answer == "Label i2"
    assert gaps[0].advice == ("Advice i2.",)
    assert gaps[0].points == 12.5


def test_top_gaps_leave_out_none_zero_and_dont_know():
    codes = [g.code for g in top_gaps(result(), n=10)]
    assert codes == ["i2", "t1", "t4", "i1"]
    assert "t2" not in codes  # "don't know" is listed as a thing to find out instead
    assert "i3" not in codes and "t3" not in codes and "i4" not in codes


def test_fewer_than_three_gaps():
    data = result()
    for pillar in data["pillars"]:
        pillar["questions"] = [q for q in pillar["questions"] if q["code"] == "i1"]
    assert [g.code for g in top_gaps(data)] == ["i1"]


def test_dont_know_items_in_questionnaire_order():
    data = result()
    data["pillars"][0]["questions"][0]["status"] = "dont_know"
    data["dont_know"] = ["t2", "i1"]
    items = dont_know_items(data)
    assert [(i.code, i.pillar, i.text) for i in items] == [
        ("i1", "Digital infrastructure", "Question i1?"),
        ("t2", "Digital talent", "Question t2?"),
    ]
    assert summarise(result(dont_know=[])).to_find_out == ()


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        ({"options": [], "number": 50.0, "unit": "%", "text": ""}, "50%"),
        ({"options": ["25% to 75%"], "number": 12.5, "unit": "staff", "text": ""}, "12.5 staff"),
        ({"options": [], "number": 3.0, "unit": "", "text": ""}, "3"),
        ({"options": ["E-mail", "Cloud storage"], "number": None, "unit": "", "text": ""}, None),
        ({"options": [], "number": None, "unit": "", "text": "Our own words"}, "Our own words"),
        ({}, ""),
    ],
)
def test_answer_text(answer, text):
    assert answer_text(answer) == (text if text is not None else "E-mail, Cloud storage")


def test_compare_matches_pillars_by_code_and_subtracts_the_shown_figures():
    before = result(overall=40.4)
    before["pillars"] = list(reversed(copy.deepcopy(before["pillars"])))  # order is irrelevant
    before["pillars"][0]["score"] = 30.5  # talent: 31 shown
    after = result(overall=45.5)
    comparison = compare(after, before)
    assert (comparison.overall.before, comparison.overall.after) == (40, 46)
    assert comparison.overall.delta == 6  # 46 - 40 as shown, not round(5.1)
    assert [(c.code, c.before, c.after, c.signed) for c in comparison.pillars] == [
        ("infrastructure", 63, 63, "±0"),
        ("talent", 31, 28, "−3"),
    ]
    assert comparison.same_questionnaire


def test_compare_with_a_pillar_the_earlier_version_lacked():
    before = result(questionnaire={"slug": "mekong-sme", "number": 1, "title": "Old"})
    before["pillars"] = before["pillars"][:1]
    after = result(questionnaire={"slug": "mekong-sme", "number": 2, "title": "New"})
    comparison = compare(after, before)
    talent = comparison.pillars[1]
    assert (talent.before, talent.after, talent.delta, talent.signed) == (None, 28, None, "–")
    assert not comparison.same_questionnaire
    assert comparison.previous_questionnaire == "Old v1"


def test_compare_when_a_score_is_missing():
    comparison = compare(result(), result(overall=None))
    assert comparison.overall.delta is None
    assert comparison.overall.signed == "–"


@pytest.mark.parametrize(
    ("delta", "text"), [(5, "+5"), (-3, "−3"), (0, "±0"), (None, "–"), (100, "+100")]
)
def test_signed(delta, text):
    assert signed(delta) == text
    if delta is not None:
        assert Change("x", "X", 0, delta).signed == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0.0, 0), (0.4, 0), (0.5, 1), (2.5, 3), (44.49, 44), (99.5, 100), (100, 100)],
)
def test_whole_rounds_half_up(value, expected):
    assert whole(value) == expected


def test_summary_does_not_change_the_result():
    data = result()
    frozen = copy.deepcopy(data)
    summarise(data)
    compare(data, result())
    assert data == frozen
