"""Every text typed in the admin is cleaned as the respondents' is.

A question, option, programme or translation holding U+202E would turn around the
pages and reports of every respondent who reads it, not just one firm's.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from assessment.forms.fields import StaffTextField


class CleanTextMixin:
    """For ModelAdmin and inline classes: plain CharField and TextField columns get a
    StaffTextField (codes, slugs, e-mails, URLs and choices keep their own fields)."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if type(db_field) in (models.CharField, models.TextField) and db_field.choices is None:
            kwargs.setdefault("form_class", StaffTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
