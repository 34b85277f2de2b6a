"""The methodology annex: every item's points, from the version the answers were given on.

Pure: the version's items come in as plain `MethodInput` values (reports/readout/queries.py
reads them) and go out as `MethodPillar` rows in the readout's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessment.i18n.localise import ContentCatalogue
from reports.readout.labels import num, type_label
from reports.readout.values import MethodPillar, MethodQuestion


@dataclass(frozen=True)
class OptionInput:
    code: str
    label: str
    kind: str  # assessment.models.Option.Kind
    points: int
    band_min: Decimal | None
    band_max: Decimal | None


@dataclass(frozen=True)
class QuestionInput:
    code: str
    text: str
    type: str  # assessment.models.Question.Type
    weight: float
    max_points: int
    unit: str
    options: tuple[OptionInput, ...]


@dataclass(frozen=True)
class PillarInput:
    code: str
    name: str
    weight: float
    questions: tuple[QuestionInput, ...]


MethodInput = tuple[PillarInput, ...]


def methodology(items: MethodInput, content: ContentCatalogue) -> tuple[MethodPillar, ...]:
    return tuple(
        MethodPillar(
            name=content.text(content.pillars.get(pillar.code), "name", pillar.name),
            weight=pillar.weight,
            questions=tuple(
                MethodQuestion(
                    code=q.code,
                    text=content.text(content.questions.get(q.code), "text", q.text),
                    type=type_label(q.type),
                    weight=q.weight,
                    max_points=q.max_points,
                    options=tuple(
                        (
                            content.option(q.code, o.code, "label", o.label),
                            option_meaning(q, o, content),
                        )
                        for o in q.options
                    ),
                )
                for q in pillar.questions
            ),
        )
        for pillar in items
    )


def option_meaning(question: QuestionInput, option: OptionInput, content: ContentCatalogue) -> str:
    """What choosing the option counts for, in words."""
    if option.kind == "not_applicable":
        return _("left out of the score")
    if option.kind == "dont_know":
        return _("0 points, listed as something to find out")
    points = _("%(points)s points") % {"points": option.points}
    if question.type == "number" and option.band_min is not None:
        unit = content.text(content.questions.get(question.code), "unit", question.unit)
        if option.band_max is None:
            band = _("from %(low)s%(unit)s") % {"low": num(option.band_min), "unit": unit}
        else:
            band = _("from %(low)s%(unit)s to under %(high)s%(unit)s") % {
                "low": num(option.band_min),
                "high": num(option.band_max),
                "unit": unit,
            }
        return f"{points} ({band})"
    if option.kind == "none":
        return _("%(points)s points; excludes the other options") % {"points": option.points}
    return points
