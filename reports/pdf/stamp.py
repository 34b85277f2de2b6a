"""Which translations a stored report was rendered with, so that a corrected or newly
reviewed translation reaches the reports already stored in its language.

A report's scores are frozen, but its texts are looked up again in the version's
translations (assessment/i18n/localise.py) and the programme catalogue's. The stamp is the
count and latest change of those rows; a stored report whose stamp differs from the
current one is rendered again on the next download. English reports read no
translation: their stamp is empty.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db.models import Count, IntegerField, Max, QuerySet, Value

from assessment.models import TRANSLATION_MODELS
from reports.models import ProgrammeTranslation


def _rows(version_id: int, language: str) -> list[QuerySet]:
    version = [
        model.objects.filter(language=language, **{model.VERSION: version_id})
        for model in TRANSLATION_MODELS.values()
    ]
    return [*version, ProgrammeTranslation.objects.filter(language=language)]


def translations_stamp(version_id: int, language: str) -> str:
    """A short digest of the translations a report of this version and language reads;
    one query."""
    if language == settings.LANGUAGE_CODE:
        return ""
    parts = [
        # Grouped by language (a constant here) so each part is one row, even when empty.
        rows.order_by().values("language").annotate(n=Count("pk"), latest=Max("updated_at"))
        for rows in _rows(version_id, language)
    ]
    # A constant tag per table keeps the parts apart: UNION would merge equal rows.
    tagged = [
        part.annotate(part=Value(index, output_field=IntegerField())).values_list(
            "part", "n", "latest"
        )
        for index, part in enumerate(parts)
    ]
    combined = tagged[0].union(*tagged[1:], all=True)
    digest = hashlib.sha256(repr(sorted(combined)).encode()).hexdigest()
    return digest[:32]
