"""The analytics filters: a GET form, so a filtered view is a link that can be shared."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.choices import Country, Sector, SizeBand
from assessment.models import Cohort, QuestionnaireVersion
from reports.analytics.queries import Filters

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Submissions began in the 2020s; a date far outside is a typo, and the day after the
# last representable date would overflow.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def _any(
    label: StrOrPromise, choices: Iterable[tuple[str, StrOrPromise]]
) -> list[tuple[str, StrOrPromise]]:
    return [("", label), *choices]


class AnalyticsFilterForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Questionnaire version"),
        queryset=QuestionnaireVersion.objects.exclude(status=QuestionnaireVersion.Status.DRAFT),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a questionnaire version from the list.")},
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=_any(_("All countries"), Country.choices)
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_any(_("All sectors"), Sector.choices)
    )
    size_band = forms.ChoiceField(
        label=_("Size"), required=False, choices=_any(_("All sizes"), SizeBand.choices)
    )
    submitted_from = forms.DateField(
        label=_("Submitted from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("YYYY-MM-DD"),
    )
    submitted_to = forms.DateField(
        label=_("Submitted to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("YYYY-MM-DD, included"),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("-starts_on", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("All assessments"),
        help_text=_("Only assessments filed under the cohort."),
        error_messages={"invalid_choice": _("Choose a cohort from the list.")},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("submitted_from"), data.get("submitted_to")
        for name in ("submitted_from", "submitted_to"):
            day = data.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(
                    name,
                    _("Give a date between %(first)s and %(last)s.")
                    % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
                )
        if start and end and start > end:
            self.add_error("submitted_to", _("The end date is before the start date."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            version=data["version"],
            country=data["country"],
            sector=data["sector"],
            size_band=data["size_band"],
            submitted_from=data["submitted_from"],
            submitted_to=data["submitted_to"],
            cohort=data["cohort"],
        )
