"""Conditions in the questionnaire file, on publishing, and in a submitted result (issue 17)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assessment.authoring.questionnaire_schema import QuestionnaireFormatError
from assessment.authoring.questionnaire_yaml import export_yaml, import_dict, import_yaml
from assessment.models import Assessment, Question, QuestionnaireVersion
from tests.conftest import answer, answer_all, conditional_questionnaire_data


def _question(data: dict, code: str) -> dict:
    return next(q for p in data["pillars"] for q in p["questions"] if q["code"] == code)


def test_conditions_round_trip_through_the_yaml(db) -> None:
    version = import_dict(conditional_questionnaire_data())
    text = export_yaml(version)
    assert "show_if:\n" in text and "question: coop-online" in text
    assert "profile: exports" in text
    version.slug = "moved"
    version.save()
    again = import_yaml(text)
    assert export_yaml(again) == text
    question = again.pillars.get(code="cooperation").questions.get(code="coop-foreign-partner")
    assert question.show_if == {"profile": "exports", "in": ["yes", "planning"]}


@pytest.mark.parametrize(
    ("show_if", "message"),
    [
        (
            {"question": "coop-foreign-partner", "in": ["yes"]},
            "question coop-marketplace-reviews: names question “coop-foreign-partner”, which "
            "is not an earlier question",
        ),
        ({"question": "nowhere", "in": ["yes"]}, "names question “nowhere”"),
        ({"question": "coop-online", "in": ["web"]}, "has no option “web”"),
        ({"profile": "exports", "in": [True]}, "exports cannot be True"),
        ("exporters", "expected a condition"),
    ],
)
def test_a_bad_condition_in_a_file_names_the_question_and_stores_nothing(
    db, show_if: object, message: str
) -> None:
    data = conditional_questionnaire_data()
    _question(data, "coop-marketplace-reviews")["show_if"] = show_if
    with pytest.raises(QuestionnaireFormatError) as excinfo:
        import_dict(data)
    assert message.lower() in str(excinfo.value).lower()
    assert "coop-marketplace-reviews" in str(excinfo.value)
    assert not QuestionnaireVersion.objects.exists()


def test_publishing_refuses_a_condition_that_names_a_later_question(db) -> None:
    version = import_dict(conditional_questionnaire_data())
    first = Question.objects.get(pillar__questionnaire=version, code="inf-internet")
    first.show_if = {"question": "coop-online", "in": ["no"]}
    first.full_clean()  # well formed: only the publish check knows the order
    first.save()
    with pytest.raises(ValidationError) as excinfo:
        version.publish()
    assert "Question inf-internet: names question “coop-online”" in " ".join(excinfo.value.messages)
    version.refresh_from_db()
    assert version.status == QuestionnaireVersion.Status.DRAFT


def test_a_malformed_condition_is_refused_on_save_in_the_admin_s_terms(db) -> None:
    version = import_dict(conditional_questionnaire_data())
    question = Question.objects.get(pillar__questionnaire=version, code="tal-skills")
    question.show_if = {"profile": "turnover", "in": ["big"]}
    with pytest.raises(ValidationError, match="unknown profile field “turnover”"):
        question.full_clean()


def _submit(version: QuestionnaireVersion, company, exports: str) -> Assessment:
    company.exports = exports
    company.save()
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    answer_all(assessment)
    answer(assessment, "coop-online", "no")
    answer(assessment, "coop-marketplace-reviews", "no")  # stored, but not asked
    answer(assessment, "coop-foreign-partner", "no")
    assessment.submit()
    return assessment


def test_a_domestic_firm_is_not_scored_down_for_export_questions(
    conditional_questionnaire, company
) -> None:
    domestic = _submit(conditional_questionnaire, company, "no")
    pillar = next(p for p in domestic.result["pillars"] if p["code"] == "cooperation")
    statuses = {q["code"]: q["status"] for q in pillar["questions"]}
    assert statuses == {
        "coop-online": "scored",
        "coop-marketplace-reviews": "not_asked",
        "coop-foreign-partner": "not_asked",
    }
    assert pillar["score"] == 0.0  # only the one question that applies counts
    assert domestic.answers.count() == 8  # the hidden answers are kept


def test_an_exporter_is_asked_and_scored_on_export_questions(
    conditional_questionnaire, company
) -> None:
    exporter = _submit(conditional_questionnaire, company, "yes")
    pillar = next(p for p in exporter.result["pillars"] if p["code"] == "cooperation")
    statuses = {q["code"]: q["status"] for q in pillar["questions"]}
    assert statuses["coop-foreign-partner"] == "scored"
    assert statuses["coop-marketplace-reviews"] == "not_asked"  # sells online: no


def test_a_question_that_is_not_asked_is_not_required(conditional_questionnaire, company) -> None:
    company.exports = "no"
    company.save()
    assessment = Assessment.objects.create(company=company, questionnaire=conditional_questionnaire)
    answer_all(assessment)
    answer(assessment, "coop-online", "own-shop")
    assert assessment.missing_required() == []
    company.exports = "planning"
    company.save()
    assert [q.code for q in assessment.missing_required()] == ["coop-foreign-partner"]
    answer(assessment, "coop-online", "marketplace")
    assert [q.code for q in assessment.missing_required()] == [
        "coop-marketplace-reviews",
        "coop-foreign-partner",
    ]
