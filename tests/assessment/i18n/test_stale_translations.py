"""Stale translations: each remembers a fingerprint of the English it was made from, and an
edit of the English flags it in the admin list, the status page and the publish summary."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from assessment.authoring.versions import version_copy_as_draft
from assessment.models import (
    Option,
    OptionTranslation,
    PillarTranslation,
    Question,
    QuestionTranslation,
)
from assessment.models.fingerprint import is_stale, source_hash
from reports.models import Programme, ProgrammeTranslation

pytestmark = pytest.mark.django_db


def _edit_question(code: str, text: str) -> Question:
    question = Question.objects.get(code=code)
    question.text = text
    question.save()
    return question


def test_the_fingerprint_follows_every_field_of_the_english():
    english = {"text": "How?", "help_text": ""}
    assert source_hash(english) == source_hash({"help_text": None, "text": "How?"})
    assert not is_stale(source_hash(english), english)
    assert is_stale(source_hash(english), {"text": "How?", "help_text": "Say how."})
    assert is_stale("", english)  # no fingerprint: nobody knows what it translated


def test_loaded_translations_are_current_and_an_english_edit_makes_them_stale(translated):
    assert not any(row.is_stale() for row in QuestionTranslation.objects.all())
    _edit_question("inf-internet", "How does the firm get online?")
    stale = {
        (row.question.code, row.language)
        for row in QuestionTranslation.objects.select_related("question")
        if row.is_stale()
    }
    assert stale == {("inf-internet", lang) for lang in ("th", "vi", "km", "lo", "my", "zh-hans")}
    # Options, pillars and programmes are fingerprinted as well.
    option = Option.objects.get(question__code="inf-internet", code="fibre")
    option.advice = "Ask two providers for a quote."
    option.save()
    assert OptionTranslation.objects.get(option=option, language="vi").is_stale()
    programme = Programme.objects.get()
    programme.description += " Now with online sessions."
    programme.save()
    assert ProgrammeTranslation.objects.filter(programme=programme).exists()
    assert all(row.is_stale() for row in ProgrammeTranslation.objects.filter(programme=programme))


def test_saving_or_reviewing_a_translation_makes_it_current(translated, admin_client):
    _edit_question("inf-internet", "How does the firm get online?")
    row = QuestionTranslation.objects.get(question__code="inf-internet", language="th")
    response = admin_client.post(
        reverse("admin:assessment_questiontranslation_change", args=[row.pk]),
        {"question": row.question_id, "language": "th", "text": row.text, "status": "draft"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row.refresh_from_db()
    assert not row.is_stale()
    ids = list(
        QuestionTranslation.objects.filter(question__code="inf-internet").values_list(
            "pk", flat=True
        )
    )
    admin_client.post(
        reverse("admin:assessment_questiontranslation_changelist"),
        {"action": "mark_reviewed", "_selected_action": ids},
    )
    assert not any(
        row.is_stale() for row in QuestionTranslation.objects.filter(question__code="inf-internet")
    )


def test_the_admin_list_filters_and_marks_stale_translations(
    translated, admin_client, django_assert_max_num_queries
):
    _edit_question("tal-skills", "What digital skills do your people have?")
    url = reverse("admin:assessment_questiontranslation_changelist")
    with django_assert_max_num_queries(12):  # whatever the number of rows
        body = admin_client.get(url, {"stale": "yes"}).content.decode()
    assert body.count('class="field-up_to_date"') == 6
    assert body.count('alt="False"') == 6
    current = admin_client.get(url, {"stale": "no"}).content.decode()
    assert 'alt="False"' not in current
    assert current.count('class="field-up_to_date"') == QuestionTranslation.objects.count() - 6
    # The filter is offered on every translation list, the programme catalogue's too.
    programmes = admin_client.get(reverse("admin:reports_programmetranslation_changelist"))
    assert "?stale=yes" in programmes.content.decode()


def test_the_status_page_and_the_publish_summary_name_stale_translations(translated, admin_client):
    draft = version_copy_as_draft(translated)
    question = Question.objects.get(pillar__questionnaire=draft, code="tal-skills")
    question.text = "What digital skills do your people have?"
    question.save()
    assert QuestionTranslation.objects.filter(question=question).count() == 6
    status = admin_client.get(
        reverse("admin:assessment_questionnaireversion_translations", args=[draft.pk])
    ).content.decode()
    thai = status[status.index('id="lang-th"') : status.index('id="lang-vi"')]
    assert "question tal-skills" in thai.split('class="stale-list"')[1].split("</ul>")[0]
    summary = status[status.index('id="summary-km"') :].split("</tr>")[0]
    assert '<td class="stale">1</td>' in summary
    publish = admin_client.get(
        reverse("admin:assessment_questionnaireversion_publish", args=[draft.pk])
    ).content.decode()
    for lang in ("th", "vi", "km", "lo", "my", "zh-hans"):
        line = publish[publish.index(f'id="stale-{lang}"') :].split("</p>")[0]
        assert "question tal-skills" in line and "pillar" not in line


def test_copy_as_draft_keeps_whether_a_translation_is_stale(translated):
    _edit_question("inf-internet", "How does the firm get online?")
    copy = version_copy_as_draft(translated)
    copied = QuestionTranslation.objects.filter(question__pillar__questionnaire=copy)
    stale = {r.question.code for r in copied.select_related("question") if r.is_stale()}
    assert stale == {"inf-internet"}


def test_the_migration_takes_existing_translations_as_current(translated):
    PillarTranslation.objects.update(source_hash="")
    ProgrammeTranslation.objects.update(source_hash="")
    assert all(row.is_stale() for row in PillarTranslation.objects.all())
    for module in (
        "assessment.migrations.0012_backfill_translation_source_hash",
        "reports.migrations.0009_backfill_translation_source_hash",
    ):
        importlib.import_module(module).backfill(apps, None)
    assert not any(row.is_stale() for row in PillarTranslation.objects.all())
    assert not any(row.is_stale() for row in ProgrammeTranslation.objects.all())


def test_the_catalogues_status_page_counts_stale_programme_translations(translated, admin_client):
    programme = Programme.objects.get()
    programme.how_to_apply = "Apply online before March."
    programme.save()
    body = admin_client.get(reverse("admin:reports_programme_translations")).content.decode()
    for language in ("th", "vi", "km", "lo", "my", "zh-hans"):
        summary = body[body.index(f'id="summary-{language}"') :].split("</tr>")[0]
        assert '<td class="stale">1</td>' in summary
    thai = body[body.index('id="lang-th"') : body.index('id="lang-vi"')]
    assert programme.code in thai.split('class="stale-list"')[1].split("</ul>")[0]
