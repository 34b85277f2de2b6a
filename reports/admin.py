"""The programme catalogue in the admin, with its targeting as tick boxes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from assessment.admin.text_fields import CleanTextMixin
from assessment.admin.translations import (
    TranslationAdmin,
    TranslationInline,
    add_url,
    edited_in_admin,
    read_rows,
)
from assessment.choices import Country, Sector, SizeBand
from assessment.i18n.status import SourceItem, translation_status
from assessment.models.translations import translation_languages
from reports.catalogue.filters import (
    PILLAR_CHOICES,
    CountryFilter,
    PillarFilter,
    StatusFilter,
    VerificationFilter,
)
from reports.catalogue.from_yaml import dump_catalogue
from reports.models import Programme, ProgrammeTranslation
from reports.programmes import RELEVANCE_GATES, check_web_address


class UrlListField(forms.CharField):
    """One URL a line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 80})

    def prepare_value(self, value: Any) -> str:
        return "\n".join(value) if isinstance(value, list) else (value or "")

    # A CharField (its null-character check included) whose cleaned value is a list,
    # where the stubs have a CharField clean to a string.
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        lines = [line.strip() for line in str(value or "").splitlines() if line.strip()]
        for line in lines:
            check_web_address(line)
        return lines


class CodeListField(forms.CharField):
    """Codes separated by commas or spaces, stored as a list (the model validates them)."""

    def prepare_value(self, value: Any) -> str:
        return ", ".join(value) if isinstance(value, list) else (value or "")

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return [code for code in str(value or "").replace(",", " ").split() if code]


def _only_for(what: str) -> forms.TypedChoiceField:
    """A nullable "only for" flag: any firm (None) or only such firms (True), never False."""
    return forms.TypedChoiceField(
        choices=[("", "Any firm"), ("true", f"Only {what} firms")],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )


def _ticks(choices: Any, all_of: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=not all_of,
        help_text=f"None ticked: all {all_of}." if all_of else "",
    )


class ProgrammeForm(forms.ModelForm):
    pillars = _ticks(PILLAR_CHOICES)
    countries = _ticks(Country.choices, "countries")
    sectors = _ticks(Sector.choices, "sectors")
    size_bands = _ticks(SizeBand.choices, "sizes")
    languages = _ticks(settings.LANGUAGES, "languages")
    url = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Programme._meta.get_field("url").help_text,
    )
    source_urls = UrlListField(help_text="Where the facts come from, one address a line.")
    women_led = _only_for("women-led")
    youth_led = _only_for("youth-led")
    relevance = CodeListField(
        required=False,
        help_text=f"Gates that replace score limits: {', '.join(RELEVANCE_GATES)} "
        "(for firms that sell or want to sell abroad, whatever their score).",
    )
    topics = CodeListField(
        required=False,
        help_text="Question codes (e.g. inf-online-presence) whose gaps the programme "
        "addresses, separated by commas.",
    )

    # Catalogue v2 fields with a default: left empty (or out of a post written before
    # they existed), they take the model's default instead of failing as required.
    DEFAULTED = {"audience": Programme.Audience.DIRECT, "min_readiness": 0, "max_readiness": 100}

    class Meta:
        model = Programme
        exclude: list[str] = []  # every field; the fieldsets below decide the layout

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.DEFAULTED:
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, default in self.DEFAULTED.items():
            if cleaned.get(name) in (None, ""):
                cleaned[name] = default
        return cleaned


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
class ProgrammeAdmin(CleanTextMixin, SimpleHistoryAdmin):
    form = ProgrammeForm
    inlines = [ProgrammeTranslationInline]
    change_list_template = "admin/reports/programme/change_list.html"
    list_display = [
        "name",
        "provider",
        "kind",
        "audience",
        "pillar_list",
        "status",
        "last_verified_on",
        "check_due",
    ]
    list_filter = [
        CountryFilter,
        PillarFilter,
        "audience",
        StatusFilter,
        VerificationFilter,
        "kind",
        "provider_type",
        "delivery",
    ]
    search_fields = ["name", "original_name", "provider", "description", "code"]
    prepopulated_fields = {"code": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "code"),
                    "original_name",
                    ("provider", "provider_type"),
                    ("kind", "delivery"),
                    "description",
                ]
            },
        ),
        ("Who may apply", {"fields": ["audience", "how_to_apply"]}),
        (
            "Eligibility",
            {
                "fields": [
                    "countries",
                    "sectors",
                    "size_bands",
                    ("women_led", "youth_led", "exporting"),
                    ("min_readiness", "max_readiness"),
                    "languages",
                ]
            },
        ),
        (
            "What it helps with",
            {"fields": ["pillars", ("min_score", "max_score"), "relevance", "topics", "priority"]},
        ),
        (
            "Dates",
            {"fields": [("active_from", "active_until"), ("one_off", "recurrence")]},
        ),
        (
            "Links and verification",
            {
                "fields": [
                    "url",
                    "source_urls",
                    ("needs_verification", "last_verified_on"),
                    "verification_note",
                ]
            },
        ),
    ]

    actions = ["download_yaml"]

    @admin.action(description="Download the selected programmes as YAML (seeds format)")
    def download_yaml(self, request: HttpRequest, queryset: Any) -> HttpResponse:
        response = HttpResponse(dump_catalogue(queryset), content_type="application/yaml")
        response["Content-Disposition"] = 'attachment; filename="programmes.yaml"'
        return response

    @admin.display(description="pillars")
    def pillar_list(self, obj: Programme) -> str:
        return ", ".join(obj.pillars)

    @admin.display(description="status")
    def status(self, obj: Programme) -> str:
        return str(Programme.Status(obj.status(timezone.localdate())).label)

    @admin.display(description="needs verification", boolean=True)
    def check_due(self, obj: Programme) -> bool:
        return obj.verification_due(timezone.localdate())

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
