"""The programme catalogue that recommendations draw from."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.choices import PILLAR_CODES, Country, Sector, SizeBand
from assessment.i18n.translated import localised, with_translations
from assessment.models.translations import Translation
from reports.recommendations.rank import ProgrammeInfo


def _check_codes(values: object, allowed: set[str], what: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(f"Give the {what} as a list of codes.")
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValidationError(
            f"Unknown {what}: {', '.join(unknown)}. Allowed: {', '.join(sorted(allowed))}."
        )


class Programme(models.Model):
    class ProviderType(models.TextChoices):
        MI = "mi", _("Mekong Institute")
        LMC = "lmc", _("Lancang-Mekong Cooperation")
        ASEAN = "asean", _("ASEAN or China-ASEAN")
        NATIONAL = "national", _("National agency")
        INTERNATIONAL = "international", _("International organisation")
        INDUSTRY = "industry", _("Industry")

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training course")
        FINANCE = "finance", _("Finance")
        PLATFORM = "platform", _("Platform")
        NETWORK = "network", _("Network or event")
        ADVISORY = "advisory", _("Advisory")

    class Delivery(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        BLENDED = "blended", _("Online and in person")

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    provider = models.CharField(max_length=300)
    provider_type = models.CharField(max_length=20, choices=ProviderType)
    kind = models.CharField(max_length=20, choices=Kind)
    delivery = models.CharField(max_length=20, choices=Delivery, default=Delivery.BLENDED)
    description = models.TextField()
    # Targeting: lists of codes; an empty list means "all".
    pillars = models.JSONField(default=list, help_text=f"Pillar codes: {', '.join(PILLAR_CODES)}.")
    min_score = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="Suits pillar scores from…"
    )
    max_score = models.PositiveSmallIntegerField(
        default=100, validators=[MaxValueValidator(100)], help_text="…up to this pillar score."
    )
    countries = models.JSONField(default=list, blank=True, help_text="Empty for all countries.")
    sectors = models.JSONField(default=list, blank=True, help_text="Empty for all sectors.")
    size_bands = models.JSONField(default=list, blank=True, help_text="Empty for all sizes.")
    languages = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=500, blank=True)
    source_urls = models.JSONField(default=list, help_text="Where each fact comes from.")
    active_from = models.DateField(null=True, blank=True)
    active_until = models.DateField(null=True, blank=True, help_text="Empty for ongoing.")
    priority = models.SmallIntegerField(
        default=0,
        validators=[MinValueValidator(-10), MaxValueValidator(10)],
        help_text="Breaks ties between equally relevant programmes; higher first.",
    )
    needs_verification = models.BooleanField(
        default=False, help_text="Some facts are uncertain: never state them as certain."
    )
    verification_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-priority", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        _check_codes(self.pillars, set(PILLAR_CODES), "pillars")
        if not self.pillars:
            raise ValidationError({"pillars": "Name at least one pillar the programme serves."})
        _check_codes(self.countries, set(Country.values), "countries")
        _check_codes(self.sectors, set(Sector.values), "sectors")
        _check_codes(self.size_bands, set(SizeBand.values), "size bands")
        _check_codes(self.languages, {code for code, _name in settings.LANGUAGES}, "languages")
        if not isinstance(self.source_urls, list) or not self.source_urls:
            raise ValidationError({"source_urls": "Give at least one source link."})
        for url in self.source_urls:
            try:
                URLValidator()(url)
            except ValidationError as exc:
                raise ValidationError({"source_urls": f"“{url}” is not a web address."}) from exc
        if self.min_score > self.max_score:
            raise ValidationError({"max_score": "The upper score must not be below the lower."})
        if self.active_from and self.active_until and self.active_from > self.active_until:
            raise ValidationError({"active_until": "The end date is before the start date."})

    def is_active(self, on: datetime.date) -> bool:
        if self.active_from and on < self.active_from:
            return False
        return not (self.active_until and on > self.active_until)

    def to_info(self) -> ProgrammeInfo:
        """A plain copy for reports/recommendations/rank.py, which runs no queries."""
        return ProgrammeInfo(
            code=self.code,
            # Translated when read with assessment.i18n.translated.with_translations.
            name=localised(self, "name"),
            provider=self.provider,
            provider_type=self.provider_type,
            kind=self.kind,
            kind_label=str(self.get_kind_display()),
            delivery=self.delivery,
            delivery_label=str(self.get_delivery_display()),
            description=localised(self, "description"),
            url=self.url,
            pillars=tuple(self.pillars),
            min_score=self.min_score,
            max_score=self.max_score,
            countries=tuple(self.countries),
            sectors=tuple(self.sectors),
            size_bands=tuple(self.size_bands),
            languages=tuple(self.languages),
            active_from=self.active_from,
            active_until=self.active_until,
            priority=self.priority,
            needs_verification=self.needs_verification,
        )


class ProgrammeTranslation(Translation):
    """A programme's name and description in one language (English is on the programme)."""

    FIELDS = ("name", "description")
    PARENT = "programme"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=300, blank=True)
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
REPORT_TEMPLATE_VERSION = "2"


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
