"""The company profile, with the optional cohort code a training course hands out."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.forms.fields import CodeField, TypedTextField
from assessment.models import Cohort, Company

EARLIEST_FOUNDED = 1900


class YesNoUnsaidSelect(forms.NullBooleanSelect):
    """Yes, no, or prefer not to say (None), for a question asked plainly and optional."""

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Prefer not to say")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]


class CompanyProfileForm(forms.ModelForm):
    founded_year = forms.IntegerField(
        label=_("Year founded"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    youth_led = forms.NullBooleanField(
        label=_("Is the firm run mainly by people under 35?"),
        required=False,
        widget=YesNoUnsaidSelect,
        help_text=_("Optional. Some programmes are only for young entrepreneurs."),
    )
    cohort_code = CodeField(
        label=_("Training cohort code"),
        required=False,
        max_length=40,
        help_text=_(
            "Optional: the code your training course gave you, so the course can measure "
            "its participants' progress. Leave it empty if you have none."
        ),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "country",
            "province",
            "sector",
            "size_band",
            "founded_year",
            "women_led",
            "youth_led",
            "exports",
        ]
        # Cleaned of direction controls and invisible characters, Zawgyi made Unicode.
        field_classes = {"name": TypedTextField, "province": TypedTextField}
        labels = {
            "name": _("Company name"),
            "province": _("Province or city"),
            "size_band": _("Size (number of employees)"),
            "women_led": _("Women-led"),
            "exports": _("Does the firm sell to other countries?"),
        }
        help_texts = {
            "women_led": _("Tick if the firm is owned or run mainly by women."),
            "exports": _(
                "Optional. Some programmes are for firms that sell, or want to sell, abroad."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.this_year = timezone.localdate().year
        self.fields["founded_year"].widget.attrs.update(min=EARLIEST_FOUNDED, max=self.this_year)
        if self.instance.cohort_id:
            self.fields["cohort_code"].initial = self.instance.cohort.code

    def clean_founded_year(self) -> int | None:
        year = self.cleaned_data["founded_year"]
        if year is not None and not EARLIEST_FOUNDED <= year <= self.this_year:
            raise forms.ValidationError(
                _("Enter the year the firm was founded, between %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": EARLIEST_FOUNDED, "last": self.this_year},
            )
        return year

    def clean_cohort_code(self) -> Cohort | None:
        """The cohort the code names; an unknown code is an error, never silently dropped."""
        code = self.cleaned_data["cohort_code"].strip()
        if not code:
            return None
        cohort = Cohort.objects.filter(code__iexact=code).first()
        if cohort is None:
            raise forms.ValidationError(
                _(
                    "No training cohort has the code “%(code)s”. Check the code with your "
                    "trainer, or leave it empty."
                ),
                code="unknown_cohort",
                params={"code": code},
            )
        return cohort

    def save(self, commit: bool = True) -> Company:
        self.instance.cohort = self.cleaned_data["cohort_code"]
        return super().save(commit=commit)
