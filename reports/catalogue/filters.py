"""The catalogue's admin list filters: who a programme is open to, whether it runs, when checked.

Targeting lives in JSON lists, which SQLite cannot search inside; the catalogue is a few
dozen rows, so the list filters pick the matching keys in Python, the same on any database.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from assessment.choices import PILLAR_CODES, Country
from reports.programmes import VERIFY_EVERY_MONTHS, Programme, months_before

PILLAR_CHOICES = [(code, code.replace("_", " and ").capitalize()) for code in PILLAR_CODES]


class _ListFilter(admin.SimpleListFilter):
    """Programmes whose JSON list `field` holds the chosen code (an empty list: all)."""

    field = ""
    empty_means_all = True
    options: list[tuple[str, Any]] = []

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return self.options

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        code = self.value()
        if not code:
            return queryset
        keys = [
            pk
            for pk, values in queryset.values_list("pk", self.field)
            if code in values or (self.empty_means_all and not values)
        ]
        return queryset.filter(pk__in=keys)


class CountryFilter(_ListFilter):
    title = "open to firms in"
    parameter_name = "country"
    field = "countries"
    options = list(Country.choices)


class PillarFilter(_ListFilter):
    title = "pillar"
    parameter_name = "pillar"
    field = "pillars"
    empty_means_all = False
    options = PILLAR_CHOICES


def status_query(status: str, today: Any) -> Q:
    """The programmes with `status` (Programme.status) on `today`, as one query."""
    upcoming = Q(active_from__gt=today)
    past = Q(active_until__lt=today)
    return {
        Programme.Status.UPCOMING: upcoming,
        Programme.Status.ENDED: past & Q(one_off=False) & ~upcoming,
        Programme.Status.OVER: past & Q(one_off=True) & ~upcoming,
        Programme.Status.RUNNING: ~upcoming & ~past,
    }[Programme.Status(status)]


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(Programme.Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        if self.value() not in Programme.Status.values:
            return queryset
        return queryset.filter(status_query(str(self.value()), timezone.localdate()))


def verification_due_query(today: Any) -> Q:
    """Flagged, never checked, or last checked over 18 months ago (Programme.verification_due)."""
    stale = months_before(today, VERIFY_EVERY_MONTHS)
    return (
        Q(needs_verification=True)
        | Q(last_verified_on__isnull=True)
        | Q(last_verified_on__lt=stale)
    )


class VerificationFilter(admin.SimpleListFilter):
    title = "needs verification"
    parameter_name = "verify"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("due", f"Flagged, or not checked for {VERIFY_EVERY_MONTHS} months"),
            ("ok", "Verified recently"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        due = verification_due_query(timezone.localdate())
        if self.value() == "due":
            return queryset.filter(due)
        if self.value() == "ok":
            return queryset.exclude(due)
        return queryset
