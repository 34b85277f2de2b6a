"""Options in the admin: each option's page lists its change history and holds the
size- and sector-specific variants of its advice (issue 15)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from assessment.admin.questionnaire import LockAwareAdmin, LockAwareInline
from assessment.choices import Sector, SizeBand
from assessment.models import AdviceVariant, Option

# Ticked boxes rather than typed JSON: an author cannot misspell a code.
_CODE_LISTS = {"size_bands": SizeBand.choices, "sectors": Sector.choices}


class AdviceVariantInline(LockAwareInline):
    model = AdviceVariant
    fields = ["order", "size_bands", "sectors", "advice"]
    extra = 0

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in _CODE_LISTS:
            return forms.TypedMultipleChoiceField(
                choices=_CODE_LISTS[db_field.name],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=db_field.verbose_name,
                help_text=db_field.help_text,
            )
        if db_field.name == "advice":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 50})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Option)
class OptionAdmin(LockAwareAdmin, SimpleHistoryAdmin):
    list_display = ["label", "code", "question", "points", "kind"]
    list_filter = ["question__pillar__questionnaire", "kind"]
    search_fields = ["label", "code", "advice", "question__code", "advice_variants__advice"]
    list_select_related = ["question"]
    inlines = [AdviceVariantInline]
