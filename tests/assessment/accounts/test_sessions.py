"""Sessions end after an idle time and an absolute lifetime, on request on other devices,
and everywhere else when the password changes or is reset. Real database sessions; time
passes by rewinding the stamps stored in them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from assessment.accounts.session_timeout import LOGGED_IN_AT, SEEN_AT
from assessment.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"  # the `user` fixture's
NEW_PASSWORD = "Tonle-Sap-harvest-2026"
MINUTE = 60
HOUR = 60 * MINUTE


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _log_in(user: User) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _rewind(client: Client, seconds: int, *stamps: str) -> None:
    """Move the session's stored clocks back, as if that much time had passed."""
    store = SessionStore(_key(client))
    for stamp in stamps:
        store[stamp] -= seconds
    store.save()


def _is_logged_in(client: Client) -> bool:
    response = client.get(reverse("profile"))
    return response.status_code == 200


def test_a_login_stamps_the_session(user):
    client = _log_in(user)
    store = SessionStore(_key(client))
    assert isinstance(store[LOGGED_IN_AT], int)
    assert store[SEEN_AT] == store[LOGGED_IN_AT]


def test_two_idle_hours_log_out_with_a_message(user):
    client = _log_in(user)
    before = _key(client)
    _rewind(client, 2 * HOUR, LOGGED_IN_AT, SEEN_AT)
    response = client.get(reverse("profile"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "logged out after 120 minutes without activity" in response.content.decode()
    assert not SessionStore().exists(before)  # ended, not just forgotten by the browser
    assert not _is_logged_in(client)


def test_activity_keeps_the_session_alive(user):
    client = _log_in(user)
    _rewind(client, 2 * HOUR - 5 * MINUTE, LOGGED_IN_AT, SEEN_AT)
    assert _is_logged_in(client)  # 115 minutes idle: still in, and the clock restarts
    _rewind(client, 10 * MINUTE, LOGGED_IN_AT, SEEN_AT)
    assert _is_logged_in(client)


def test_the_idle_time_is_a_setting(settings, user):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=5)
    client = _log_in(user)
    _rewind(client, 6 * MINUTE, SEEN_AT)
    response = client.get(reverse("profile"), follow=True)
    assert "logged out after 5 minutes without activity" in response.content.decode()


def test_a_session_ends_twelve_hours_after_the_login_however_busy(user):
    client = _log_in(user)
    _rewind(client, 12 * HOUR, LOGGED_IN_AT)  # logged in 12 hours ago, seen a moment ago
    response = client.get(reverse("profile"), follow=True)
    assert "a login lasts at most 12 hours" in response.content.decode()
    assert not _is_logged_in(client)


def test_a_session_from_before_the_stamps_is_ended(user):
    client = _log_in(user)
    store = SessionStore(_key(client))
    del store[LOGGED_IN_AT], store[SEEN_AT]
    store.save()
    assert not _is_logged_in(client)


def test_the_cookie_lasts_no_longer_than_the_absolute_limit(user):
    assert settings.SESSION_COOKIE_AGE == 12 * HOUR
    client = _log_in(user)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 12 * HOUR


def test_log_out_on_other_devices_keeps_this_one(user):
    phone, laptop = _log_in(user), _log_in(user)
    before = _key(laptop)
    html = laptop.get(reverse("profile")).content.decode()
    assert f'action="{reverse("end_other_sessions")}"' in html
    response = laptop.post(reverse("end_other_sessions"), follow=True)
    assert "logged out on every other device" in response.content.decode()
    assert not _is_logged_in(phone)
    assert _is_logged_in(laptop)
    assert _key(laptop) != before and not SessionStore().exists(before)


def test_a_password_change_ends_the_other_sessions(user):
    phone, laptop = _log_in(user), _log_in(user)
    response = laptop.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not _is_logged_in(phone)
    assert _is_logged_in(laptop)


def test_a_password_reset_ends_every_session(user, mailoutbox):
    phone = _log_in(user)
    stranger = Client()
    stranger.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mailoutbox[0].body)
    form_url = stranger.get(link.group(1), follow=True).redirect_chain[-1][0]
    response = stranger.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.url == reverse("password_reset_complete")
    assert not _is_logged_in(phone)
