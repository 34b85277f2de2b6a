"""A respondent's copy of their data, and the deletion of their account."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessment.access import signed_in_user
from assessment.accounts.data_rights import erase_account, personal_data
from assessment.accounts.reauth import throttled_status
from assessment.forms.data_rights import DeleteAccountForm


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    body = json.dumps(personal_data(signed_in_user(request)), cls=DjangoJSONEncoder, indent=2)
    filename = f"mekong-digital-readiness-data-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a proxy
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff:
        messages.error(request, _("Staff accounts are removed by another administrator."))
        return redirect("profile")
    user = signed_in_user(request)
    form = DeleteAccountForm(user, request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        erase_account(user)
        logout(request)
        messages.success(
            request,
            _("Your account and all its data have been deleted. Thank you for taking part."),
        )
        return redirect("home")
    response = render(request, "assessment/delete_account.html", {"form": form})
    return throttled_status(response, form, "password")
