"""Sign-up by e-mail confirmation: what happens to unconfirmed, confirmed and deactivated
accounts, and tampered links."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.accounts.signup import purge_expired_signups
from assessment.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "mekong-river-delta-42"
OTHER_PASSWORD = "Tonle-Sap-harvest-2026"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _signup(client: Client, email: str = "new@example.org", password: str = PASSWORD):
    return client.post(
        reverse("signup"), {"email": email, "password1": password, "password2": password}
    )


def _link(message) -> str:
    return re.search(r"/accounts/signup/confirm/\S+/", message.body).group(0)


def test_an_unconfirmed_account_cannot_log_in_and_says_no_more_than_for_nobody(client):
    _signup(client)
    response = client.post(reverse("login"), {"username": "new@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert not get_user(client).is_authenticated


def test_signing_up_again_before_confirming_renews_the_link_and_the_password(mailoutbox):
    stranger, owner = Client(), Client()
    _signup(stranger, password=OTHER_PASSWORD)  # someone else typed this address first
    _signup(owner)
    assert User.objects.count() == 1
    first, second = (_link(message) for message in mailoutbox)
    assert "no longer works" in owner.post(first).content.decode()
    assert owner.post(second).status_code == 302
    user = User.objects.get()
    assert user.is_active and user.check_password(PASSWORD)
    assert get_user(owner).pk == user.pk


def test_a_deactivated_account_is_not_revived_by_signing_up(client, mailoutbox):
    user = User.objects.create_user("former@example.org", PASSWORD)
    Client().force_login(user)  # it was used: it has a last login
    user.is_active = False
    user.save()
    _signup(client, email="former@example.org", password=OTHER_PASSWORD)
    assert "already has an account" in mailoutbox[0].body
    user.refresh_from_db()
    assert not user.is_active and user.check_password(PASSWORD)


def test_an_unconfirmed_account_gets_no_password_reset_mail(client, mailoutbox):
    _signup(client)
    mailoutbox.clear()
    client.post(reverse("password_reset"), {"email": "new@example.org"})
    assert mailoutbox == []


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/signup/confirm/MQ/not-a-token/",
        "/accounts/signup/confirm/!!!/x-y/",
        "/accounts/signup/confirm/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk/x-y/",
    ],
)
def test_a_tampered_link_says_it_no_longer_works(client, path):
    _signup(client)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 200
        assert "This link no longer works" in response.content.decode()
    assert not User.objects.get().is_active
    assert not get_user(client).is_authenticated


def test_a_mail_scanner_opening_the_link_does_not_use_it(mailoutbox):
    _signup(Client())
    link = _link(mailoutbox[0])
    scanner = Client()
    assert scanner.get(link).status_code == 200
    assert not get_user(scanner).is_authenticated
    owner = Client()
    assert owner.post(link).status_code == 302
    assert get_user(owner).is_authenticated


def test_the_confirmed_account_keeps_the_language_it_was_made_in(client, mailoutbox, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    _signup(client)
    client.post(_link(mailoutbox[0]))
    assert User.objects.get().preferred_language == "vi"


def test_sign_ups_never_confirmed_are_deleted_once_their_link_expires(client, mailoutbox):
    _signup(client, email="stale@example.org")
    _signup(client, email="fresh@example.org")
    deactivated = User.objects.create_user("former@example.org", PASSWORD, is_active=False)
    officer = User.objects.create_user("officer@example.org", PASSWORD, is_staff=True)
    officer.is_active = False
    officer.save()
    four_days_ago = timezone.now() - timedelta(days=4)
    User.objects.exclude(email="fresh@example.org").update(date_joined=four_days_ago)
    User.objects.filter(pk=deactivated.pk).update(last_login=four_days_ago)

    assert purge_expired_signups() == 1
    assert set(User.objects.values_list("email", flat=True)) == {
        "fresh@example.org",
        "former@example.org",
        "officer@example.org",
    }


def test_signing_up_again_restarts_the_link_life(client, mailoutbox):
    _signup(client)
    first = User.objects.get()
    User.objects.update(date_joined=timezone.now() - timedelta(days=2))
    _signup(client)
    assert User.objects.get().pk == first.pk  # renewed, not replaced
    assert User.objects.get().date_joined > timezone.now() - timedelta(minutes=5)
    assert client.post(_link(mailoutbox[-1])).status_code == 302
