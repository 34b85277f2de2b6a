"""Questionnaire YAML: exact round trip, and clear errors that store nothing."""

from __future__ import annotations

import pytest

from assessment.authoring.questionnaire_yaml import (
    QuestionnaireFormatError,
    export_yaml,
    import_dict,
    import_yaml,
    parse_yaml,
)
from assessment.models import Assessment, Pillar, Question, QuestionnaireVersion
from tests.conftest import answer_all
from tests.report_helpers import answer_seed

pytestmark = pytest.mark.django_db


def _empty_database() -> None:
    Assessment.objects.all().delete()
    QuestionnaireVersion.objects.all().delete()
    assert not Question.objects.exists()


def test_round_trip_of_the_seed_questionnaire_is_exact(seeded):
    first = export_yaml(seeded)
    _empty_database()
    imported = import_yaml(first)
    assert export_yaml(imported) == first


def test_round_trip_of_every_question_type_is_exact(questionnaire):
    first = export_yaml(questionnaire)
    _empty_database()
    assert export_yaml(import_yaml(first)) == first


def test_export_keeps_order_weights_bands_and_kinds(questionnaire):
    data = parse_yaml(export_yaml(questionnaire))
    assert [p["code"] for p in data["pillars"]] == ["infrastructure", "talent"]
    talent = data["pillars"][1]
    assert talent["weight"] == 2
    assert talent["questions"][1]["weight"] == 2
    number = data["pillars"][0]["questions"][2]
    assert number["options"][1] == {
        "code": "mid",
        "label": "25% to 75%",
        "points": 2,
        "band_min": 25,
        "band_max": 75,
    }
    assert number["options"][3]["kind"] == "not_applicable"
    assert [lv["min_score"] for lv in data["levels"]] == [0, 20, 40, 60, 80]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda t: t + "\n  - [", "Not valid YAML"),
        (lambda t: "- a list\n", "must hold a mapping"),
        (
            lambda t: t.replace("slug: test-q", "slug: test-q\ncolour: blue"),
            r"unknown key\(s\) colour",
        ),
        (lambda t: t.replace("type: scale", "type: slider"), "question tal-skills: type"),
        (lambda t: t.replace("code: inf-tools", "code: inf-internet"), "used twice"),
        (lambda t: t.replace("points: 4", "points: many", 1), "question inf-internet"),
        (lambda t: t.replace("number: 9", "number: one"), "whole number"),
    ],
)
def test_bad_files_get_a_clear_error_and_store_nothing(questionnaire, mutate, message):
    text = mutate(export_yaml(questionnaire).replace("number: 1\n", "number: 9\n", 1))
    before = (QuestionnaireVersion.objects.count(), Pillar.objects.count())
    with pytest.raises(QuestionnaireFormatError, match=message):
        import_yaml(text)
    assert (QuestionnaireVersion.objects.count(), Pillar.objects.count()) == before


def test_option_points_above_the_maximum_are_refused(questionnaire):
    data = parse_yaml(export_yaml(questionnaire))
    data["number"] = 5
    data["pillars"][0]["questions"][0]["options"][2]["points"] = 9
    with pytest.raises(QuestionnaireFormatError, match="maximum"):
        import_dict(data)
    assert not QuestionnaireVersion.objects.filter(number=5).exists()


def test_importing_over_an_answered_version_is_refused(questionnaire, company):
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    with pytest.raises(QuestionnaireFormatError, match="exists already"):
        import_yaml(export_yaml(questionnaire))


def test_who_takes_the_step_and_its_cost_go_through_yaml_and_into_the_result(seeded, company):
    data = parse_yaml(export_yaml(seeded))
    question = data["pillars"][0]["questions"][0]
    assert (question["step_who"], question["step_effort"]) == ("owner", "low")
    advised = [
        q
        for p in data["pillars"]
        for q in p["questions"]
        if any(o.get("advice") for o in q.get("options", []))
    ]
    assert all(q.get("step_who") and q.get("step_effort") for q in advised)
    assessment = Assessment.objects.create(company=company, questionnaire=seeded)
    answer_seed(assessment, {})
    assert assessment.submit()
    frozen = assessment.result["pillars"][0]["questions"][0]
    assert (frozen["step_who"], frozen["step_effort"]) == ("owner", "low")


def test_an_unknown_step_vocabulary_is_refused(questionnaire):
    data = parse_yaml(export_yaml(questionnaire))
    data["number"] = 6
    data["pillars"][0]["questions"][0]["step_who"] = "the cat"
    with pytest.raises(QuestionnaireFormatError, match="step_who"):
        import_dict(data)
