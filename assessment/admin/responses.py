"""Companies, cohorts, assessments and users in the admin: looked at, rarely edited."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from assessment.admin.text_fields import CleanTextMixin
from assessment.models import Answer, Assessment, Cohort, Company, User


@admin.register(User)
class UserAdmin(CleanTextMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "benchmark_consent_at"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "preferred_language"]}),
        ("Consent", {"fields": ["benchmark_consent_at"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Company)
class CompanyAdmin(CleanTextMixin, admin.ModelAdmin):
    list_display = ["name", "country", "sector", "size_band", "women_led", "owner"]
    list_filter = ["country", "sector", "size_band", "women_led", "youth_led", "exports"]
    search_fields = ["name", "province", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


@admin.register(Cohort)
class CohortAdmin(CleanTextMixin, admin.ModelAdmin):
    list_display = ["code", "name", "programme", "starts_on", "ends_on"]
    search_fields = ["code", "name"]
    raw_id_fields = ["programme"]


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = readonly_fields = ("question", "number", "text")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["company", "questionnaire", "status", "overall_score", "level", "submitted_at"]
    list_filter = ["status", "questionnaire", "language", "cohort", "company__country"]
    search_fields = ["company__name", "company__owner__email"]
    list_select_related = ["company", "questionnaire"]
    date_hierarchy = "created_at"
    inlines = [AnswerInline]
    # Scores are frozen by Assessment.submit(); editing them by hand would falsify a report.
    readonly_fields = [
        "company",
        "questionnaire",
        "status",
        "created_at",
        "updated_at",
        "submitted_at",
        "overall_score",
        "level",
        "reader_links",
    ]
    exclude = ["result", "figures"]

    # The frozen result is for the code to read; staff read it as the SME does.
    @admin.display(description="results and reports")
    def reader_links(self, obj: Assessment) -> str:
        if not obj.pk or not obj.is_submitted:
            return "A draft: no results yet."
        results = reverse("assessment_results", args=[obj.pk])
        owner = reverse("report_download", args=[obj.pk, obj.language or "en"])
        full = reverse("report_download_full", args=[obj.pk, obj.language or "en"])
        return format_html(
            '<a href="{}">Results page</a> · <a href="{}">Owner\'s report (PDF)</a> · '
            '<a href="{}">Full report (PDF)</a>',
            results,
            owner,
            full,
        )
