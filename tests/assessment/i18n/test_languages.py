"""Each of the seven languages, end to end: the home page, a questionnaire page, the results
page and the PDF report come out with no untranslated UI string and no English content
where a translation exists (tests/i18n_check.py), and the PDF draws every character."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from assessment.models import Assessment, Company, User
from reports.pdf.render import render_report_html
from tests.conftest import answer_all
from tests.i18n_check import GettextRecorder, english_left, latin_leftovers, visible_text
from tests.i18n_helpers import LANGUAGES
from tests.report_helpers import pdf_of_shipped_glyphs

COMPANY = "Mekong Test Co"
# Names that stay as they are in every language: the firm's, the provider's, the links,
# the language names of the switcher, and identifiers (codes, version labels).
ALLOWED = [
    COMPANY,
    "Mekong Institute",
    # The programme's official English name follows its translated name (issue 14).
    "Test digital course",
    "https://www.mekonginstitute.org/",
    "www.mekonginstitute.org",
    "owner@example.org",
    *(name for _code, name in settings.LANGUAGES),
    # The PDF's <title> is fixed text (reports/pdf/render.py: nothing variable reaches the
    # metadata), and the methodology's formula names its terms wᵢ and sᵢ.
    "Mekong Digital Readiness report",
    "wᵢ",
    "sᵢ",
]
IDENTIFIER = r"\b(?:test-q|inf-[a-z-]+|tal-[a-z-]+|v\d+)\b"


def _english_content(version, language: str) -> list[str]:
    """The English of every content item the fixtures translate into `language`, but for
    names the translation keeps (“ERP” in “Hệ thống ERP”)."""
    from assessment.models import OptionTranslation

    kept = " ".join(
        OptionTranslation.objects.filter(language=language).values_list("label", flat=True)
    )
    texts = [version.title]
    for level in version.levels.all():
        texts.append(level.name)
    for pillar in version.pillars.prefetch_related("questions__options"):
        texts.append(pillar.name)
        for question in pillar.questions.all():
            texts.append(question.text)
            for option in question.options.all():
                texts += [option.label, option.advice]
    texts = [t for t in texts if t and t != "%" and t not in kept]
    # Not the programme's name: its English name is shown after the translation on purpose.
    return [*texts, "A training course for small firms."]


@pytest.fixture
def pages(translated, client, request):
    language = request.param
    owner = User.objects.create_user("owner@example.org", "a-long-password-1")
    company = Company.objects.create(
        owner=owner, name=COMPANY, country="LA", sector="creative", size_band="micro"
    )
    submitted = Assessment.objects.create(
        company=company, questionnaire=translated, language=language
    )
    answer_all(submitted)
    assert submitted.submit()
    draft = Assessment.objects.create(company=company, questionnaire=translated)
    client.force_login(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    rendered = {}
    recorder = GettextRecorder()
    with recorder:
        rendered["home"] = client.get(reverse("home")).content.decode()
        rendered["questionnaire"] = client.get(
            reverse("assessment_page", args=[draft.pk, 1])
        ).content.decode()
        rendered["results"] = client.get(
            reverse("assessment_results", args=[submitted.pk])
        ).content.decode()
        rendered["pdf"] = render_report_html(submitted.pk, language)
        rendered["pdf_full"] = render_report_html(submitted.pk, language, kind="full")
    return language, rendered, recorder, translated, submitted


@pytest.mark.parametrize("pages", LANGUAGES, indirect=True)
def test_every_ui_string_is_translated(pages):
    language, rendered, recorder, _version, _assessment = pages
    for name, page in rendered.items():
        assert f'lang="{language}"' in page[:300], name
    assert len(recorder.messages(language)) > 120  # the pages really went through gettext
    if language == settings.LANGUAGE_CODE:
        return  # English is the source
    endonyms = [name for code, name in settings.LANGUAGES if code != "en"]
    missing = recorder.untranslated(language, endonyms=endonyms)
    assert not missing, f"{language}: {len(missing)} untranslated: {missing[:20]}"


@pytest.mark.parametrize("pages", LANGUAGES, indirect=True)
def test_no_english_text_bypasses_the_catalogue(pages):
    language, rendered, _recorder, _version, _assessment = pages
    if language == settings.LANGUAGE_CODE:
        return
    for name, page in rendered.items():
        text = re.sub(IDENTIFIER, " ", visible_text(page))
        left = latin_leftovers(text, language, ALLOWED)
        assert not left, f"{language} {name}: English left: {left[:30]}"


@pytest.mark.parametrize("pages", LANGUAGES, indirect=True)
def test_no_english_content_where_a_translation_exists(pages):
    language, rendered, _recorder, version, _assessment = pages
    english = _english_content(version, language)
    for name, page in rendered.items():
        text = visible_text(page)
        if language == settings.LANGUAGE_CODE:
            continue
        left = english_left(text, english)
        assert not left, f"{language} {name}: {left}"
    # And the results show the translated advice, levels and programme.
    if language != settings.LANGUAGE_CODE:
        from assessment.models import OptionTranslation

        advice = OptionTranslation.objects.get(
            option__question__code="inf-internet", option__code="mobile", language=language
        ).advice
        assert advice in visible_text(rendered["results"])
        assert advice in visible_text(rendered["pdf"])


@pytest.mark.parametrize("pages", LANGUAGES, indirect=True)
def test_the_pdf_draws_every_character_with_a_shipped_font(pages):
    language, rendered, _recorder, _version, _assessment = pages
    for name in ("pdf", "pdf_full"):  # the owner's report and the full report
        text, missing = pdf_of_shipped_glyphs(rendered[name])
        assert not missing, f"{language} {name}: {missing}"
    assert len(text) > 2000


@pytest.mark.parametrize("pages", ["vi", "km"], indirect=True)
def test_numbers_and_dates_follow_the_language(pages):
    language, rendered, _recorder, _version, assessment = pages
    from django.utils import formats, timezone, translation

    # In the site's time zone, as the page shows it (Bangkok is a day ahead of UTC late
    # in the UTC evening).
    with translation.override(language):
        date = formats.date_format(timezone.localtime(assessment.submitted_at), "DATE_FORMAT")
    assert date in rendered["results"]
    # Gaps in points with one decimal: with the language's decimal comma, never a point.
    text = visible_text(rendered["results"])
    assert re.search(r"\b\d+,\d\b", text)
    assert not re.search(r"\b\d+\.\d\b", text)
