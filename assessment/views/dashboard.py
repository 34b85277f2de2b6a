"""The respondent's own page: drafts to continue, submitted assessments to read, a start button."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import asking, conditions
from assessment.access import get_company_for_user
from assessment.carry_over import carry_over, latest_submitted
from assessment.i18n.translated import content_language
from assessment.models import (
    Answer,
    Assessment,
    Company,
    LevelTranslation,
    Pillar,
    Question,
    QuestionnaireTranslation,
    QuestionnaireVersion,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Progress(TypedDict):
    """What `_with_progress` annotates."""

    answered_count: int
    first_gap_pillar: int | None  # a pillar id; None once every required question is answered


@dataclass(frozen=True)
class DraftRow:
    assessment: Assessment
    answered: int
    total: int
    continue_url: str

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


@dataclass(frozen=True)
class PillarPages:
    page_of: dict[int, int]  # pillar id -> its 1-based page within its questionnaire
    questions: Counter[int]  # questionnaire version id -> number of questions
    # Versions whose questions or pillars carry conditions, as asking.journey reads them.
    conditional: dict[int, list[asking.PagePillar]] = field(default_factory=dict)


def _with_progress(
    assessments: QuerySet[Assessment],
) -> QuerySet[WithAnnotations[Assessment, Progress]]:
    """Annotate the answers given and the first pillar still missing a required answer.

    Subqueries rather than joins: no GROUP BY over every column, and the list takes
    the same queries for one assessment or a hundred.
    """
    answered = (
        Answer.objects.filter(assessment=OuterRef("pk"))
        .order_by()
        .values("assessment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    has_answer = Answer.objects.filter(assessment=OuterRef(OuterRef("pk")), question=OuterRef("pk"))
    first_gap = (
        Question.objects.filter(pillar__questionnaire=OuterRef("questionnaire_id"), required=True)
        .filter(~Exists(has_answer))
        .order_by("pillar__order", "pillar_id")
        .values("pillar_id")[:1]
    )
    return assessments.annotate(
        answered_count=Coalesce(Subquery(answered), Value(0), output_field=IntegerField()),
        first_gap_pillar=Subquery(first_gap),
    )


def _with_title(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The questionnaire's title in the page's language as `title`, in the same query."""
    language = content_language()
    if language is None:
        return assessments.annotate(title=F("questionnaire__title"))
    translated = QuestionnaireTranslation.objects.filter(
        version=OuterRef("questionnaire_id"), language=language
    ).exclude(title="")
    return assessments.annotate(
        title=Coalesce(Subquery(translated.values("title")[:1]), F("questionnaire__title"))
    )


def _with_level_name(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The level reached, in the page's language, as `level_name`, in the same query.

    `Assessment.level` keeps the English name frozen at submission; the version's levels
    are locked once answered, so the name finds its translation."""
    language = content_language()
    if language is None:
        return assessments.annotate(level_name=F("level"))
    translated = LevelTranslation.objects.filter(
        level__questionnaire=OuterRef("questionnaire_id"),
        level__name=OuterRef("level"),
        language=language,
    ).exclude(name="")
    return assessments.annotate(
        level_name=Coalesce(Subquery(translated.values("name")[:1]), F("level"))
    )


def _pillar_pages(version_ids: set[int], *, outline: bool = False) -> PillarPages:
    """Page numbers and question totals for these versions, in one query; with `outline`,
    the versions' conditions too, in a second."""
    # Whether a question of the pillar has a condition: the outline is read only then.
    conditional = Question.objects.filter(pillar=OuterRef("pk")).exclude(show_if={})
    rows = (
        Pillar.objects.filter(questionnaire_id__in=version_ids)
        .annotate(question_count=Count("questions"), conditional=Exists(conditional))
        .order_by("questionnaire_id", "order", "id")  # the questionnaire pages' order
        .values_list("questionnaire_id", "pk", "question_count", "code", "show_if", "conditional")
    )
    pages: Counter[int] = Counter()
    questions: Counter[int] = Counter()
    page_of = {}
    pillars: dict[int, tuple[int, str, dict[str, Any]]] = {}
    with_conditions = set()
    for version_id, pillar_id, question_count, code, show_if, has_conditions in rows:
        pages[version_id] += 1
        page_of[pillar_id] = pages[version_id]
        questions[version_id] += question_count
        pillars[pillar_id] = (version_id, code, show_if)
        if show_if or has_conditions:
            with_conditions.add(version_id)
    pillars = {pk: row for pk, row in pillars.items() if row[0] in with_conditions}
    if not outline or not pillars:
        return PillarPages(page_of=page_of, questions=questions)
    asked: dict[int, list[asking.PageQuestion]] = {pk: [] for pk in pillars}
    for pillar_id, code, show_if, required in (
        Question.objects.filter(pillar_id__in=pillars)
        .order_by("pillar_id", "order", "pk")
        .values_list("pillar_id", "code", "show_if", "required")
    ):
        asked[pillar_id].append(asking.PageQuestion(code, show_if or None, None, required))
    by_version: dict[int, list[asking.PagePillar]] = {}
    for pillar_id in sorted(pillars, key=lambda pk: (pillars[pk][0], page_of[pk])):
        version_id, code, show_if = pillars[pillar_id]
        page = asking.PagePillar(code, show_if or None, asked[pillar_id])
        by_version.setdefault(version_id, []).append(page)
    return PillarPages(page_of=page_of, questions=questions, conditional=by_version)


def _applying(
    drafts: list[WithAnnotations[Assessment, Progress]], company: Company, pages: PillarPages
) -> dict[int, tuple[asking.Progress, int | None]]:
    """For drafts on a version with conditions: answers over the questions that apply to
    this firm, and the first page still asking a required one (None: the review). One
    query, whatever the number of drafts; the questionnaire pages count the same way."""
    ids = [a.pk for a in drafts if a.questionnaire_id in pages.conditional]
    if not ids:
        return {}
    given: dict[int, dict[str, tuple[set[str], float | None]]] = {pk: {} for pk in ids}
    for assessment_id, code, number, option in Answer.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "question__code", "number", "options__code"):
        options, _number = given[assessment_id].setdefault(
            code, (set(), None if number is None else float(number))
        )
        if option is not None:
            options.add(option)
    profile = company.profile()
    out = {}
    for pk in ids:
        draft = next(a for a in drafts if a.pk == pk)
        pillars = pages.conditional[draft.questionnaire_id]
        answers = {
            code: conditions.Answer(frozenset(options), number)
            for code, (options, number) in given[pk].items()
        }
        journey = asking.journey(pillars, profile, answers)
        gap = next(
            (
                number
                for number, pillar in enumerate(pillars, start=1)
                if any(
                    q.required and q.code in journey.asked and q.code not in answers
                    for q in pillar.questions
                )
            ),
            None,
        )
        out[pk] = (asking.progress(journey.asked, list(answers)), gap)
    return out


def _continue_url(assessment: WithAnnotations[Assessment, Progress], pages: PillarPages) -> str:
    """The first page with a required question unanswered, else the review page."""
    gap = assessment.first_gap_pillar
    page = None if gap is None else pages.page_of.get(gap)
    if page is None:
        return reverse("assessment_review", args=[assessment.pk])
    return reverse("assessment_page", args=[assessment.pk, page])


def _draft_rows(
    drafts: list[WithAnnotations[Assessment, Progress]], company: Company
) -> list[DraftRow]:
    if not drafts:
        return []
    pages = _pillar_pages({a.questionnaire_id for a in drafts}, outline=True)
    applying = _applying(drafts, company, pages)
    rows = []
    for a in drafts:
        if a.pk in applying:
            done, gap = applying[a.pk]
            page = reverse("assessment_page", args=[a.pk, gap]) if gap else None
            rows.append(
                DraftRow(
                    assessment=a,
                    answered=done.answered,
                    total=done.total,
                    continue_url=page or reverse("assessment_review", args=[a.pk]),
                )
            )
            continue
        rows.append(
            DraftRow(
                assessment=a,
                answered=a.answered_count,
                total=pages.questions[a.questionnaire_id],
                continue_url=_continue_url(a, pages),
            )
        )
    return rows


def dashboard_context(request: HttpRequest) -> dict[str, Any] | None:
    """What the dashboard shows of the assessments (reports/progress/views.py adds the
    trend and the plan); None when the user has no company profile yet. Call it with the
    reader's language active."""
    company = get_company_for_user(request)
    if company is None:
        return None
    assessments = list(
        _with_progress(
            _with_level_name(
                _with_title(company.assessments.select_related("questionnaire").defer("result"))
            )
        )
    )
    drafts = [a for a in assessments if not a.is_submitted]
    submitted = sorted(
        (a for a in assessments if a.is_submitted),
        key=lambda a: a.submitted_at or a.created_at,
        reverse=True,
    )
    published = QuestionnaireVersion.Status.PUBLISHED
    return {
        "company": company,
        "drafts": _draft_rows(drafts, company),
        "submitted": submitted,
        # A draft on the current version is resumed, not doubled: offer "Continue" only.
        "can_start": not any(a.questionnaire.status == published for a in drafts),
    }


def no_company(request: HttpRequest) -> HttpResponse:
    messages.info(
        request,
        _("First tell us about your company, so that we can compare it with similar firms."),
    )
    return redirect("profile")


def assessment_start(
    *, company: Company, version: QuestionnaireVersion, language: str
) -> tuple[Assessment, bool]:
    """The company's draft on this version, created if it has none; True if created.

    Locking the company row serialises a double click on "Start" (two requests at
    once): the second waits for the first, then finds its draft instead of making a
    second one. PostgreSQL honours the lock; SQLite ignores it (development only).
    """
    with transaction.atomic():
        list(Company.objects.select_for_update().filter(pk=company.pk).values_list("pk"))
        draft = (
            company.assessments.filter(status=Assessment.Status.DRAFT, questionnaire=version)
            .order_by("-created_at")
            .first()
        )
        if draft is not None:
            return draft, False
        created = Assessment.objects.create(
            company=company, questionnaire=version, language=language, cohort_id=company.cohort_id
        )
        # A firm that comes back starts from its last answers (carry_over.py).
        source = latest_submitted(company.pk)
        if source is not None:
            carry_over(draft=created, source=source)
        return created, True


@require_POST
@login_required
def start_assessment(request: HttpRequest) -> HttpResponse:
    company = get_company_for_user(request)
    if company is None:
        messages.info(request, _("First tell us about your company, then start the check."))
        return redirect("profile")
    version = QuestionnaireVersion.objects.filter(
        status=QuestionnaireVersion.Status.PUBLISHED
    ).first()
    if version is None:
        messages.error(request, _("No questionnaire is published yet."))
        return redirect("dashboard")
    assessment, created = assessment_start(
        company=company, version=version, language=getattr(request, "LANGUAGE_CODE", "") or "en"
    )
    if created:
        return redirect("assessment_page", pk=assessment.pk, index=1)
    messages.info(request, _("You already have a check in progress: carry on where you left off."))
    resumed = _with_progress(Assessment.objects.filter(pk=assessment.pk)).get()
    return redirect(_continue_url(resumed, _pillar_pages({resumed.questionnaire_id})))
