"""What django-axes needs for this site's login: the e-mail as the username, the client's
address behind a proxy, and the login page (not a bare error page) when locked out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from assessment.accounts.address_throttle import ADDRESS
from assessment.accounts.reauth import cooloff_minutes
from assessment.forms.accounts import EmailAuthenticationForm


def normalise_login(value: object) -> str:
    """The e-mail as the login form compares it: trimmed, lower case."""
    return str(value or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Counts failures per e-mail whatever its case, as the login form matches accounts."""
    if credentials and credentials.get("username"):
        return normalise_login(credentials["username"])
    data = getattr(request, "POST", None) or {}
    return normalise_login(data.get("username"))


def client_address(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address: the socket's, or, behind N trusted proxies, the N-th entry of
    X-Forwarded-For counted from the right (each proxy appends the address it saw).

    Entries further left were written by the client and could be anything.
    """
    if trusted_proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if len(hops) < trusted_proxies:
        return remote_addr  # reached without the expected proxies: trust the socket
    return hops[-trusted_proxies]


def axes_client_ip(request: HttpRequest) -> str:
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXY_COUNT,
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The login page again, saying why and for how long, with status 429."""
    minutes = cooloff_minutes()
    if getattr(request, "login_paused_for", "") == ADDRESS:
        message = _(
            "Too many failed log-in attempts from your network. For your security, logging "
            "in from here is paused for %(minutes)s minutes. Try again later, or reset "
            "your password."
        )
    else:
        message = _(
            "Too many failed log-in attempts for this e-mail. For your security, logging "
            "in from here is paused for %(minutes)s minutes. Try again later, or reset "
            "your password."
        )
    messages.error(request, message % {"minutes": minutes})
    form = EmailAuthenticationForm(request, initial={"username": axes_username(request, None)})
    response = render(request, "registration/login.html", {"form": form}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
