"""The respondent's dashboard: the assessments (assessment/views/dashboard.py), and, once
one is submitted, the trend of its scores and how far the latest plan has got."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessment.frozen import load_result
from assessment.i18n.language import reader_language
from assessment.i18n.translated import localised, with_translations
from assessment.models import Assessment, Pillar
from assessment.views.dashboard import dashboard_context, no_company
from reports.benchmarks.queries import snapshot_groups
from reports.benchmarks.stats import OVERALL, peer_benchmark
from reports.charts.trend import TrendLabels, trend_chart
from reports.progress.queries import marks_for
from reports.progress.rows import tally
from reports.progress.trend import Submitted, trend_points
from reports.recommendations.rank import action_plan


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    # The reader's language (the switch, the profile, the browser), as on the results page.
    with translation.override(reader_language(request)):
        context = dashboard_context(request)
        if context is None:
            return no_company(request)
        if context["submitted"]:
            context.update(_coming_back(context["submitted"]))
        return render(request, "assessment/dashboard.html", context)


def _coming_back(submitted: list[Assessment]) -> dict[str, Any]:
    """The trend chart and the latest plan's tally: four queries, however many assessments."""
    latest = submitted[0]  # newest first
    versions = {a.questionnaire_id for a in submitted}
    pillars = with_translations(
        Pillar.objects.filter(questionnaire_id__in=versions).order_by(
            "questionnaire_id", "order", "pk"
        )
    )
    codes: dict[int, list[str]] = {}
    names: dict[str, str] = {}
    for pillar in pillars:
        codes.setdefault(pillar.questionnaire_id, []).append(pillar.code)
        if pillar.questionnaire_id == latest.questionnaire_id:
            names[pillar.code] = localised(pillar, "name")
    shown, points = trend_points(
        [
            Submitted(a.questionnaire_id, a.submitted_at, a.overall_score, a.figures)
            for a in submitted
            if a.submitted_at is not None
        ],
        codes,
        date_label=lambda moment: formats.date_format(
            timezone.localtime(moment), "SHORT_DATE_FORMAT"
        ),
    )
    groups = snapshot_groups(latest.questionnaire_id)
    benchmark = peer_benchmark(groups, latest.figures) if groups else None
    median = benchmark.pillars.get(OVERALL) if benchmark else None
    labels = TrendLabels(
        title=_("Your scores over time"),
        overall=_("Overall score"),
        peer_median=_("Peer median today"),
        date=_("Submitted"),
        no_score=_("no score"),
        as_table=_("The figures as a table"),
    )
    chart = trend_chart(
        points,
        [names.get(code, code) for code in shown],
        labels,
        peer_median=median.median if median else None,
    )
    result = Assessment.objects.only("result").get(pk=latest.pk).result
    steps = [s for period in action_plan(load_result(result)).values() for s in period]
    return {
        # Safe: trend_chart escapes every label itself.
        "trend": mark_safe(chart),  # noqa: S308
        "plan_tally": tally(steps, marks_for(latest.pk)),
        "plan_assessment": latest,
    }
