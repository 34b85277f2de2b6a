"""Form fields for what people type: cleaned before any validator sees it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.forms.text_input import is_blank, typed_text, without_hidden
from assessment.i18n.burmese import to_unicode


class TypedTextField(forms.CharField):
    """Text as a respondent meant it: no direction controls, nothing invisible at its
    ends, Burmese typed in Zawgyi converted to Unicode. A required field refuses a text
    with nothing visible in it, saying why: it looked filled in to the person who typed it."""

    convert_zawgyi = True
    default_error_messages = {
        "invisible": _("Only invisible characters were entered here. Type it in visible letters."),
    }

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        if not text:
            return text
        if self.required and is_blank(text):
            raise forms.ValidationError(self.error_messages["invisible"], code="invisible")
        return typed_text(text) or self.empty_value

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not (self.convert_zawgyi and text):
            return text
        # After the length check: the detector and the conversion rules should not run
        # over a megabyte that a forged request sent. Again after it: the Unicode
        # spelling can be longer than the Zawgyi one.
        converted = to_unicode(text)
        self.run_validators(converted)
        return converted


class StaffTextField(TypedTextField):
    """Content the officers type in the admin, cleaned the same way but for the Zawgyi
    guess, which is meant for short answers typed on phones, not for edited content."""

    convert_zawgyi = False


class CodeField(forms.CharField):
    """A code, which never holds an invisible character: one pasted from a chat or a
    PDF with a stray zero-width space or direction mark still matches."""

    def to_python(self, value: Any) -> str | None:
        return without_hidden(super().to_python(value) or "") or self.empty_value


class EmailAddressField(forms.EmailField):
    """An e-mail address without invisible characters, which the validator lets through
    in the domain (U+202E there would show the address backwards to the officers)."""

    def to_python(self, value: Any) -> str | None:
        return without_hidden(super().to_python(value) or "") or self.empty_value
