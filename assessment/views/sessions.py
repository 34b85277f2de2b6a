"""Ending the account's sessions on other devices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.access import signed_in_user


@login_required
@require_POST
def end_other_sessions(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    user.end_other_sessions()
    # This session stays logged in, under a new key.
    update_session_auth_hash(request, user)
    messages.success(request, _("You are now logged out on every other device."))
    return redirect("profile")
