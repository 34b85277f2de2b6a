"""Respondent pages. The journey (sign-up, questionnaire, results) comes with its own issue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessment.models import QuestionnaireVersion


def home(request: HttpRequest) -> HttpResponse:
    version = (
        QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED)
        .prefetch_related("pillars")
        .first()
    )
    return render(request, "assessment/home.html", {"version": version})
