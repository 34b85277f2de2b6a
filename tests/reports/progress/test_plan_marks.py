"""Marking the plan on the results page: owner only, no JavaScript, nothing lost."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, Company, User
from reports.models import PlanMark
from tests.conftest import answer, answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    return assessment


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def mark_url(assessment, code="inf-internet") -> str:
    return reverse("plan_mark", args=[assessment.pk, code])


def results(assessment) -> str:
    return reverse("assessment_results", args=[assessment.pk])


def today() -> str:
    return timezone.localdate().isoformat()


def test_the_results_page_shows_the_plan_with_a_form_per_action(owner, submitted):
    page = owner.get(results(submitted)).content.decode()
    assert 'id="plan"' in page
    assert 'id="plan-inf-internet"' in page
    assert mark_url(submitted) in page
    assert "0 of" in page.split('id="plan-tally"')[1].split("</p>")[0]


def test_marking_an_action_done_shows_on_the_page(owner, submitted):
    response = owner.post(mark_url(submitted), {"status": "done", "on": today()})
    assert response.status_code == 302
    assert response.url.endswith("#plan-inf-internet")
    mark = PlanMark.objects.get(assessment=submitted, question_code="inf-internet")
    assert (mark.status, mark.on) == ("done", timezone.localdate())
    page = owner.get(results(submitted)).content.decode()
    assert "1 of" in page.split('id="plan-tally"')[1].split("</p>")[0]


def test_marking_again_changes_the_mark_and_not_started_removes_it(owner, submitted):
    owner.post(mark_url(submitted), {"status": "in_progress", "on": today()})
    owner.post(mark_url(submitted), {"status": "done", "on": today()})
    assert PlanMark.objects.get(assessment=submitted).status == "done"
    owner.post(mark_url(submitted), {"status": "", "on": today()})
    assert not PlanMark.objects.filter(assessment=submitted).exists()


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ((timezone.localdate() + datetime.timedelta(days=3)).isoformat(), "in the future"),
        ("2001-01-01", "cannot be before the assessment"),
        ("yesterday-ish", "Enter a valid date"),
    ],
)
def test_a_bad_date_is_refused_with_the_typed_value_kept(owner, submitted, on, message):
    response = owner.post(mark_url(submitted), {"status": "done", "on": on})
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert f'value="{on}"' in text
    assert not PlanMark.objects.exists()


def test_a_tampered_status_is_refused(owner, submitted):
    response = owner.post(mark_url(submitted), {"status": "finished!", "on": today()})
    assert response.status_code == 400
    assert not PlanMark.objects.exists()


def test_an_action_not_in_the_plan_is_a_404(owner, submitted):
    response = owner.post(mark_url(submitted, "no-such-action"), {"status": "done", "on": today()})
    assert response.status_code == 404
    # A question with no gap has no action either ("cloud" and "email" ticked: no advice).
    response = owner.post(mark_url(submitted, "tal-skills"), {"status": "done", "on": today()})
    assert response.status_code == 404
    assert not PlanMark.objects.exists()


def test_another_firms_plan_cannot_be_marked(client, submitted):
    other = User.objects.create_user("other@example.org", "a-long-password-2")
    Company.objects.create(
        owner=other, name="Other", country="TH", sector="trade", size_band="micro"
    )
    client.force_login(other)
    response = client.post(mark_url(submitted), {"status": "done", "on": today()})
    assert response.status_code == 404
    assert not PlanMark.objects.exists()


def test_marking_needs_a_post(owner, submitted):
    assert owner.get(mark_url(submitted)).status_code == 405


def test_the_next_assessment_shows_what_was_done_and_what_moved(owner, submitted, company):
    owner.post(mark_url(submitted), {"status": "done", "on": today()})
    newer = Assessment.objects.create(company=company, questionnaire=submitted.questionnaire)
    answer_all(newer)
    answer(newer, "inf-internet", "fibre")  # the action worked
    assert newer.submit()
    page = owner.get(results(newer)).content.decode()
    section = page.split('id="followed-up"')[1].split("</section>")[0]
    assert "How does the firm connect to the internet?" in section
    assert "moved up: 50 → 100" in section
