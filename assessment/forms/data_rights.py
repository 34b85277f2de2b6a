"""Confirming the erasure of an account: the password, and the word that says so."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from assessment.accounts.reauth import verify_password
from assessment.models import User


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account, company profile, answers and reports are deleted "
            "for good and cannot be recovered."
        ),
    )

    def __init__(self, user: User, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        wrong = forms.ValidationError(_("This is not your password."), code="wrong_password")
        verify_password(self.request, self.user, password, wrong=wrong)
        return password
