"""Previewing a questionnaire version as a respondent sees it, in any of the languages.

The language switch (`?lang=th`) reads the version's content in that language, as the
respondent's pages do (translations in the same queries, English where one is missing),
and renders the respondent's own words (progress, "Your answer", "Optional.") from that
language's catalogue. The admin around it stays in the administrator's language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin import ModelAdmin
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from assessment.i18n.translated import with_translations
from assessment.models import Option, Question, QuestionnaireVersion


def preview_view(model_admin: ModelAdmin[Any], request: HttpRequest, pk: int) -> HttpResponse:
    if not model_admin.has_view_permission(request):
        return HttpResponse(status=403)
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in languages:
        raise Http404("No such language.")
    version = get_object_or_404(
        with_translations(QuestionnaireVersion.objects.all(), language), pk=pk
    )
    pillars = with_translations(version.pillars.all(), language).prefetch_related(
        Prefetch("questions", queryset=with_translations(Question.objects.all(), language)),
        Prefetch("questions__options", queryset=with_translations(Option.objects.all(), language)),
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": QuestionnaireVersion._meta,
        "version": version,
        "pillars": list(pillars),
        "language": language,
        "languages": list(languages.items()),
        # The code, not the name: the admin's own font may lack the script.
        "title": f"Preview: {version.title} v{version.number} ({language})",
    }
    return render(request, "admin/assessment/questionnaireversion/preview.html", context)
