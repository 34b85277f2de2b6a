"""The versioned questionnaire: versions, pillars, questions, options (levels: levels.py)."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessment import conditions, scoring
from assessment.choices import StepEffort, StepWho
from assessment.models.code_lists import show_if_field, validate_sectors, validate_size_bands
from assessment.models.content_stamp import content_stamp_field
from assessment.models.locked import LockedVersionMixin, weight_field
from assessment.models.previous_codes import previous_code_field, question_problems
from assessment.models.previous_codes import version_problems as mapping_problems


class QuestionnaireVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    slug = models.SlugField(
        max_length=60, help_text="Names the questionnaire across its versions, e.g. mekong-sme."
    )
    number = models.PositiveIntegerField(help_text="Version number within the slug.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    weights_rationale = models.TextField(
        blank=True,
        help_text="Why the pillar weights are what they are (equal weights need no rationale).",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    content_stamp = content_stamp_field()

    class Meta:
        ordering = ["slug", "-number"]
        # Editing a draft is "change"; putting it before respondents is this, apart.
        permissions = [("publish_questionnaireversion", "Can publish questionnaire versions")]
        constraints = [
            models.UniqueConstraint(fields=["slug", "number"], name="unique_version_number"),
            # New assessments take "the" published version of a questionnaire: keep it one.
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(status="published"),
                name="one_published_version_per_slug",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number} ({self.get_status_display()})"

    @property
    def label(self) -> str:
        return f"{self.slug} v{self.number}"

    @property
    def has_answers(self) -> bool:
        # Through the reverse relation: importing Answer here would make an import cycle.
        return self.assessments.filter(answers__isnull=False).exists()

    @property
    def is_locked(self) -> bool:
        """A version that has answers must never change in place; copy it instead."""
        return self.pk is not None and self.status != self.Status.DRAFT and self.has_answers

    def publish(self) -> None:
        """Publish this version and retire the one it replaces, in one transaction.

        Assessments keep a foreign key to the version they were answered on, so
        retiring the old version leaves them exactly as they were.
        """
        problems = self.validation_problems()
        if problems:
            raise ValidationError(problems)
        with transaction.atomic():
            # Lock the slug's versions so two admins publishing at once cannot leave two
            # published versions (the partial unique constraint would reject one anyway).
            siblings = QuestionnaireVersion.objects.select_for_update().filter(slug=self.slug)
            siblings.filter(status=self.Status.PUBLISHED).exclude(pk=self.pk).update(
                status=self.Status.RETIRED
            )
            self.status = self.Status.PUBLISHED
            self.published_at = timezone.now()
            self.save(update_fields=["status", "published_at"])

    def validation_problems(self) -> list[str]:
        """What stops this version from being published, in words an admin can act on."""
        problems: list[str] = []
        pillars = list(self.pillars.prefetch_related("questions__options"))
        if not pillars:
            problems.append("The questionnaire has no pillars.")
        for pillar in pillars:
            questions = list(pillar.questions.all())
            if not any(q.is_scored for q in questions):
                problems.append(f"Pillar “{pillar.name}” has no scored question.")
            for question in questions:
                problems.extend(question.problems())
        problems.extend(mapping_problems(self))
        problems.extend(
            conditions.problems(
                (pillar.name, pillar.show_if, [q.as_asked() for q in pillar.questions.all()])
                for pillar in pillars
            )
        )
        levels = list(self.levels.all())
        if not levels:
            problems.append("The questionnaire has no maturity levels.")
        elif min(lv.min_score for lv in levels) != 0:
            problems.append("The lowest maturity level must start at 0, so every score has one.")
        return problems

    def to_spec(self) -> scoring.QuestionnaireSpec:
        """The plain-data form that scoring.py works on (one query per table)."""
        pillars = self.pillars.prefetch_related("questions__options")
        return scoring.QuestionnaireSpec(
            pillars=tuple(p.to_spec() for p in pillars),
            levels=tuple(
                scoring.LevelSpec(lv.name, float(lv.min_score)) for lv in self.levels.all()
            ),
        )


class Pillar(LockedVersionMixin, models.Model):
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="pillars"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    weight = weight_field("Relative weight in the overall score; equal by default.")
    order = models.PositiveIntegerField(default=0)
    show_if = show_if_field("The whole pillar is asked only when this holds.")

    class Meta:
        ordering = ["questionnaire", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="unique_pillar_code")
        ]

    def __str__(self) -> str:
        return self.name

    def _version(self) -> QuestionnaireVersion:
        return self.questionnaire

    def to_spec(self) -> scoring.PillarSpec:
        return scoring.PillarSpec(
            code=self.code,
            weight=float(self.weight),
            questions=tuple(q.to_spec() for q in self.questions.all()),
            show_if=self.show_if or None,
        )


class Question(LockedVersionMixin, models.Model):
    class Type(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Maturity scale")
        YES_NO = "yes_no", _("Yes / no")
        NUMBER = "number", _("Number with bands")
        TEXT = "text", _("Free text (not scored)")

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=60, help_text="Unique within the questionnaire version.")
    previous_code = previous_code_field()
    text = models.TextField()
    help_text = models.TextField(blank=True)
    type = models.CharField(max_length=10, choices=Type)
    weight = weight_field()
    max_points = models.PositiveSmallIntegerField(
        default=4, help_text="Points of a perfect answer; options score 0 to this."
    )
    required = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)
    unit = models.CharField(max_length=20, blank=True, help_text="Number questions: e.g. %.")
    min_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    max_length = models.PositiveIntegerField(
        default=1000, help_text="Free-text questions: the longest answer accepted."
    )
    aligned_with = models.CharField(
        max_length=300, blank=True, help_text="The established indicator this item follows."
    )
    # The action plan's first step for this question's advice: who usually takes it in a
    # small firm and roughly what it costs; a fixed vocabulary, so all languages come free.
    step_who = models.CharField(
        max_length=10, choices=StepWho, blank=True, help_text="Who takes the first step."
    )
    step_effort = models.CharField(
        max_length=10,
        choices=StepEffort,
        blank=True,
        help_text="Roughly what the first step costs or takes.",
    )
    show_if = show_if_field("The question is asked only when this holds.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["pillar__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "code"], name="unique_question_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    def _version(self) -> QuestionnaireVersion:
        return self.pillar.questionnaire

    @property
    def is_scored(self) -> bool:
        return self.type != self.Type.TEXT and self.max_points > 0 and self.weight > 0

    def clean(self) -> None:
        super().clean()
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError({"max_value": "The maximum must not be below the minimum."})
        if self.pillar_id and self.code:
            clash = Question.objects.filter(
                pillar__questionnaire_id=self.pillar.questionnaire_id, code=self.code
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"code": "Another question of this version has this code."})
            if mapped := question_problems(self):
                raise ValidationError({"previous_code": mapped})

    def problems(self) -> list[str]:
        """Inconsistencies that would make scoring wrong or unfair; checked before publishing.

        Each rule protects a promise of the method: a better answer never scores less,
        every possible answer lands somewhere, and a perfect answer reaches the maximum.
        """
        options = list(self.options.all())
        normal = [o for o in options if o.kind == Option.Kind.NORMAL]
        if self.type == self.Type.TEXT:
            return (
                [f"Question {self.code}: a free-text question takes no options."] if options else []
            )
        out = [f"Question {self.code} has no answer options."] if not normal else []
        if any(o.kind == Option.Kind.NONE for o in options) and self.type != self.Type.MULTIPLE:
            out.append(f"Question {self.code}: “none of these” belongs to multiple choice only.")
        if self.type != self.Type.NUMBER and any(
            o.band_min is not None or o.band_max is not None for o in options
        ):
            out.append(f"Question {self.code}: only number questions have bands.")
        if normal:
            out += self._points_problems(normal)
        if self.type == self.Type.NUMBER:
            out += self._band_problems(normal)
        return out

    def _points_problems(self, normal: list[Option]) -> list[str]:
        name = f"Question {self.code}"
        points = sorted(o.points for o in normal)
        if self.type == self.Type.MULTIPLE:
            if sum(points) < self.max_points:
                return [f"{name}: ticking every option cannot reach the maximum points."]
            return []
        out = []
        if points[-1] != self.max_points:
            out.append(f"{name}: no option reaches the maximum points.")
        if self.type == self.Type.SCALE and points != [0, 1, 2, 3, 4]:
            out.append(f"{name}: a maturity scale has five statements scoring 0, 1, 2, 3 and 4.")
        if self.type == self.Type.YES_NO and (len(normal) != 2 or points[0] != 0):
            out.append(f"{name}: a yes/no question has two options, one scoring 0.")
        return out

    def _band_problems(self, bands: list[Option]) -> list[str]:
        name = f"Question {self.code}"
        if any(b.band_min is None for b in bands):
            return [f"{name}: every band of a number question needs a lower bound."]
        bands = sorted(bands, key=lambda b: b.band_min or Decimal(0))
        out = []
        for lower, upper in pairwise(bands):
            if lower.band_max != upper.band_min:
                out.append(f"{name}: bands must join up (“{lower.label}” → “{upper.label}”).")
        low = self.min_value if self.min_value is not None else Decimal(0)
        if (bands[0].band_min or Decimal(0)) > low:
            out.append(f"{name}: the lowest band must start at {low}.")
        top = bands[-1].band_max
        if top is not None and (self.max_value is None or top <= self.max_value):
            out.append(f"{name}: the highest band must reach past the largest allowed value.")
        return out

    def as_asked(self) -> conditions.Asked:
        """What the publish check needs to know of this question (options prefetched)."""
        options = None
        if self.type != self.Type.NUMBER:
            options = frozenset(o.code for o in self.options.all())
        return conditions.Asked(self.code, self.show_if or None, options)

    def to_spec(self) -> scoring.QuestionSpec:
        return scoring.QuestionSpec(
            code=self.code,
            type=scoring.QuestionType(self.type),
            max_points=float(self.max_points),
            weight=float(self.weight),
            options=tuple(o.to_spec() for o in self.options.all()),
            show_if=self.show_if or None,
        )


class Option(LockedVersionMixin, models.Model):
    class Kind(models.TextChoices):
        NORMAL = "normal", _("Normal")
        NONE = "none", _("None of these (exclusive)")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")
        DONT_KNOW = "dont_know", _("Don't know")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(max_length=60)
    label = models.CharField(max_length=300)
    points = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NORMAL)
    advice = models.TextField(
        blank=True, help_text="What an SME that chose this could do next to improve."
    )
    band_min = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Number bands: from."
    )
    band_max = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Number bands: up to, not including. Empty for no upper bound.",
    )
    # Items that do not suit a firm of that size or sector (issue 15): their advice is not
    # given to such a firm as a next step. Scoring ignores them: points stay comparable.
    not_for_sizes = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_size_bands],
        help_text='Size bands this item is not advised to, e.g. ["medium", "large"].',
    )
    not_for_sectors = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_sectors],
        help_text='Sectors this item is not advised to, e.g. ["manufacturing"].',
    )
    order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="unique_option_code")
        ]

    def __str__(self) -> str:
        return self.label

    def _version(self) -> QuestionnaireVersion:
        return self.question.pillar.questionnaire

    def suits(self, size_band: str | None, sector: str | None) -> bool:
        """Its advice may be given to a firm of this size band and sector."""
        return size_band not in (self.not_for_sizes or []) and sector not in (
            self.not_for_sectors or []
        )

    def clean(self) -> None:
        super().clean()
        if self.question_id and self.points > self.question.max_points:
            raise ValidationError(
                {"points": f"At most the question's maximum ({self.question.max_points})."}
            )
        if self.kind != self.Kind.NORMAL and self.points:
            raise ValidationError(
                {"points": "“None of these”, “not applicable” and “don't know” score 0."}
            )

    def to_spec(self) -> scoring.OptionSpec:
        return scoring.OptionSpec(
            code=self.code,
            points=float(self.points),
            kind=scoring.OptionKind(self.kind),
            band_min=None if self.band_min is None else float(self.band_min),
            band_max=None if self.band_max is None else float(self.band_max),
        )
