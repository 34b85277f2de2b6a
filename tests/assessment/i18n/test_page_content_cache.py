"""A questionnaire page's content (pillars, questions, options, their translations) is
cached per version and language under the version's content stamp: an edit of the content
or of a translation, however it is made, shows on the next page, and a page read from the
cache runs fewer queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import (
    Assessment,
    Option,
    OptionTranslation,
    PillarTranslation,
    Question,
    QuestionnaireVersion,
    QuestionTranslation,
)
from assessment.models.content_stamp import restamp
from tests.i18n_helpers import load_fixture_translations

pytestmark = pytest.mark.django_db

THAI_QUESTION = "ธุรกิจเชื่อมต่ออินเทอร์เน็ตอย่างไร"


@pytest.fixture
def assessment(company, translated) -> Assessment:
    return Assessment.objects.create(company=company, questionnaire=translated)


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def _page(client, assessment, language: str = "th") -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("assessment_page", args=[assessment.pk, 1]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_read_again_takes_its_content_from_the_cache(owner, assessment):
    with CaptureQueriesContext(connection) as first:
        assert THAI_QUESTION in _page(owner, assessment)
    with CaptureQueriesContext(connection) as again:
        assert THAI_QUESTION in _page(owner, assessment)
    # The pillars, the outline, the page's questions and their options.
    assert len(again.captured_queries) <= len(first.captured_queries) - 4
    assert len(again.captured_queries) <= 10


def test_an_edited_translation_shows_on_the_next_page(owner, assessment):
    assert THAI_QUESTION in _page(owner, assessment)
    question = QuestionTranslation.objects.get(question__code="inf-internet", language="th")
    question.text = "คำถามที่แก้ไขแล้ว"
    question.save()
    option = OptionTranslation.objects.get(
        option__question__code="inf-internet", option__code="mobile", language="th"
    )
    option.label = "ตัวเลือกที่แก้ไขแล้ว"
    option.save()
    pillar = PillarTranslation.objects.get(pillar__code="infrastructure", language="th")
    pillar.name = "เสาหลักที่แก้ไขแล้ว"
    pillar.save()
    body = _page(owner, assessment)
    assert "คำถามที่แก้ไขแล้ว" in body and THAI_QUESTION not in body
    assert "ตัวเลือกที่แก้ไขแล้ว" in body
    assert "เสาหลักที่แก้ไขแล้ว" in body


def test_a_deleted_translation_falls_back_to_the_english_on_the_next_page(owner, assessment):
    assert THAI_QUESTION in _page(owner, assessment)
    QuestionTranslation.objects.get(question__code="inf-internet", language="th").delete()
    body = _page(owner, assessment)
    assert THAI_QUESTION not in body
    assert "How does the firm connect to the internet?" in body


def test_each_language_has_its_own_cached_page(owner, assessment):
    assert THAI_QUESTION in _page(owner, assessment, "th")
    body = _page(owner, assessment, "en")
    assert "How does the firm connect to the internet?" in body and THAI_QUESTION not in body
    assert THAI_QUESTION in _page(owner, assessment, "th")


def test_an_edit_of_a_version_without_answers_shows_on_the_next_page(owner, assessment):
    assert "Mobile data" in _page(owner, assessment, "en")
    question = Question.objects.get(
        pillar__questionnaire=assessment.questionnaire, code="inf-internet"
    )
    question.text = "How is the firm online?"
    question.save()
    option = Option.objects.get(question=question, code="mobile")
    option.label = "Phone data"
    option.save()
    body = _page(owner, assessment, "en")
    assert "How is the firm online?" in body and "Phone data" in body
    assert "Mobile data" not in body


def _stamp(version: QuestionnaireVersion) -> str:
    return QuestionnaireVersion.objects.values_list("content_stamp", flat=True).get(pk=version.pk)


def test_bulk_loads_and_raw_updates_restamp_the_version(translated, tmp_path):
    unchanged = _stamp(translated)
    load_fixture_translations(translated, tmp_path / "again")  # nothing new: same stamp
    assert _stamp(translated) == unchanged  # so seeding twice leaves identical data
    QuestionTranslation.objects.filter(question__pillar__questionnaire=translated).delete()
    before = _stamp(translated)
    load_fixture_translations(translated, tmp_path / "anew")  # bulk_create: no signals
    after = _stamp(translated)
    assert after != before
    # A change that skips save() (a data migration, a script) restamps by hand.
    restamp(QuestionnaireVersion.objects.filter(pk=translated.pk))
    assert _stamp(translated) not in (before, after)


def test_an_edit_of_another_version_leaves_this_ones_stamp(translated, conditional_questionnaire):
    before = _stamp(translated)
    question = Question.objects.filter(pillar__questionnaire=conditional_questionnaire).first()
    question.text = "Changed elsewhere?"
    question.save()
    assert _stamp(translated) == before
