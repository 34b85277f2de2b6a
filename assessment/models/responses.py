"""What the respondent side stores: companies, cohorts, assessments and answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from assessment.choices import Country, Exports, Sector, SizeBand
from assessment.models.questionnaire import Option, Question, QuestionnaireVersion
from assessment.results import (
    VersionContent,
    asked_codes,
    figures_of,
    freeze_result,
    load_answers,
)

if TYPE_CHECKING:
    from assessment.frozen import FrozenProfile


class Company(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company"
    )
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, choices=Country)
    province = models.CharField(max_length=120, blank=True)
    sector = models.CharField(max_length=20, choices=Sector)
    size_band = models.CharField(max_length=10, choices=SizeBand)
    founded_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    women_led = models.BooleanField(default=False)
    # Optional, for programmes only some firms may join: None when the owner did not say.
    youth_led = models.BooleanField(null=True, blank=True)
    exports = models.CharField(max_length=10, choices=Exports, blank=True, default="")
    # The training course the firm takes part in; new assessments are filed under it.
    cohort = models.ForeignKey(
        "Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="companies"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def profile(self) -> FrozenProfile:
        """The profile as it stood, frozen with a submitted assessment for benchmarks."""
        return {
            "name": self.name,
            "country": self.country,
            "province": self.province,
            "sector": self.sector,
            "size_band": self.size_band,
            "founded_year": self.founded_year,
            "women_led": self.women_led,
            "youth_led": self.youth_led,
            "exports": self.exports,
        }


class Cohort(models.Model):
    """A training course's participants, who enter its code to be followed before and after.

    It lives beside the assessments (not in reports/) so that the assessment app does
    not depend on the reports app.
    """

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    programme = models.ForeignKey(
        "reports.Programme", null=True, blank=True, on_delete=models.SET_NULL
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="assessments")
    # PROTECT: a version with assessments is never deleted, so a report can always be rebuilt.
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The submitted assessment a re-assessment's draft was pre-filled from (carry_over.py).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    # Frozen at submission so later edits to the questionnaire or profile change nothing.
    overall_score = models.FloatField(null=True, blank=True)
    level = models.CharField(max_length=60, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # A compact copy of the result's profile and scores for analytics (results.figures_of).
    figures = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        # Aggregate access without edit rights: the "Programme officers" group has these.
        permissions = [
            ("view_analytics", "Can see aggregate analytics of submitted assessments"),
            ("export_responses", "Can export anonymised responses"),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.questionnaire.label} ({self.get_status_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def missing_required(self) -> list[Question]:
        """Required questions this firm is asked (conditions.py) and has not answered."""
        answers = load_answers(self)
        content = VersionContent.load(self.questionnaire)
        asked = asked_codes(content, answers, self.company.profile())
        answered = {a.question_id for a in answers}
        return [
            q
            for pillar in content.pillars
            for q in pillar.questions.all()
            if q.required and q.code in asked and q.pk not in answered
        ]

    def submit(self) -> bool:
        """Submit and freeze the scores; returns False if it was already submitted.

        The row lock serialises two concurrent submissions (a double click, two tabs):
        the second waits, then sees SUBMITTED and changes nothing.
        """
        with transaction.atomic():
            locked = Assessment.objects.select_for_update().get(pk=self.pk)
            if locked.is_submitted:
                self.refresh_from_db()
                return False
            missing = locked.missing_required()
            if missing:
                raise ValidationError(
                    ngettext(
                        "%(count)s required question is still unanswered.",
                        "%(count)s required questions are still unanswered.",
                        len(missing),
                    )
                    % {"count": len(missing)},
                    code="incomplete",
                )
            result = freeze_result(locked)
            now = timezone.now()
            Assessment.objects.filter(pk=self.pk).update(
                status=self.Status.SUBMITTED,
                submitted_at=now,
                updated_at=now,
                overall_score=result["overall"],
                level=result["level"] or "",
                result=result,
                figures=figures_of(result),
            )
        self.refresh_from_db()
        return True


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: deleting an answered question or option is refused, never silent data loss.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    options = models.ManyToManyField(Option, through="AnswerOption", blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # Copied from the firm's last assessment and neither confirmed nor changed since: the
    # page says "from your last assessment" until the respondent does either.
    carried_over = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question.code}"

    def clean(self) -> None:
        if (
            self.assessment_id
            and self.question_id
            and self.question.pillar.questionnaire_id != self.assessment.questionnaire_id
        ):
            raise ValidationError("The question is not part of this assessment's version.")


class AnswerOption(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE)
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="answer_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "option"], name="unique_answer_option")
        ]

    def __str__(self) -> str:
        return f"{self.answer} → {self.option.code}"
