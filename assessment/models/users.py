"""A user whose login is the e-mail address (set from the first migration, as Django advises)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import F
from django.utils.crypto import salted_hmac

SESSION_HASH_SALT = "assessment.User.session_auth_hash"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)
    benchmark_consent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the user agreed to the anonymised use of answers for benchmarks.",
    )
    preferred_language = models.CharField(max_length=10, blank=True)
    reminders_consent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the user asked for reminder e-mails (actions due, time to check again); "
        "empty when they never did or unsubscribed.",
    )
    session_generation = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised to end every session of this account but the current one.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    def __str__(self) -> str:
        return self.email

    # Django ends a session whose stored hash no longer matches this one (it checks at every
    # request). Its hash covers the password only; the generation lets a user end their
    # other sessions without changing the password.
    def get_session_auth_hash(self) -> str:
        return self._session_hash(settings.SECRET_KEY)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret: str | bytes) -> str:
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(SESSION_HASH_SALT, value, secret=secret, algorithm="sha256").hexdigest()

    def end_other_sessions(self) -> None:
        """Invalidate every session of this user; the caller re-hashes the one to keep
        (django.contrib.auth.update_session_auth_hash)."""
        # F(): two clicks at once both count, and neither overwrites other fields.
        User.objects.filter(pk=self.pk).update(session_generation=F("session_generation") + 1)
        self.refresh_from_db(fields=["session_generation"])
