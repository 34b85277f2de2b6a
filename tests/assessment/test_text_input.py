"""What respondents (and officers, in the admin) type loses direction controls and
invisible padding, keeps the zero-width characters that Khmer, Thai, Lao and Burmese
writing needs, and a required text with nothing visible in it is refused."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import translation

from assessment.forms.fields import StaffTextField
from assessment.forms.profile import CompanyProfileForm
from assessment.forms.text_input import (
    DIRECTION_CONTROLS,
    is_blank,
    typed_text,
    without_hidden,
)
from assessment.models import Answer, Assessment, Cohort, Company, Question, User
from reports.models import Programme
from reports.pdf.render import render_report_pdf
from tests.conftest import answer_all
from tests.report_helpers import page_texts

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

RLO, PDF_, LRI, PDI, RLM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200f"
ZWSP, ZWNJ, ZWJ = "\u200b", "\u200c", "\u200d"

# Words as their writers type them: Khmer, Thai, Lao and Burmese mark word breaks with
# the zero-width space; Sinhala's “Sri” and Persian's “I want” are the classic uses of
# the joiner and non-joiner; an emoji sequence is held together by the joiner.
WRITTEN_WITH_ZERO_WIDTH = [
    f"សហគ្រាស{ZWSP}ធុន{ZWSP}តូច",  # Khmer: small enterprise
    f"ព្រះរាជាណាចក្រ{ZWSP}កម្ពុជា",  # Khmer: Kingdom of Cambodia
    f"ร้าน{ZWSP}กาแฟ{ZWSP}บ้านสวน",  # Thai: Baan Suan coffee shop
    f"ສປປ{ZWSP}ລາວ",  # Lao: Lao PDR
    f"ရွှေ{ZWSP}ကုမ္ပဏီ{ZWSP}လီမိတက်",  # Burmese: Shwe Company Limited
    f"ශ්{ZWJ}රී ලංකා",  # Sinhala: Sri Lanka
    f"می{ZWNJ}خواهم",  # Persian: I want
    f"Women-led 👩{ZWJ}💻 team",  # woman technologist
    "We love Laos ❤️",  # ends with variation selector 16, part of the emoji
]


# --- the pure cleaning ----------------------------------------------------------------


@pytest.mark.parametrize("control", DIRECTION_CONTROLS)
def test_every_direction_control_is_removed_wherever_it_stands(control):
    assert typed_text(f"{control}Acme {control}Trading{control} Co.{control}") == (
        "Acme Trading Co."
    )


def test_an_override_no_longer_turns_the_text_around():
    assert typed_text(f"Mekong {RLO}Rice Mill{PDF_}") == "Mekong Rice Mill"
    assert typed_text(f"Paid {LRI}{RLO}1-2{PDI}") == "Paid 1-2"
    assert typed_text(f"10{RLM}-{RLM}20") == "10-20"


@pytest.mark.parametrize("text", WRITTEN_WITH_ZERO_WIDTH)
def test_zero_width_characters_inside_words_are_kept(text):
    assert typed_text(text) == text
    assert not is_blank(text)


@pytest.mark.parametrize("text", WRITTEN_WITH_ZERO_WIDTH)
def test_invisible_padding_around_a_text_is_trimmed(text):
    assert typed_text(f"{ZWSP}\ufeff {ZWJ}{text}{ZWNJ} \u2060{ZWSP}") == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ZWSP * 5,
        f"{ZWSP}{ZWNJ}{ZWJ}\u2060\ufeff",
        RLO * 3,
        f"{RLO}{ZWSP} {PDF_}",
        "\u00ad\u034f\u180e\u3164\u2800\ufe0f",  # soft hyphen, CGJ, fillers, blank Braille
        "\u17b4\u17b5",  # Khmer's two invisible vowels
        "\U000e0041\U000e0042",  # tag letters
        "\x0b\x1b\x7f\x85",
    ],
)
def test_a_text_of_nothing_visible_is_blank_and_cleans_to_empty(text):
    assert is_blank(text)
    assert typed_text(text) == ""


def test_control_characters_are_removed_but_line_breaks_kept():
    assert typed_text("Slow\x0b internet\x1b[31m\x00\nand costs\r\n\tof software\x7f\x9b") == (
        "Slow internet[31m\nand costs\r\n\tof software"
    )


def test_a_long_invisible_run_is_cleaned_in_one_pass():
    """A megabyte of zero-width spaces between letters: a trimming regex ("[…]+$") would
    start again at each of them and run for hours. A separate process, so that the test
    fails after its generous bound instead of hanging the suite."""
    script = (
        "from assessment.forms.text_input import typed_text; "
        "run = '\\u200b' * 1_000_000; "
        "assert typed_text(run + 'a' + run + 'b' + run) == 'a' + run + 'b'"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120, cwd=ROOT)  # noqa: S603


def test_a_code_loses_every_hidden_character_but_keeps_its_spaces():
    assert without_hidden(f"{ZWSP}mi-{RLO}ecom{ZWJ}-2026\ufeff") == "mi-ecom-2026"
    assert without_hidden("mi ecom") == "mi ecom"


# --- the company profile -----------------------------------------------------------------

PROFILE = reverse("profile")


def _profile(**overrides: str) -> dict[str, str]:
    return {
        "name": "Mekong Rice Mill",
        "country": "TH",
        "province": "Ubon Ratchathani",
        "sector": "agrifood",
        "size_band": "small",
        "cohort_code": "",
        **overrides,
    }


def test_the_profile_stores_names_without_direction_controls(client, user):
    client.force_login(user)
    response = client.post(
        PROFILE,
        _profile(name=f"{RLO}Mekong Rice Mill{PDF_}", province=f"Ubon {RLO}Ratchathani"),
    )
    assert response.status_code == 302
    company = Company.objects.get(owner=user)
    assert company.name == "Mekong Rice Mill"
    assert company.province == "Ubon Ratchathani"


@pytest.mark.parametrize("name", [ZWSP * 3, RLO * 3, f"{ZWJ}{RLO} {ZWNJ}\u2060", "\ufeff"])
def test_a_company_name_of_invisible_characters_is_refused_with_a_clear_error(client, user, name):
    client.force_login(user)
    response = client.post(PROFILE, _profile(name=name, province="Vientiane"))
    assert response.status_code == 200
    assert not Company.objects.filter(owner=user).exists()
    form = response.context["form"]
    assert form.errors["name"] == [
        "Only invisible characters were entered here. Type it in visible letters."
    ]
    # What was typed is shown again, as with any other error.
    assert form["province"].value() == "Vientiane"


def test_the_error_is_in_the_page_language():
    with translation.override("th"):
        form = CompanyProfileForm(_profile(name=ZWSP))
        assert form.errors["name"] == ["ช่องนี้มีแต่อักขระที่มองไม่เห็น โปรดพิมพ์ด้วยตัวอักษรที่มองเห็นได้"]


def test_an_invisible_only_province_is_stored_empty(client, user):
    client.force_login(user)
    response = client.post(PROFILE, _profile(province=f"{ZWSP}{RLO}"))
    assert response.status_code == 302
    assert Company.objects.get(owner=user).province == ""


@pytest.mark.parametrize("name", WRITTEN_WITH_ZERO_WIDTH)
def test_the_profile_keeps_names_written_with_zero_width_characters(name):
    form = CompanyProfileForm(_profile(name=f"{ZWSP}{name}{ZWSP}"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == name


def test_a_zawgyi_name_with_an_override_is_cleaned_and_converted():
    form = CompanyProfileForm(_profile(name=f"{RLO}ေရႊ ကုမၸဏီ", country="MM"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "ရွှေ ကုမ္ပဏီ"


def test_the_length_limit_counts_the_cleaned_name():
    name = "N" * 200
    assert CompanyProfileForm(_profile(name=RLO * 50 + name)).is_valid()
    assert not CompanyProfileForm(_profile(name=name + "N")).is_valid()


def test_a_zawgyi_name_longer_once_converted_is_refused_by_its_length(client, user):
    """Unicode spells some Zawgyi syllables with more characters: 199 typed become 219,
    more than the column's 200. The length is checked again after the conversion, which
    runs after the first check (so never over a forged megabyte)."""
    name = ("ၿမိဳ႕ ေရႊ " * 20)[:199]
    client.force_login(user)
    response = client.post(PROFILE, _profile(name=name, country="MM"))
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Ensure this value has at most 200 characters (it has 219)."
    ]
    assert not Company.objects.exists()


def test_a_cohort_code_pasted_with_hidden_characters_still_matches(client, user):
    cohort = Cohort.objects.create(code="mi-ecom-2026", name="MI e-commerce course 2026")
    client.force_login(user)
    response = client.post(PROFILE, _profile(cohort_code=f"{ZWSP}mi-ecom{RLO}-2026{ZWSP}"))
    assert response.status_code == 302
    assert Company.objects.get(owner=user).cohort == cohort


def test_an_unknown_cohort_code_is_echoed_without_its_override(client, user):
    client.force_login(user)
    response = client.post(PROFILE, _profile(cohort_code=f"NOPE{RLO}-42"))
    assert response.status_code == 200
    assert "No training cohort has the code “NOPE-42”." in response.content.decode()


# --- free-text answers and the e-mail address ------------------------------------------


@pytest.fixture
def page(client, company, questionnaire):
    client.force_login(company.owner)
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    return assessment, reverse("assessment_page", args=[assessment.pk, 2])


def test_a_free_text_answer_is_stored_without_direction_controls(client, page):
    assessment, url = page
    typed = f"{RLO}Slow internet{PDF_} and the {LRI}cost{PDI} of software"
    response = client.post(url, {"q-tal-obstacle": typed, "nav": "save"})
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment).text == (
        "Slow internet and the cost of software"
    )


@pytest.mark.parametrize("text", WRITTEN_WITH_ZERO_WIDTH)
def test_a_free_text_answer_keeps_zero_width_characters_inside(client, page, text):
    assessment, url = page
    response = client.post(url, {"q-tal-obstacle": f"{ZWSP}{text}{ZWSP}", "nav": "save"})
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment).text == text


def test_a_forged_huge_answer_is_refused_by_its_length(client, page):
    assessment, url = page
    run = ZWSP * 60_000  # 1.6 MB form-encoded, under Django's 2.5 MB limit
    response = client.post(url, {"q-tal-obstacle": f"{run}a{run}b{run}", "nav": "save"})
    assert response.status_code == 200
    assert response.context["form"].has_error("q-tal-obstacle", code="max_length")
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_an_invisible_only_answer_counts_as_no_answer(client, page):
    assessment, url = page
    client.post(url, {"q-tal-obstacle": "Slow internet", "nav": "save"})
    response = client.post(url, {"q-tal-obstacle": f"{ZWSP}{RLO}\u2060", "nav": "save"})
    assert response.status_code == 302
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_an_email_address_is_stored_without_hidden_characters(client, mailoutbox):
    """The validator accepts any letter in a domain, U+202E too: the officers would read
    “owner@example.org” for an address that is something else."""
    password = "a-long-password-1"
    response = client.post(
        reverse("signup"),
        {"email": f"owner@{RLO}gro.elpmaxe{ZWSP}.la", "password1": password, "password2": password},
    )
    assert response.status_code == 302
    assert User.objects.get().email == "owner@gro.elpmaxe.la"
    assert mailoutbox[0].to == ["owner@gro.elpmaxe.la"]
    link = re.search(r"/accounts/signup/confirm/\S+/", mailoutbox[0].body).group(0)
    assert client.post(link).status_code == 302  # the account opens with its mailed link
    client.logout()
    response = client.post(
        reverse("login"), {"username": f"{ZWSP}owner@gro.elpmaxe.la", "password": password}
    )
    assert response.status_code == 302


# --- the report -------------------------------------------------------------------------


def test_a_name_typed_with_an_override_reads_forwards_in_the_pdf(client, user, questionnaire):
    """Through the real profile form and questionnaire page to the rendered PDF."""
    client.force_login(user)
    response = client.post(
        PROFILE, _profile(name=f"Acme {RLO}Trading Co.", province=f"{RLO}Vientiane")
    )
    assert response.status_code == 302
    company = Company.objects.get(owner=user)
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    page = reverse("assessment_page", args=[assessment.pk, 2])
    obstacle = f"Slow {RLO}internet and costly software"
    response = client.post(page, {"q-tal-obstacle": obstacle, "nav": "save"})
    assert response.status_code == 302
    answer_all(assessment)  # the other questions, which the page above left unanswered
    assert assessment.submit()

    text = " ".join(page_texts(render_report_pdf(assessment.pk, "en", kind="full")))
    assert RLO not in text
    assert "Acme Trading Co." in text
    assert "Slow internet and costly software" in " ".join(text.split())
    for backwards in (".oC gnidarT", "enaitneiV", "erawtfos yltsoc"):
        assert backwards not in text


# --- what the officers type in the admin ------------------------------------------------


def _admin_forms(request):
    """Every add form of the project's admin pages and their inlines, with its model."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"assessment", "reports"}:
            continue
        obj = request.user if model is User else None  # the user admin's change form
        yield model, model_admin.get_form(request, obj)
        for inline in model_admin.get_inline_instances(request, obj):
            yield inline.model, inline.get_formset(request, obj).form


def test_every_plain_text_column_in_the_admin_is_cleaned(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    checked = []
    for model, form in _admin_forms(request):
        for name, field in form.base_fields.items():
            if name == "password":  # a hash, shown, never typed
                continue
            try:
                column = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if type(column) in (models.CharField, models.TextField) and column.choices is None:
                assert isinstance(field, StaffTextField), f"{model.__name__}.{name}"
                checked.append(f"{model.__name__}.{name}")
    for expected in ("Question.text", "OptionTranslation.advice", "Programme.name", "Cohort.name"):
        assert expected in checked


def test_a_programme_typed_with_an_override_is_stored_without_it(admin_client):
    url = reverse("admin:reports_programme_add")
    data = {
        "name": ZWSP + RLO,
        "code": "test-course",
        "provider": f"Mekong {RLO}Institute{ZWSP}",
        "provider_type": "mi",
        "kind": "training",
        "delivery": "online",
        "description": f"A course{RLO} on {ZWSP}e-commerce{ZWSP} for ร้าน{ZWSP}กาแฟ.",
        "pillars": ["talent"],
        "min_score": "0",
        "max_score": "60",
        "priority": "0",
        "source_urls": "https://example.org/a",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "Only invisible characters were entered here. Type it in visible letters."
    ]
    data["name"] = f"{RLO}Test course"
    assert admin_client.post(url, data).status_code == 302
    programme = Programme.objects.get(code="test-course")
    assert programme.name == "Test course"
    assert programme.provider == "Mekong Institute"
    assert programme.description == f"A course on {ZWSP}e-commerce{ZWSP} for ร้าน{ZWSP}กาแฟ."


def test_a_translation_is_stored_without_overrides_or_invisible_padding(
    admin_client, questionnaire
):
    question = Question.objects.get(code="tal-obstacle", pillar__questionnaire=questionnaire)
    url = reverse("admin:assessment_questiontranslation_add")
    text = f"{RLO}{ZWSP}อุปสรรค{ZWSP}ที่ใหญ่ที่สุด{ZWSP}ของคุณคืออะไร{ZWSP}"
    data = {"question": question.pk, "language": "th", "text": text, "status": "draft"}
    assert admin_client.post(url, data).status_code == 302
    assert question.translations.get(language="th").text == (
        f"อุปสรรค{ZWSP}ที่ใหญ่ที่สุด{ZWSP}ของคุณคืออะไร"
    )
