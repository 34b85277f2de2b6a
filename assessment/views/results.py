"""The results page of a submitted assessment, read from its frozen result only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessment.access import get_assessment_for_reader
from assessment.models import Assessment
from assessment.summary import compare, summarise
from reports.charts import RadarAxis, pillars_svg


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_reader(request, pk)
    if not assessment.is_submitted:
        if assessment.company.owner_id != request.user.pk:
            raise Http404("A draft has no results yet.")  # staff: the review page is owner-only
        return redirect("assessment_review", pk=assessment.pk)
    summary = summarise(assessment.result)
    previous = _previous(assessment)
    # Peer medians come with reports/benchmarks.py; until then the chart shows no peers.
    chart = pillars_svg(
        [RadarAxis(p.name, p.score, peer_median=None) for p in summary.pillars],
        title=_("Pillar scores"),
        no_score=_("(no score)"),
        you=_("Your score"),
        peers=_("Peer median"),
    )
    return render(
        request,
        "assessment/results.html",
        {
            "assessment": assessment,
            "result": assessment.result,
            "summary": summary,
            # Safe: the chart functions escape every label themselves.
            "chart": mark_safe(chart),  # noqa: S308
            "previous": previous,
            "comparison": compare(assessment.result, previous.result) if previous else None,
        },
    )


def _previous(assessment: Assessment) -> Assessment | None:
    """The same company's submitted assessment just before this one."""
    earlier = Q(submitted_at__lt=assessment.submitted_at) | Q(
        submitted_at=assessment.submitted_at, pk__lt=assessment.pk
    )
    return (
        Assessment.objects.filter(
            earlier, company_id=assessment.company_id, status=Assessment.Status.SUBMITTED
        )
        .only("pk", "submitted_at", "result")
        .order_by("-submitted_at", "-pk")
        .first()
    )
