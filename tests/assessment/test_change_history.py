"""Who changed which question, option, level or programme, and how (issue 17, item 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import MaturityLevel, Option, Question
from reports.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(questionnaire):
    return version_copy_as_draft(questionnaire)


def edit(obj, user, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user  # what the request middleware sets from the admin's request
    obj.save()


def test_editing_a_question_keeps_who_changed_what(admin_client, admin_user, draft):
    question = Question.objects.get(pillar__questionnaire=draft, code="inf-internet")
    before = question.text
    edit(question, admin_user, text="How do you connect to the internet at work?")
    records = list(question.history.order_by("history_date"))
    assert [r.text for r in records][-2:] == [before, "How do you connect to the internet at work?"]
    assert records[-1].history_user == admin_user
    page = admin_client.get(reverse("admin:assessment_question_history", args=[question.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert admin_user.email in html
    # The old and the new value, side by side.
    assert f"{before} &nbsp;&rarr;&nbsp;&nbsp;How do you connect" in " ".join(html.split())


@pytest.mark.parametrize("route", ["option", "maturitylevel"])
def test_options_and_levels_have_a_history_page(admin_client, admin_user, draft, route):
    if route == "option":
        obj = Option.objects.filter(question__pillar__questionnaire=draft).first()
        edit(obj, admin_user, label="Edited")
    else:
        obj = MaturityLevel.objects.filter(questionnaire=draft).first()
        edit(obj, admin_user, name="Edited")
    assert obj.history.count() >= 2
    page = admin_client.get(reverse(f"admin:assessment_{route}_history", args=[obj.pk]))
    assert page.status_code == 200
    assert admin_user.email in page.content.decode()


def test_a_programme_keeps_its_history(admin_client, admin_user):
    programme = Programme.objects.create(
        code="test-course",
        name="Test course",
        provider="Mekong Institute",
        provider_type="mi",
        kind="training",
        description="A course.",
        pillars=["talent"],
        source_urls=["https://mekonginstitute.org/"],
    )
    edit(programme, admin_user, url="https://mekonginstitute.org/courses/")
    records = list(programme.history.order_by("history_date"))
    assert [r.url for r in records] == ["", "https://mekonginstitute.org/courses/"]
    page = admin_client.get(reverse("admin:reports_programme_history", args=[programme.pk]))
    assert page.status_code == 200
    assert admin_user.email in page.content.decode()
