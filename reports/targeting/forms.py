"""The officers' "what would we recommend" form: a profile and a score per pillar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from assessment.choices import Country, Sector, SizeBand
from assessment.frozen import FrozenProfile
from reports.targeting.imagined import PillarSpec

EXPORTS = (
    ("", _("Not said")),
    ("yes", _("Sells abroad")),
    ("planning", _("Wants to sell abroad")),
    ("no", _("Sells only in its own country")),
)
YES_NO_ANY = (("", _("Not said")), ("yes", _("Yes")), ("no", _("No")))


class ImaginedFirmForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    size_band = forms.ChoiceField(label=_("Size"), choices=SizeBand.choices)
    women_led = forms.BooleanField(label=_("Women-led"), required=False)
    youth_led = forms.ChoiceField(label=_("Youth-led"), choices=YES_NO_ANY, required=False)
    exports = forms.ChoiceField(label=_("Sells abroad"), choices=EXPORTS, required=False)
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, pillars: Sequence[PillarSpec] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pillars = tuple(pillars)
        for pillar in self.pillars:
            self.fields[self.score_field(pillar.code)] = forms.IntegerField(
                label=pillar.name,
                min_value=0,
                max_value=100,
                required=False,
                help_text=_("0 to 100; leave empty for a pillar with no score."),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @staticmethod
    def score_field(code: str) -> str:
        return f"score_{code}"

    def profile(self) -> FrozenProfile:
        data = self.cleaned_data
        youth = {"yes": True, "no": False}.get(data.get("youth_led") or "")
        return {
            "name": "",
            "country": data["country"],
            "province": "",
            "sector": data["sector"],
            "size_band": data["size_band"],
            "founded_year": None,
            "women_led": bool(data.get("women_led")),
            "youth_led": youth,
            "exports": data.get("exports") or "",
        }

    def scores(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for pillar in self.pillars:
            value = self.cleaned_data.get(self.score_field(pillar.code))
            out[pillar.code] = None if value is None else float(value)
        return out
