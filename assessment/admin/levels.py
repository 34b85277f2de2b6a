"""Maturity levels in the admin: edited inline on their questionnaire version; this page
lists them and shows each level's change history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessment.admin.questionnaire import LockAwareAdmin
from assessment.models import MaturityLevel


@admin.register(MaturityLevel)
class MaturityLevelAdmin(LockAwareAdmin, SimpleHistoryAdmin):
    list_display = ["name", "questionnaire", "min_score"]
    list_filter = ["questionnaire"]
    search_fields = ["name", "description"]
    list_select_related = ["questionnaire"]
