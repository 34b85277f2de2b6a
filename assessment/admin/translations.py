"""Translations in the admin: edited beside their English, reviewed, and counted per language.

The translation tables are apart from the questionnaire's content, so they stay editable
on a version that has answers (whose content is read-only) and no scoring field moves.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.admin.text_fields import CleanTextMixin
from assessment.i18n.status import LanguageStatus, Row, SourceItem, translation_status
from assessment.models import (
    AdviceVariantTranslation,
    LevelTranslation,
    OptionTranslation,
    PillarTranslation,
    QuestionnaireTranslation,
    QuestionnaireVersion,
    QuestionTranslation,
    TranslationStatus,
)
from assessment.models.translations import TRANSLATION_MODELS, Translation, translation_languages


def edited_in_admin(obj: Translation, changed: list[str]) -> None:
    """A text changed here is no longer the seed file's: later seeds leave it alone."""
    if set(changed) & set(obj.FIELDS):
        obj.from_seed = False


class StaleFilter(admin.SimpleListFilter):
    """Translations whose English was edited after they were saved (models/fingerprint.py)."""

    title = _("English changed since")
    parameter_name = "stale"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Stale: the English changed")), ("no", _("Up to date"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet | None:
        if self.value() not in ("yes", "no"):
            return None
        # A fingerprint is not computed in SQL: one query reads the texts, Python compares.
        stale = stale_ids(queryset)
        if self.value() == "yes":
            return queryset.filter(pk__in=stale)
        return queryset.exclude(pk__in=stale)


def stale_ids(queryset: QuerySet) -> list[int]:
    """The primary keys of the stale translations in queryset, in one query."""
    model = queryset.model
    parent = model.PARENT
    columns = ["source_hash", *model.FIELDS, parent, *(f"{parent}__{f}" for f in model.FIELDS)]
    rows = queryset.select_related(parent).only(*columns)
    return [row.pk for row in rows if row.is_stale()]


class TranslationInline(CleanTextMixin, admin.StackedInline):
    extra = 0
    fields = ["language", "status"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("language", *self.model.FIELDS, "status")


class TranslationAdmin(CleanTextMixin, admin.ModelAdmin):
    """One translation beside the English it translates."""

    list_filter = ["language", "status"]
    list_select_related = True
    actions = ["mark_reviewed", "mark_draft"]
    readonly_fields = ["english", "up_to_date", "from_seed", "updated_at"]

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        return (
            self.model.PARENT,
            "language",
            self.model.FIELDS[0],
            "status",
            "up_to_date",
            "updated_at",
        )

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [*super().get_list_filter(request), StaleFilter]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = (self.model.PARENT, "language", "english", *self.model.FIELDS, "status")
        return (*fields, "up_to_date", "from_seed") if obj else (*fields, "from_seed")

    # list_select_related reads the English in the list's one query: no query a row.
    @admin.display(description=_("up to date with the English"), boolean=True)
    def up_to_date(self, obj: Translation) -> bool:
        return not obj.is_stale()

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return list(self.model.FIELDS)

    def get_autocomplete_fields(self, request: HttpRequest) -> list[str]:
        return []

    def get_raw_id_fields(self, request: HttpRequest) -> list[str]:
        return [self.model.PARENT]

    @admin.display(description=_("English"))
    def english(self, obj: Translation) -> str:
        parent = getattr(obj, obj.PARENT, None)
        if parent is None:
            return ""
        return "\n\n".join(
            f"{name}: {getattr(parent, name)}" for name in obj.FIELDS if getattr(parent, name)
        )

    def save_model(self, request: HttpRequest, obj: Translation, form: Any, change: bool) -> None:
        edited_in_admin(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark as reviewed"))
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        # A reviewer checked each against the English as it stands: no longer stale.
        rows = list(queryset.select_related(self.model.PARENT))
        for row in rows:
            row.status = TranslationStatus.REVIEWED
            row.mark_current()
        count = len(rows)
        self.model.objects.bulk_update(rows, ["status", "source_hash"])
        self.message_user(request, _("%(count)s marked as reviewed.") % {"count": count})

    @admin.action(description=_("Mark as draft"))
    def mark_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.update(status=TranslationStatus.DRAFT)
        self.message_user(request, _("%(count)s marked as draft.") % {"count": count})


@admin.register(QuestionnaireTranslation)
class QuestionnaireTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status", "version"]


@admin.register(PillarTranslation)
class PillarTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status", "pillar__questionnaire"]


@admin.register(QuestionTranslation)
class QuestionTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status", "question__pillar__questionnaire"]


@admin.register(OptionTranslation)
class OptionTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status", "option__question__pillar__questionnaire"]


@admin.register(AdviceVariantTranslation)
class AdviceVariantTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status", "variant__option__question__pillar__questionnaire"]


@admin.register(LevelTranslation)
class LevelTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status", "level__questionnaire"]


# --- the overview -------------------------------------------------------------------


def _item(kind: str, obj: Model, label: str) -> SourceItem:
    model = TRANSLATION_MODELS[type(obj)]
    return SourceItem((kind, obj.pk), label, {f: getattr(obj, f) for f in model.FIELDS})


def version_items(version: QuestionnaireVersion) -> list[SourceItem]:
    """Every translatable thing of a version with its English, in questionnaire order."""
    items = [_item("version", version, str(_("title and description")))]
    items += [
        _item("level", lv, f"{_('level')} {lv.name}") for lv in version.levels.order_by("min_score")
    ]
    for pillar in version.pillars.prefetch_related("questions__options__advice_variants"):
        items.append(_item("pillar", pillar, f"{_('pillar')} {pillar.code}"))
        for question in pillar.questions.all():
            items.append(_item("question", question, f"{_('question')} {question.code}"))
            for o in question.options.all():
                items.append(_item("option", o, f"{_('option')} {question.code}/{o.code}"))
                items += [
                    _item("variant", v, f"{_('advice variant')} {question.code}/{o.code}/{v.order}")
                    for v in o.advice_variants.all()
                ]
    return items


KIND_MODELS: dict[str, type[Translation]] = {
    "version": QuestionnaireTranslation,
    "level": LevelTranslation,
    "pillar": PillarTranslation,
    "question": QuestionTranslation,
    "option": OptionTranslation,
    "variant": AdviceVariantTranslation,
}


def read_rows(
    queries: dict[str, tuple[type[Translation], QuerySet]],
) -> dict[tuple[str, int, str], Row]:
    """Translation rows as plain data keyed by (kind, translated thing, language)."""
    rows: dict[tuple[str, int, str], Row] = {}
    for kind, (model, queryset) in queries.items():
        opts = model._meta
        for row in queryset.select_related(model.PARENT):  # the English, for is_stale()
            rows[(kind, getattr(row, f"{model.PARENT}_id"), row.language)] = Row(
                texts={f: getattr(row, f) for f in model.FIELDS},
                reviewed=row.status == TranslationStatus.REVIEWED,
                stale=row.is_stale(),
                url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]),
            )
    return rows


def version_status(version: QuestionnaireVersion) -> list[LanguageStatus]:
    """Per language, the version's missing and draft translations (one query a table)."""
    of_version = {
        "version": {"version": version},
        "level": {"level__questionnaire": version},
        "pillar": {"pillar__questionnaire": version},
        "question": {"question__pillar__questionnaire": version},
        "option": {"option__question__pillar__questionnaire": version},
        "variant": {"variant__option__question__pillar__questionnaire": version},
    }
    rows = read_rows(
        {
            kind: (model, model.objects.filter(**of_version[kind]))
            for kind, model in KIND_MODELS.items()
        }
    )
    return translation_status(version_items(version), rows, translation_languages())


def add_url(model: type[Translation], pk: int, language: str) -> str:
    """The admin page that adds this item's translation in language, prefilled."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    return f"{url}?{model.PARENT}={pk}&language={language}"
