"""Publishing a questionnaire version with a confirmation (issue 17, item 5).

The "Publish" action no longer publishes: it opens a page that says what changes against
the version it replaces (questions added, removed, reworded; points and weights; levels;
conditions; advice variants by size and sector), how complete each language's
translations are, and what happens next. Only the confirmation on that page publishes, and
only for users with the "publish" permission (content editors change drafts; publishers
put them before respondents).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from assessment.admin.translations import version_status
from assessment.authoring.changes import version_changes
from assessment.authoring.questionnaire_yaml import version_to_dict
from assessment.models import QuestionnaireVersion

PERMISSION = "assessment.publish_questionnaireversion"


def publish_view(model_admin: ModelAdmin[Any], request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    version = get_object_or_404(QuestionnaireVersion, pk=pk)
    back = reverse("admin:assessment_questionnaireversion_changelist")
    if version.status == version.Status.PUBLISHED:
        model_admin.message_user(request, f"{version.label} is already published.")
        return redirect(back)
    current = (
        QuestionnaireVersion.objects.filter(slug=version.slug, status=version.Status.PUBLISHED)
        .exclude(pk=version.pk)
        .first()
    )
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            version.publish()
        except ValidationError as exc:
            model_admin.message_user(
                request,
                f"{version.label} was not published: " + " ".join(exc.messages),
                messages.ERROR,
            )
        else:
            model_admin.message_user(
                request, f"{version.label} is now published.", messages.SUCCESS
            )
        return redirect(back)
    changes = version_changes(
        version_to_dict(version), version_to_dict(current) if current else None
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": QuestionnaireVersion._meta,
        "title": f"Publish {version.label}?",
        "version": version,
        "current": current,
        "changes": changes,
        "problems": version.validation_problems(),
        "statuses": version_status(version),
    }
    return render(request, "admin/assessment/publish_confirm.html", context)


@admin.action(
    description="Publish… (shows what changes, then asks to confirm)", permissions=["publish"]
)
def publish(
    model_admin: ModelAdmin[Any], request: HttpRequest, queryset: Any
) -> HttpResponse | None:
    if queryset.count() != 1:
        model_admin.message_user(request, "Publish one version at a time.", messages.ERROR)
        return None
    version = queryset.get()
    return redirect("admin:assessment_questionnaireversion_publish", pk=version.pk)
