"""Asking a logged-in user for their password again (to change it, to delete the account),
throttled as the login is.

Someone holding a stolen session could otherwise guess the password there without limit.
The check goes through django-axes, so a wrong password counts towards the same limits
as a failed login (per e-mail and address, and per address), and a paused login pauses
these forms too.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from assessment.models import User

THROTTLED = "throttled"


def cooloff_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def verify_password(
    request: HttpRequest, user: User, password: str, *, wrong: forms.ValidationError
) -> None:
    """Raise `wrong` for a wrong password, or a "throttled" error while paused."""
    authenticated = authenticate(request, username=user.get_username(), password=password)
    paused = getattr(request, "axes_locked_out", False)
    # The form says so itself; AxesMiddleware would otherwise answer with the login page.
    request.axes_locked_out = False  # type: ignore[attr-defined]
    if paused:
        raise forms.ValidationError(
            _(
                "Too many wrong passwords. For your security, this is paused for "
                "%(minutes)s minutes. Try again later."
            ),
            code=THROTTLED,
            params={"minutes": cooloff_minutes()},
        )
    if authenticated is None or authenticated.pk != user.pk:
        raise wrong
    # As a successful login does: this user's earlier slips from here no longer count.
    AxesProxyHandler.reset_attempts(
        username=user.get_username(),
        ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
    )


def throttled_status(response: HttpResponse, form: forms.Form, field: str) -> HttpResponse:
    """429 and Retry-After on a form redisplayed because the password check is paused."""
    if form.has_error(field, THROTTLED):
        response.status_code = 429
        response["Retry-After"] = str(cooloff_minutes() * 60)
    return response
