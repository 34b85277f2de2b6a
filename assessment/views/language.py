"""The language switcher's target: Django's set_language, remembered on the user too."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.views import i18n
from django.views.decorators.http import require_POST

from assessment.i18n.language import is_language, language_choose
from assessment.models import Assessment

# Pages of one assessment: switching language there switches the assessment's language.
ASSESSMENT_PAGES = {"assessment_page", "assessment_review", "assessment_results"}


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    # Django's view checks the language, sets the cookie and redirects to a safe `next`.
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    if is_language(code):
        language_choose(request, response, code, assessment=_assessment_in(request))
    return response


def _assessment_in(request: HttpRequest) -> Assessment | None:
    """The user's own assessment whose page the switch was made on, if any."""
    if not request.user.is_authenticated:
        return None
    try:
        match = resolve(urlsplit(request.POST.get("next", "")).path)
    except Resolver404:
        return None
    if match.url_name not in ASSESSMENT_PAGES:
        return None
    pk = match.kwargs.get("pk")
    if pk is None:
        return None
    return Assessment.objects.filter(pk=pk, company__owner=request.user).first()
