"""`Question.previous_code`: its field, its checks and the lineage of a questionnaire's
versions as read from the database (the rules themselves are in assessment/models/lineage.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from assessment.models import lineage


def _questions() -> Any:
    # Looked up, not imported: questionnaire.py imports this module.
    return apps.get_model("assessment", "Question").objects


def previous_code_field() -> models.SlugField[str, str]:
    return models.SlugField(
        max_length=60,
        blank=True,
        help_text="The code this question had in earlier versions, when it was renamed "
        "(answers and changes then compare across versions). Empty if the code is kept.",
    )


def earlier_codes(slug: str, number: int) -> set[str]:
    """Every question code of the questionnaire's versions before `number` (one query)."""
    return set(
        _questions()
        .filter(pillar__questionnaire__slug=slug, pillar__questionnaire__number__lt=number)
        .values_list("code", flat=True)
    )


def question_problems(question: Any) -> list[str]:
    """A question's previous_code checked against the database (two queries)."""
    if not question.previous_code:
        return []
    version = question.pillar.questionnaire
    others = _questions().filter(pillar__questionnaire=version).exclude(pk=question.pk)
    claimed = [
        code
        for pair in others.values_list("code", "previous_code")
        for code in pair
        if code == question.previous_code
    ]
    return lineage.mapping_problems(
        question.code,
        question.previous_code,
        earlier_codes(version.slug, version.number),
        claimed,
    )


def version_problems(version: Any) -> list[str]:
    """Every mapping problem of a version, for publishing (two queries)."""
    rows = _questions().filter(pillar__questionnaire=version).values_list("code", "previous_code")
    return lineage.version_problems(dict(rows), earlier_codes(version.slug, version.number))


def version_lineage(slug: str) -> dict[int, dict[str, str]]:
    """Lineage keys of every question of every version of a questionnaire, by version id
    (one query)."""
    rows = (
        _questions()
        .filter(pillar__questionnaire__slug=slug)
        .values_list(
            "pillar__questionnaire_id", "pillar__questionnaire__number", "code", "previous_code"
        )
    )
    by_version: dict[int, dict[str, str | None]] = {}
    numbers: dict[int, int] = {}
    for version_id, number, code, previous in rows:
        by_version.setdefault(version_id, {})[code] = previous or None
        numbers[number] = version_id
    keys = lineage.lineage(
        lineage.VersionCodes(number, by_version[version_id])
        for number, version_id in numbers.items()
    )
    return {version_id: keys[number] for number, version_id in numbers.items()}
