"""Translations of the questionnaire's content, one row per item and language.

English lives on the content models themselves and stays the source and the fallback: an
empty translated field shows the English. The translations sit in tables of their own,
so a version that has answers (whose content is locked) can still have its translations
added, corrected and reviewed without touching a scoring field.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.advice_variants import AdviceVariant
from assessment.models.content_stamp import restamp
from assessment.models.fingerprint import is_stale, source_hash
from assessment.models.levels import MaturityLevel
from assessment.models.questionnaire import (
    Option,
    Pillar,
    Question,
    QuestionnaireVersion,
)


def translation_languages() -> list[tuple[str, str]]:
    """Every language but the source language (English)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")


class Translation(models.Model):
    """What every translation row holds besides its text fields."""

    # The text fields, named as on the translated model, and the foreign key to it.
    FIELDS: ClassVar[tuple[str, ...]] = ()
    PARENT: ClassVar[str] = ""
    # The lookup from a row to its questionnaire version's id ("" for the catalogue's).
    VERSION: ClassVar[str] = ""

    language = models.CharField(max_length=10, choices=translation_languages())
    status = models.CharField(
        max_length=10,
        choices=TranslationStatus,
        default=TranslationStatus.DRAFT,
        help_text=_("Draft until a fluent speaker has checked it."),
    )
    # Seed files may replace a draft they loaded, never one edited in the admin.
    from_seed = models.BooleanField(
        default=False, editable=False, help_text="The text is as seeds/translations/ gave it."
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The fingerprint of the English this translation was made from (models/fingerprint.py): set
    # on every save, so an edit of the English alone leaves it behind (stale).
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    # Declared so that code working on any translation model can query it.
    objects = models.Manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, self.PARENT)} [{self.language}]"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Saving a translation (in the admin, a seed load, a review) vouches for it against
        # the English shown beside it; bulk_create and update() paths call mark_current.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "source_hash" in update_fields:
            self.mark_current()
        super().save(*args, **kwargs)

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.FIELDS)

    def english(self) -> dict[str, str]:
        """The translated thing's English, field by field."""
        parent = getattr(self, self.PARENT)
        return {name: getattr(parent, name) for name in self.FIELDS}

    def mark_current(self) -> None:
        """This translation now translates the English as it stands."""
        self.source_hash = source_hash(self.english())

    def is_stale(self) -> bool:
        """The English changed since this translation was saved (an empty one never is)."""
        return not self.is_empty() and is_stale(self.source_hash, self.english())


def _unique(parent: str, name: str) -> list[models.BaseConstraint]:
    return [models.UniqueConstraint(fields=[parent, "language"], name=name)]


class QuestionnaireTranslation(Translation):
    FIELDS = ("title", "description")
    PARENT = "version"
    VERSION = "version_id"

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "language"]
        constraints = _unique("version", "unique_questionnaire_translation")


class PillarTranslation(Translation):
    FIELDS = ("name", "description")
    PARENT = "pillar"
    VERSION = "pillar__questionnaire_id"

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["pillar", "language"]
        constraints = _unique("pillar", "unique_pillar_translation")


class QuestionTranslation(Translation):
    FIELDS = ("text", "help_text", "unit")
    PARENT = "question"
    VERSION = "question__pillar__questionnaire_id"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="translations")
    text = models.TextField(blank=True)
    help_text = models.TextField(blank=True)
    unit = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["question", "language"]
        constraints = _unique("question", "unique_question_translation")


class OptionTranslation(Translation):
    FIELDS = ("label", "advice")
    PARENT = "option"
    VERSION = "option__question__pillar__questionnaire_id"

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="translations")
    label = models.CharField(max_length=300, blank=True)
    advice = models.TextField(blank=True)

    class Meta:
        ordering = ["option", "language"]
        constraints = _unique("option", "unique_option_translation")


class AdviceVariantTranslation(Translation):
    FIELDS = ("advice",)
    PARENT = "variant"
    VERSION = "variant__option__question__pillar__questionnaire_id"

    variant = models.ForeignKey(
        AdviceVariant, on_delete=models.CASCADE, related_name="translations"
    )
    advice = models.TextField(blank=True)

    class Meta:
        ordering = ["variant", "language"]
        constraints = _unique("variant", "unique_advice_variant_translation")


class LevelTranslation(Translation):
    FIELDS = ("name", "description")
    PARENT = "level"
    VERSION = "level__questionnaire_id"

    level = models.ForeignKey(MaturityLevel, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["level", "language"]
        constraints = _unique("level", "unique_level_translation")


# The content model each translation model translates.
TRANSLATION_MODELS: dict[type[models.Model], type[Translation]] = {
    QuestionnaireVersion: QuestionnaireTranslation,
    Pillar: PillarTranslation,
    Question: QuestionTranslation,
    Option: OptionTranslation,
    AdviceVariant: AdviceVariantTranslation,
    MaturityLevel: LevelTranslation,
}


def copy_translations(source: QuestionnaireVersion, target: QuestionnaireVersion) -> None:
    """Give target (a copy of source) source's translations, matched by code.

    "Copy as new draft" copies the English through `version_to_dict` (without the
    translations) and brings the translations over here, with their review status.
    """
    pairs: list[tuple[models.Model, models.Model]] = [(source, target)]
    old_pillars = {
        p.code: p for p in source.pillars.prefetch_related("questions__options__advice_variants")
    }
    for pillar in target.pillars.prefetch_related("questions__options__advice_variants"):
        old = old_pillars.get(pillar.code)
        if old is None:
            continue
        pairs.append((old, pillar))
        old_questions = {q.code: q for q in old.questions.all()}
        for question in pillar.questions.all():
            old_q = old_questions.get(question.code)
            if old_q is None:
                continue
            pairs.append((old_q, question))
            old_options = {o.code: o for o in old_q.options.all()}
            for option in question.options.all():
                old_o = old_options.get(option.code)
                if old_o is not None:
                    pairs.append((old_o, option))
                    # By position: the copy numbers its variants afresh from 1.
                    pairs += zip(
                        old_o.advice_variants.all(), option.advice_variants.all(), strict=False
                    )
    old_levels = {lv.min_score: lv for lv in source.levels.all()}
    pairs += [
        (old_levels[lv.min_score], lv) for lv in target.levels.all() if lv.min_score in old_levels
    ]
    for content_model, model in TRANSLATION_MODELS.items():
        mapping = {old.pk: new for old, new in pairs if isinstance(old, content_model)}
        rows = model.objects.filter(**{f"{model.PARENT}__in": list(mapping)})
        model.objects.bulk_create(
            model(
                **{model.PARENT: mapping[getattr(row, f"{model.PARENT}_id")]},
                language=row.language,
                status=row.status,
                from_seed=row.from_seed,
                source_hash=row.source_hash,  # the copy's English is the same: as stale as before
                **{name: getattr(row, name) for name in model.FIELDS},
            )
            for row in rows
        )
    restamp(QuestionnaireVersion.objects.filter(pk=target.pk))  # bulk_create sends no signal
