"""The company profile: created once, edited after, cohort codes never silently dropped."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Cohort, Company

pytestmark = pytest.mark.django_db

URL = reverse("profile")


def _data(**overrides):
    return {
        "name": "Mekong Rice Mill",
        "country": "TH",
        "province": "Ubon Ratchathani",
        "sector": "agrifood",
        "size_band": "small",
        "founded_year": "2004",
        "women_led": "on",
        "cohort_code": "",
        **overrides,
    }


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def cohort(db) -> Cohort:
    return Cohort.objects.create(code="mi-ecom-2026", name="MI e-commerce course 2026")


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"


def test_first_save_creates_the_company_and_goes_to_dashboard(logged_in, user):
    assert logged_in.get(URL).status_code == 200
    response = logged_in.post(URL, _data(), follow=True)
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    assert "Profile saved." in response.content.decode()
    company = Company.objects.get(owner=user)
    assert company.name == "Mekong Rice Mill"
    assert company.country == "TH"
    assert company.founded_year == 2004
    assert company.women_led is True
    assert company.cohort is None


def test_later_saves_edit_the_same_company(logged_in, company):
    form = logged_in.get(URL).context["form"]
    assert form.initial["name"] == "Vientiane Weaving Co."
    response = logged_in.post(URL, _data(name="Vientiane Weaving Ltd.", women_led=""))
    assert response.url == reverse("dashboard")
    assert Company.objects.count() == 1
    company.refresh_from_db()
    assert company.name == "Vientiane Weaving Ltd."
    assert company.women_led is False


def test_unknown_cohort_code_is_an_error_that_keeps_every_typed_value(logged_in, user):
    response = logged_in.post(URL, _data(cohort_code="NOPE-42"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "No training cohort has the code “NOPE-42”. Check the code with your trainer, "
        "or leave it empty." in html
    )
    assert not Company.objects.filter(owner=user).exists()
    for typed in [
        'value="Mekong Rice Mill"',
        'value="Ubon Ratchathani"',
        'value="2004"',
        'value="NOPE-42"',
        '<option value="TH" selected>',
        '<option value="agrifood" selected>',
        '<option value="small" selected>',
    ]:
        assert typed in html, typed
    assert re.search(r'<input type="checkbox" name="women_led"[^>]* checked>', html)


def test_known_cohort_code_attaches_the_cohort_in_any_case(logged_in, user, cohort):
    logged_in.post(URL, _data(cohort_code="  MI-Ecom-2026 "))
    assert Company.objects.get(owner=user).cohort == cohort
    # The form shows the code back when the profile is edited.
    assert logged_in.get(URL).context["form"]["cohort_code"].value() == "mi-ecom-2026"


def test_empty_cohort_code_clears_the_cohort(logged_in, company, cohort):
    company.cohort = cohort
    company.save()
    logged_in.post(URL, _data(cohort_code=""))
    company.refresh_from_db()
    assert company.cohort is None


def test_founded_year_in_the_future_is_refused(logged_in, user):
    next_year = timezone.localdate().year + 1
    response = logged_in.post(URL, _data(founded_year=str(next_year)))
    assert response.status_code == 200
    assert response.context["form"].has_error("founded_year", "out_of_range")
    assert f"between 1900 and {next_year - 1}" in response.content.decode()
    assert not Company.objects.filter(owner=user).exists()


def test_founded_year_before_1900_is_refused_and_empty_is_allowed(logged_in, user):
    response = logged_in.post(URL, _data(founded_year="1850"))
    assert response.context["form"].has_error("founded_year", "out_of_range")
    response = logged_in.post(URL, _data(founded_year=""))
    assert response.url == reverse("dashboard")
    assert Company.objects.get(owner=user).founded_year is None


def test_exports_and_youth_led_may_be_left_blank(logged_in, user):
    response = logged_in.post(URL, _data())
    assert response.url == reverse("dashboard")
    company = Company.objects.get(owner=user)
    assert company.exports == "" and company.youth_led is None
    assert company.profile()["exports"] == "" and company.profile()["youth_led"] is None


def test_exports_and_youth_led_are_stored_and_frozen_in_the_profile(logged_in, user):
    logged_in.post(URL, _data(exports="planning", youth_led="true"))
    company = Company.objects.get(owner=user)
    assert (company.exports, company.youth_led) == ("planning", True)
    assert company.profile()["exports"] == "planning"
    logged_in.post(URL, _data(exports="no", youth_led="false"))
    company.refresh_from_db()
    assert (company.exports, company.youth_led) == ("no", False)
    html = logged_in.get(URL).content.decode()
    assert "Is the firm run mainly by people under 35?" in html
    assert "Prefer not to say" in html and "We sell abroad" in html


def test_an_unknown_exports_answer_is_refused(logged_in, user):
    response = logged_in.post(URL, _data(exports="sometimes"))
    assert response.status_code == 200
    assert not Company.objects.filter(owner=user).exists()
