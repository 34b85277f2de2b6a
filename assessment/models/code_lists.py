"""Validators of the JSON an option, question or pillar may carry: lists of profile codes
(not_for_sizes, not_for_sectors) and conditions (show_if, with its field)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from assessment import conditions
from assessment.choices import Sector, SizeBand


def validate_condition(value: object) -> None:
    """The condition's form; which questions it may name is checked on publishing."""
    try:
        conditions.check(value)
    except conditions.ConditionError as exc:
        raise ValidationError(str(exc)) from exc


def show_if_field(help_text: str) -> models.JSONField[Any, dict[str, Any]]:
    # Empty means "always": most questions apply to every firm (conditions.py).
    return models.JSONField(
        default=dict, blank=True, validators=[validate_condition], help_text=help_text
    )


def validate_size_bands(value: object) -> None:
    _validate_codes(value, SizeBand.values, "size band")


def validate_sectors(value: object) -> None:
    _validate_codes(value, Sector.values, "sector")


def _validate_codes(value: object, allowed: list[str], what: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(f"Expected a list of {what} codes, such as {allowed[:2]}.")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ValidationError(f"Unknown {what} code(s): {', '.join(unknown)}.")
