"""The results page of a submitted assessment: its `Readout`, rendered as HTML."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from assessment.access import get_assessment_for_reader
from assessment.i18n.language import reader_language
from reports.readout.charts import pillar_chart
from reports.readout.queries import readout_for


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_reader(request, pk)
    if not assessment.is_submitted:
        if assessment.company.owner_id != request.user.pk:
            raise Http404("A draft has no results yet.")  # staff: the review page is owner-only
        return redirect("assessment_review", pk=assessment.pk)
    # The reader's language (the switch, the profile, the browser), not the one the
    # assessment was answered in: an owner who switched on the dashboard reads in it.
    language = reader_language(request)
    with translation.override(language):
        readout = readout_for(assessment, language=language)
        return render(
            request,
            "assessment/results.html",
            {
                "assessment": assessment,
                "readout": readout,
                "chart": pillar_chart(readout.charts),
            },
        )
