"""The forms that ask for the password again (password change, account deletion) are
throttled as the login is: someone holding a stolen session cannot guess the password
there without limit."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from assessment.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"  # the `user` fixture's
NEW_PASSWORD = "Tonle-Sap-harvest-2026"
THIEF = "203.0.113.7"
OWNER_IP = "198.51.100.20"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _logged_in(user: User, ip: str) -> Client:
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    return client


def _change(client: Client, old: str):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def _delete(client: Client, password: str):
    return client.post(reverse("delete_account"), {"password": password, "confirm": "on"})


def test_password_change_pauses_after_the_login_limit(user):
    thief = _logged_in(user, THIEF)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _change(thief, "guess")
        assert response.status_code == 200
        assert "Your old password was entered incorrectly" in response.content.decode()
    response = _change(thief, "guess")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    # The form itself, with the reason, not the login page.
    assert "Too many wrong passwords" in html
    assert "paused for 15 minutes" in html
    assert 'name="old_password"' in html
    # Now even the right password is refused, and nothing changes.
    assert _change(thief, PASSWORD).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert thief.session["_auth_user_id"] == str(user.pk)  # paused, not logged out


def test_account_deletion_pauses_after_the_login_limit(user):
    thief = _logged_in(user, THIEF)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _delete(thief, "guess")
        assert response.status_code == 200
        assert "This is not your password." in response.content.decode()
    response = _delete(thief, "guess")
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert _delete(thief, PASSWORD).status_code == 429
    assert User.objects.filter(pk=user.pk).exists()


def test_wrong_passwords_count_with_failed_logins(user):
    thief = _logged_in(user, THIEF)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _delete(thief, "guess").status_code == 200
    # One more failure, at the login form this time, reaches the shared limit.
    response = Client(REMOTE_ADDR=THIEF).post(
        reverse("login"), {"username": user.email, "password": "guess"}
    )
    assert response.status_code == 429
    assert _change(thief, PASSWORD).status_code == 429


def test_the_owner_elsewhere_is_not_paused(user):
    thief = _logged_in(user, THIEF)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _change(thief, "guess")
    owner = _logged_in(user, OWNER_IP)
    response = _change(owner, PASSWORD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_right_password_clears_earlier_slips(user):
    owner = _logged_in(user, OWNER_IP)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _delete(owner, "typo").status_code == 200
    assert _change(owner, PASSWORD).status_code == 302
    # A full set of tries again, not one.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _delete(owner, "typo").status_code == 200
    assert _change(owner, NEW_PASSWORD).status_code == 302  # 4 + 4 slips would be paused


def test_the_admins_password_change_is_throttled_too(admin_user):
    thief = Client(REMOTE_ADDR=THIEF)
    thief.force_login(admin_user)
    url = reverse("admin:password_change")
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert thief.post(url, {"old_password": "guess", **data}).status_code == 200
    assert thief.post(url, {"old_password": "guess", **data}).status_code == 429
    assert thief.post(url, {"old_password": "admin-password-1", **data}).status_code == 429
    admin_user.refresh_from_db()
    assert admin_user.check_password("admin-password-1")
    # Once the pause is over, it works, and leads to the admin's "done" page.
    AccessAttempt.objects.all().delete()
    response = thief.post(url, {"old_password": "admin-password-1", **data})
    assert response.status_code == 302
    assert response.url == reverse("admin:password_change_done")
