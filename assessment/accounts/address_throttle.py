"""A second login limit, per client address across all accounts, against password spraying.

django-axes counts failures per e-mail and address: an attacker trying one password on
many accounts never reaches that limit. This handler also pauses an address once its
failures on any accounts reach LOGIN_ADDRESS_FAILURE_LIMIT within the cool-off. Only
that address is paused, so an attacker cannot lock a real user out from elsewhere.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

ACCOUNT = "account"
ADDRESS = "address"


def address_failures(ip_address: str) -> int:
    """Failures from one address within the cool-off, whatever the accounts tried.

    Axes deletes an account's failures from an address when it logs in there, so a
    colleague's typos before a successful login do not count against the office.
    """
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(
        ip_address=ip_address, attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return failures or 0


def address_is_paused(ip_address: str) -> bool:
    return address_failures(ip_address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler plus the per-address limit; it tells the lockout page which
    limit was reached (request.login_paused_for: ACCOUNT or ADDRESS)."""

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return address_is_paused(request.axes_ip_address)  # type: ignore[attr-defined]

    def user_login_failed(
        self, sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        if request.axes_locked_out:  # type: ignore[attr-defined]
            request.login_paused_for = ACCOUNT  # type: ignore[attr-defined]
            return
        ip_address = request.axes_ip_address  # type: ignore[attr-defined]
        if address_is_paused(ip_address):
            request.login_paused_for = ADDRESS  # type: ignore[attr-defined]
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            username = str((credentials or {}).get("username") or "").strip().lower()
            user_locked_out.send("axes", request=request, username=username, ip_address=ip_address)
