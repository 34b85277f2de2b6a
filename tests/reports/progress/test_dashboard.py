"""The dashboard of a firm that comes back: its trend and its plan's progress."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment
from reports.models import PlanMark
from tests.conftest import answer, answer_all

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def submit(company, questionnaire, days_ago: int, *, fibre: bool = False) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    if fibre:
        answer(assessment, "inf-internet", "fibre")
    assert assessment.submit()
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=moment)
    return assessment


def test_no_trend_before_a_submission(owner, company, questionnaire):
    html = owner.get(DASHBOARD).content.decode()
    assert 'id="trend"' not in html
    assert "charts.css" not in html


def test_the_trend_shows_every_submitted_assessment(owner, company, questionnaire):
    submit(company, questionnaire, 200)
    submit(company, questionnaire, 10, fibre=True)
    html = owner.get(DASHBOARD).content.decode()
    trend = html.split('id="trend"')[1].split("</section>")[0]
    assert "Digital infrastructure" in trend and "Digital talent" in trend
    assert trend.count("<tr>") == 3
    assert "charts.css" in html


def test_the_plan_progress_counts_the_latest_plan(owner, company, questionnaire):
    first = submit(company, questionnaire, 200)
    latest = submit(company, questionnaire, 10)
    PlanMark.objects.create(
        assessment=first, question_code="inf-internet", status="done", on=timezone.localdate()
    )
    html = owner.get(DASHBOARD).content.decode()
    assert "0 of" in html.split('id="plan-progress"')[1].split("</p>")[0]
    PlanMark.objects.create(
        assessment=latest, question_code="inf-internet", status="done", on=timezone.localdate()
    )
    progress = owner.get(DASHBOARD).content.decode().split('id="plan-progress"')[1]
    assert "1 of" in progress.split("</p>")[0]
    assert f"/assessments/{latest.pk}/results/#plan" in progress


def test_twenty_assessments_take_at_most_ten_queries(
    owner, company, questionnaire, django_assert_max_num_queries
):
    for days in range(20):
        submit(company, questionnaire, 400 - days * 15)
    with django_assert_max_num_queries(10):
        response = owner.get(DASHBOARD)
    assert response.status_code == 200
    assert response.content.decode().split('id="trend"')[1].count("<tr>") == 21
