"""What every part of a questionnaire version shares: no change once it has answers."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

if TYPE_CHECKING:
    from assessment.models.questionnaire import QuestionnaireVersion


class LockedVersionMixin:
    """Refuses to save or delete content of a version that has answers."""

    def _version(self) -> QuestionnaireVersion:
        raise NotImplementedError

    def clean(self) -> None:
        super().clean()  # type: ignore[misc]
        if self._version_id_known() and self._version().is_locked:
            raise ValidationError(
                "This questionnaire version has answers and cannot change in place. "
                "Use “copy as new draft” and edit the copy."
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The admin makes locked content read-only; this catches every other path
        # (shell, scripts, imports) so a submitted assessment's version never drifts.
        if self._version_id_known() and self._version().is_locked:
            raise ValidationError("This questionnaire version has answers and cannot change.")
        super().save(*args, **kwargs)  # type: ignore[misc]

    def _version_id_known(self) -> bool:
        try:
            self._version()
        except models.ObjectDoesNotExist:
            return False
        return True


def weight_field(help_text: str = "") -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=help_text,
    )
