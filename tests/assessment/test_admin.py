"""The admin as authoring tool: inlines, actions, locking, refusing to lose answers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import export_yaml
from assessment.authoring.versions import version_copy_as_draft
from assessment.models import (
    AdviceVariant,
    Answer,
    Assessment,
    Option,
    Question,
    QuestionnaireVersion,
)
from reports.models import Programme
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(company, questionnaire) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    return assessment


def _action(client, action: str, *pks: int):
    return client.post(
        reverse("admin:assessment_questionnaireversion_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in pks]},
        follow=True,
    )


@pytest.mark.parametrize(
    "name",
    [
        "assessment_questionnaireversion",
        "assessment_pillar",
        "assessment_question",
        "assessment_option",
        "assessment_company",
        "assessment_assessment",
        "assessment_cohort",
        "assessment_user",
        "reports_programme",
    ],
)
def test_every_changelist_and_add_form_opens(admin_client, answered, name):
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_change_forms_open_with_their_inlines(admin_client, questionnaire):
    pillar = questionnaire.pillars.first()
    question = pillar.questions.first()
    for url, expected in [
        (
            reverse("admin:assessment_questionnaireversion_change", args=[questionnaire.pk]),
            "Digital talent",
        ),
        (reverse("admin:assessment_pillar_change", args=[pillar.pk]), question.code),
        (reverse("admin:assessment_question_change", args=[question.pk]), "Mobile data"),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert expected in response.content.decode()


def test_question_search_and_filters(admin_client, questionnaire):
    url = reverse("admin:assessment_question_changelist")
    response = admin_client.get(url, {"q": "digital champion"})
    assert "tal-champion" in response.content.decode()
    assert "inf-internet" not in response.content.decode()
    response = admin_client.get(url, {"type__exact": "number"})
    assert "inf-staff-online" in response.content.decode()
    assert "tal-skills" not in response.content.decode()


def test_deleting_an_answered_question_is_refused_and_nothing_is_lost(admin_client, answered):
    question = Question.objects.get(code="inf-internet")
    url = reverse("admin:assessment_question_delete", args=[question.pk])
    page = admin_client.get(url).content.decode()
    assert "Cannot delete" in page
    response = admin_client.post(url, {"post": "yes"})
    assert "Cannot delete" in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()
    assert Answer.objects.filter(question=question).count() == 1


def test_deleting_an_answered_option_is_refused(admin_client, answered):
    option = Option.objects.get(question__code="inf-internet", code="mobile")
    url = reverse("admin:assessment_option_delete", args=[option.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert "Cannot delete" in response.content.decode()
    assert Option.objects.filter(pk=option.pk).exists()


def test_bulk_delete_of_answered_questions_is_refused(admin_client, answered):
    pks = list(Question.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:assessment_question_changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert "Cannot delete" in response.content.decode()
    assert Question.objects.count() == len(pks)


def test_unanswered_question_of_a_locked_version_cannot_be_deleted(admin_client, answered):
    question = Question.objects.get(code="tal-obstacle")  # never answered
    url = reverse("admin:assessment_question_delete", args=[question.pk])
    response = admin_client.post(url, {"post": "yes"})
    body = response.content.decode()
    assert "Cannot delete" in body and "copy as new draft" in body
    assert Question.objects.filter(pk=question.pk).exists()


def test_deleting_an_unanswered_question_of_a_draft_works(admin_client, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    question = Question.objects.get(pillar__questionnaire=draft, code="tal-obstacle")
    url = reverse("admin:assessment_question_delete", args=[question.pk])
    admin_client.post(url, {"post": "yes"})
    assert not Question.objects.filter(pk=question.pk).exists()


def test_locked_version_is_read_only_in_the_admin(admin_client, answered, questionnaire):
    question = Question.objects.get(code="inf-internet")
    url = reverse("admin:assessment_question_change", args=[question.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="text"' not in page  # rendered read-only
    response = admin_client.post(url, {"text": "Changed", "pillar": question.pillar_id})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.text != "Changed"
    version_page = admin_client.get(
        reverse("admin:assessment_questionnaireversion_change", args=[questionnaire.pk])
    ).content.decode()
    assert "copy as new draft" in version_page


def test_publish_action_asks_first_and_only_the_confirmation_publishes(admin_client, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    Question.objects.filter(pillar__questionnaire=draft, code="inf-internet").update(
        text="How do you connect?"
    )
    Option.objects.filter(
        question__pillar__questionnaire=draft, question__code="inf-tools", code="erp"
    ).update(points=3)
    response = _action(admin_client, "publish", draft.pk)
    page = response.content.decode()
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "draft"  # not yet
    assert "How do you connect?" in page.split('id="reworded"')[1]
    assert "inf-tools: option erp points 2 → 3" in page
    assert 'id="coverage"' in page and 'id="consequences"' in page
    url = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    done = admin_client.post(url, {"confirm": "yes"}, follow=True)
    assert "is now published" in done.content.decode()
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "published"
    assert QuestionnaireVersion.objects.get(pk=questionnaire.pk).status == "retired"


def test_publish_page_explains_what_blocks_publication(admin_client, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    draft.levels.all().delete()
    response = _action(admin_client, "publish", draft.pk)
    assert "has no maturity levels" in response.content.decode()
    assert 'id="confirm-publish"' not in response.content.decode()
    url = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    admin_client.post(url, {"confirm": "yes"})
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "draft"


def test_only_a_publisher_may_publish(client, questionnaire):
    from django.contrib.auth.models import Permission

    from assessment.models import User

    draft = version_copy_as_draft(questionnaire)
    editor = User.objects.create_user("editor@example.org", "editor-password-1", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_questionnaireversion", "change_questionnaireversion"]
        )
    )
    client.force_login(editor)
    url = reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:assessment_questionnaireversion_changelist"))
    assert "Publish…" not in changelist.content.decode()  # the action is not offered
    editor.user_permissions.add(Permission.objects.get(codename="publish_questionnaireversion"))
    editor = User.objects.get(pk=editor.pk)  # permissions are cached on the instance
    client.force_login(editor)
    client.post(url, {"confirm": "yes"})
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == "published"


def test_copy_action_makes_a_draft_with_the_same_content(admin_client, questionnaire):
    response = _action(admin_client, "copy_as_new_draft", questionnaire.pk)
    assert "copied as draft test-q v2" in response.content.decode()
    copy = QuestionnaireVersion.objects.get(number=2)
    assert copy.status == "draft" and copy.copied_from == questionnaire
    assert export_yaml(copy).replace("number: 2", "number: 1") == export_yaml(questionnaire)


def test_preview_shows_every_question_as_a_respondent_sees_it(admin_client, questionnaire):
    response = _action(admin_client, "preview", questionnaire.pk)
    body = response.content.decode()
    for question in Question.objects.filter(pillar__questionnaire=questionnaire):
        assert question.text in body
    assert "Pillar 1 of 2" in body and 'type="checkbox"' in body


def test_export_downloads_yaml(admin_client, questionnaire):
    url = reverse("admin:assessment_questionnaireversion_export", args=[questionnaire.pk])
    response = admin_client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="test-q-v1.yaml"'
    assert response.content.decode() == export_yaml(questionnaire)


def test_import_creates_a_draft_and_bad_files_get_clear_errors(admin_client, questionnaire):
    url = reverse("admin:assessment_questionnaireversion_import")
    text = export_yaml(questionnaire)
    same = admin_client.post(url, {"file": SimpleUploadedFile("q.yaml", text.encode())})
    assert "exists already" in same.content.decode()
    new = text.replace("number: 1", "number: 7")
    response = admin_client.post(
        url, {"file": SimpleUploadedFile("q.yaml", new.encode())}, follow=True
    )
    assert "Imported test-q v7 as a draft" in response.content.decode()
    assert QuestionnaireVersion.objects.get(number=7).status == "draft"
    broken = admin_client.post(url, {"file": SimpleUploadedFile("q.yaml", b"pillars: [")})
    assert "Not valid YAML" in broken.content.decode()
    assert QuestionnaireVersion.objects.count() == 2


def test_respondents_cannot_open_the_admin(client, user):
    client.force_login(user)
    url = reverse("admin:assessment_questionnaireversion_changelist")
    assert client.get(url).status_code == 302


# The programme form's inline of translations, empty.
NO_TRANSLATIONS = {"translations-TOTAL_FORMS": "0", "translations-INITIAL_FORMS": "0"}


def test_programme_is_editable_with_targeting_validated(admin_client):
    url = reverse("admin:reports_programme_add")
    data = {
        "name": "Test course",
        "code": "test-course",
        "provider": "Mekong Institute",
        "provider_type": "mi",
        "kind": "training",
        "delivery": "online",
        "description": "A course.",
        "pillars": ["talent"],
        "countries": ["LA", "KH"],
        "min_score": "0",
        "max_score": "60",
        "priority": "0",
        "source_urls": "https://example.org/a\nnot a url",
        **NO_TRANSLATIONS,
    }
    response = admin_client.post(url, data)
    assert "is not a web address" in response.content.decode()
    assert 'value="Test course"' in response.content.decode()  # nothing typed is lost
    data["source_urls"] = "https://example.org/a\nhttps://example.org/b"
    admin_client.post(url, data)
    programme = Programme.objects.get(code="test-course")
    assert programme.countries == ["LA", "KH"]
    assert programme.source_urls == ["https://example.org/a", "https://example.org/b"]


def test_programme_score_range_must_be_ordered(admin_client):
    response = admin_client.post(
        reverse("admin:reports_programme_add"),
        {
            "name": "X",
            "code": "x",
            "provider": "MI",
            "provider_type": "mi",
            "kind": "training",
            "delivery": "online",
            "description": "d",
            "pillars": ["talent"],
            "min_score": "70",
            "max_score": "20",
            **NO_TRANSLATIONS,
            "priority": "0",
            "source_urls": "https://example.org",
        },
    )
    assert "must not be below" in response.content.decode()
    assert not Programme.objects.exists()


def test_answered_assessment_shows_read_only_scores(admin_client, answered):
    answered.submit()
    url = reverse("admin:assessment_assessment_change", args=[answered.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="overall_score"' not in page
    assert "Emerging" in page


def test_publish_page_lists_advice_variant_changes(admin_client, questionnaire):
    draft = version_copy_as_draft(questionnaire)
    erp = Option.objects.get(
        question__pillar__questionnaire=draft, question__code="inf-tools", code="erp"
    )
    AdviceVariant.objects.create(
        option=erp, size_bands=["medium", "large"], advice="Link the ERP to your suppliers."
    )
    page = _action(admin_client, "publish", draft.pk).content.decode()
    listed = page.split('id="advice-variants"')[1].split("</ul>")[0]
    assert "inf-tools: option erp: variant for medium, large; any sector added" in listed
    assert "Link the ERP to your suppliers." in listed
