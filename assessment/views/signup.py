"""Sign-up: the form, the same "check your e-mail" answer for every address, and the
link that confirms the account and logs it in."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from assessment.accounts.signup import confirm_signup, is_unconfirmed, request_signup, signup_token
from assessment.forms.accounts import SignupForm
from assessment.i18n.language import is_language
from assessment.models import User


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        language = getattr(request, "LANGUAGE_CODE", "")
        request_signup(
            request,
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            consent=form.cleaned_data["benchmark_consent"],
            # The language the account was made in is the user's until they switch.
            language=language if is_language(language) else "",
        )
        return redirect("signup_done")
    return render(request, "registration/signup.html", {"form": form})


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/signup_done.html")


def _unconfirmed_user(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, OverflowError, User.DoesNotExist):
        return None
    if is_unconfirmed(user) and signup_token.check_token(user, token):
        return user
    return None


def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links must not use them."""
    user = _unconfirmed_user(uidb64, token)
    if user is None:
        return render(request, "registration/signup_confirm.html", {"validlink": False})
    if request.method == "POST":
        confirm_signup(user)
        # Named because django-axes adds a second backend; the link proves the mailbox.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("profile")
    return render(request, "registration/signup_confirm.html", {"validlink": True})
