"""The admin's preview of a draft, in any of the seven languages: the content in that
language's translations (English where one is missing) and the respondent's own words
from that language's catalogue."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import Question, QuestionTranslation

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "th", "vi", "km", "lo", "my", "zh-hans")


def _preview(client, version, language: str | None):
    url = reverse("admin:assessment_questionnaireversion_preview", args=[version.pk])
    return client.get(url, {"lang": language} if language else {})


def test_a_draft_previews_in_each_language_with_its_translations_and_ui_words(
    translated, admin_client
):
    draft = version_copy_as_draft(translated)
    english = Question.objects.get(pillar__questionnaire=draft, code="tal-skills").text
    for language in LANGUAGES:
        body = _preview(admin_client, draft, language).content.decode()
        preview = body[body.index(f'id="preview-{language}"') :]
        with translation.override(language):
            pillar_line = translation.gettext("Pillar %(index)s of %(count)s") % {
                "index": 1,
                "count": 2,
            }
            optional = translation.gettext("Optional.")
        assert pillar_line in preview
        assert optional in preview  # the small questionnaire has an optional question
        if language == "en":
            assert english in preview
            continue
        assert pillar_line != "Pillar 1 of 2"
        text = QuestionTranslation.objects.get(
            question__pillar__questionnaire=draft, question__code="tal-skills", language=language
        ).text
        assert text in preview and english not in preview
        # Every language is one link away.
        for code in LANGUAGES:
            assert f'href="?lang={code}"' in body


def test_a_missing_translation_shows_the_english_as_a_respondent_would(translated, admin_client):
    QuestionTranslation.objects.filter(question__code="tal-skills", language="lo").delete()
    english = Question.objects.get(code="tal-skills").text
    body = _preview(admin_client, translated, "lo").content.decode()
    assert english in body[body.index('id="preview-lo"') :]


def test_the_admin_around_the_preview_keeps_its_language_and_an_unknown_one_is_404(
    translated, admin_client
):
    body = _preview(admin_client, translated, "th").content.decode()
    assert "This is how a respondent sees version" in body
    assert _preview(admin_client, translated, "fr").status_code == 404
    assert _preview(admin_client, translated, None).status_code == 200


def test_the_preview_costs_the_same_queries_whatever_the_language(
    translated, admin_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert _preview(admin_client, translated, "my").status_code == 200
