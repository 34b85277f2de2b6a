"""One helper per ownership rule: the object, or 404 so that existence never leaks."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from assessment.models import Assessment, Company


def get_company_for_user(request: HttpRequest) -> Company | None:
    return Company.objects.filter(owner=request.user).first()


def get_assessment_for_user(request: HttpRequest, pk: int) -> Assessment:
    """The user's own assessment: the only one they may answer or submit."""
    assessment = (
        Assessment.objects.select_related("company", "questionnaire")
        .filter(pk=pk, company__owner=request.user)
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
