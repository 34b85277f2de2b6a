"""Django's four password validators guard sign-up and password change; a password
change keeps the session logged in under a new key."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from assessment.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Mk7$q", "This password is too short. It must contain at least 8 characters."),
        ("4815162342", "This password is entirely numeric."),
        ("password123", "This password is too common."),
        ("lanxang-trading", "The password is too similar to the e-mail address."),
    ],
)
def test_signup_refuses_each_kind_of_weak_password(client, password, message):
    response = client.post(
        reverse("signup"),
        {"email": "lanxang-trading@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_password_change_refuses_a_weak_password_and_rotates_the_session(client, user):
    client.force_login(user)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    url = reverse("password_change")
    weak = {"old_password": "a-long-password-1", "new_password1": "12345678"}
    response = client.post(url, {**weak, "new_password2": "12345678"})
    assert "This password is too common." in response.content.decode()
    strong = "Tonle-Sap-harvest-2026"
    response = client.post(
        url, {"old_password": "a-long-password-1", "new_password1": strong, "new_password2": strong}
    )
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before and not SessionStore().exists(before)
    assert client.session["_auth_user_id"] == str(user.pk)  # still logged in
    user.refresh_from_db()
    assert user.check_password(strong)
