"""The results page of a submitted assessment, read from its frozen result only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessment.access import get_assessment_for_reader
from assessment.localise import localise_result
from assessment.models import Assessment
from assessment.summary import Summary, compare, summarise, whole
from assessment.translated import content_catalogue
from reports.benchmark_store import benchmark_for
from reports.benchmarks import OVERALL, Benchmark
from reports.charts import RadarAxis, pillars_svg
from reports.models import programme_catalogue
from reports.recommend import recommend


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_reader(request, pk)
    if not assessment.is_submitted:
        if assessment.company.owner_id != request.user.pk:
            raise Http404("A draft has no results yet.")  # staff: the review page is owner-only
        return redirect("assessment_review", pk=assessment.pk)
    # The page comes out in the assessment's language: the one it was answered in, or
    # the one its owner last chose on its pages (assessment/views/language.py).
    with translation.override(assessment.language):
        return _results_page(request, assessment)


def _results_page(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    language = assessment.language
    # Scores stay as frozen; only the texts are looked up again, by code, in the language.
    result = localise_result(
        assessment.result, content_catalogue(assessment.questionnaire_id, language)
    )
    summary = summarise(result)
    previous = _previous(assessment)
    benchmark = benchmark_for(assessment)  # one query: the version's benchmark snapshot
    peers = benchmark.pillars if benchmark else {}
    chart = pillars_svg(
        [
            RadarAxis(
                p.name, p.score, peer_median=peers[p.code].median if p.code in peers else None
            )
            for p in summary.pillars
        ],
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
            "result": result,
            "summary": summary,
            # Safe: the chart functions escape every label themselves.
            "chart": mark_safe(chart),  # noqa: S308
            "previous": previous,
            "comparison": compare(result, previous.result) if previous else None,
            "benchmark": benchmark,
            "peer_rows": _peer_rows(summary, benchmark) if benchmark else [],
            # One query: the catalogue is small and the ranking is plain Python.
            "recommendations": recommend(
                result, programme_catalogue(language), timezone.localdate(), language=language
            ),
        },
    )


def _peer_rows(summary: Summary, benchmark: Benchmark) -> list[dict]:
    """The firm's scores beside its peers' median and middle half, as whole numbers."""
    rows = [(OVERALL, _("Overall"), summary.overall)]
    rows += [(p.code, p.name, p.whole) for p in summary.pillars]
    out = []
    for code, name, score in rows:
        stats = benchmark.pillars.get(code)
        out.append(
            {
                "code": code,
                "name": name,
                "score": score,
                "median": whole(stats.median) if stats else None,
                "q1": whole(stats.q1) if stats else None,
                "q3": whole(stats.q3) if stats else None,
            }
        )
    return out


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
