"""Log-in by e-mail and password change; sign-up is in views/signup.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from assessment.accounts.reauth import throttled_status
from assessment.forms.accounts import (
    EmailAuthenticationForm,
    ThrottledPasswordChangeForm,
)
from assessment.i18n.language import language_at_login

__all__ = ["EmailAuthenticationForm", "LoginView", "PasswordChangeView"]


class LoginView(auth_views.LoginView):
    """E-mail login that applies the user's stored language."""

    authentication_form = EmailAuthenticationForm

    # The stubs type the view's form as Django's own class; ours is its subclass.
    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        language_at_login(self.request, response, form.get_user())
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, its old password throttled as a login is."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    # As above: the form_class is our subclass of Django's form.
    def form_invalid(self, form: ThrottledPasswordChangeForm) -> HttpResponse:  # type: ignore[override]
        return throttled_status(super().form_invalid(form), form, "old_password")
