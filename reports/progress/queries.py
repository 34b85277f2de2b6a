"""Plan marks as the pure functions read them."""

from __future__ import annotations

from collections.abc import Iterable

from reports.models import PlanMark
from reports.progress.rows import Mark


def marks_for(assessment_id: int) -> dict[str, Mark]:
    rows = PlanMark.objects.filter(assessment_id=assessment_id).values_list(
        "question_code", "status", "on"
    )
    return {code: Mark(status=status, on=on) for code, status, on in rows}


def marks_for_many(assessment_ids: Iterable[int]) -> dict[int, dict[str, Mark]]:
    """Marks of several assessments in one query (the dashboard)."""
    out: dict[int, dict[str, Mark]] = {}
    rows = PlanMark.objects.filter(assessment_id__in=list(assessment_ids)).values_list(
        "assessment_id", "question_code", "status", "on"
    )
    for assessment_id, code, status, on in rows:
        out.setdefault(assessment_id, {})[code] = Mark(status=status, on=on)
    return out
