"""The respondent's language: chosen with the switcher, kept on the user, applied at login.

`reader_language` decides which language a reader sees results, the dashboard and reports
in: the switch (the cookie), then the user's profile, then the browser, then English.

Django's LocaleMiddleware reads the language cookie on every request; these helpers set
that cookie and keep the same choice on the user (so another device or a cleared browser
gets it back at the next login) and on the assessment being answered.
"""

from __future__ import annotations

from typing import TypeGuard

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from assessment.models import Assessment, User


def is_language(code: str | None) -> TypeGuard[str]:
    return bool(code) and code in dict(settings.LANGUAGES)


def reader_language(request: HttpRequest) -> str:
    """The language the reader chose: the switch (the language cookie), then the user's
    stored preference, then the browser's Accept-Language, falling back to English.

    Not the assessment's stored language: that is the one it was answered in, and a
    reader (the owner on another day, or staff) may have switched since.
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if is_language(chosen):
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and is_language(user.preferred_language):
        return user.preferred_language
    # With no valid cookie Django reads Accept-Language, else settings.LANGUAGE_CODE.
    browser = translation.get_language_from_request(request)
    return browser if is_language(browser) else settings.LANGUAGE_CODE


def set_language_cookie(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def language_choose(
    request: HttpRequest, response: HttpResponse, code: str, *, assessment: Assessment | None = None
) -> None:
    """Switch to `code` from this response on: cookie, the user's preference, and the
    assessment being answered (whose results and report then come out in it)."""
    if not is_language(code):
        return
    set_language_cookie(response, code)
    translation.activate(code)
    request.LANGUAGE_CODE = code
    user = request.user
    if user.is_authenticated and user.preferred_language != code:
        User.objects.filter(pk=user.pk).update(preferred_language=code)
        user.preferred_language = code
    if assessment is not None and assessment.language != code:
        Assessment.objects.filter(pk=assessment.pk).update(language=code)
        assessment.language = code


def language_at_login(request: HttpRequest, response: HttpResponse, user: User) -> None:
    """At login the user's stored choice wins; a user without one keeps the language the
    page is in when they chose it with the switcher (the cookie) before logging in."""
    if is_language(user.preferred_language):
        set_language_cookie(response, user.preferred_language)
        translation.activate(user.preferred_language)
        return
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if is_language(chosen):
        User.objects.filter(pk=user.pk).update(preferred_language=chosen)
        user.preferred_language = chosen
