"""The seed questionnaire and programme catalogue in each language, as a respondent sees
them: every questionnaire page, the results page and the PDF show no English seed text
where seeds/translations/ has a translation, and the PDF draws every character of the
real translated content with a shipped font.

tests/assessment/i18n/test_languages.py checks the interface with a small translated
fixture; this file checks the content the translators wrote."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from assessment.models import (
    Assessment,
    Option,
    OptionTranslation,
    PillarTranslation,
    Question,
    QuestionTranslation,
)
from reports.models import Programme, ProgrammeTranslation
from reports.pdf.render import render_report_html
from tests.i18n_check import english_left, visible_text
from tests.i18n_helpers import LANGUAGES
from tests.report_helpers import (
    DEMO_LEVELS,
    add_peers,
    make_firm,
    pdf_of_shipped_glyphs,
    submit_seed,
)

TRANSLATED = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]
# Shorter English texts ("Mb/s", "ERP", "Yes") may rightly stay as they are, or occur
# inside other words; a sentence left in English is what this looks for.
MIN_LENGTH = 12
# Programme codes allowed to lack a translation for a while (none now): any gap fails.
AWAITING_TRANSLATION: set[str] = set()


def _translated_english(version, language: str) -> list[str]:
    """The English of every seed text that has a translation in `language`."""
    pairs: list[tuple[str, str]] = []
    for row in PillarTranslation.objects.filter(
        pillar__questionnaire=version, language=language
    ).select_related("pillar"):
        pairs += [(row.pillar.name, row.name), (row.pillar.description, row.description)]
    for row in QuestionTranslation.objects.filter(
        question__pillar__questionnaire=version, language=language
    ).select_related("question"):
        q = row.question
        pairs += [(q.text, row.text), (q.help_text, row.help_text)]
    for row in OptionTranslation.objects.filter(
        option__question__pillar__questionnaire=version, language=language
    ).select_related("option"):
        pairs += [(row.option.label, row.label), (row.option.advice, row.advice)]
    for row in ProgrammeTranslation.objects.filter(language=language).select_related("programme"):
        # A translated name is followed by the English name on purpose (issue 14).
        pairs += [
            (row.programme.provider, row.provider),
            (row.programme.description, row.description),
            (row.programme.how_to_apply, row.how_to_apply),
            (row.programme.recurrence, row.recurrence),
        ]
    # Kept where the translation keeps it (a product name, say).
    return [
        english
        for english, translated in pairs
        if translated and len(english) >= MIN_LENGTH and english not in translated
    ]


@pytest.fixture
def firm_in(seeded, client):
    """A submitted assessment and a draft on the seed questionnaire, owned by a firm
    logged in with the given language, with peers for the benchmark."""

    def make(language: str):
        add_peers(seeded, count=5)
        company = make_firm(name="Mekong Seed Co")
        submitted = submit_seed(company, seeded, DEMO_LEVELS, language=language)
        draft = Assessment.objects.create(company=company, questionnaire=seeded)
        client.force_login(company.owner)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return submitted, draft

    return make


def test_the_seed_translations_cover_the_questionnaire_and_the_catalogue(seeded):
    """Both seeded versions, every question and option, in every language: v1 for the
    assessments answered on it, v2 (published) with its new and reworded texts."""
    v1 = type(seeded).objects.get(slug=seeded.slug, number=1)
    for language in TRANSLATED:
        of_language = {"language": language}
        questions_done = QuestionTranslation.objects.filter(**of_language).exclude(text="")
        options_done = OptionTranslation.objects.filter(**of_language).exclude(label="")
        for version in (v1, seeded):
            questions = Question.objects.filter(pillar__questionnaire=version)
            options = Option.objects.filter(question__pillar__questionnaire=version)
            done = questions_done.filter(question__pillar__questionnaire=version)
            assert done.count() == questions.count(), (language, version.number)
            done = options_done.filter(option__question__pillar__questionnaire=version)
            assert done.count() == options.count(), (language, version.number)
        programmes_done = ProgrammeTranslation.objects.filter(**of_language).exclude(name="")
        done = set(programmes_done.values_list("programme__code", flat=True))
        missing = set(Programme.objects.values_list("code", flat=True)) - done
        assert missing <= AWAITING_TRANSLATION, language
        for field in ("how_to_apply", "recurrence"):
            # Only where the English has the text: an empty one has nothing to translate.
            needed = set(Programme.objects.exclude(**{field: ""}).values_list("code", flat=True))
            have = set(
                programmes_done.exclude(**{field: ""}).values_list("programme__code", flat=True)
            )
            assert needed - have <= AWAITING_TRANSLATION, f"{language} {field}"
        assert len(_translated_english(seeded, language)) > 200, language


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_seed_text_where_a_translation_exists(language, seeded, client, firm_in):
    submitted, draft = firm_in(language)
    english = _translated_english(seeded, language)
    pages = {
        f"pillar {index}": reverse("assessment_page", args=[draft.pk, index])
        for index in range(1, seeded.pillars.count() + 1)
    }
    pages["review"] = reverse("assessment_review", args=[draft.pk])
    pages["results"] = reverse("assessment_results", args=[submitted.pk])
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert f'lang="{language}"' in body[:300], name
        left = english_left(visible_text(body), english)
        assert not left, f"{language} {name}: {left[:5]}"
    results = visible_text(client.get(pages["results"]).content.decode())
    # The results recommend programmes, by their translated names.
    names = ProgrammeTranslation.objects.filter(language=language).values_list("name", flat=True)
    assert any(name in results for name in names), language

    html = render_report_html(submitted.pk, language)
    left = english_left(visible_text(html), english)
    assert not left, f"{language} PDF: {left[:5]}"

    text, missing = pdf_of_shipped_glyphs(html)
    assert not missing, f"{language}: {missing}"
    assert len(text) > 3000  # the owner's report: a few pages, Chinese the densest
