"""Sign-up, login by e-mail, logout and password reset."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user
from django.urls import reverse

from assessment.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "mekong-river-delta-42"


def _signup(client, **overrides):
    data = {
        "email": "new@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "benchmark_consent": "on",
        **overrides,
    }
    return client.post(reverse("signup"), {k: v for k, v in data.items() if v is not None})


def test_signup_page_shows_the_consent_checkbox(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    assert "I agree that my answers may be used, anonymised, for benchmarks" in (
        response.content.decode()
    )


def _confirm_link(message) -> str:
    link = re.search(r"https?://[^/\s]+(/accounts/signup/confirm/\S+/)", message.body)
    assert link, message.body
    return link.group(1)


def test_signup_mails_a_link_that_confirms_logs_in_and_goes_to_profile(client, mailoutbox):
    response = _signup(client, email="New.Owner@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("signup_done")
    user = User.objects.get()
    assert user.email == "new.owner@example.org"
    assert not user.is_active  # nobody can log in to it before the link is used
    assert user.check_password(PASSWORD)
    assert user.benchmark_consent_at is not None
    assert not get_user(client).is_authenticated
    assert "Check your e-mail" in client.get(response.url).content.decode()

    assert [m.to for m in mailoutbox] == [["new.owner@example.org"]]
    assert "Confirm your Mekong Digital Readiness account" in mailoutbox[0].subject
    link = _confirm_link(mailoutbox[0])
    page = client.get(link)  # opening the link (or a mail scanner doing so) changes nothing
    assert 'type="submit"' in page.content.decode()
    assert not User.objects.get().is_active
    response = client.post(link)
    assert response.status_code == 302
    assert response.url == reverse("profile")
    assert get_user(client).pk == user.pk
    assert User.objects.get().is_active
    # The link works once.
    client.post(reverse("logout"))
    assert "This link no longer works" in client.post(link).content.decode()
    assert not get_user(client).is_authenticated


def test_signup_without_consent_leaves_consent_time_empty(client):
    response = _signup(client, benchmark_consent=None)
    assert response.status_code == 302
    assert User.objects.get().benchmark_consent_at is None


def test_signup_with_a_registered_email_mails_its_owner_and_changes_nothing(
    client, user, mailoutbox
):
    response = _signup(client, email="OWNER@Example.ORG")
    assert response.status_code == 302
    assert response.url == reverse("signup_done")
    assert User.objects.count() == 1
    user.refresh_from_db()
    assert user.check_password("a-long-password-1")  # the owner's password stays
    assert not get_user(client).is_authenticated
    assert [m.to for m in mailoutbox] == [["owner@example.org"]]
    body = mailoutbox[0].body
    assert "already has an account" in body
    assert reverse("password_reset") in body
    assert "/accounts/signup/confirm/" not in body


def test_weak_password_is_refused(client):
    response = _signup(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert response.context["form"].has_error("password2")
    assert "This password is too common." in response.content.decode()
    assert not User.objects.exists()


def test_password_like_the_email_is_refused(client):
    response = _signup(
        client, email="mekongtrader@example.org", password1="mekongtrader", password2="mekongtrader"
    )
    assert response.status_code == 200
    assert "too similar" in response.content.decode()
    assert not User.objects.exists()


def test_mismatched_passwords_are_refused(client):
    response = _signup(client, password2=PASSWORD + "x")
    assert response.context["form"].has_error("password2", "password_mismatch")
    assert not User.objects.exists()


def test_logged_in_user_visiting_signup_goes_to_dashboard(client, user):
    client.force_login(user)
    assert client.get(reverse("signup")).url == reverse("dashboard")


def test_login_page_labels_email_and_links_to_signup_and_reset(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.context["form"].fields["username"].label == "E-mail"
    assert 'type="email" name="username"' in html
    assert reverse("signup") in html
    assert reverse("password_reset") in html


def test_login_by_email_is_case_insensitive(client, user):
    response = client.post(
        reverse("login"), {"username": "  Owner@EXAMPLE.org", "password": "a-long-password-1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert get_user(client).pk == user.pk


def test_login_with_wrong_password_says_so(client, user):
    response = client.post(
        reverse("login"), {"username": "owner@example.org", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert not get_user(client).is_authenticated


def test_logout_by_post_returns_home(client, user):
    client.force_login(user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert not get_user(client).is_authenticated


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "OWNER@example.org"})
    assert response.url == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["owner@example.org"]
    assert "Reset your Mekong Digital Readiness password" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body)
    assert link, message.body

    # The link redirects once to a URL without the token, as Django does to hide it.
    response = client.get(link.group(1), follow=True)
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    new_password = "brand-new-lancang-99"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert client.get(reverse("password_reset_complete")).status_code == 200


def test_password_reset_for_unknown_email_sends_nothing(client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


def test_password_change_pages_render(client, user):
    client.force_login(user)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-password-1",
            "new_password1": "another-mekong-pass-7",
            "new_password2": "another-mekong-pass-7",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Your password has been changed" in response.content.decode()
