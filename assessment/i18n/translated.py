"""Reading content in the active language: translated where a translation exists, else English.

Translations come into the same query as the content they translate, as annotations
(`tr_<field>`), so a questionnaire page costs no extra query per language.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.utils import translation

from assessment.i18n.localise import ContentCatalogue
from assessment.models import (
    TRANSLATION_MODELS,
    AdviceVariantTranslation,
    LevelTranslation,
    OptionTranslation,
    PillarTranslation,
    QuestionnaireTranslation,
    QuestionTranslation,
)
from assessment.models.translations import Translation

M = TypeVar("M", bound=Model)


def content_language(language: str | None = None) -> str | None:
    """The language content is translated into, or None for the source language."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return None if code == settings.LANGUAGE_CODE else code


def with_translations(
    queryset: QuerySet[M],
    language: str | None = None,
    *,
    translations: type[Translation] | None = None,
) -> QuerySet[M]:
    """The queryset with each translated field of `language` as `tr_<field>`."""
    code = content_language(language)
    if code is None:
        return queryset
    model = translations or TRANSLATION_MODELS[queryset.model]
    rows = model.objects.filter(**{model.PARENT: OuterRef("pk")}, language=code)
    return queryset.annotate(
        **{f"tr_{name}": Subquery(rows.values(name)[:1]) for name in model.FIELDS}
    )


def localised(obj: Any, field: str) -> str:
    """obj's field in the language it was read in (with_translations), else the English."""
    return getattr(obj, f"tr_{field}", None) or getattr(obj, field)


def content_catalogue(version_id: int, language: str | None = None) -> ContentCatalogue:
    """The translations of one version in `language`, by code: six queries (none for
    English), whatever the size of the questionnaire."""
    code = content_language(language)
    if code is None:
        return ContentCatalogue()
    of_version = {"language": code}

    def rows(model: type[Translation], *keys: str) -> list[tuple[Any, ...]]:
        fields, parent = model.FIELDS, model.VERSION
        return list(
            model.objects.filter(**of_version, **{parent: version_id}).values_list(*keys, *fields)
        )

    def texts(model: type[Translation], values: tuple[Any, ...]) -> dict[str, str]:
        return dict(zip(model.FIELDS, values, strict=True))

    version_rows = rows(QuestionnaireTranslation)
    return ContentCatalogue(
        version=texts(QuestionnaireTranslation, version_rows[0]) if version_rows else {},
        pillars={
            r[0]: texts(PillarTranslation, r[1:]) for r in rows(PillarTranslation, "pillar__code")
        },
        questions={
            r[0]: texts(QuestionTranslation, r[1:])
            for r in rows(QuestionTranslation, "question__code")
        },
        options={
            (r[0], r[1]): texts(OptionTranslation, r[2:])
            for r in rows(OptionTranslation, "option__question__code", "option__code")
        },
        levels={
            float(r[0]): texts(LevelTranslation, r[1:])
            for r in rows(LevelTranslation, "level__min_score")
        },
        variants={
            (r[0], r[1], r[2]): texts(AdviceVariantTranslation, r[3:])
            for r in rows(
                AdviceVariantTranslation,
                "variant__option__question__code",
                "variant__option__code",
                "variant__order",
            )
        },
    )
