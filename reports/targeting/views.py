"""Officers' targeting pages: who gets each programme, and what a given firm would get.

Thin views over reports/targeting/{reach,imagined}.py and the recommendation engine; open
to the same users as analytics (`assessment.view_analytics`). Both are GET forms: they
change nothing, so a link to a result can be shared.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from assessment.choices import Country
from reports.analytics.stats import K_MIN
from reports.analytics.views import analytics_required
from reports.models import programme_catalogue
from reports.recommendations.rank import recommend
from reports.targeting import queries
from reports.targeting.forms import ImaginedFirmForm
from reports.targeting.imagined import imagined_result
from reports.targeting.reach import programme_reach, reach_rows


@analytics_required
@require_GET
def reach(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    catalogue = programme_catalogue()
    found = programme_reach(queries.latest_results(), catalogue, today)
    rows = reach_rows(
        found,
        catalogue,
        today,
        k_min=K_MIN,
        country_names={code: str(name) for code, name in Country.choices},
    )
    context = {"rows": rows, "firms": found.firms, "k_min": K_MIN, "today": today}
    return render(request, "reports/targeting/reach.html", context)


@analytics_required
@require_GET
def imagine(request: HttpRequest) -> HttpResponse:
    version = queries.version_for_form()
    # The pillars in the language asked for (the form refuses an unknown one).
    language = request.GET.get("language") or translation.get_language() or "en"
    pillars = () if version is None else queries.pillar_specs(version, language)
    form = ImaginedFirmForm(request.GET or None, pillars=pillars)
    context: dict[str, object] = {"form": form, "version": version}
    if not request.GET or version is None:
        return render(request, "reports/targeting/imagine.html", context)
    if not form.is_valid():
        return render(request, "reports/targeting/imagine.html", context, status=400)
    language = form.cleaned_data["language"]
    result = imagined_result(
        form.profile(), pillars, form.scores(), slug=version.slug, number=version.number
    )
    with translation.override(language):
        catalogue = programme_catalogue(language)
        recommendations = recommend(result, catalogue, timezone.localdate(), language=language)
        # Rendered inside the override: reasons and labels are lazy in places.
        context["recommendations"] = [
            {"rec": rec, "reason": str(rec.reason)} for rec in recommendations
        ]
    context.update(language=language, asked=True)
    return render(request, "reports/targeting/imagine.html", context)
