"""The admin as the questionnaire authoring tool.

Versions hold pillar and level inlines, pillars hold question inlines, questions hold
option inlines (Django has no nested inlines; "change" links walk down the tree).
Content of a version that has answers is read-only: the way to change it is
"copy as new draft", so a submitted assessment's version never moves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from simple_history.admin import SimpleHistoryAdmin

from assessment.admin import preview, publishing
from assessment.admin.condition_editor import PillarConditionForm, QuestionConditionForm
from assessment.admin.condition_words import ConditionWordsAdmin, condition_in_words
from assessment.admin.deletion import shorten
from assessment.admin.forms import ImportForm
from assessment.admin.text_fields import CleanTextMixin
from assessment.authoring.questionnaire_yaml import (
    QuestionnaireFormatError,
    export_yaml,
    import_yaml,
)
from assessment.authoring.versions import version_copy_as_draft
from assessment.models import MaturityLevel, Option, Pillar, Question, QuestionnaireVersion


def _version_of(obj: Any) -> QuestionnaireVersion | None:
    if obj is None:
        return None
    if isinstance(obj, QuestionnaireVersion):
        return obj
    return obj._version()


class LockAwareMixin:
    """Read-only views of anything that belongs to a version with answers."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = _version_of(obj)
        if version is not None and version.is_locked:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]


class LockAwareInline(CleanTextMixin, LockAwareMixin, admin.TabularInline):
    # An inline's takes the parent object, unlike a ModelAdmin's: Django's own
    # InlineModelAdmin narrows the signature the same way (its stubs ignore it too).
    def has_add_permission(self, request: HttpRequest, obj: Any) -> bool:  # type: ignore[override]
        version = _version_of(obj)
        if version is not None and version.is_locked:
            return False
        return super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = _version_of(obj)
        if version is not None and version.is_locked:
            return False
        return super().has_delete_permission(request, obj)


class LockAwareAdmin(CleanTextMixin, LockAwareMixin):
    """Deletion inside a locked version is refused on Django's "cannot delete" page.

    Answered questions and options are refused there already (their answers PROTECT
    them); this adds the unanswered content of a version that has answers, with the
    reason, instead of a bare 403.
    """

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(  # type: ignore[misc]
            objs, request
        )
        for obj in objs:
            version = _version_of(obj)
            if version is not None and version.is_locked:
                protected = [
                    *protected,
                    f"{obj} – questionnaire {version.label} has answers; "
                    "use “copy as new draft” to change it",
                ]
        return deleted, counts, perms_needed, shorten(protected)


class PillarInline(LockAwareInline):
    model = Pillar
    fields = ["order", "code", "name", "weight", "description"]
    extra = 0
    show_change_link = True


class LevelInline(LockAwareInline):
    model = MaturityLevel
    fields = ["name", "min_score", "description"]
    extra = 0


class QuestionInline(LockAwareInline):
    model = Question
    fields = ["order", "code", "text", "type", "weight", "max_points", "required"]
    extra = 0
    show_change_link = True

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 50})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OptionInline(LockAwareInline):
    model = Option
    fields = [
        "order",
        "code",
        "label",
        "points",
        "kind",
        "band_min",
        "band_max",
        "advice",
        "not_for_sizes",
        "not_for_sectors",
    ]
    extra = 0
    show_change_link = True  # the option's page holds its advice variants

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "advice":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(LockAwareAdmin, admin.ModelAdmin):
    class Media:
        css = {"all": ["css/admin.css"]}  # inline tables that fit a 1280 px screen

    list_display = ["title", "slug", "number", "status", "pillar_count", "published_at"]
    list_filter = ["status", "slug"]
    search_fields = ["title", "slug", "description"]
    ordering = ["slug", "-number"]
    readonly_fields = ["status", "published_at", "created_at", "copied_from"]
    inlines = [PillarInline, LevelInline]
    actions = [publishing.publish, "copy_as_new_draft", "preview", "export_as_yaml"]
    change_list_template = "admin/assessment/questionnaireversion/change_list.html"
    change_form_template = "admin/assessment/questionnaireversion/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuestionnaireVersion]:
        return super().get_queryset(request).annotate(pillar_total=Count("pillars"))

    @admin.display(description="pillars", ordering="pillar_total")
    def pillar_count(self, obj: QuestionnaireVersion) -> int:
        return obj.pillar_total  # type: ignore[attr-defined]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["slug", "number"]  # identity of a version never changes
        return fields

    def get_urls(self) -> list:
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="assessment_questionnaireversion_import",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="assessment_questionnaireversion_preview",
            ),
            path(
                "<int:pk>/translations/",
                self.admin_site.admin_view(self.translations_view),
                name="assessment_questionnaireversion_translations",
            ),
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="assessment_questionnaireversion_publish",
            ),
            path(
                "<int:pk>/export/",
                self.admin_site.admin_view(self.export_view),
                name="assessment_questionnaireversion_export",
            ),
        ]
        return own + super().get_urls()

    # Actions are offered to whoever may see the list unless they name a permission: a
    # view-only officer must not publish or copy. Publishing asks for a confirmation on
    # a page that says what changes (assessment/admin/publishing.py).
    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(publishing.PERMISSION)

    @admin.action(description="Copy as new draft", permissions=["add"])
    def copy_as_new_draft(
        self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]
    ) -> None:
        for version in queryset:
            try:
                copy = version_copy_as_draft(version)
            except QuestionnaireFormatError as exc:
                # A version stored before the import checked every value can hold one
                # the copy (an import) now refuses.
                self.message_user(request, f"{version.label} was not copied: {exc}", messages.ERROR)
            else:
                self.message_user(
                    request, f"{version.label} copied as draft {copy.label}.", messages.SUCCESS
                )

    @admin.action(description="Preview as a respondent sees it")
    def preview(
        self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Preview one version at a time.", messages.ERROR)
            return None
        return redirect(
            reverse("admin:assessment_questionnaireversion_preview", args=[queryset.get().pk])
        )

    @admin.action(description="Export as YAML")
    def export_as_yaml(
        self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Export one version at a time.", messages.ERROR)
            return None
        return self.export_view(request, queryset.get().pk)

    def export_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        version = get_object_or_404(QuestionnaireVersion, pk=pk)
        response = HttpResponse(export_yaml(version), content_type="application/yaml")
        filename = f"{slugify(version.slug)}-v{version.number}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = import_yaml(form.cleaned_data["file"])
            except QuestionnaireFormatError as exc:
                form.add_error("file", str(exc))
            else:
                self.message_user(
                    request, f"Imported {version.label} as a draft.", messages.SUCCESS
                )
                return redirect(
                    reverse("admin:assessment_questionnaireversion_change", args=[version.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Import a questionnaire from YAML",
        }
        return render(request, "admin/assessment/questionnaireversion/import.html", context)

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return preview.preview_view(self, request, pk)

    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return publishing.publish_view(self, request, pk)

    def translations_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Per language: what is still missing (shown in English) and what is a draft."""
        from assessment.admin.translations import KIND_MODELS, add_url, version_status

        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        version = get_object_or_404(QuestionnaireVersion, pk=pk)
        statuses = version_status(version)
        for status in statuses:
            status.missing = [
                m._replace(
                    url=m.row.url
                    if m.row
                    else add_url(KIND_MODELS[m.item.key[0]], m.item.key[1], status.language)
                )
                for m in status.missing
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "subject": version,
            "statuses": statuses,
            "title": f"Translations: {version.title} v{version.number}",
        }
        return render(request, "admin/translation_status.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None
    ) -> HttpResponse:
        version = QuestionnaireVersion.objects.filter(pk=object_id).first()
        if version is not None and version.is_locked and request.method == "GET":
            self.message_user(
                request,
                "This version has answers and is read-only. Use “copy as new draft” to edit.",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Pillar)
class PillarAdmin(LockAwareAdmin, ConditionWordsAdmin, admin.ModelAdmin):
    class Media:
        css = {"all": ["css/admin.css"]}  # inline tables that fit a 1280 px screen

    form = PillarConditionForm
    list_display = ["name", "code", "questionnaire", "weight", "order", condition_in_words]
    list_filter = ["questionnaire"]
    search_fields = ["name", "code", "description"]
    ordering = ["questionnaire", "order"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(LockAwareAdmin, ConditionWordsAdmin, SimpleHistoryAdmin):
    class Media:
        css = {"all": ["css/admin.css"]}  # inline tables that fit a 1280 px screen

    form = QuestionConditionForm
    list_display = [
        "code",
        "short_text",
        "pillar",
        "type",
        "weight",
        "required",
        condition_in_words,
    ]
    list_filter = ["pillar__questionnaire", "pillar__code", "type", "required"]
    search_fields = ["code", "previous_code", "text", "help_text", "aligned_with"]
    ordering = ["pillar__questionnaire", "pillar__order", "order"]
    list_select_related = ["pillar", "pillar__questionnaire"]
    inlines = [OptionInline]
    fieldsets = [
        (
            None,
            {"fields": ["pillar", "code", "previous_code", "order", "text", "help_text", "type"]},
        ),
        ("When it is asked", {"fields": ["show_if"]}),
        ("Scoring", {"fields": ["weight", "max_points", "required", "aligned_with"]}),
        ("Action plan", {"fields": ["step_who", "step_effort"]}),
        ("Number and text answers", {"fields": ["unit", "min_value", "max_value", "max_length"]}),
    ]

    @admin.display(description="text")
    def short_text(self, obj: Question) -> str:
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"
