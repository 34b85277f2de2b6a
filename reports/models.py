"""The programme catalogue (its model is in reports/programmes.py), benchmarks, report files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from assessment.i18n.translated import content_language, with_translations
from assessment.models.translations import Translation
from reports.programmes import RELEVANCE_GATES, Programme
from reports.recommendations.rank import ProgrammeInfo

__all__ = [
    "RELEVANCE_GATES",
    "BenchmarkSnapshot",
    "Programme",
    "ProgrammeTranslation",
    "ReportFile",
    "programme_catalogue",
]


class ProgrammeTranslation(Translation):
    """A programme's name, provider and description in one language (English is on the
    programme)."""

    FIELDS = ("name", "provider", "description", "how_to_apply", "recurrence")
    PARENT = "programme"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=300, blank=True)
    name_is_official = models.BooleanField(
        default=False,
        help_text="The name is the programme's own official name in this language: "
        "shown alone, without the English name after it.",
    )
    provider = models.CharField(max_length=300, blank=True)
    how_to_apply = models.TextField(blank=True)
    recurrence = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["programme", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "language"], name="unique_programme_translation"
            )
        ]


def programme_catalogue(language: str | None = None) -> list[ProgrammeInfo]:
    """The catalogue as plain data in `language` (the active one by default), one query.

    Call it with that language active: the kind and format labels are translated too.
    """
    programmes = with_translations(
        Programme.objects.all(), language, translations=ProgrammeTranslation
    )
    code = content_language(language)
    if code is not None:
        official = ProgrammeTranslation.objects.filter(programme=OuterRef("pk"), language=code)
        programmes = programmes.annotate(
            tr_name_is_official=Subquery(official.values("name_is_official")[:1])
        )
    return [p.to_info() for p in programmes]


class BenchmarkSnapshot(models.Model):
    """Peer statistics of one questionnaire version, recomputed by a task after submissions.

    Reports read this one row instead of scanning every answer: scores of different
    versions are not comparable, so each version has its own snapshot.
    """

    questionnaire = models.OneToOneField(
        "assessment.QuestionnaireVersion", on_delete=models.CASCADE, related_name="benchmark"
    )
    computed_at = models.DateTimeField()
    companies = models.PositiveIntegerField(default=0, help_text="Consenting companies counted.")
    groups = models.JSONField(default=dict, help_text="Peer group key → size and pillar stats.")

    def __str__(self) -> str:
        return f"Benchmarks for {self.questionnaire.label} ({self.companies} companies)"


# 2: the owner's report and the full report (issue 14).
# 3: the owner's report runs its parts on and names no page numbers (stored PDFs remade).
REPORT_TEMPLATE_VERSION = "3"


class ReportFile(models.Model):
    """A rendered PDF, stored once per assessment, kind, language and template version."""

    class Kind(models.TextChoices):
        OWNER = "owner", _("Owner's report")
        FULL = "full", _("Full report")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    assessment = models.ForeignKey(
        "assessment.Assessment", on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.OWNER)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    template_version = models.CharField(max_length=20, default=REPORT_TEMPLATE_VERSION)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    task_id = models.CharField(max_length=100, blank=True)
    # Renders queued since a person last asked (the first download, a retry): a worker
    # that dies mid-render has its render queued again up to REPORT_RENDER_ATTEMPTS times.
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    # The translations it was rendered with (reports/pdf/stamp.py): when they change,
    # the next download renders it again.
    translations_stamp = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "language", "template_version"],
                name="one_report_of_each_kind",
            )
        ]

    def __str__(self) -> str:
        return (
            f"Report {self.assessment_id} ({self.kind}, {self.language}, v{self.template_version})"
        )


class ReminderSent(models.Model):
    """A reminder e-mail sent (reports/reminders/): one row per user, assessment and kind,
    so nothing is sent twice."""

    class Kind(models.TextChoices):
        ACTIONS_DUE = "actions_due", "90-day actions due"
        REASSESS = "reassess", "Six months since the last check"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    assessment = models.ForeignKey(
        "assessment.Assessment", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # The database refuses a second row: two overlapping runs cannot both send.
            models.UniqueConstraint(fields=["user", "assessment", "kind"], name="one_reminder_each")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.assessment_id}"


class PlanMark(models.Model):
    """How far the SME has got with one action of its plan (reports/progress/)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_RELEVANT = "not_relevant", _("Not relevant for us")

    assessment = models.ForeignKey(
        "assessment.Assessment", on_delete=models.CASCADE, related_name="plan_marks"
    )
    # The action's key: the code of the question it comes from (ActionStep.question_code).
    question_code = models.SlugField(max_length=60)
    status = models.CharField(max_length=20, choices=Status)
    on = models.DateField(help_text="When it was done, started or set aside.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_code"], name="one_mark_per_action"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question_code}: {self.status}"
