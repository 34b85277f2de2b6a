"""The owner marks one action of the results page's plan (a plain form, no JavaScript)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.access import get_assessment_for_user
from assessment.frozen import load_result
from reports.models import PlanMark
from reports.progress.forms import MarkForm
from reports.readout.views import results_page
from reports.recommendations.rank import action_plan


@login_required
@require_POST
def mark(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    # The owner's own assessment only: anyone else's is a 404, as for every write.
    assessment = get_assessment_for_user(request, pk)
    if not assessment.is_submitted or assessment.submitted_at is None:
        raise Http404("A draft has no plan.")
    plan = action_plan(load_result(assessment.result))
    if code not in {step.question_code for steps in plan.values() for step in steps}:
        raise Http404("No such action in this plan.")
    submitted_on = timezone.localdate(assessment.submitted_at)
    form = MarkForm(request.POST, submitted_on=submitted_on)
    if not form.is_valid():
        # The page again, this action's form with what was typed and why it was refused.
        return results_page(request, assessment, bad_mark=(code, form), status=400)
    status = form.cleaned_data["status"]
    if status:
        PlanMark.objects.update_or_create(
            assessment=assessment,
            question_code=code,
            defaults={"status": status, "on": form.cleaned_data["on"]},
        )
    else:
        PlanMark.objects.filter(assessment=assessment, question_code=code).delete()
    messages.success(request, _("Your plan is updated."))
    return redirect(f"{redirect('assessment_results', pk=assessment.pk).url}#plan-{code}")
