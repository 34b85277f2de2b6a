"""Sign-up and login forms: the e-mail address is the login, compared case-insensitively."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    SetPasswordMixin,
    UsernameField,
)
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from assessment.accounts.reauth import verify_password
from assessment.forms.fields import EmailAddressField
from assessment.forms.text_input import without_hidden
from assessment.models import User

CONSENT_LABEL = _(
    "I agree that my answers may be used, anonymised, for benchmarks that compare firms "
    "with their peers. My company is never named, and no group of fewer than five firms "
    "is ever shown."
)


class SignupForm(SetPasswordMixin, forms.Form):
    """A new account; Django's password validators see the e-mail, so it cannot be the password.

    It never says whether the e-mail is registered (see assessment/accounts/signup.py).
    """

    email = EmailAddressField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )
    benchmark_consent = forms.BooleanField(
        label=CONSENT_LABEL,
        required=False,
        help_text=_("Optional. Without it you still get your full score and report."),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        super().clean()
        if self.cleaned_data.get("email"):
            # The similarity validator compares the password with the e-mail.
            self.validate_password_for_user(User(email=self.cleaned_data["email"]))
        return self.cleaned_data


class EmailAuthenticationForm(AuthenticationForm):
    # max_length here, not only as Django sets it after the field is built (which adds no
    # validator): a longer "e-mail" never reaches authenticate() and the throttle's table.
    username = UsernameField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail and password do not match an account. Check them, "
            "or reset your password below."
        ),
    }

    def clean_username(self) -> str:
        # Accounts are stored in lower case; phones often capitalise the first letter.
        # Invisible characters are dropped as they were at sign-up.
        return without_hidden(self.cleaned_data["username"]).strip().lower()


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked through the login throttle."""

    def __init__(self, user: User, *args: object, request: HttpRequest, **kwargs: object) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        wrong = forms.ValidationError(
            self.error_messages["password_incorrect"], code="password_incorrect"
        )
        verify_password(self.request, self.user, old_password, wrong=wrong)
        return old_password
