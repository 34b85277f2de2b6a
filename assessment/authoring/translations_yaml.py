"""The `translations:` section of a questionnaire file: every translation, by code.

One entry per language, shaped like seeds/translations/<lang>/questionnaire_*.yaml:
title and description, `levels` in the order of their minimum scores, `pillars` and
`questions` (with their `options`, and an option's `advice_variants` as a list in the
order of the option's variants) keyed by code. Only texts that exist are written, so
an export imported into a new draft and exported again gives the same file.

A file's translations are checked against the file itself (its languages and codes)
before anything is stored; imported translations are drafts (nobody has reviewed them
here) and current against the English they arrived with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from assessment.authoring.questionnaire_schema import QuestionnaireFormatError
from assessment.models import (
    AdviceVariantTranslation,
    LevelTranslation,
    OptionTranslation,
    PillarTranslation,
    QuestionnaireTranslation,
    QuestionnaireVersion,
    QuestionTranslation,
    TranslationStatus,
)
from assessment.models.content_stamp import restamp
from assessment.models.translations import (
    TRANSLATION_MODELS,
    Translation,
    translation_languages,
)

# Every translation model, as the models declare them (their parents exist before any is stored).
MODELS: tuple[type[Translation], ...] = tuple(TRANSLATION_MODELS.values())
_CONTENT = "questions__options__advice_variants"


def _texts(row: Translation | None) -> dict[str, str]:
    if row is None:
        return {}
    return {name: value for name in row.FIELDS if (value := getattr(row, name))}


# ---------------------------------------------------------------- export


def translations_to_dict(version: QuestionnaireVersion) -> dict[str, Any]:
    """Per language, version's translations in questionnaire order (eleven queries)."""
    rows = {
        model: {
            (getattr(row, f"{model.PARENT}_id"), row.language): row
            for row in model.objects.filter(**{model.VERSION: version.pk})
        }
        for model in MODELS
    }
    levels = list(version.levels.order_by("min_score"))
    pillars = list(version.pillars.prefetch_related(_CONTENT))
    out: dict[str, Any] = {}
    for language, _name in translation_languages():
        data: dict[str, Any] = _texts(rows[QuestionnaireTranslation].get((version.pk, language)))
        level_texts = [_texts(rows[LevelTranslation].get((lv.pk, language))) for lv in levels]
        if any(level_texts):
            data["levels"] = level_texts
        pillar_texts = {
            p.code: texts
            for p in pillars
            if (texts := _texts(rows[PillarTranslation].get((p.pk, language))))
        }
        if pillar_texts:
            data["pillars"] = pillar_texts
        questions: dict[str, Any] = {}
        for pillar in pillars:
            for question in pillar.questions.all():
                entry: dict[str, Any] = _texts(
                    rows[QuestionTranslation].get((question.pk, language))
                )
                options = {
                    o.code: texts
                    for o in question.options.all()
                    if (texts := _option_texts(o, rows, language))
                }
                if options:
                    entry["options"] = options
                if entry:
                    questions[question.code] = entry
        if questions:
            data["questions"] = questions
        if data:
            out[language] = data
    return out


def _option_texts(
    option: models.Model, rows: Mapping[type[Translation], Mapping[Any, Translation]], language: str
) -> dict[str, Any]:
    texts: dict[str, Any] = _texts(rows[OptionTranslation].get((option.pk, language)))
    variants = [
        _texts(rows[AdviceVariantTranslation].get((v.pk, language))).get("advice", "")
        for v in option.advice_variants.all()  # type: ignore[attr-defined]
    ]
    while variants and not variants[-1]:
        variants.pop()  # by position: an untranslated last variant is simply left out
    if variants:
        texts["advice_variants"] = variants
    return texts


# ---------------------------------------------------------------- check


def check_translations(value: Any, questionnaire: Mapping[str, Any]) -> None:
    """Raise QuestionnaireFormatError naming the first language, code or text that the
    questionnaire described by the rest of the file cannot take."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise QuestionnaireFormatError("translations: expected a mapping of languages.")
    languages = dict(translation_languages())
    pillars = questionnaire.get("pillars") or []
    pillar_codes = {p["code"] for p in pillars}
    option_codes = {
        q["code"]: {o["code"]: len(o.get("advice_variants") or []) for o in q.get("options") or []}
        for p in pillars
        for q in p.get("questions") or []
    }
    level_count = len(questionnaire.get("levels") or [])
    for language, data in value.items():
        where = f"translations {language}"
        if language not in languages:
            raise QuestionnaireFormatError(
                f"translations: “{language}” is not a language of the site "
                f"(one of {', '.join(languages)}; English is the questionnaire itself)."
            )
        data = _mapping(data, where)
        _check_texts(
            {k: v for k, v in data.items() if k not in ("levels", "pillars", "questions")},
            QuestionnaireTranslation,
            where,
        )
        levels = data.get("levels") or []
        if not isinstance(levels, list) or len(levels) > level_count:
            raise QuestionnaireFormatError(
                f"{where}: “levels” must be a list of at most {level_count} (one per level)."
            )
        for index, level in enumerate(levels, start=1):
            l_where = f"{where}, level {index}"
            _check_texts(_mapping(level, l_where), LevelTranslation, l_where)
        for code, entry in _mapping(data.get("pillars"), f"{where}, pillars").items():
            if code not in pillar_codes:
                raise QuestionnaireFormatError(f"{where}: no pillar “{code}” in this file.")
            p_where = f"{where}, pillar {code}"
            _check_texts(_mapping(entry, p_where), PillarTranslation, p_where)
        for code, entry in _mapping(data.get("questions"), f"{where}, questions").items():
            if code not in option_codes:
                raise QuestionnaireFormatError(f"{where}: no question “{code}” in this file.")
            q_where = f"{where}, question {code}"
            entry = _mapping(entry, q_where)
            texts = {k: v for k, v in entry.items() if k != "options"}
            _check_texts(texts, QuestionTranslation, q_where)
            for o_code, o_entry in _mapping(entry.get("options"), q_where).items():
                if o_code not in option_codes[code]:
                    raise QuestionnaireFormatError(f"{q_where}: no option “{o_code}”.")
                o_where = f"{q_where}, option {o_code}"
                o_entry = _mapping(o_entry, o_where)
                variants = o_entry.get("advice_variants") or []
                count = option_codes[code][o_code]
                if not isinstance(variants, list) or len(variants) > count:
                    raise QuestionnaireFormatError(
                        f"{o_where}: “advice_variants” must be a list of at most {count} "
                        "texts (one per advice variant of the option, in order)."
                    )
                for index, text in enumerate(variants, start=1):
                    v_where = f"{o_where}, advice variant {index}"
                    _check_texts({"advice": text}, AdviceVariantTranslation, v_where)
                texts = {k: v for k, v in o_entry.items() if k != "advice_variants"}
                _check_texts(texts, OptionTranslation, o_where)


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise QuestionnaireFormatError(f"{where}: expected a mapping.")
    return value


def _check_texts(data: Mapping[str, Any], model: type[Translation], where: str) -> None:
    for key, text in data.items():
        if key not in model.FIELDS:
            raise QuestionnaireFormatError(
                f"{where}: unknown key “{key}” (expected {', '.join(model.FIELDS)})."
            )
        if text is None:
            continue
        if not isinstance(text, str):
            raise QuestionnaireFormatError(f"{where}: {key}: expected text, got {text!r}.")
        field = model._meta.get_field(key)
        limit = field.max_length if isinstance(field, models.CharField) else None
        if limit and len(text) > limit:
            raise QuestionnaireFormatError(f"{where}: {key} is longer than {limit} characters.")


# ---------------------------------------------------------------- import


def store_translations(version: QuestionnaireVersion, value: Any) -> None:
    """Store the checked `translations:` of a file for the version just imported from it."""
    if not value:
        return
    # Replacing a draft (seeding) deleted its content's translations but not its own.
    QuestionnaireTranslation.objects.filter(version=version, language__in=list(value)).delete()
    levels = list(version.levels.order_by("min_score"))
    pillars = {p.code: p for p in version.pillars.prefetch_related(_CONTENT)}
    questions = {q.code: q for p in pillars.values() for q in p.questions.all()}
    new: dict[type[Translation], list[Translation]] = {model: [] for model in MODELS}

    def add(model: type[Translation], parent: models.Model, texts: Any, language: str) -> None:
        texts = {name: texts.get(name) or "" for name in model.FIELDS}
        if any(texts.values()):
            row = model(**{model.PARENT: parent}, language=language, **texts)
            row.status = TranslationStatus.DRAFT
            row.mark_current()  # bulk_create does not call save()
            new[model].append(row)

    for language, data in value.items():
        data = data or {}  # "th:" with nothing under it: nothing to store
        add(QuestionnaireTranslation, version, data, language)
        for level, entry in zip(levels, data.get("levels") or [], strict=False):
            add(LevelTranslation, level, entry or {}, language)
        for code, entry in (data.get("pillars") or {}).items():
            add(PillarTranslation, pillars[code], entry or {}, language)
        for code, entry in (data.get("questions") or {}).items():
            entry = entry or {}
            question = questions[code]
            add(QuestionTranslation, question, entry, language)
            own = {o.code: o for o in question.options.all()}
            for o_code, o_entry in (entry.get("options") or {}).items():
                add(OptionTranslation, own[o_code], o_entry or {}, language)
                texts = (o_entry or {}).get("advice_variants") or []
                # Checked against the file: never more texts than the option has variants.
                for variant, text in zip(own[o_code].advice_variants.all(), texts, strict=False):
                    add(AdviceVariantTranslation, variant, {"advice": text}, language)
    for model, rows in new.items():
        model.objects.bulk_create(rows)
    restamp(QuestionnaireVersion.objects.filter(pk=version.pk))  # bulk_create sends no signal
