"""Downloading the PDF reports: the owner's report (the default) and the full report,
each rendered once per assessment, kind, language and template version.

The first request creates the ReportFile row and queues the render; with the immediate
backend (the default) the render has run by the time the view reads the row again, so
the first response is the PDF. With a worker, the page says the report is being
prepared and refreshes itself until it is ready. Later downloads are served from
storage without rendering, until a translation the report shows changes
(reports/pdf/stamp.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from assessment.access import get_assessment_for_reader
from assessment.i18n.language import reader_language
from assessment.models import Assessment
from reports.models import REPORT_TEMPLATE_VERSION, ReportFile
from reports.pdf.queue import check_pending, claim_render, queue_render
from reports.pdf.render import language_codes
from reports.pdf.stamp import translations_stamp
from reports.pdf.stored import is_whole_pdf

REFRESH_SECONDS = 3


@login_required
@require_GET
def report_download(
    request: HttpRequest, pk: int, language: str, kind: str = ReportFile.Kind.OWNER
) -> HttpResponseBase:
    # The one place the report's language is chosen: the URL's, as the results page
    # links it.
    assessment = _submitted_for_reader(request, pk, language)
    # get_or_create is race-safe: two first requests at once both end up with the one
    # row the unique constraint allows, and only the one that created it queues a render.
    report, created = ReportFile.objects.get_or_create(
        assessment=assessment,
        kind=kind,
        language=language,
        template_version=REPORT_TEMPLATE_VERSION,
        defaults={"attempts": 1, "queued_at": timezone.now()},
    )
    if created:
        report = queue_render(report)
    elif report.status == ReportFile.Status.READY and (
        not _stored(report) or _outdated(report, assessment)
    ):
        # The file is gone from storage (a wiped media folder) or does not open as a PDF
        # (cut short), or a translation it shows has changed since: render it again.
        if claim_render(report, ReportFile.Status.READY):
            report = queue_render(report)
    elif report.status == ReportFile.Status.PENDING:
        report = check_pending(report)

    if report.status == ReportFile.Status.READY:
        return _serve(report)
    response = render(
        request,
        "reports/report_status.html",
        {
            "assessment": assessment,
            "report": report,
            "language": language,
            "kind_label": ReportFile.Kind(kind).label,
            "check_url": _url("report_download", kind, assessment.pk, language),
            "retry_url": _url("report_retry", kind, assessment.pk, language),
            "refresh": REFRESH_SECONDS,
            "show_error": request.user.is_staff,
        },
    )
    if report.status == ReportFile.Status.PENDING:
        response["Refresh"] = str(REFRESH_SECONDS)
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def report_in_reader_language(request: HttpRequest, pk: int) -> HttpResponse:
    """The report in the reader's language: the switch, the profile, then the browser."""
    language = reader_language(request)
    assessment = _submitted_for_reader(request, pk, language)
    # ?kind=full asks for the full report; anything else gets the owner's report.
    full = request.GET.get("kind") == ReportFile.Kind.FULL
    route = "report_download_full" if full else "report_download"
    return redirect(reverse(route, args=[assessment.pk, language]))


@login_required
@require_POST
def report_retry(
    request: HttpRequest, pk: int, language: str, kind: str = ReportFile.Kind.OWNER
) -> HttpResponse:
    assessment = _submitted_for_reader(request, pk, language)
    report = ReportFile.objects.filter(
        assessment=assessment,
        kind=kind,
        language=language,
        template_version=REPORT_TEMPLATE_VERSION,
    ).first()
    if report is not None and claim_render(report, ReportFile.Status.FAILED):
        queue_render(report)
    return redirect(_url("report_download", kind, assessment.pk, language))


def _url(name: str, kind: str, pk: int, language: str) -> str:
    suffix = "_full" if kind == ReportFile.Kind.FULL else ""
    return reverse(name + suffix, kwargs={"pk": pk, "language": language})


def _submitted_for_reader(request: HttpRequest, pk: int, language: str) -> Assessment:
    if language not in language_codes():
        raise Http404("No such language.")
    assessment = get_assessment_for_reader(request, pk)
    if not assessment.is_submitted:
        raise Http404("A draft has no report.")
    return assessment


def _outdated(report: ReportFile, assessment: Assessment) -> bool:
    current = translations_stamp(assessment.questionnaire_id, report.language)
    return report.translations_stamp != current


def _stored(report: ReportFile) -> bool:
    name = report.file.name
    if not name:
        return False
    return is_whole_pdf(report.file.storage, name)


def _serve(report: ReportFile) -> FileResponse:
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=(
            f"mekong-digital-readiness-{report.assessment_id}-{report.language}"
            f"{'-full' if report.kind == ReportFile.Kind.FULL else ''}.pdf"
        ),
        content_type="application/pdf",
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
