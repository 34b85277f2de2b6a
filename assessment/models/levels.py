"""Maturity levels: a questionnaire version's named score bands (Beginner … Leading)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from assessment.models.locked import LockedVersionMixin
from assessment.models.questionnaire import QuestionnaireVersion


class MaturityLevel(LockedVersionMixin, models.Model):
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="levels"
    )
    name = models.CharField(max_length=60)
    min_score = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Scores from this value up reach the level."
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "min_score"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "min_score"], name="unique_level_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (from {self.min_score})"

    def _version(self) -> QuestionnaireVersion:
        return self.questionnaire
