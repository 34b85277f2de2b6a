"""Logged-in sessions end after SESSION_IDLE_MINUTES without a request and, whatever the
activity, SESSION_MAX_HOURS after the login.

Django alone keeps a session for SESSION_COOKIE_AGE after its last change, so a session in
use never ends and a forgotten one lives for days. The login time and the last request's
time are kept in the session itself (seconds since the epoch).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

LOGGED_IN_AT = "_logged_in_at"
SEEN_AT = "_seen_at"
# Saving the session at every request would write to the database each time; the idle
# time is therefore measured to within this many seconds.
TOUCH_EVERY = 60

IDLE = "idle"
TOO_OLD = "too_old"


def stamp_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On user_logged_in: the session's clocks start now."""
    now = int(time.time())
    request.session[LOGGED_IN_AT] = now
    request.session[SEEN_AT] = now


def expiry_reason(logged_in_at: object, seen_at: object, now: float) -> str | None:
    """IDLE, TOO_OLD or None. A session without the stamps predates them: too old."""
    if not isinstance(logged_in_at, int) or not isinstance(seen_at, int):
        return TOO_OLD
    if now - logged_in_at >= settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
        return TOO_OLD
    if now - seen_at >= settings.SESSION_IDLE_TIMEOUT.total_seconds():
        return IDLE
    return None


def _logged_out_message(reason: str) -> str:
    if reason == IDLE:
        minutes = round(settings.SESSION_IDLE_TIMEOUT.total_seconds() / 60)
        return _(
            "You were logged out after %(minutes)s minutes without activity. Please log in again."
        ) % {"minutes": minutes}
    hours = round(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() / 3600)
    return _("For your security, a login lasts at most %(hours)s hours. Please log in again.") % {
        "hours": hours
    }


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware: an expired session is logged
    out before the view runs, which then sees an anonymous visitor (login_required sends
    them to the login page, where the message says why)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session = request.session
            now = time.time()
            reason = expiry_reason(session.get(LOGGED_IN_AT), session.get(SEEN_AT), now)
            if reason:
                logout(request)
                messages.info(request, _logged_out_message(reason))
            elif now - session[SEEN_AT] >= TOUCH_EVERY:
                session[SEEN_AT] = int(now)
        return self.get_response(request)
