"""A programme of the catalogue: who it is for, whether it still runs, where to apply.

A module of its own so that reports/models.py stays short; Django finds it through
reports/models.py, which imports it (the app label stays "reports"). Not inside
reports/catalogue/: that package reads reports.models, and the import rules forbid the
cycle (pyproject.toml, import-linter).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessment.choices import PILLAR_CODES, Country, Sector, SizeBand
from assessment.i18n.translated import localised
from reports.recommendations.rank import ProgrammeInfo

# Relevance gates a programme can carry (ProgrammeInfo.relevance): "cross_border" is for
# firms that sell or want to sell abroad, whatever their score.
RELEVANCE_GATES = ("cross_border",)
# A programme whose facts were last checked longer ago than this is flagged in the admin
# and shown to SMEs with "check before applying".
VERIFY_EVERY_MONTHS = 18

_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # questionnaire question codes
_WEB = URLValidator(schemes=["http", "https"])


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month `months` earlier (the month's last day where it is short)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _check_codes(values: object, allowed: set[str], what: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(f"Give the {what} as a list of codes.")
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValidationError(
            f"Unknown {what}: {', '.join(unknown)}. Allowed: {', '.join(sorted(allowed))}."
        )


def check_web_address(url: object) -> None:
    """An http(s) address: an SME's browser opens it, so no ftp:, mailto: or javascript:."""
    try:
        _WEB(url)
    except ValidationError as exc:
        raise ValidationError(
            f"“{url}” is not a web address starting http:// or https://."
        ) from exc


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

    class Audience(models.TextChoices):
        DIRECT = "direct", _("SMEs apply directly")
        INTERMEDIARY = "intermediary", _("Through an association, chamber or bank")
        GOVERNMENT = "government", _("Governments only")

    class Exporting(models.TextChoices):
        ANY = "", _("Any firm")
        EXPORTERS = "exporters", _("Firms that sell or want to sell abroad")
        DOMESTIC = "domestic", _("Firms that sell only in their own country")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        UPCOMING = "upcoming", _("Upcoming")
        ENDED = "ended", _("Ended")
        OVER = "over", _("One-off, over")

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    original_name = models.CharField(
        max_length=300, blank=True, help_text="The official name, where `name` translates it."
    )
    provider = models.CharField(max_length=300)
    provider_type = models.CharField(max_length=20, choices=ProviderType)
    kind = models.CharField(max_length=20, choices=Kind)
    delivery = models.CharField(max_length=20, choices=Delivery, default=Delivery.BLENDED)
    description = models.TextField()

    # Who may join. Government-only channels are never recommended to a firm.
    audience = models.CharField(max_length=20, choices=Audience, default=Audience.DIRECT)
    # Targeting: lists of codes; an empty list means "all".
    pillars = models.JSONField(default=list, help_text=f"Pillar codes: {', '.join(PILLAR_CODES)}.")
    min_score = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="Suits pillar scores from…"
    )
    max_score = models.PositiveSmallIntegerField(
        default=100, validators=[MaxValueValidator(100)], help_text="…up to this pillar score."
    )
    min_readiness = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="For overall scores from…"
    )
    max_readiness = models.PositiveSmallIntegerField(
        default=100, validators=[MaxValueValidator(100)], help_text="…up to this overall score."
    )
    countries = models.JSONField(default=list, blank=True, help_text="Empty for all countries.")
    sectors = models.JSONField(default=list, blank=True, help_text="Empty for all sectors.")
    size_bands = models.JSONField(default=list, blank=True, help_text="Empty for all sizes.")
    languages = models.JSONField(default=list, blank=True)
    # None: any firm; True: only women-led (youth-led) firms. False is refused in clean():
    # no programme is closed to women-led firms.
    women_led = models.BooleanField(
        null=True, blank=True, help_text="Yes: only for women-led firms. Empty: any firm."
    )
    youth_led = models.BooleanField(
        null=True, blank=True, help_text="Yes: only for firms run by young people. Empty: any."
    )
    exporting = models.CharField(max_length=10, choices=Exporting, blank=True, default="")
    relevance = models.JSONField(
        default=list,
        blank=True,
        help_text=f"Relevance gates replacing score limits: {', '.join(RELEVANCE_GATES)}.",
    )
    topics = models.JSONField(
        default=list,
        blank=True,
        help_text="Codes of the questionnaire's questions whose gaps the programme addresses.",
    )

    # When.
    active_from = models.DateField(null=True, blank=True)
    active_until = models.DateField(null=True, blank=True, help_text="Empty for ongoing.")
    one_off = models.BooleanField(
        default=False, help_text="A single event: over once its end date has passed."
    )
    recurrence = models.CharField(
        max_length=200, blank=True, help_text="In words, e.g. “every year in September”."
    )
    last_verified_on = models.DateField(
        null=True, blank=True, help_text="When the facts were last checked at their source."
    )

    # Where to apply, apart from where the facts come from.
    url = models.URLField(
        max_length=500,
        blank=True,
        validators=[check_web_address],
        help_text=(
            "The provider's own page where an SME applies; never a news or vendor page. "
            "Empty when no official page is known."
        ),
    )
    how_to_apply = models.TextField(blank=True, help_text="One or two sentences.")
    source_urls = models.JSONField(default=list, help_text="Where each fact comes from.")
    priority = models.SmallIntegerField(
        default=0,
        validators=[MinValueValidator(-10), MaxValueValidator(10)],
        help_text="Breaks ties between equally relevant programmes; higher first.",
    )
    needs_verification = models.BooleanField(
        default=False, help_text="Some facts are uncertain: never state them as certain."
    )
    verification_note = models.TextField(blank=True)

    history = HistoricalRecords()  # who changed what, from the admin page's History

    class Meta:
        app_label = "reports"
        ordering = ["-priority", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}

        def check(field: str, test: Callable[..., None], *args: object) -> None:
            try:
                test(*args)
            except ValidationError as exc:
                errors.setdefault(field, []).extend(exc.messages)

        check("pillars", _check_codes, self.pillars, set(PILLAR_CODES), "pillars")
        if not self.pillars:
            errors.setdefault("pillars", []).append("Name at least one pillar it serves.")
        check("countries", _check_codes, self.countries, set(Country.values), "countries")
        check("sectors", _check_codes, self.sectors, set(Sector.values), "sectors")
        check("size_bands", _check_codes, self.size_bands, set(SizeBand.values), "size bands")
        languages = {code for code, _name in settings.LANGUAGES}
        check("languages", _check_codes, self.languages, languages, "languages")
        check("relevance", _check_codes, self.relevance, set(RELEVANCE_GATES), "relevance gates")
        check("topics", _check_topics, self.topics)
        if not isinstance(self.source_urls, list) or not self.source_urls:
            errors.setdefault("source_urls", []).append("Give at least one source link.")
        else:
            for url in self.source_urls:
                check("source_urls", check_web_address, url)
        for flag in ("women_led", "youth_led"):
            if getattr(self, flag) is False:
                errors.setdefault(flag, []).append(
                    "Leave it empty for any firm; “yes” means only such firms may join."
                )
        if self.min_score > self.max_score:
            errors.setdefault("max_score", []).append(
                "The upper score must not be below the lower."
            )
        if self.min_readiness > self.max_readiness:
            errors.setdefault("max_readiness", []).append(
                "The upper readiness must not be below the lower."
            )
        if self.active_from and self.active_until and self.active_from > self.active_until:
            errors.setdefault("active_until", []).append("The end date is before the start date.")
        if self.one_off and not self.active_until:
            errors.setdefault("active_until", []).append(
                "A one-off event needs its last day, so that it stops being recommended."
            )
        if self.one_off and self.recurrence:
            errors.setdefault("recurrence", []).append("A one-off event does not recur.")
        if errors:
            raise ValidationError(errors)

    def is_active(self, on: datetime.date) -> bool:
        if self.active_from and on < self.active_from:
            return False
        return not (self.active_until and on > self.active_until)

    def status(self, on: datetime.date) -> str:
        if self.active_from and on < self.active_from:
            return self.Status.UPCOMING
        if self.active_until and on > self.active_until:
            return self.Status.OVER if self.one_off else self.Status.ENDED
        return self.Status.RUNNING

    def verification_due(self, on: datetime.date) -> bool:
        """Flagged as uncertain, never checked, or last checked over 18 months ago."""
        return (
            self.needs_verification
            or self.last_verified_on is None
            or self.last_verified_on < months_before(on, VERIFY_EVERY_MONTHS)
        )

    def _original_name(self) -> str:
        """The name to show after the one shown: the English name after a translation
        (none after a translation that is the programme's official local name, see
        ProgrammeTranslation.name_is_official), else the official name `name` translates."""
        if getattr(self, "tr_name_is_official", False):
            return ""
        if localised(self, "name") != self.name:
            return self.name
        return self.original_name

    def to_info(self) -> ProgrammeInfo:
        """A plain copy for reports/recommendations/rank.py, which runs no queries."""
        return ProgrammeInfo(
            code=self.code,
            # Translated when read with assessment.i18n.translated.with_translations.
            name=localised(self, "name"),
            original_name=self._original_name(),
            provider=localised(self, "provider"),
            provider_type=self.provider_type,
            kind=self.kind,
            kind_label=str(self.get_kind_display()),
            delivery=self.delivery,
            delivery_label=str(self.get_delivery_display()),
            description=localised(self, "description"),
            url=self.url,
            audience=self.audience,
            audience_label=str(self.get_audience_display()),
            pillars=tuple(self.pillars),
            min_score=self.min_score,
            max_score=self.max_score,
            min_readiness=self.min_readiness,
            max_readiness=self.max_readiness,
            countries=tuple(self.countries),
            sectors=tuple(self.sectors),
            size_bands=tuple(self.size_bands),
            languages=tuple(self.languages),
            women_led=self.women_led,
            youth_led=self.youth_led,
            exporting=self.exporting,
            active_from=self.active_from,
            active_until=self.active_until,
            one_off=self.one_off,
            # English until ProgrammeTranslation carries these (localised() falls back).
            recurrence=localised(self, "recurrence"),
            last_verified_on=self.last_verified_on,
            how_to_apply=localised(self, "how_to_apply"),
            relevance=tuple(self.relevance),
            topics=tuple(self.topics),
            priority=self.priority,
            needs_verification=self.needs_verification,
        )


def _check_topics(topics: object) -> None:
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ValidationError("Give the topics as a list of question codes.")
    bad = [t for t in topics if not _TOPIC.match(t)]
    if bad:
        raise ValidationError(
            f"Not question codes: {', '.join(bad)} (lower-case letters, digits and hyphens)."
        )
