"""Publishing refuses a version whose scoring would break the method's promises."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Option, Question

pytestmark = pytest.mark.django_db


def _problems(version) -> str:
    with pytest.raises(ValidationError) as exc:
        version.publish()
    return " ".join(exc.value.messages)


@pytest.fixture
def draft(questionnaire):
    return version_copy_as_draft(questionnaire)


def _opts(draft, code):
    return Option.objects.filter(question__pillar__questionnaire=draft, question__code=code)


def test_the_fixture_questionnaire_is_valid(draft):
    assert draft.validation_problems() == []


def test_number_bands_with_a_gap_are_refused(draft):
    _opts(draft, "inf-staff-online").filter(code="mid").update(band_min=30)
    assert "bands must join up" in _problems(draft)


def test_a_closed_top_band_that_stops_short_is_refused(draft):
    _opts(draft, "inf-staff-online").filter(code="high").update(band_max=90)
    assert "highest band must reach past" in _problems(draft)


def test_bands_that_start_above_the_minimum_are_refused(draft):
    _opts(draft, "inf-staff-online").filter(code="low").update(band_min=5)
    assert "lowest band must start at" in _problems(draft)


def test_a_scale_needs_five_statements_scoring_0_to_4(draft):
    _opts(draft, "tal-skills").filter(code="l2").delete()
    assert "five statements" in _problems(draft)


def test_a_yes_no_question_has_two_options(draft):
    question = Question.objects.get(pillar__questionnaire=draft, code="tal-champion")
    Option.objects.create(question=question, code="maybe", label="Maybe", points=2)
    assert "two options" in _problems(draft)


def test_multiple_choice_must_be_able_to_reach_the_maximum(draft):
    Question.objects.filter(pillar__questionnaire=draft, code="inf-tools").update(max_points=4)
    _opts(draft, "inf-tools").filter(code="erp").delete()
    assert "cannot reach the maximum" in _problems(draft)


def test_none_of_these_belongs_to_multiple_choice_only(draft):
    _opts(draft, "inf-internet").filter(code="dk").update(kind="none")
    assert "multiple choice only" in _problems(draft)


def test_none_of_these_scores_zero():
    option = Option(code="none", label="None", kind="none", points=2)
    with pytest.raises(ValidationError, match="score 0"):
        option.clean()


def test_bands_on_a_non_number_question_are_refused(draft):
    _opts(draft, "inf-internet").filter(code="fibre").update(band_min=1)
    assert "only number questions have bands" in _problems(draft)


def test_lowest_level_must_start_at_zero(draft):
    draft.levels.filter(min_score=0).update(min_score=1)
    assert "must start at 0" in _problems(draft)
