"""What a questionnaire file may hold, checked before anything is written.

Every key's type, length and range comes from the model field it fills, so the file and
the admin's forms accept the same values. Django would turn a list, a number or true into
text on save (``str(value)``); here a value of the wrong type is an error that names
its key, and the import code after this check may take the data at its word.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from assessment import conditions
from assessment.models import (
    AdviceVariant,
    MaturityLevel,
    Option,
    Pillar,
    Question,
    QuestionnaireVersion,
)
from assessment.models.code_lists import validate_condition

# Levels, pillars, questions, options and advice variants together: the seed has under
# 300. The bound keeps an import (a few queries per object) to seconds.
MAX_OBJECTS = 5_000


class QuestionnaireFormatError(ValueError):
    """The YAML does not describe a questionnaire; the message says where and why."""


@dataclass(frozen=True)
class _Shape:
    model: type[models.Model]
    keys: tuple[str, ...]
    children: dict[str, _Shape] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)  # key -> model field, if named apart

    def model_field(self, key: str) -> models.Field:
        return self.model._meta.get_field(self.fields.get(key, key))  # type: ignore[return-value]


VARIANT = _Shape(AdviceVariant, ("sizes", "sectors", "advice"), fields={"sizes": "size_bands"})
OPTION = _Shape(
    Option,
    (
        "code",
        "label",
        "points",
        "kind",
        "advice",
        "band_min",
        "band_max",
        "not_for_sizes",
        "not_for_sectors",
    ),
    {"advice_variants": VARIANT},
)
QUESTION = _Shape(
    Question,
    (
        "code",
        "previous_code",
        "type",
        "text",
        "help_text",
        "weight",
        "max_points",
        "required",
        "unit",
        "min_value",
        "max_value",
        "max_length",
        "aligned_with",
        "step_who",
        "step_effort",
        "show_if",
    ),
    {"options": OPTION},
)
PILLAR = _Shape(
    Pillar, ("code", "name", "description", "weight", "show_if"), {"questions": QUESTION}
)
LEVEL = _Shape(MaturityLevel, ("name", "min_score", "description"))
VERSION = _Shape(
    QuestionnaireVersion,
    ("slug", "number", "title", "description", "weights_rationale"),
    {"levels": LEVEL, "pillars": PILLAR},
)


def check_questionnaire(data: Any) -> None:
    """Raise QuestionnaireFormatError naming the first key whose value cannot be imported."""
    if not isinstance(data, dict):
        raise QuestionnaireFormatError("The file must hold a mapping with slug, number, pillars.")
    # `translations:` is checked against the rest of the file (translations_yaml.py).
    _check_values({k: v for k, v in data.items() if k != "translations"}, VERSION, "questionnaire")
    number = data["number"]
    if number < 1:
        raise QuestionnaireFormatError("questionnaire: “number” must be a whole number from 1.")
    levels = _entries(data, "levels", "questionnaire")
    pillars = _entries(data, "pillars", "questionnaire")
    total = len(levels) + len(pillars)
    for index, level in enumerate(levels, start=1):
        _check_values(level, LEVEL, f"level {index}")
    question_codes: set[str] = set()
    for p_index, pillar in enumerate(pillars, start=1):
        where = f"pillar {p_index}"
        _check_values(pillar, PILLAR, where)
        questions = _entries(pillar, "questions", where)
        total += len(questions)
        for q_index, question in enumerate(questions, start=1):
            q_where = _named("question", question, f"{where}, question {q_index}")
            _check_values(question, QUESTION, q_where)
            if question["code"] in question_codes:
                raise QuestionnaireFormatError(f"Question code “{question['code']}” is used twice.")
            question_codes.add(question["code"])
            options = _entries(question, "options", q_where)
            total += len(options)
            if total > MAX_OBJECTS:
                raise QuestionnaireFormatError(
                    f"{q_where}: the file holds more than {MAX_OBJECTS:,} levels, pillars, "
                    "questions and options."
                )
            for o_index, option in enumerate(options, start=1):
                o_where = f"{q_where}, option {o_index}"
                _check_values(option, OPTION, o_where)
                total += _check_variants(option, o_where)
    _check_conditions(pillars)


def _check_variants(option: dict[str, Any], where: str) -> int:
    """Check an option's advice variants; returns how many it has."""
    variants = _entries(option, "advice_variants", where)
    for index, variant in enumerate(variants, start=1):
        v_where = f"{where}, advice variant {index}"
        _check_values(variant, VARIANT, v_where)
        if not variant.get("sizes") and not variant.get("sectors"):
            raise QuestionnaireFormatError(
                f"{v_where}: give “sizes”, “sectors” or both; the option's own advice "
                "is for every other firm."
            )
    return len(variants)


def _check_conditions(pillars: list[dict[str, Any]]) -> None:
    """Conditions may name only earlier questions of this file, with their option codes."""
    problems = conditions.problems(
        (
            str(pillar.get("name") or pillar["code"]),
            pillar.get("show_if"),
            [
                conditions.Asked(
                    q["code"],
                    q.get("show_if"),
                    None
                    if q["type"] == Question.Type.NUMBER
                    else frozenset(o["code"] for o in q.get("options") or []),
                )
                for q in pillar.get("questions") or []
            ],
        )
        for pillar in pillars
    )
    if problems:
        raise QuestionnaireFormatError(problems[0])


def _named(kind: str, data: Any, fallback: str) -> str:
    code = data.get("code") if isinstance(data, dict) else None
    return f"{kind} {code}" if isinstance(code, str) and code else fallback


def _entries(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise QuestionnaireFormatError(f"{where}: “{key}” must be a list of mappings.")
    return value


def _check_values(data: dict[str, Any], shape: _Shape, where: str) -> None:
    unknown = sorted({str(k) for k in data} - {*shape.keys, *shape.children})
    if unknown:
        raise QuestionnaireFormatError(f"{where}: unknown key(s) {', '.join(unknown)}.")
    for key in shape.keys:
        model_field = shape.model_field(key)
        required = not model_field.blank and not model_field.has_default()
        value = data.get(key)
        is_text = isinstance(model_field, models.CharField | models.TextField)
        if value is None or (is_text and value == ""):
            if required:
                raise QuestionnaireFormatError(f"{where}: “{key}” is missing.")
            continue
        problem = _type_problem(model_field, value)
        if problem is None:
            if isinstance(model_field, models.DecimalField):
                value = Decimal(str(value))  # as the import stores it: 0.1 is 0.1
            try:
                model_field.clean(value, None)
            except ValidationError as exc:
                problem = " ".join(exc.messages)
        if problem:
            raise QuestionnaireFormatError(f"{where}: {key}: {problem}")


def _type_problem(model_field: models.Field, value: Any) -> str | None:
    """Why value cannot fill model_field as it stands, or None."""
    if isinstance(model_field, models.BooleanField):
        return None if isinstance(value, bool) else f"expected true or false, got {_show(value)}."
    if isinstance(model_field, models.IntegerField):
        if isinstance(value, int) and not isinstance(value, bool):
            return None
        return f"expected a whole number, got {_show(value)}."
    if isinstance(model_field, models.DecimalField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"expected a number, got {_show(value)}."
        return None if math.isfinite(value) else f"expected a finite number, got {_show(value)}."
    if isinstance(model_field, models.CharField | models.TextField):
        if isinstance(value, str):
            return None
        return f"expected text, got {_show(value)}; put it in quotes if it is meant as text."
    if isinstance(model_field, models.JSONField) and validate_condition in model_field.validators:
        return None if isinstance(value, dict) else f"expected a condition, got {_show(value)}."
    if isinstance(model_field, models.JSONField):  # lists of codes (Option.not_for_*)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return f"expected a list of codes, got {_show(value)}."
    raise TypeError(f"no rule for {model_field!r}")  # a new key needs a rule here


def _show(value: Any) -> str:
    """The value as the message quotes it; a whole list would drown the message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"
