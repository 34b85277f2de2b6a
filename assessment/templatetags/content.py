"""{{ question|tr:"text" }}: content in the page's language, falling back to English."""

from __future__ import annotations

from typing import Any

from django import template

from assessment.i18n.translated import localised

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    return localised(obj, field)
