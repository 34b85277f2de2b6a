"""Sign-up that never tells whether an e-mail is registered.

Every valid sign-up gets the same answer ("check your e-mail"). The mailbox's owner then
gets either a link that confirms the new account, or word that the address already has
one. An account is inactive, and cannot log in, until its link is used: so whoever holds
the mailbox decides, and a stranger cannot claim someone else's address.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessment.models import User


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token (valid PASSWORD_RESET_TIMEOUT, void once the account
    logs in or its password changes) but its own: neither link opens the other's door."""

    key_salt = "assessment.accounts.signup.SignupTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


signup_token = SignupTokenGenerator()


def is_unconfirmed(user: User) -> bool:
    """Signed up, link not used yet. An account an administrator deactivated after it was
    used has a last login, and stays deactivated."""
    return not user.is_active and user.last_login is None


def request_signup(
    request: HttpRequest, *, email: str, password: str, consent: bool, language: str
) -> None:
    """Create (or, while unconfirmed, renew) the account and mail its link; for an address
    already in use, mail its owner instead. The caller answers the same either way."""
    purge_expired_signups()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is not None and not is_unconfirmed(user):
            # Hashed and thrown away, so that this answer takes as long as a new account's.
            make_password(password)
            registered = True
        else:
            registered = False
            if user is None:
                user = User(email=email, is_active=False)
            # The latest sign-up for an unconfirmed address wins: only the mailbox's owner
            # can confirm it, so a stranger's earlier attempt is simply replaced.
            user.set_password(password)
            user.date_joined = timezone.now()  # the new link's life starts now
            # Explicit, dated consent: what Thailand's PDPA and its neighbours' laws expect.
            user.benchmark_consent_at = timezone.now() if consent else None
            if language:
                user.preferred_language = language
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:
                return  # a double click created it a moment ago and mailed its link
    # Mailed after the transaction: a slow mail server must not hold the row lock.
    if registered:
        _mail(request, user, "registration/signup_exists")
        return
    confirm_path = reverse(
        "signup_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": signup_token.make_token(user),
        },
    )
    _mail(request, user, "registration/signup_confirm", confirm_path=confirm_path)


def purge_expired_signups() -> int:
    """Delete the accounts whose link expired unused: nobody can confirm them any more,
    and an e-mail address nobody proved is not data worth keeping. Run at each sign-up,
    so no scheduled job is needed. Staff accounts are left to administrators."""
    expired = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    deleted, _ = User.objects.filter(
        is_active=False, last_login__isnull=True, is_staff=False, date_joined__lt=expired
    ).delete()
    return deleted


def confirm_signup(user: User) -> None:
    """Activate the account; the token dies with it (it covers is_active)."""
    user.is_active = True
    user.save(update_fields=["is_active"])


def _mail(request: HttpRequest, user: User, template: str, **extra: str) -> None:
    context = {
        "email": user.email,
        "site": f"{request.scheme}://{request.get_host()}",
        "login_path": reverse("login"),
        "reset_path": reverse("password_reset"),
        **extra,
    }
    subject = "".join(render_to_string(f"{template}_subject.txt", context).splitlines())
    body = render_to_string(f"{template}_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
