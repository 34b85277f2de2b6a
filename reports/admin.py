"""The programme catalogue in the admin, with its targeting as tick boxes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from assessment.choices import PILLAR_CODES, Country, Sector, SizeBand
from reports.models import Programme

_PILLAR_CHOICES = [(code, code.replace("_", " and ").capitalize()) for code in PILLAR_CODES]


class UrlListField(forms.CharField):
    """One URL a line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 80})

    def prepare_value(self, value: Any) -> str:
        return "\n".join(value) if isinstance(value, list) else (value or "")

    def to_python(self, value: Any) -> list[str]:
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


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = ProgrammeForm
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
