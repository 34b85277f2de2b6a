"""Questionnaire versions to and from readable YAML.

The format is the one in seeds/questionnaire_v1.yaml: list position gives the order,
and keys equal to their defaults are left out, so an exported file reads like a seed.
The export ends with a `translations:` section (translations_yaml.py); `version_to_dict`
stays the English alone, as the change summary and "copy as new draft" compare and copy it.
Export, import into an empty database and export again gives the same text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from assessment.authoring.questionnaire_schema import QuestionnaireFormatError, check_questionnaire
from assessment.authoring.translations_yaml import (
    check_translations,
    store_translations,
    translations_to_dict,
)
from assessment.authoring.yaml_safety import PlainDumper, YamlRefused, load_yaml
from assessment.models import (
    AdviceVariant,
    MaturityLevel,
    Option,
    Pillar,
    Question,
    QuestionnaireVersion,
)
from assessment.models.previous_codes import version_problems as mapping_problems

_QUESTION_DEFAULTS: dict[str, Any] = {
    "previous_code": "",
    "help_text": "",
    "weight": 1,
    "max_points": 4,
    "required": True,
    "unit": "",
    "min_value": None,
    "max_value": None,
    "max_length": 1000,
    "aligned_with": "",
    "step_who": "",
    "step_effort": "",
    "show_if": {},
}
_OPTION_DEFAULTS: dict[str, Any] = {
    "points": 0,
    "kind": "normal",
    "advice": "",
    "band_min": None,
    "band_max": None,
    "not_for_sizes": [],
    "not_for_sectors": [],
}
_PILLAR_DEFAULTS: dict[str, Any] = {"description": "", "weight": 1, "show_if": {}}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _drop_defaults(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not (k in defaults and v == defaults[k])}


# ---------------------------------------------------------------- export


def version_to_dict(version: QuestionnaireVersion) -> dict[str, Any]:
    pillars = version.pillars.prefetch_related("questions__options__advice_variants")
    return _drop_defaults(
        {
            "slug": version.slug,
            "number": version.number,
            "title": version.title,
            "description": version.description,
            "weights_rationale": version.weights_rationale,
            "levels": [
                _drop_defaults(
                    {
                        "name": lv.name,
                        "min_score": _number(lv.min_score),
                        "description": lv.description,
                    },
                    {"description": ""},
                )
                for lv in version.levels.all()
            ],
            "pillars": [_pillar_to_dict(p) for p in pillars],
        },
        {"description": "", "weights_rationale": ""},
    )


def _pillar_to_dict(pillar: Pillar) -> dict[str, Any]:
    data = {
        "code": pillar.code,
        "name": pillar.name,
        "description": pillar.description,
        "weight": _number(pillar.weight),
        "show_if": pillar.show_if or {},
    }
    return {
        **_drop_defaults(data, _PILLAR_DEFAULTS),
        "questions": [_question_to_dict(q) for q in pillar.questions.all()],
    }


def _question_to_dict(q: Question) -> dict[str, Any]:
    data = {
        "code": q.code,
        "previous_code": q.previous_code,
        "type": q.type,
        "text": q.text,
        "help_text": q.help_text,
        "weight": _number(q.weight),
        "max_points": q.max_points,
        "required": q.required,
        "unit": q.unit,
        "min_value": _number(q.min_value),
        "max_value": _number(q.max_value),
        "max_length": q.max_length,
        "aligned_with": q.aligned_with,
        "step_who": q.step_who,
        "step_effort": q.step_effort,
        "show_if": q.show_if or {},
    }
    out = _drop_defaults(data, _QUESTION_DEFAULTS)
    options = [_option_to_dict(o) for o in q.options.all()]
    if options:
        out["options"] = options
    return out


def _option_to_dict(o: Option) -> dict[str, Any]:
    data = {
        "code": o.code,
        "label": o.label,
        "points": o.points,
        "kind": o.kind,
        "advice": o.advice,
        "band_min": _number(o.band_min),
        "band_max": _number(o.band_max),
        "not_for_sizes": list(o.not_for_sizes or []),
        "not_for_sectors": list(o.not_for_sectors or []),
    }
    out = _drop_defaults(data, _OPTION_DEFAULTS)
    variants = [
        _drop_defaults(
            {"sizes": list(v.size_bands), "sectors": list(v.sectors), "advice": v.advice},
            {"sizes": [], "sectors": []},
        )
        for v in o.advice_variants.all()
    ]
    if variants:
        out["advice_variants"] = variants
    return out


class _Dumper(PlainDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Long prose as folded-free literal blocks keeps the file readable and diffable.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def export_yaml(version: QuestionnaireVersion) -> str:
    """The version as a file: its English content, then every translation of it."""
    data = version_to_dict(version)
    if translations := translations_to_dict(version):
        data["translations"] = translations
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


# ---------------------------------------------------------------- import


def parse_yaml(text: str) -> dict[str, Any]:
    try:
        data = load_yaml(text)
    except YamlRefused as exc:
        raise QuestionnaireFormatError(str(exc)) from exc
    if not isinstance(data, dict):
        raise QuestionnaireFormatError("The file must hold a mapping with slug, number, pillars.")
    return data


def _decimal(value: int | float) -> Decimal:
    # str() first: 0.1 is stored as 0.1, not as the binary fraction nearest to it.
    return Decimal(str(value))


def _optional_decimal(value: int | float | None) -> Decimal | None:
    return None if value is None else _decimal(value)


def import_dict(data: dict[str, Any], *, replace_draft: bool = False) -> QuestionnaireVersion:
    """Create the version described by data, as a draft, in one transaction.

    With replace_draft, an existing unlocked version of the same slug and number has its
    content replaced (seeding uses this); otherwise an existing version is an error.
    """
    check_questionnaire(data)
    check_translations(data.get("translations"), data)
    slug, number = data["slug"], data["number"]
    with transaction.atomic():
        version = QuestionnaireVersion.objects.filter(slug=slug, number=number).first()
        if version is not None:
            if not replace_draft:
                raise QuestionnaireFormatError(
                    f"Version {number} of “{slug}” exists already; change the number to import."
                )
            if version.is_locked:
                raise QuestionnaireFormatError(
                    f"Version {number} of “{slug}” has answers and cannot be replaced."
                )
            version.pillars.all().delete()
            version.levels.all().delete()
        else:
            version = QuestionnaireVersion(slug=slug, number=number)
        version.title = data["title"]
        version.description = data.get("description") or ""
        version.weights_rationale = data.get("weights_rationale") or ""
        _save(version, "questionnaire")
        _import_content(version, data)
        store_translations(version, data.get("translations"))
        # Each question was checked as it was saved; two claiming one old question show
        # only once both are in.
        if mapped := mapping_problems(version):
            raise QuestionnaireFormatError(mapped[0])
    return version


def _import_content(version: QuestionnaireVersion, data: dict[str, Any]) -> None:
    """Store data's levels and pillars; check_questionnaire has vouched for every value."""
    for i, level in enumerate(data.get("levels") or [], start=1):
        _save(
            MaturityLevel(
                questionnaire=version,
                name=level["name"],
                min_score=_decimal(level["min_score"]),
                description=level.get("description") or "",
            ),
            f"level {i}",
        )
    for p_index, pdata in enumerate(data.get("pillars") or [], start=1):
        values = {**_PILLAR_DEFAULTS, **pdata}
        pillar = _save(
            Pillar(
                questionnaire=version,
                code=values["code"],
                name=values["name"],
                description=values["description"] or "",
                weight=_decimal(values["weight"]),
                order=p_index,
                show_if=values["show_if"] or {},
            ),
            f"pillar {p_index}",
        )
        for q_index, qdata in enumerate(pdata.get("questions") or [], start=1):
            _import_question(pillar, qdata, q_index, f"question {qdata['code']}")


def _import_question(pillar: Pillar, qdata: dict[str, Any], order: int, where: str) -> None:
    values = {**_QUESTION_DEFAULTS, **qdata}
    question = _save(
        Question(
            pillar=pillar,
            code=values["code"],
            previous_code=values["previous_code"] or "",
            type=values["type"],
            text=values["text"],
            help_text=values["help_text"] or "",
            weight=_decimal(values["weight"]),
            max_points=values["max_points"],
            required=values["required"],
            unit=values["unit"] or "",
            min_value=_optional_decimal(values["min_value"]),
            max_value=_optional_decimal(values["max_value"]),
            max_length=values["max_length"],
            aligned_with=values["aligned_with"] or "",
            step_who=values["step_who"] or "",
            step_effort=values["step_effort"] or "",
            show_if=values["show_if"] or {},
            order=order,
        ),
        where,
    )
    for o_index, odata in enumerate(qdata.get("options") or [], start=1):
        ovalues = {**_OPTION_DEFAULTS, **odata}
        o_where = f"{where}, option {o_index}"
        option = _save(
            Option(
                question=question,
                code=ovalues["code"],
                label=ovalues["label"],
                points=ovalues["points"],
                kind=ovalues["kind"],
                advice=ovalues["advice"] or "",
                band_min=_optional_decimal(ovalues["band_min"]),
                band_max=_optional_decimal(ovalues["band_max"]),
                not_for_sizes=list(ovalues["not_for_sizes"] or []),
                not_for_sectors=list(ovalues["not_for_sectors"] or []),
                order=o_index,
            ),
            o_where,
        )
        for v_index, vdata in enumerate(odata.get("advice_variants") or [], start=1):
            _save(
                AdviceVariant(
                    option=option,
                    size_bands=list(vdata.get("sizes") or []),
                    sectors=list(vdata.get("sectors") or []),
                    advice=vdata["advice"],
                    order=v_index,
                ),
                f"{o_where}, advice variant {v_index}",
            )


def _save(obj: Any, where: str) -> Any:
    """Validate like the admin does, so a file cannot store what a form would refuse."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        details = "; ".join(
            " ".join(msgs) if field == NON_FIELD_ERRORS else f"{field}: {' '.join(msgs)}"
            for field, msgs in exc.message_dict.items()
        )
        raise QuestionnaireFormatError(f"{where}: {details}") from exc
    obj.save()
    return obj


def import_yaml(text: str, *, replace_draft: bool = False) -> QuestionnaireVersion:
    return import_dict(parse_yaml(text), replace_draft=replace_draft)


def same_content(data: dict[str, Any], version: QuestionnaireVersion) -> bool:
    """Whether data describes exactly what version holds.

    It imports data under a scratch slug inside a savepoint, exports it and rolls
    back, so the comparison uses the same rules as a real import and stores nothing.
    """
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            scratch = import_dict({**data, "slug": "scratch-compare"})
            theirs = {**version_to_dict(scratch), "slug": version.slug}
        finally:
            transaction.savepoint_rollback(savepoint)
    return theirs == version_to_dict(version)
