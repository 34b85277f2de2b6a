"""Staff analytics pages: the dashboard and the cohort view (thin views).

Open to users with `assessment.view_analytics` (superusers and the "Programme officers"
group); anonymous visitors are sent to log in, anyone else logged in gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessment.models import Cohort
from reports.analytics import queries as analytics_store
from reports.analytics import stats as analytics
from reports.analytics.charts import (
    BoxRow,
    ChangeRow,
    StackRow,
    box_plot_svg,
    columns_svg,
    dumbbell_svg,
    stacked_bars_svg,
)
from reports.analytics.forms import AnalyticsFilterForm
from reports.analytics.stats import K_MIN

PERMISSION = "assessment.view_analytics"


def analytics_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _too_few(companies: int) -> str:
    if companies == 0:
        return _("No companies")
    return _("Fewer than %(k)s companies — not shown") % {"k": K_MIN}


@analytics_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    default = analytics_store.default_version()
    data = request.GET.copy()
    if default is not None and not data.get("version"):
        data["version"] = str(default.pk)
    form = AnalyticsFilterForm(data)
    context = {"form": form, "k_min": K_MIN, "has_version": default is not None}
    if default is None:
        return render(request, "reports/analytics/dashboard.html", context)
    if not form.is_valid():
        # A hand-edited or stale link: say what is wrong, compute nothing.
        return render(request, "reports/analytics/dashboard.html", context, status=400)
    board = analytics_store.dashboard(
        form.filters(), overall_name=_("Overall"), all_countries=_("All countries")
    )
    context.update(board=board, charts=_dashboard_charts(board))
    return render(request, "reports/analytics/dashboard.html", context)


def _dashboard_charts(board: analytics_store.Dashboard) -> dict[str, str]:
    months = [(date_format(m.month, "M Y"), m.submissions) for m in board.months]
    boxes = [BoxRow(d.name, d.stats, _too_few(d.companies)) for d in board.distributions]
    stacks = [
        StackRow(f"{r.label} ({r.companies})", r.shares if r.shown else None, _too_few(r.companies))
        for r in board.level_rows
    ]
    charts = {
        "boxes": box_plot_svg(
            boxes,
            title=_("Pillar score distributions"),
            median=_("median"),
            middle_half=_("middle half"),
            whiskers=_("whiskers"),
        ),
        "levels": stacked_bars_svg(stacks, board.levels, title=_("Maturity levels by country")),
    }
    if months:
        charts["months"] = columns_svg(months, title=_("Submissions per month"))
    return {name: mark_safe(svg) for name, svg in charts.items()}  # noqa: S308 (escaped in the chart)


@analytics_required
@require_GET
def cohort_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/analytics/cohorts.html",
        {"cohorts": analytics_store.cohort_list(), "k_min": K_MIN},
    )


@analytics_required
@require_GET
def cohort_detail(request: HttpRequest, code: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), code=code)
    context: dict = {"cohort": cohort, "k_min": K_MIN}
    if cohort.starts_on is None:
        return render(request, "reports/analytics/cohort.html", context)
    members, without_consent = analytics_store.participants(cohort)
    pairing = analytics.pair_cohort(
        members,
        analytics_store.cohort_submissions(cohort),
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
    )
    actions, acting = analytics_store.cohort_actions(members)
    context.update(
        pairing=pairing,
        without_consent=without_consent,
        versions=_versions(pairing),
        actions_done=actions,
        firms_acting=acting,
    )
    return render(request, "reports/analytics/cohort.html", context)


def _versions(pairing: analytics.Pairing) -> list[dict]:
    """The changes per questionnaire of the pairs (usually one), across its versions:
    pillars by code, named as in the newest version the pairs answered."""
    by_slug: dict[str, list[analytics.Pair]] = {}
    for pair in pairing.pairs:
        by_slug.setdefault(pair.after.questionnaire, []).append(pair)
    if not by_slug:
        return []
    answered = {
        s.version_id for pairs in by_slug.values() for p in pairs for s in (p.before, p.after)
    }
    versions = analytics_store.versions_with_pillars(answered)
    out = []
    for _slug, pairs in sorted(by_slug.items()):
        mine = sorted(
            (versions[s.version_id] for p in pairs for s in (p.before, p.after)),
            key=lambda v: v.number,
        )
        newest = mine[-1]
        numbers = sorted({v.number for v in mine})
        changes = analytics.cohort_changes(pairs, newest.pillars, _("Overall"))
        rows = [ChangeRow(c.name, c.before, c.after, _too_few(c.companies)) for c in changes]
        chart = dumbbell_svg(
            rows,
            title=_("Mean scores before and after the course"),
            before_label=_("Before"),
            after_label=_("After"),
        )
        out.append(
            {
                "title": f"{newest.title} " + ", ".join(f"v{n}" for n in numbers),
                "pairs": len(pairs),
                "changes": changes,
                "chart": mark_safe(chart),  # noqa: S308 (escaped in the chart)
            }
        )
    return out
