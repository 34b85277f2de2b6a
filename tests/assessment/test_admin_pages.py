"""Admin pages an officer can read: a refused deletion names a few answers, not
thousands; an assessment links to its results and reports instead of showing JSON; the
question tables fit the screen."""

from __future__ import annotations

import itertools
import re

import pytest
from django.urls import reverse

from assessment.models import Answer, Assessment, Company, Question, User
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def answered_by(questionnaire, firms: int) -> None:
    for _ in range(firms):
        n = next(_numbers)
        owner = User.objects.create_user(f"firm{n}@example.org", None)
        company = Company.objects.create(
            owner=owner, name=f"Firm {n}", country="LA", sector="trade", size_band="micro"
        )
        answer_all(Assessment.objects.create(company=company, questionnaire=questionnaire))


def test_a_refused_deletion_names_a_few_answers_and_counts_the_rest(admin_client, questionnaire):
    answered_by(questionnaire, 40)
    question = Question.objects.get(code="inf-internet")
    page = admin_client.get(reverse("admin:assessment_question_delete", args=[question.pk]))
    text = page.content.decode()
    assert "Cannot delete" in text
    listed = text.split('id="deleted-objects"')[1].split("</ul>")[0]
    # 40 answers and their 40 ticked options (and the version's lock) block it.
    assert re.search(r"… and 7\d more</li>", listed)
    assert listed.count("<li>") == 11
    assert len(text) < 60_000
    assert Answer.objects.filter(question=question).count() == 40


def test_an_assessment_links_to_its_results_and_reports_not_its_json(
    admin_client, company, questionnaire
):
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    draft_page = admin_client.get(
        reverse("admin:assessment_assessment_change", args=[assessment.pk])
    ).content.decode()
    assert "A draft: no results yet." in draft_page
    assert assessment.submit()
    page = admin_client.get(
        reverse("admin:assessment_assessment_change", args=[assessment.pk])
    ).content.decode()
    assert reverse("assessment_results", args=[assessment.pk]) in page
    assert reverse("report_download", args=[assessment.pk, "en"]) in page
    assert reverse("report_download_full", args=[assessment.pk, "en"]) in page
    assert '"pillars"' not in page and "&quot;pillars&quot;" not in page


@pytest.mark.parametrize("route", ["question", "pillar", "questionnaireversion"])
def test_questionnaire_pages_load_the_stylesheet_that_fits_their_tables(
    admin_client, questionnaire, route
):
    obj = {
        "question": lambda: Question.objects.first(),
        "pillar": lambda: questionnaire.pillars.first(),
        "questionnaireversion": lambda: questionnaire,
    }[route]()
    page = admin_client.get(reverse(f"admin:assessment_{route}_change", args=[obj.pk]))
    assert "css/admin.css" in page.content.decode()
