"""Fixtures shared by the PDF report tests."""

from __future__ import annotations

import pytest
from django_tasks.signals import task_started

from assessment.models import Assessment
from reports.pdf import tasks
from tests.conftest import answer_all


@pytest.fixture
def renders():
    """The render_report tasks started during the test."""
    started: list[str] = []

    def count(sender, task_result, **kwargs):
        if task_result.task.func is tasks.render_report.func:
            started.append(task_result.id)

    task_started.connect(count)
    yield started
    task_started.disconnect(count)


@pytest.fixture
def submitted(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    return assessment


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client
