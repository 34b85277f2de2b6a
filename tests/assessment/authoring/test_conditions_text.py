"""Conditions in words (assessment/authoring/conditions_text.py), in English and in Thai."""

from __future__ import annotations

from django.utils import translation

from assessment.authoring.conditions_text import QuestionLabels, describe, not_applicable_reason

LABELS = {
    "coop-online": QuestionLabels(
        "Do you sell online?", {"no": "No", "marketplace": "On a marketplace"}
    ),
    "staff": QuestionLabels("How many staff use a computer?"),
}


def test_exporters_in_words():
    condition = {"profile": "exports", "in": ["yes", "planning"]}
    assert describe(condition, LABELS) == "Asked only if the business exports or plans to."


def test_an_earlier_answer_is_quoted_with_its_labels():
    condition = {"question": "coop-online", "in": ["marketplace", "no"]}
    assert describe(condition, LABELS) == (
        "Asked only if you answered “On a marketplace” or “No” to “Do you sell online?”."
    )


def test_combinations_and_other_fields():
    condition = {
        "all": [
            {"profile": "country", "in": ["TH", "KH"]},
            {"any": [{"profile": "women_led", "in": [True]}, {"question": "staff", "gte": 5}]},
            {"question": "coop-online", "not_in": ["no"]},
        ]
    }
    assert describe(condition, LABELS) == (
        "Asked only if the business's country is Thailand or Cambodia and "
        "(the business is women-led or your answer to “How many staff use a computer?” "
        "is at least 5) and you answered “Do you sell online?” with something other than “No”."
    )


def test_an_unknown_question_is_named_by_its_code():
    assert "“gone”" in describe({"question": "gone", "in": ["x"]}, {})


def test_always_is_empty():
    assert describe({}, LABELS) == ""
    assert describe(None, LABELS) == ""


def test_reason_in_thai_is_translated():
    condition = {"profile": "exports", "in": ["yes", "planning"]}
    english = not_applicable_reason(condition, LABELS)
    with translation.override("th"):
        thai = not_applicable_reason(condition, LABELS)
    assert english.startswith("Not asked")
    assert thai != english and any("\u0e00" <= c <= "\u0e7f" for c in thai)
