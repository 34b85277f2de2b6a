"""Submitting freezes the scores; later questionnaire changes never move them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Assessment, Option, Question, QuestionnaireVersion
from tests.conftest import answer, answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(company, questionnaire) -> Assessment:
    return Assessment.objects.create(company=company, questionnaire=questionnaire)


def test_submit_freezes_scores_computed_by_the_documented_method(assessment):
    answer_all(assessment)
    assert assessment.submit() is True
    assessment.refresh_from_db()
    pillars = {p["code"]: p for p in assessment.result["pillars"]}
    # infrastructure: (2/4 + 3/3 + 2/4) / 3; talent: (3/4 * 1 + 0 * 2) / 3
    assert pillars["infrastructure"]["score"] == pytest.approx(66.7)
    assert pillars["talent"]["score"] == pytest.approx(25.0)
    # pillar weights 1 and 2
    assert assessment.overall_score == pytest.approx((200 / 3 + 2 * 25) / 3, abs=0.05)
    assert assessment.level == "Emerging"
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.submitted_at is not None
    assert assessment.result["profile"]["country"] == "LA"


def test_result_keeps_answer_labels_and_advice_for_the_report(assessment):
    answer_all(assessment)
    assessment.submit()
    questions = {q["code"]: q for p in assessment.result["pillars"] for q in p["questions"]}
    assert questions["inf-internet"]["answer"]["options"] == ["Mobile data"]
    assert questions["inf-internet"]["advice"] == ["Ask for fibre."]
    assert questions["inf-staff-online"]["answer"]["options"] == ["25% to 75%"]
    assert questions["inf-staff-online"]["answer"]["number"] == 50.0
    assert questions["tal-obstacle"]["status"] == "unscored"
    assert questions["tal-champion"]["gap"] > questions["tal-skills"]["gap"] > 0


def test_dont_know_answers_are_listed_in_the_result(assessment):
    answer_all(assessment)
    answer(assessment, "inf-internet", "dk")
    assessment.submit()
    assert assessment.result["dont_know"] == ["inf-internet"]


def test_submit_refuses_while_required_questions_are_unanswered(assessment):
    answer(assessment, "inf-internet", "fibre")
    with pytest.raises(ValidationError) as exc:
        assessment.submit()
    assert "still unanswered" in str(exc.value)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.result == {}


def test_optional_questions_may_stay_unanswered(assessment):
    answer_all(assessment)
    assessment.answers.filter(question__code="tal-champion").delete()
    assert assessment.submit() is True
    talent = next(p for p in assessment.result["pillars"] if p["code"] == "talent")
    assert talent["score"] == pytest.approx(75.0)


def test_submitting_twice_changes_nothing_the_second_time(assessment):
    answer_all(assessment)
    assert assessment.submit() is True
    first = (assessment.submitted_at, assessment.result)
    answer(assessment, "inf-internet", "fibre")  # even if an answer row were touched
    assert assessment.submit() is False
    assessment.refresh_from_db()
    assert (assessment.submitted_at, assessment.result) == first


def test_editing_via_new_version_leaves_submitted_scores_unchanged(assessment, questionnaire):
    answer_all(assessment)
    assessment.submit()
    before = (assessment.overall_score, assessment.level, assessment.result)

    draft = version_copy_as_draft(questionnaire)
    assert draft.number == 2 and draft.status == QuestionnaireVersion.Status.DRAFT
    # Change scoring in the draft: points, weights and a threshold.
    Option.objects.filter(question__pillar__questionnaire=draft, code="mobile").update(points=4)
    Question.objects.filter(pillar__questionnaire=draft, code="tal-champion").update(weight=5)
    draft.levels.filter(name="Emerging").update(min_score=50)
    draft.publish()

    questionnaire.refresh_from_db()
    assessment.refresh_from_db()
    assert questionnaire.status == QuestionnaireVersion.Status.RETIRED
    assert assessment.questionnaire_id == questionnaire.pk
    assert (assessment.overall_score, assessment.level, assessment.result) == before


def test_a_version_with_answers_refuses_changes_in_place(assessment, questionnaire):
    answer_all(assessment)
    option = Option.objects.get(question__pillar__questionnaire=questionnaire, code="mobile")
    option.points = 4
    with pytest.raises(ValidationError):
        option.save()
    with pytest.raises(ValidationError):
        option.full_clean()
    option.refresh_from_db()
    assert option.points == 2


def test_a_draft_version_can_change_freely(questionnaire):
    draft = version_copy_as_draft(questionnaire)
    option = Option.objects.get(question__pillar__questionnaire=draft, code="mobile")
    option.points = 3
    option.full_clean()
    option.save()
    assert Option.objects.get(pk=option.pk).points == 3


def test_publishing_retires_the_previous_version_and_keeps_one_published(questionnaire):
    second = version_copy_as_draft(questionnaire)
    third = version_copy_as_draft(questionnaire)
    assert (second.number, third.number) == (2, 3)
    second.publish()
    third.publish()
    statuses = dict(QuestionnaireVersion.objects.values_list("number", "status"))
    assert statuses == {1: "retired", 2: "retired", 3: "published"}


def test_publish_refuses_an_inconsistent_version(questionnaire):
    draft = version_copy_as_draft(questionnaire)
    Option.objects.filter(question__pillar__questionnaire=draft, code="fibre").update(points=3)
    with pytest.raises(ValidationError) as exc:
        draft.publish()
    assert "no option reaches the maximum" in str(exc.value)
    draft.refresh_from_db()
    assert draft.status == QuestionnaireVersion.Status.DRAFT


def test_new_version_leaves_draft_assessments_on_their_version(assessment, questionnaire):
    answer(assessment, "inf-internet", "fibre")
    version_copy_as_draft(questionnaire).publish()
    assessment.refresh_from_db()
    assert assessment.questionnaire_id == questionnaire.pk
