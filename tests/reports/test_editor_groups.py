"""The "Content editors" and "Publishers" groups: both edit drafts, only publishers publish."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Question, QuestionnaireVersion, QuestionTranslation, User
from reports.editors import (
    CONTENT_EDITOR_PERMISSIONS,
    CONTENT_EDITORS_GROUP,
    PUBLISHER_PERMISSIONS,
    PUBLISHERS_GROUP,
)
from reports.models import Programme
from tests.admin_forms import form_data
from tests.i18n_helpers import make_programme

pytestmark = pytest.mark.django_db


def permissions_of(group: Group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def member_of(client, name: str) -> User:
    email = f"{name.split()[0].lower()}@example.org"
    user = User.objects.create_user(email, "a-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name=name))
    client.force_login(user)
    return user


def test_both_groups_exist_after_migrate_and_only_publishers_publish():
    editors = permissions_of(Group.objects.get(name=CONTENT_EDITORS_GROUP))
    publishers = permissions_of(Group.objects.get(name=PUBLISHERS_GROUP))
    assert editors == set(CONTENT_EDITOR_PERMISSIONS)
    assert publishers == set(PUBLISHER_PERMISSIONS)
    assert publishers - editors == {("assessment", "publish_questionnaireversion")}
    for codename in ("change_question", "change_questiontranslation", "change_programme"):
        assert codename in {c for _, c in editors}
    call_command("migrate", verbosity=0)  # again: nothing doubles
    assert Group.objects.filter(name__in=[CONTENT_EDITORS_GROUP, PUBLISHERS_GROUP]).count() == 2


def test_a_content_editor_edits_a_draft_but_may_not_publish_it(client, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    member_of(client, CONTENT_EDITORS_GROUP)
    question = Question.objects.get(pillar__questionnaire=draft, code="inf-internet")
    url = reverse("admin:assessment_question_change", args=[question.pk])
    data = form_data(client.get(url).content.decode(), "question_form")
    data["text"] = "How does the firm get online?"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.text == "How does the firm get online?"
    # The translations and the catalogue are theirs too.
    make_programme()
    for name in ("assessment_questiontranslation", "reports_programme"):
        assert client.get(reverse(f"admin:{name}_add")).status_code == 200
    publish = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    assert client.get(publish).status_code == 403
    assert client.post(publish, {"confirm": "yes"}).status_code == 403
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "draft"
    assert Programme.objects.exists() and QuestionTranslation.objects.count() == 0


def test_a_publisher_edits_and_publishes(client, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    member_of(client, PUBLISHERS_GROUP)
    question = Question.objects.get(pillar__questionnaire=draft, code="inf-internet")
    url = reverse("admin:assessment_question_change", args=[question.pk])
    data = form_data(client.get(url).content.decode(), "question_form")
    data["text"] = "How does the firm get online?"
    assert client.post(url, data).status_code == 302
    publish = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    page = client.get(publish).content.decode()
    assert 'id="confirm-publish"' in page and "How does the firm get online?" in page
    client.post(publish, {"confirm": "yes"})
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "published"
