"""The programme catalogue in the admin, with its targeting as tick boxes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from assessment.admin.text_fields import CleanTextMixin
from assessment.admin.translations import (
    TranslationAdmin,
    TranslationInline,
    add_url,
    edited_in_admin,
    read_rows,
)
from assessment.choices import PILLAR_CODES, Country, Sector, SizeBand
from assessment.i18n.status import SourceItem, translation_status
from assessment.models.translations import translation_languages
from reports.models import Programme, ProgrammeTranslation

_PILLAR_CHOICES = [(code, code.replace("_", " and ").capitalize()) for code in PILLAR_CODES]


class UrlListField(forms.CharField):
    """One URL a line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 80})

    def prepare_value(self, value: Any) -> str:
        return "\n".join(value) if isinstance(value, list) else (value or "")

    # A CharField (its null-character check included) whose cleaned value is a list,
    # where the stubs have a CharField clean to a string.
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        lines = [line.strip() for line in str(value or "").splitlines() if line.strip()]
        validate = URLValidator()
        for line in lines:
            try:
                validate(line)
            except ValidationError as exc:
                raise ValidationError(f"“{line}” is not a web address.") from exc
        return lines


def _ticks(choices: Any, all_of: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=not all_of,
        help_text=f"None ticked: all {all_of}." if all_of else "",
    )


class ProgrammeForm(forms.ModelForm):
    pillars = _ticks(_PILLAR_CHOICES)
    countries = _ticks(Country.choices, "countries")
    sectors = _ticks(Sector.choices, "sectors")
    size_bands = _ticks(SizeBand.choices, "sizes")
    languages = _ticks(settings.LANGUAGES, "languages")
    url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    source_urls = UrlListField(help_text="Where the facts come from, one address a line.")

    class Meta:
        model = Programme
        exclude: list[str] = []  # every field; the fieldsets below decide the layout


class ProgrammeTranslationInline(TranslationInline):
    model = ProgrammeTranslation

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The flag beside the name it qualifies (issue 14: official local names).
        fields = super().get_fields(request, obj)
        return (*fields[:2], "name_is_official", *fields[2:])


@admin.register(ProgrammeTranslation)
class ProgrammeTranslationAdmin(TranslationAdmin):
    list_filter = ["language", "status"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = super().get_fields(request, obj)
        at = fields.index("name") + 1
        return (*fields[:at], "name_is_official", *fields[at:])


@admin.register(Programme)
class ProgrammeAdmin(CleanTextMixin, admin.ModelAdmin):
    form = ProgrammeForm
    inlines = [ProgrammeTranslationInline]
    change_list_template = "admin/reports/programme/change_list.html"
    list_display = [
        "name",
        "provider",
        "kind",
        "pillar_list",
        "active_from",
        "active_until",
        "priority",
        "needs_verification",
    ]
    list_filter = ["provider_type", "kind", "delivery", "needs_verification"]
    search_fields = ["name", "provider", "description", "code"]
    prepopulated_fields = {"code": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "code", "provider", "provider_type", "kind", "delivery"]}),
        ("What it offers", {"fields": ["description", "url", "languages"]}),
        (
            "Targeting",
            {"fields": ["pillars", "min_score", "max_score", "countries", "sectors", "size_bands"]},
        ),
        ("When", {"fields": ["active_from", "active_until", "priority"]}),
        ("Sources", {"fields": ["source_urls", "needs_verification", "verification_note"]}),
    ]

    @admin.display(description="pillars")
    def pillar_list(self, obj: Programme) -> str:
        return ", ".join(obj.pillars)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is ProgrammeTranslation:
            for inline_form in formset.forms:
                if inline_form.has_changed():
                    edited_in_admin(inline_form.instance, inline_form.changed_data)
        super().save_formset(request, form, formset, change)

    def get_urls(self) -> list:
        own = [
            path(
                "translations/",
                self.admin_site.admin_view(self.translations_view),
                name="reports_programme_translations",
            )
        ]
        return own + super().get_urls()

    def translations_view(self, request: HttpRequest) -> HttpResponse:
        """Per language: the programmes whose name or description still shows English."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        items = [
            SourceItem(
                ("programme", p.pk),
                p.code,
                {"name": p.name, "description": p.description},
            )
            for p in Programme.objects.order_by("code")
        ]
        rows = read_rows({"programme": (ProgrammeTranslation, ProgrammeTranslation.objects.all())})
        statuses = translation_status(items, rows, translation_languages())
        for status in statuses:
            status.missing = [
                m._replace(
                    url=m.row.url
                    if m.row
                    else add_url(ProgrammeTranslation, m.item.key[1], status.language)
                )
                for m in status.missing
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "subject": None,
            "statuses": statuses,
            "title": "Translations of the programme catalogue",
        }
        return render(request, "admin/translation_status.html", context)
