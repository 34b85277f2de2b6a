"""Respondent pages. The journey (sign-up, questionnaire, results) comes with its own issue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessment.i18n.translated import with_translations
from assessment.models import Pillar, QuestionnaireVersion


def home(request: HttpRequest) -> HttpResponse:
    version = QuestionnaireVersion.objects.filter(
        status=QuestionnaireVersion.Status.PUBLISHED
    ).first()
    pillars = with_translations(Pillar.objects.filter(questionnaire=version)) if version else []
    return render(request, "assessment/home.html", {"version": version, "pillars": pillars})
