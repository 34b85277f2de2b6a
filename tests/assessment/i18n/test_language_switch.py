"""The language switcher: without JavaScript, kept on the user, applied at login, and on a
questionnaire page it stores the page's answers before switching."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from assessment.models import Answer, Assessment, User
from tests.conftest import answer_all

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _switch(client: Client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


@pytest.mark.django_db
def test_every_page_offers_every_language_as_a_button_of_a_post_form(client):
    body = client.get("/").content.decode()
    assert f'action="{reverse("set_language")}"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    for code, name in settings.LANGUAGES:
        assert f'name="language" value="{code}" lang="{code}"' in body
        assert name in body
    assert "<script" not in body


@pytest.mark.django_db
def test_switching_sets_the_cookie_and_returns_to_the_page(client):
    response = _switch(client, "th", "/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[COOKIE].value == "th"
    assert response.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    page = client.get("/accounts/login/")
    assert page.content.decode().startswith('<!doctype html>\n<html lang="th">')


@pytest.mark.django_db
def test_an_unknown_language_or_a_foreign_next_changes_nothing_dangerous(client):
    response = _switch(client, "xx", "https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert COOKIE not in response.cookies


@pytest.mark.django_db
def test_the_switch_needs_csrf(user):
    client = Client(enforce_csrf_checks=True)
    assert _switch(client, "vi").status_code == 403
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_a_logged_in_users_choice_is_stored_and_applied_at_the_next_login(user):
    client = Client()
    client.force_login(user)
    _switch(client, "km")
    user.refresh_from_db()
    assert user.preferred_language == "km"

    other_device = Client()
    other_device.cookies[COOKIE] = "en"
    response = other_device.post(
        reverse("login"), {"username": "owner@example.org", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "km"
    assert (
        other_device.get(reverse("dashboard"), follow=True)
        .content.decode()
        .count('<html lang="km">')
    )


@pytest.mark.django_db
def test_a_choice_made_before_logging_in_is_kept_on_the_user(user):
    client = Client()
    _switch(client, "lo")
    client.post(
        reverse("login"), {"username": "owner@example.org", "password": "a-long-password-1"}
    )
    user.refresh_from_db()
    assert user.preferred_language == "lo"


@pytest.mark.django_db
def test_signing_up_keeps_the_language_the_account_was_made_in(client):
    _switch(client, "my")
    client.post(
        reverse("signup"),
        {
            "email": "new@example.org",
            "password1": "Mekong-rice-barge-2026",
            "password2": "Mekong-rice-barge-2026",
            "benchmark_consent": "on",
        },
    )
    assert User.objects.get(email="new@example.org").preferred_language == "my"


@pytest.mark.django_db
def test_switching_mid_questionnaire_stores_the_page_and_the_assessments_language(
    client, company, questionnaire
):
    client.force_login(company.owner)
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    page = reverse("assessment_page", args=[assessment.pk, 1])
    body = client.get(page).content.decode()
    # The switcher's buttons belong to the page's form.
    assert 'form="pillar-form"' in body and 'id="pillar-form"' in body
    internet = questionnaire.pillars.get(code="infrastructure").questions.get(code="inf-internet")
    fibre = internet.options.get(code="fibre")
    response = client.post(page, {"q-inf-internet": str(fibre.pk), "language": "vi"})
    assert response.status_code == 302
    assert response["Location"] == page
    assert response.cookies[COOKIE].value == "vi"
    assessment.refresh_from_db()
    assert assessment.language == "vi"
    assert list(Answer.objects.get(assessment=assessment).options.all()) == [fibre]
    again = client.get(page).content.decode()
    assert '<html lang="vi">' in again
    assert f'value="{fibre.pk}" id="id_q-inf-internet_2" checked' in again


@pytest.mark.django_db
def test_the_results_page_comes_out_in_the_readers_language_not_the_assessments(
    client, company, questionnaire
):
    client.force_login(company.owner)
    assessment = Assessment.objects.create(
        company=company, questionnaire=questionnaire, language="zh-hans"
    )
    answer_all(assessment)
    assessment.submit()
    client.cookies[COOKIE] = "en"
    results = reverse("assessment_results", args=[assessment.pk])
    assert '<html lang="en">' in client.get(results).content.decode()
    # Switching on the results page switches the page, and the owner's assessment too.
    _switch(client, "th", results)
    assessment.refresh_from_db()
    assert assessment.language == "th"
    assert '<html lang="th">' in client.get(results).content.decode()


@pytest.mark.django_db
def test_switching_on_another_firms_page_leaves_that_assessment_alone(
    client, company, questionnaire
):
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    stranger = User.objects.create_user("stranger@example.org", "a-long-password-1")
    client.force_login(stranger)
    response = _switch(client, "km", reverse("assessment_page", args=[assessment.pk, 1]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.language == "en"
    stranger.refresh_from_db()
    assert stranger.preferred_language == "km"


@pytest.mark.django_db
def test_the_readers_language_is_the_switch_then_the_profile_then_the_browser(rf, user):
    from django.contrib.auth.models import AnonymousUser

    from assessment.i18n.language import reader_language

    def request(cookie: str | None = None, browser: str = "", who=None):
        req = rf.get("/", HTTP_ACCEPT_LANGUAGE=browser)
        if cookie is not None:
            req.COOKIES[COOKIE] = cookie
        req.user = who or AnonymousUser()
        return req

    user.preferred_language = "km"
    assert reader_language(request("lo", "th", user)) == "lo"
    assert reader_language(request(None, "th", user)) == "km"
    assert reader_language(request("xx", "th", user)) == "km"  # not a language: no choice
    assert reader_language(request(None, "th,vi;q=0.5")) == "th"
    assert reader_language(request(None, "zh-CN")) == "zh-hans"
    assert reader_language(request(None, "de")) == "en"
    user.preferred_language = ""
    assert reader_language(request(None, "my", user)) == "my"
