"""The company profile: created on the first save, edited afterwards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessment.access import get_company_for_user, signed_in_user
from assessment.forms.profile import CompanyProfileForm
from assessment.models import Company


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    company = get_company_for_user(request) or Company(owner=signed_in_user(request))
    if request.method == "POST":
        form = CompanyProfileForm(request.POST, instance=company)
        if form.is_valid():
            form.save()
            messages.success(request, _("Profile saved."))
            return redirect("dashboard")
    else:
        form = CompanyProfileForm(instance=company)
    return render(request, "assessment/profile.html", {"form": form, "is_new": company.pk is None})
