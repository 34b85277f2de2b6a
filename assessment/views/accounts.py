"""Sign-up with e-mail and consent; the e-mail is the login."""

from __future__ import annotations

from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assessment.forms.accounts import EmailAuthenticationForm, SignupForm

__all__ = ["EmailAuthenticationForm", "signup"]


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    user = form.save()
            except IntegrityError:
                # A double click (or two tabs) got past the uniqueness check at once.
                form.add_error("email", SignupForm.duplicate_error())
            else:
                # Named because django-axes adds a second backend; the new user has just
                # chosen this password, so no throttle applies.
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("profile")
    else:
        form = SignupForm()
    return render(request, "registration/signup.html", {"form": form})
