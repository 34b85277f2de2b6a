"""Burmese typed in the legacy Zawgyi encoding is stored as Unicode; other text is untouched."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessment.i18n.burmese import is_zawgyi, to_unicode
from assessment.models import Answer, Assessment, Company

# Real Zawgyi strings (as typed with a Zawgyi keyboard) and their Unicode spelling.
ZAWGYI = {
    "ျမန္မာ": "မြန်မာ",  # Myanmar
    "ရန္ကုန္": "ရန်ကုန်",  # Yangon
    "ေနျပည္ေတာ္": "နေပြည်တော်",  # Nay Pyi Taw
    "မႏၲေလး": "မန္တလေး",  # Mandalay
    "ကုမၸဏီ": "ကုမ္ပဏီ",  # company
    "လုပ္ငန္း": "လုပ်ငန်း",  # business
    "ၿမိဳ႕": "မြို့",  # town
    "ေရႊ": "ရွှေ",  # gold
    "မဂၤလာပါ": "မင်္ဂလာပါ",  # hello: short, so the detector alone is unsure
}


@pytest.mark.parametrize(("zawgyi", "unicode"), ZAWGYI.items())
def test_zawgyi_is_converted_to_unicode(zawgyi, unicode):
    assert is_zawgyi(zawgyi)
    assert to_unicode(zawgyi) == unicode


@pytest.mark.parametrize(
    "text",
    [*ZAWGYI.values(), "Luang Prabang Silk", "Hà Nội", "บริษัท", "", "၁၂၃", "ရွှေ ကုမ္ပဏီ လီမိတက်"],
)
def test_unicode_and_other_scripts_are_left_as_they_are(text):
    assert not is_zawgyi(text)
    assert to_unicode(text) == text


def test_a_sentence_mixing_latin_and_zawgyi_is_converted():
    assert to_unicode("ေရႊ Trading ကုမၸဏီ") == "ရွှေ Trading ကုမ္ပဏီ"


@pytest.mark.django_db
def test_the_company_profile_stores_unicode(client, user):
    client.force_login(user)
    response = client.post(
        reverse("profile"),
        {
            "name": "ေရႊ ကုမၸဏီ",
            "country": "MM",
            "province": "ရန္ကုန္",
            "sector": "trade",
            "size_band": "micro",
        },
    )
    assert response.status_code == 302
    company = Company.objects.get(owner=user)
    assert company.name == "ရွှေ ကုမ္ပဏီ"
    assert company.province == "ရန်ကုန်"


@pytest.mark.django_db
def test_a_free_text_answer_is_stored_as_unicode(client, company, questionnaire):
    client.force_login(company.owner)
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    page = reverse("assessment_page", args=[assessment.pk, 2])
    response = client.post(page, {"q-tal-obstacle": "ျမန္မာ လုပ္ငန္း", "nav": "save"})
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment).text == "မြန်မာ လုပ်ငန်း"
