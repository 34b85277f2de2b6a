"""The page django-axes shows when a log-in is paused (settings.AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from assessment.accounts.address_throttle import ADDRESS
from assessment.accounts.login_throttle import axes_username
from assessment.accounts.reauth import cooloff_minutes
from assessment.forms.accounts import EmailAuthenticationForm


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
