"""Marking one action of the plan: done, in progress or not relevant, and when."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models import PlanMark


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where are you with this?"),
        choices=[("", _("Not started")), *PlanMark.Status.choices],
        required=False,
    )
    on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )

    def __init__(self, *args: Any, submitted_on: datetime.date, **kwargs: Any) -> None:
        # The template writes its own labels: no ":" to look up (Khmer, Lao and Burmese
        # have no Django catalogue entry for it).
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.submitted_on = submitted_on

    def clean_on(self) -> datetime.date:
        on: datetime.date = self.cleaned_data["on"]
        today = timezone.localdate()
        if on > today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if on < self.submitted_on:
            raise forms.ValidationError(
                _("The date cannot be before the assessment that made this plan (%(date)s).")
                % {"date": self.submitted_on.isoformat()}
            )
        return on
