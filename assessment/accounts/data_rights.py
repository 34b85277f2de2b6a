"""A respondent's rights over their data: a copy of all of it, and erasure.

The copy is plain JSON (what the user typed and what was computed from it), so it can
be read without this app. Erasure deletes the account, the company, every assessment and
answer; the reports app removes stored PDFs and recomputes benchmarks through its
deletion signals (reports/signals.py), so this module needs nothing from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from assessment.models import Answer, Assessment, Company, User

FORMAT_VERSION = 1


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question.code,
        "question_text": answer.question.text,
        "options": [option.code for option in answer.options.all()],
        "number": str(answer.number) if answer.number is not None else None,
        "text": answer.text,
        "updated_at": _iso(answer.updated_at),
    }


def _assessment(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "questionnaire": {
            "slug": assessment.questionnaire.slug,
            "number": assessment.questionnaire.number,
            "title": assessment.questionnaire.title,
        },
        "status": assessment.status,
        "language": assessment.language,
        "cohort": assessment.cohort.code if assessment.cohort else None,
        "created_at": _iso(assessment.created_at),
        "submitted_at": _iso(assessment.submitted_at),
        "overall_score": assessment.overall_score,
        "level": assessment.level or None,
        "result": assessment.result or None,
        "answers": [_answer(answer) for answer in assessment.answers.all()],
    }


def personal_data(user: User) -> dict[str, Any]:
    """Everything stored about the user and their company, as JSON-ready data."""
    company = Company.objects.select_related("cohort").filter(owner=user).first()
    assessments = (
        Assessment.objects.filter(company__owner=user)
        .select_related("questionnaire", "cohort")
        .prefetch_related("answers__question", "answers__options")
        .order_by("created_at", "pk")
    )
    return {
        "format": "mekong-digital-readiness/personal-data",
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "benchmark_consent_at": _iso(user.benchmark_consent_at),
            "preferred_language": user.preferred_language or None,
        },
        "company": None
        if company is None
        else {
            **company.profile(),
            "cohort": company.cohort.code if company.cohort else None,
            "created_at": _iso(company.created_at),
        },
        "assessments": [_assessment(assessment) for assessment in assessments],
    }


@dataclass(frozen=True)
class Erased:
    assessments: int
    answers: int


def erase_account(user: User) -> Erased:
    """Delete the user with their company, assessments and answers, in one transaction.

    Staff accounts are refused: an administrator's account holds no company data and
    removing it belongs in the admin, where another administrator can see it happen.
    """
    if user.is_staff:
        raise PermissionError("Staff accounts are removed by another administrator.")
    with transaction.atomic():
        assessments = Assessment.objects.filter(company__owner=user)
        counts = Erased(
            assessments=assessments.count(),
            answers=Answer.objects.filter(assessment__company__owner=user).count(),
        )
        # Cascades remove the company, assessments, answers and report rows; their
        # post_delete signals schedule file removal and benchmark refresh on commit.
        User.objects.filter(pk=user.pk).delete()
    return counts
