"""The reader's language everywhere (issue 14): the results page, the dashboard and the
PDF come out in the language the reader chose (the switch, then the profile, then the
browser), not the one the assessment was answered in; level, pillar and programme names
and provider phrases included, with English where a translation is missing."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from assessment.models import Assessment, LevelTranslation, PillarTranslation, User
from reports.models import ProgrammeTranslation
from reports.pdf.render import render_report_html
from tests.conftest import answer_all
from tests.i18n_check import visible_text as _visible

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def submitted(translated, company) -> Assessment:
    """An assessment answered in Chinese: its stored language is zh-hans."""
    assessment = Assessment.objects.create(
        company=company, questionnaire=translated, language="zh-hans"
    )
    answer_all(assessment)
    assert assessment.submit()
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def owner(submitted) -> Client:
    client = Client()
    client.force_login(submitted.company.owner)
    return client


def visible_text(html: str) -> str:
    return " ".join(_visible(html).split())


def _level(assessment: Assessment, language: str) -> str:
    return LevelTranslation.objects.get(
        level__questionnaire=assessment.questionnaire,
        level__name=assessment.level,
        language=language,
    ).name


def _pillar(language: str, code: str = "infrastructure") -> str:
    return PillarTranslation.objects.get(pillar__code=code, language=language).name


def _programme(language: str) -> ProgrammeTranslation:
    return ProgrammeTranslation.objects.get(programme__code="test-programme", language=language)


def _results(client: Client, assessment: Assessment, **headers: str) -> str:
    response = client.get(reverse("assessment_results", args=[assessment.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def _pdf_text(
    client: Client, assessment: Assessment, query: str = "", **headers: str
) -> tuple[str, str]:
    """The language the reader's report link chose, and the PDF's text (pdftotext)."""
    url = reverse("report_in_reader_language", args=[assessment.pk]) + query
    link = client.get(url, **headers)
    assert link.status_code == 302
    language = link["Location"].rstrip("/").removesuffix("/full").rsplit("/", 1)[-1]
    response = client.get(link["Location"])
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed"
    text = subprocess.run(  # noqa: S603 (a fixed program on our own PDF)
        [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return language, " ".join(text.split())


def _squeezed(text: str) -> str:
    """The letters alone: text extraction splits Khmer and Lao clusters with spaces and
    drops or reorders their marks."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) in ("Lo", "Lu", "Ll"))


@pytest.mark.parametrize("language", ["km", "lo"])
def test_the_results_page_follows_the_switch_over_the_stored_language_and_the_browser(
    owner, submitted, language
):
    owner.cookies[COOKIE] = language
    body = _results(owner, submitted, HTTP_ACCEPT_LANGUAGE="th")
    assert f'<html lang="{language}">' in body
    text = visible_text(body)
    assert _level(submitted, language) in text
    assert _pillar(language) in text
    programme = _programme(language)
    # A translated name, then the official English name after it.
    assert f"{programme.name} (Test digital course)" in text
    assert programme.provider in text
    assert "Mekong Institute ·" not in text
    # The page says in which language and for which questionnaire version it was made.
    made_in = body.split('id="made-in">', 1)[1].split("</p>", 1)[0]
    assert dict(settings.LANGUAGES)[language] in made_in
    assert str(submitted.questionnaire.number) in made_in
    # Reading changes nothing stored: the assessment keeps the language it was answered in.
    submitted.refresh_from_db()
    assert submitted.language == "zh-hans"


def test_without_a_switch_the_profile_beats_the_browser(owner, submitted):
    user = submitted.company.owner
    User.objects.filter(pk=user.pk).update(preferred_language="km")
    assert '<html lang="km">' in _results(owner, submitted, HTTP_ACCEPT_LANGUAGE="lo,th;q=0.8")


def test_without_a_switch_or_a_profile_the_browser_decides_then_english(owner, submitted):
    assert '<html lang="lo">' in _results(owner, submitted, HTTP_ACCEPT_LANGUAGE="lo,th;q=0.8")
    assert '<html lang="en">' in _results(owner, submitted, HTTP_ACCEPT_LANGUAGE="de")
    # An unknown language in the cookie is no choice: the browser's counts.
    owner.cookies[COOKIE] = "xx"
    assert '<html lang="th">' in _results(owner, submitted, HTTP_ACCEPT_LANGUAGE="th")


def test_switching_on_the_dashboard_carries_to_the_results_page(owner, submitted):
    response = owner.post(reverse("set_language"), {"language": "km", "next": reverse("dashboard")})
    assert response.status_code == 302
    dashboard = owner.get(reverse("dashboard")).content.decode()
    assert '<html lang="km">' in dashboard
    assert _level(submitted, "km") in visible_text(dashboard)
    assert '<html lang="km">' in _results(owner, submitted)


@pytest.mark.parametrize("language", ["km", "lo"])
def test_the_dashboard_shows_each_level_in_the_readers_language(owner, submitted, language):
    owner.cookies[COOKIE] = language
    body = visible_text(owner.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="th").content.decode())
    assert _level(submitted, language) in body
    assert submitted.level not in body


def test_a_missing_translation_falls_back_to_english(owner, submitted):
    LevelTranslation.objects.filter(language="km").update(name="")
    PillarTranslation.objects.filter(pillar__code="infrastructure", language="km").delete()
    ProgrammeTranslation.objects.filter(language="km").update(name="", provider="")
    owner.cookies[COOKIE] = "km"
    text = visible_text(_results(owner, submitted))
    assert submitted.level in text
    assert "Digital infrastructure" in text
    # The English name alone: no "(original)" after an English name.
    assert "Test digital course (Test digital course)" not in text
    assert "Test digital course" in text
    assert "Mekong Institute" in text
    dashboard = visible_text(owner.get(reverse("dashboard")).content.decode())
    assert submitted.level in dashboard


def test_an_official_local_name_is_shown_alone(owner, submitted):
    ProgrammeTranslation.objects.filter(language="km").update(name_is_official=True)
    owner.cookies[COOKIE] = "km"
    text = visible_text(_results(owner, submitted))
    assert _programme("km").name in text
    assert "Test digital course" not in text


@pytest.mark.parametrize("language", ["km", "lo", "vi", "zh-hans"])
def test_the_pdf_follows_the_switch_over_the_stored_language_and_the_browser(
    owner, submitted, language, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    owner.cookies[COOKIE] = language
    # The full report: it lists every matching programme with its provider and kind.
    chosen, text = _pdf_text(owner, submitted, "?kind=full", HTTP_ACCEPT_LANGUAGE="th")
    assert chosen == language
    programme = _programme(language)
    expected = [_level(submitted, language), _pillar(language), programme.provider]
    expected.append(f"{programme.name} (Test digital course)")
    assert _squeezed(_level(submitted, language)) in _squeezed(text)
    assert "Test digital course" in text
    assert "Mekong Institute" not in text
    if language == "zh-hans":
        # Text extraction gives Chinese back whole.
        for words in expected:
            assert words in text, words
    else:
        # It drops and reorders Khmer, Lao and Vietnamese marks, so the words are checked
        # in the HTML the PDF was drawn from (test_languages.py checks every glyph drawn).
        html = visible_text(render_report_html(submitted.pk, language, kind="full"))
        for words in expected:
            assert words in html, words


def test_the_pdf_link_follows_the_profile_over_the_browser(owner, submitted, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    User.objects.filter(pk=submitted.company.owner_id).update(preferred_language="lo")
    link = owner.get(
        reverse("report_in_reader_language", args=[submitted.pk]), HTTP_ACCEPT_LANGUAGE="km"
    )
    assert link["Location"] == reverse("report_download", args=[submitted.pk, "lo"])
    # Which report was asked for (the owner's or the full one) is kept.
    link = owner.get(
        reverse("report_in_reader_language", args=[submitted.pk]) + "?kind=full",
        HTTP_ACCEPT_LANGUAGE="km",
    )
    assert link["Location"] == reverse("report_download_full", args=[submitted.pk, "lo"])


def test_the_results_pages_download_button_is_in_the_readers_language(owner, submitted):
    owner.cookies[COOKIE] = "km"
    body = _results(owner, submitted)
    assert (
        reverse("report_download", args=[submitted.pk, "km"])
        in body.split('id="report-download"', 1)[1][:200]
    )


def test_staff_switching_on_a_firms_results_page_changes_nothing_of_theirs(submitted, admin_user):
    staff = Client()
    staff.force_login(admin_user)
    results = reverse("assessment_results", args=[submitted.pk])
    response = staff.post(reverse("set_language"), {"language": "lo", "next": results})
    assert response.status_code == 302
    assert '<html lang="lo">' in _results(staff, submitted)
    submitted.refresh_from_db()
    assert submitted.language == "zh-hans"
    owner = submitted.company.owner
    owner.refresh_from_db()
    assert owner.preferred_language == ""


@pytest.mark.parametrize("language", ["km", "lo"])
def test_the_reports_kind_and_format_labels_are_in_its_language_wherever_it_is_built(
    submitted, language
):
    # A worker renders with no language active: the labels must not follow the thread's.
    translation.deactivate()
    html = visible_text(render_report_html(submitted.pk, language, kind="full"))
    with translation.override(language):
        for label in (gettext("Training course"), gettext("Online and in person")):
            assert label in html
    assert "Training course" not in html
    assert "Online and in person" not in html
