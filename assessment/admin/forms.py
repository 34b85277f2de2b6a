"""Forms of the admin's own pages (the questionnaire import)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from assessment.authoring.yaml_safety import MAX_YAML_CHARS


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=(
            "A questionnaire exported as YAML (it is imported as a draft): plain text, "
            "numbers, true/false, lists and mappings, without anchors, aliases or tags, "
            f"at most {MAX_YAML_CHARS / 1e6:g} MB."
        )
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_YAML_CHARS:
            raise ValidationError(
                f"The file is larger than {MAX_YAML_CHARS / 1e6:g} MB; is it a questionnaire?"
            )
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError("The file is not UTF-8 text.") from exc
