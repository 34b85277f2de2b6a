"""The results page of a submitted assessment: its `Readout`, rendered as HTML."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation

from assessment.access import get_assessment_for_reader
from assessment.carry_over import keys_between
from assessment.frozen import load_result
from assessment.i18n.language import reader_language
from assessment.models import Assessment
from reports.progress.forms import MarkForm
from reports.progress.queries import marks_for
from reports.progress.rows import FollowedUp, followed_up, plan_rows, tally
from reports.readout.charts import pillar_chart
from reports.readout.queries import readout_for
from reports.readout.values import Readout


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_reader(request, pk)
    if not assessment.is_submitted:
        if assessment.company.owner_id != request.user.pk:
            raise Http404("A draft has no results yet.")  # staff: the review page is owner-only
        return redirect("assessment_review", pk=assessment.pk)
    return results_page(request, assessment)


def results_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    bad_mark: tuple[str, MarkForm] | None = None,
    status: int = 200,
) -> HttpResponse:
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
                **_plan_context(request, assessment, readout, bad_mark),
            },
            status=status,
        )


def _plan_context(
    request: HttpRequest,
    assessment: Assessment,
    readout: Readout,
    bad_mark: tuple[str, MarkForm] | None,
) -> dict[str, Any]:
    """The plan with each action's mark and form (the owner's), and how the previous
    plan's actions turned out."""
    marks = marks_for(assessment.pk)
    owner = assessment.company.owner_id == request.user.pk
    submitted_on = timezone.localdate(assessment.submitted_at)
    today = timezone.localdate()
    periods = []
    for period in readout.plan:
        rows = []
        for row in plan_rows(period.steps, marks):
            code = row.step.question_code
            if bad_mark is not None and bad_mark[0] == code:
                form = bad_mark[1]
            else:
                initial = {"status": row.mark.status if row.mark else "", "on": today}
                if row.mark:
                    initial["on"] = row.mark.on
                form = MarkForm(initial=initial, submitted_on=submitted_on, prefix=None)
            rows.append({"step": row.step, "mark": row.mark, "form": form if owner else None})
        periods.append({"period": period, "rows": rows})
    steps = [step for period in readout.plan for step in period.steps]
    followed: tuple[FollowedUp, ...] = ()
    if readout.previous is not None:
        previous = Assessment.objects.only("result", "questionnaire_id").get(pk=readout.previous.pk)
        keys_now, keys_then = keys_between(assessment.questionnaire, previous.questionnaire_id)
        followed = followed_up(
            marks_for(previous.pk),
            load_result(previous.result),
            load_result(assessment.result),
            keys_then,
            keys_now,
        )
    return {"plan": periods, "plan_tally": tally(steps, marks), "followed_up": followed}
