"""Login throttling (django-axes) on the e-mail login, and session keys that change at
every login so that a planted session id is worthless."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from assessment.accounts.login_throttle import client_address
from assessment.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"  # the `user` fixture's
ATTACKER = "203.0.113.7"
OWNER_IP = "198.51.100.20"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _client(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def _login(client: Client, email: str, password: str):
    return client.post(reverse("login"), {"username": email, "password": password})


def _fail(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        response = _login(client, email, "wrong-password")
        assert response.status_code == 200  # below the limit: the usual error
        assert "do not match an account" in response.content.decode()


def test_the_limit_locks_out_with_the_login_page_and_a_clear_message(user):
    attacker = _client(ATTACKER)
    _fail(attacker, user.email, settings.AXES_FAILURE_LIMIT - 1)
    response = _login(attacker, user.email, "wrong-password")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "Too many failed log-in attempts" in html
    assert "paused for 15 minutes" in html
    assert 'name="username"' in html  # the login page itself, not a bare error page
    assert reverse("password_reset") in html
    # The right password changes nothing while the lockout lasts.
    response = _login(attacker, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


def _lock_out(client: Client, email: str) -> None:
    _fail(client, email, settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, email, "wrong-password").status_code == 429
    assert _login(client, email, PASSWORD).status_code == 429


def test_a_lockout_from_one_address_leaves_the_owner_elsewhere_free(user):
    attacker = _client(ATTACKER)
    _lock_out(attacker, user.email)
    owner = _client(OWNER_IP)
    response = _login(owner, user.email, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert owner.session["_auth_user_id"] == str(user.pk)


def test_the_e_mail_counts_whatever_its_case(user):
    attacker = _client(ATTACKER)
    for email in ["Owner@Example.org", " OWNER@example.org", "owner@EXAMPLE.ORG", "owner@x.y"]:
        _login(attacker, email, "wrong-password")
    # Three of those four tries were on one account, counted as one.
    assert AccessAttempt.objects.get(username=user.email).failures_since_start == 3
    _fail(attacker, user.email, settings.AXES_FAILURE_LIMIT - 4)
    assert _login(attacker, user.email.upper(), "wrong-password").status_code == 429
    assert _login(attacker, user.email.title(), PASSWORD).status_code == 429


def test_the_lockout_ends_after_the_cool_off(user):
    attacker = _client(ATTACKER)
    _lock_out(attacker, user.email)
    # Sixteen minutes pass.
    attempt = AccessAttempt.objects.get()
    attempt.attempt_time -= timedelta(minutes=16)
    attempt.save()
    response = _login(attacker, user.email, PASSWORD)
    assert response.status_code == 302
    assert attacker.session["_auth_user_id"] == str(user.pk)


def test_a_success_clears_earlier_failures(user):
    owner = _client(OWNER_IP)
    _fail(owner, user.email, settings.AXES_FAILURE_LIMIT - 1)
    assert _login(owner, user.email, PASSWORD).status_code == 302
    owner.post(reverse("logout"))
    # A full set of tries again, not one.
    _fail(owner, user.email, settings.AXES_FAILURE_LIMIT - 1)
    assert _login(owner, user.email, PASSWORD).status_code == 302


def test_the_admin_login_counts_too(user):
    attacker = _client(ATTACKER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("admin:login"), {"username": user.email, "password": "nope"})
    assert _login(attacker, user.email, PASSWORD).status_code == 429


def test_sign_up_is_not_throttled(db):
    response = _client(ATTACKER).post(
        reverse("signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302


def _planted_session(client: Client) -> str:
    """A session the visitor already has (or an attacker planted) before logging in."""
    session = client.session
    session["seen_home"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return session.session_key


def test_login_changes_the_session_key(user):
    client = _client(OWNER_IP)
    before = _planted_session(client)
    assert _login(client, user.email, PASSWORD).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not SessionStore().exists(before)  # the old key is gone, not just replaced
    assert client.session["seen_home"] is True  # the visitor's own data carried over


def test_login_after_failed_attempts_still_changes_the_session_key(user):
    client = _client(OWNER_IP)
    before = _planted_session(client)
    _fail(client, user.email, settings.AXES_FAILURE_LIMIT - 1)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == before
    assert _login(client, user.email, PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
    assert not SessionStore().exists(before)


def test_confirming_a_sign_up_changes_the_session_key(db, mailoutbox):
    client = _client(OWNER_IP)
    before = _planted_session(client)
    client.post(
        reverse("signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"/accounts/signup/confirm/\S+/", mailoutbox[0].body).group(0)
    assert client.post(link).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
    assert not SessionStore().exists(before)


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("203.0.113.7", "", 0, "203.0.113.7"),
        # Without trusted proxies the header is the client's own word: ignored.
        ("203.0.113.7", "1.2.3.4", 0, "203.0.113.7"),
        # nginx on the same machine appends the address it saw.
        ("127.0.0.1", "198.51.100.20", 1, "198.51.100.20"),
        # A forged entry in front is skipped: only the proxy's own entry counts.
        ("127.0.0.1", "1.2.3.4, 198.51.100.20", 1, "198.51.100.20"),
        # A load balancer, then nginx.
        ("127.0.0.1", "1.2.3.4, 198.51.100.20, 10.0.0.5", 2, "198.51.100.20"),
        # Fewer entries than proxies: someone reached the app directly.
        ("192.0.2.1", "", 1, "192.0.2.1"),
    ],
)
def test_client_address_behind_proxies(remote, forwarded, proxies, expected):
    assert client_address(remote, forwarded, proxies) == expected


def test_behind_a_proxy_each_client_is_throttled_on_its_own(settings, user):
    settings.TRUSTED_PROXY_COUNT = 1
    # Everyone comes through nginx on 127.0.0.1; X-Forwarded-For tells them apart.
    via_nginx = Client(REMOTE_ADDR="127.0.0.1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_nginx.post(
            reverse("login"),
            {"username": user.email, "password": "nope"},
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    owner = Client(REMOTE_ADDR="127.0.0.1")
    response = owner.post(
        reverse("login"),
        {"username": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=OWNER_IP,
    )
    assert response.status_code == 302


# -- password spraying: one address, many accounts ------------------------------------


def _spray(client: Client, accounts: int) -> None:
    """One wrong password on each of many accounts, real or not: no account reaches its
    own limit."""
    for number in range(accounts):
        response = _login(client, f"member{number}@example.org", "Password2026!")
        assert response.status_code == 200
        assert "do not match an account" in response.content.decode()


def test_spraying_many_accounts_from_one_address_is_paused(settings, user):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    attacker = _client(ATTACKER)
    _spray(attacker, 7)
    response = _login(attacker, "member7@example.org", "Password2026!")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "Too many failed log-in attempts from your network" in html
    assert "paused for 15 minutes" in html
    assert 'name="username"' in html
    # Even a right password is refused from there while the pause lasts, so spraying
    # learns nothing more: the account tried next has had no failure of its own.
    response = _login(attacker, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


def test_a_paused_address_leaves_the_owner_elsewhere_free(settings, user):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    attacker = _client(ATTACKER)
    _spray(attacker, 7)
    assert _login(attacker, "member7@example.org", "Password2026!").status_code == 429
    assert _login(attacker, user.email, PASSWORD).status_code == 429
    owner = _client(OWNER_IP)
    response = _login(owner, user.email, PASSWORD)
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)


def test_the_address_pause_ends_after_the_cool_off(settings, user):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    attacker = _client(ATTACKER)
    _spray(attacker, 7)
    assert _login(attacker, "member7@example.org", "Password2026!").status_code == 429
    assert _login(attacker, user.email, PASSWORD).status_code == 429
    # Sixteen minutes pass.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=16)
        attempt.save()
    assert _login(attacker, user.email, PASSWORD).status_code == 302


def test_colleagues_typos_cleared_by_their_logins_do_not_pause_the_office(settings, db):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    office = "192.0.2.44"
    for number in range(10):
        email = f"colleague{number}@example.org"
        User.objects.create_user(email, PASSWORD)
        colleague = _client(office)
        assert _login(colleague, email, "typo").status_code == 200
        assert _login(colleague, email, PASSWORD).status_code == 302


def test_the_default_address_limit_is_above_the_account_limit():
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT == 20 > settings.AXES_FAILURE_LIMIT
