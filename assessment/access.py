"""One helper per ownership rule: the object, or 404 so that existence never leaks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from assessment.models import Assessment, Company, User


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, for views behind `login_required` (never the anonymous user)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied  # a view that forgot login_required: refuse, never guess
    return user


def get_company_for_user(request: HttpRequest) -> Company | None:
    return Company.objects.filter(owner=signed_in_user(request)).first()


def get_assessment_for_user(request: HttpRequest, pk: int) -> Assessment:
    """The user's own assessment: the only one they may answer or submit."""
    assessment = (
        Assessment.objects.select_related("company", "questionnaire")
        .filter(pk=pk, company__owner=signed_in_user(request))
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment.")
    return assessment


def get_assessment_for_reader(request: HttpRequest, pk: int) -> Assessment:
    """The user's own assessment, or any for administrators (read-only results, reports).

    The admin's "view assessment" permission decides, not staff status: programme
    officers are staff for the analytics yet see no single company's answers. Owners
    are recognised first, so their pages spend no query on permissions.
    """
    assessment = Assessment.objects.select_related("company", "questionnaire").filter(pk=pk).first()
    if assessment is None or (
        assessment.company.owner_id != request.user.pk
        and not request.user.has_perm("assessment.view_assessment")
    ):
        raise Http404("No such assessment.")
    return assessment
