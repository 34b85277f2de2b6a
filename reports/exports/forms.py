"""The export page's form: which version, which filters, which format, free text or not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.choices import Country, Sector, SizeBand
from assessment.models import Cohort, QuestionnaireVersion
from reports.exports.formats import FORMATS
from reports.exports.queries import ExportFilters

if TYPE_CHECKING:
    from django.db.models import TextChoices
    from django_stubs_ext import StrOrPromise


def _any(label: StrOrPromise, choices: type[TextChoices]) -> list[tuple[str, StrOrPromise]]:
    return [("", label), *choices.choices]


class DateInput(forms.DateInput):
    input_type = "date"


class ExportForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Questionnaire version"),
        # Drafts have no submitted assessments; retired versions keep theirs.
        queryset=QuestionnaireVersion.objects.exclude(status=QuestionnaireVersion.Status.DRAFT),
        empty_label=None,
        help_text=_("Each version has its own questions, so its own columns."),
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=_any(_("All countries"), Country), required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=_any(_("All sectors"), Sector), required=False
    )
    size_band = forms.ChoiceField(
        label=_("Size"), choices=_any(_("All sizes"), SizeBand), required=False
    )
    cohort = forms.ModelChoiceField(
        label=_("Training cohort"),
        queryset=Cohort.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All cohorts and none"),
    )
    submitted_from = forms.DateField(label=_("Submitted from"), required=False, widget=DateInput)
    submitted_to = forms.DateField(label=_("Submitted up to"), required=False, widget=DateInput)
    include_free_text = forms.BooleanField(
        label=_("Include free-text answers"),
        required=False,
        help_text=_(
            "Free text may name people, firms or places. Leave this unticked unless the "
            "analysis needs it, and handle the file as personal data if you tick it."
        ),
    )
    format = forms.ChoiceField(choices=[(f, f.upper()) for f in FORMATS])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The start date is after the end date."), code="date_order"
            )
        return cleaned

    def filters(self) -> ExportFilters:
        data = self.cleaned_data
        return ExportFilters(
            country=data["country"],
            sector=data["sector"],
            size_band=data["size_band"],
            cohort=data["cohort"].code if data["cohort"] else "",
            submitted_from=data["submitted_from"],
            submitted_to=data["submitted_to"],
        )
