"""What django-axes needs for this site's login: the e-mail as the username and the
client's address behind a proxy. The page shown when locked out is
assessment.views.lockout.lockout_response."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

# django-axes keeps the username in a 255-character column; PostgreSQL refuses a longer
# value (a 500), and no account has one (e-mails are at most 254 characters).
USERNAME_MAX = 255


def normalise_login(value: object) -> str:
    """The e-mail as the login form compares it: trimmed, lower case, and short enough
    for the throttle's table (the admin's login form checks no length)."""
    return str(value or "").strip().lower()[:USERNAME_MAX]


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
