"""Conditions in the admin: the editor on questions and pillars, and the publish summary."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Question

pytestmark = pytest.mark.django_db


def test_publish_page_lists_conditions_changed_in_words(admin_client, conditional_questionnaire):
    draft = version_copy_as_draft(conditional_questionnaire)
    Question.objects.filter(pillar__questionnaire=draft, code="coop-foreign-partner").update(
        show_if={}
    )
    Question.objects.filter(pillar__questionnaire=draft, code="coop-marketplace-reviews").update(
        show_if={"question": "coop-online", "in": ["marketplace", "own-shop"]}
    )
    url = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    page = admin_client.get(url).content.decode()
    listed = page.split('id="conditions"')[1].split("</ul>")[0]
    assert "coop-foreign-partner: condition removed" in listed
    assert "the business exports or plans to" in listed
    assert "coop-marketplace-reviews: condition changed" in listed
    assert "“On a marketplace” or “In our own web shop”" in listed
