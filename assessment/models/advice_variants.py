"""Size- and sector-specific variants of an option's advice (issue 15).

Which variant a firm gets is the pure rule of assessment/advice_fit.py; this holds what
an author writes. Variants are numbered from 1 within their option (`order`): the number
breaks ties between equally specific variants and keys their translations.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from assessment.advice_fit import VariantSpec
from assessment.models.code_lists import validate_sectors, validate_size_bands
from assessment.models.locked import LockedVersionMixin
from assessment.models.questionnaire import Option, QuestionnaireVersion


class AdviceVariant(LockedVersionMixin, models.Model):
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="advice_variants")
    size_bands = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_size_bands],
        help_text='For firms of these size bands, e.g. ["medium", "large"]; empty: any size.',
    )
    sectors = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_sectors],
        help_text='For firms of these sectors, e.g. ["manufacturing"]; empty: any sector.',
    )
    advice = models.TextField(help_text="Given instead of the option's advice to such a firm.")
    order = models.PositiveIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="From 1. Of two variants that fit a firm equally well, the lower wins.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["option", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["option", "order"], name="unique_variant_order")
        ]

    def __str__(self) -> str:
        who = ", ".join([*self.size_bands, *self.sectors]) or "?"
        return f"{self.option.code} for {who}"

    def _version(self) -> QuestionnaireVersion:
        return self.option.question.pillar.questionnaire

    def clean(self) -> None:
        super().clean()
        if not self.size_bands and not self.sectors:
            raise ValidationError(
                "Name at least one size band or sector; the option's own advice is for "
                "every other firm."
            )
        if self.option_id is None or not isinstance(self.size_bands, list):
            return
        # The same firms twice: the later variant could never be given.
        twins = [
            other
            for other in self.option.advice_variants.exclude(pk=self.pk)
            if set(other.size_bands) == set(self.size_bands)
            and set(other.sectors) == set(self.sectors)
        ]
        if twins:
            raise ValidationError(
                f"Variant {twins[0].order} of this option is for the same firms already."
            )

    def to_spec(self) -> VariantSpec:
        return VariantSpec(
            number=self.order,
            size_bands=frozenset(self.size_bands or ()),
            sectors=frozenset(self.sectors or ()),
            advice=self.advice,
        )
