"""Sign-up, log-in and password reset answer a registered e-mail exactly as an unknown one:
same status, same page but for the CSRF token and the address typed back. Otherwise any
of them would list who is a member."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from assessment.models import User

pytestmark = pytest.mark.django_db

MEMBER = "owner@example.org"  # the `user` fixture
STRANGER = "nobody@example.org"
PASSWORD = "mekong-river-delta-42"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _comparable(response, email: str) -> tuple[int, str, str]:
    """Status, Location and body, without what legitimately differs."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", body)
    body = body.replace(email, "EMAIL")
    return response.status_code, response.get("Location", ""), body


def _both(post, email_field: str = "email", follow: bool = False, **data: str):
    """The same request for the member's address and for a stranger's."""
    answers = []
    for email in (MEMBER, STRANGER):
        response = Client().post(post, {email_field: email, **data}, follow=follow)
        answers.append(_comparable(response, email))
    return answers


def test_sign_up_answers_the_same(user, mailoutbox):
    data = {"password1": PASSWORD, "password2": PASSWORD}
    member, stranger = _both(reverse("signup"), **data)
    assert member == stranger
    assert member[:2] == (302, reverse("signup_done"))
    # The page it leads to, too.
    member, stranger = _both(reverse("signup"), follow=True, **data)
    assert member == stranger
    # Each mailbox hears what it needs to: the owner that the address is taken.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([MEMBER, MEMBER, STRANGER, STRANGER])


def test_sign_up_errors_are_the_same(user):
    member, stranger = _both(reverse("signup"), password1="12345678", password2="12345678")
    assert member == stranger
    assert member[0] == 200
    assert "This password is too common." in member[2]


def test_log_in_answers_the_same(user):
    member, stranger = _both(reverse("login"), email_field="username", password="wrong-pass")
    assert member == stranger
    assert member[0] == 200
    assert "do not match an account" in member[2]


def test_a_log_in_lockout_answers_the_same(user):
    answers = []
    for email in (MEMBER, STRANGER):
        client = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = client.post(reverse("login"), {"username": email, "password": "wrong"})
        answers.append(_comparable(response, email))
    assert answers[0] == answers[1]
    assert answers[0][0] == 429


def test_password_reset_answers_the_same(user, mailoutbox):
    member, stranger = _both(reverse("password_reset"), follow=True)
    assert member == stranger
    assert "Check your e-mail" in member[2]
    assert [m.to for m in mailoutbox] == [[MEMBER]]


def test_an_unconfirmed_sign_up_answers_the_same_too(db):
    Client().post(
        reverse("signup"), {"email": MEMBER, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert User.objects.filter(email=MEMBER, is_active=False).exists()
    data = {"password1": PASSWORD, "password2": PASSWORD}
    member, stranger = _both(reverse("signup"), follow=True, **data)
    assert member == stranger
