"""Reminder consent (a form on the dashboard) and the one-click unsubscribe (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from assessment.access import signed_in_user
from assessment.models import User
from reports.reminders.send import user_for_token


@login_required
@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    """Turn reminders on or off; the time of consent is recorded, like benchmark consent."""
    user = signed_in_user(request)
    wanted = request.POST.get("reminders") == "on"
    User.objects.filter(pk=user.pk).update(reminders_consent_at=timezone.now() if wanted else None)
    if wanted:
        messages.success(
            request,
            _(
                "Reminders are on: we will e-mail you when your 90-day actions are due and "
                "when six months have passed since your last check."
            ),
        )
    else:
        messages.success(request, _("Reminders are off: we will not e-mail you reminders."))
    return redirect("dashboard")


# The token is the credential: a mail client's one-click POST (RFC 8058) carries no
# CSRF token and no session, so CSRF protection cannot apply here.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (link checkers in mail systems follow links; they must not
    unsubscribe anyone); POST, from that button or the mail client, unsubscribes."""
    user = user_for_token(token)
    if user is None:
        return render(request, "reports/reminders/unsubscribe.html", {"bad": True}, status=404)
    if request.method == "POST":
        User.objects.filter(pk=user.pk).update(reminders_consent_at=None)
        return render(request, "reports/reminders/unsubscribe.html", {"done": True})
    return render(request, "reports/reminders/unsubscribe.html", {"token": token})
