"""Words and numbers of the readout in its language: statuses, types, periods, ranges.

Pure: gettext and number formatting only, so the texts come out in whatever language
`build_readout` has activated.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessment.choices import Country, Sector, SizeBand
from assessment.frozen import FrozenLevel
from reports.readout.values import LevelRow


def status_label(status: str) -> str:
    return {
        "scored": _("Scored"),
        "not_applicable": _("Not applicable: left out"),
        "dont_know": _("Don't know: counts as 0"),
        "unanswered": _("Not answered: left out"),
        "unscored": _("Not scored (free text)"),
        "not_asked": _("Not asked: does not apply to your business"),
    }.get(status, status)


def type_label(question_type: str) -> str:
    # The codes of assessment.models.Question.Type, spelled out: the readout reads plain data.
    return {
        "single": _("Single choice"),
        "multiple": _("Multiple choice: ticked options add up, to the maximum"),
        "scale": _("Maturity scale"),
        "yes_no": _("Yes / no"),
        "number": _("Number, scored by band"),
        "text": _("Free text, not scored"),
    }.get(question_type, question_type)


def horizon_title(horizon: str) -> str:
    return {
        "90_days": _("In the next 90 days"),
        "6_months": _("Within 6 months"),
        "12_months": _("Within 12 months"),
    }[horizon]


def profile_label(choices: type[Country] | type[Sector] | type[SizeBand], code: str | None) -> str:
    if not code:
        return ""
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code)


def level_rows(levels: Sequence[FrozenLevel]) -> tuple[LevelRow, ...]:
    """Each level with the range of scores it covers, lowest first."""
    ordered = sorted(levels, key=lambda lv: lv["min_score"])
    rows = []
    for index, level in enumerate(ordered):
        upper = ordered[index + 1]["min_score"] if index + 1 < len(ordered) else None
        rows.append(
            LevelRow(
                name=level["name"],
                range=(
                    _("%(low)s to under %(high)s")
                    % {"low": num(level["min_score"]), "high": num(upper)}
                    if upper is not None
                    else _("%(low)s to 100") % {"low": num(level["min_score"])}
                ),
                description=level.get("description", ""),
            )
        )
    return tuple(rows)


def num(value: float | Decimal | None) -> str:
    """A whole number as it is, a fraction to two places with the language's decimal mark."""
    if value is None:
        return "–"
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return str(number_format(Decimal(f"{number:.2f}").normalize()))
