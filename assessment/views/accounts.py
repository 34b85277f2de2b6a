"""Sign-up with e-mail and consent; the e-mail is the login."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assessment.forms.accounts import (
    EmailAuthenticationForm,
    SignupForm,
    ThrottledPasswordChangeForm,
)
from assessment.language import is_language, language_at_login
from assessment.reauth import throttled_status

__all__ = ["EmailAuthenticationForm", "LoginView", "PasswordChangeView", "signup"]


class LoginView(auth_views.LoginView):
    """E-mail login that applies the user's stored language."""

    authentication_form = EmailAuthenticationForm

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        language_at_login(self.request, response, form.get_user())
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, its old password throttled as a login is."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form: ThrottledPasswordChangeForm) -> HttpResponse:
        return throttled_status(super().form_invalid(form), form, "old_password")


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            language = getattr(request, "LANGUAGE_CODE", "")
            if is_language(language):
                # The language the account was made in is the user's until they switch.
                form.instance.preferred_language = language
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
