"""The questionnaire: one page per pillar, a review page, and submission.

Every page change stores the page's answers, errors or not, so nothing typed is lost;
a page runs the same few queries whatever its number of questions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.access import get_assessment_for_user
from assessment.answer_versions import FIELD as VERSION_FIELD
from assessment.answer_versions import AnswerState, page_version, parse_page_version
from assessment.answering import (
    AssessmentClosed,
    Conflict,
    answer_state,
    answers_save,
    page_answer_state,
)
from assessment.asking import Journey, progress
from assessment.carry_over import answers_by_code, answers_by_key, changes, keys_between
from assessment.forms.questionnaire import PillarForm, field_name
from assessment.i18n.language import is_language, language_choose
from assessment.i18n.translated import with_translations
from assessment.models import Answer, Assessment, Pillar, Question
from assessment.signals import assessment_submitted
from assessment.views.journey import (
    SHOWN_FIELD,
    Outline,
    displayed_codes,
    kept_hidden,
    load_answers,
    redrawn,
    script_conditions,
)
from assessment.views.page_content import page_questions, version_outline

# The page's form id: the language switcher's buttons submit this form (base.html), so
# switching language stores the answers typed on the page first.
PAGE_FORM = "pillar-form"

NAVIGATION = {"prev", "next", "save", "review", "confirm"}


def _closed(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    return render(
        request, "assessment/questionnaire/closed.html", {"assessment": assessment}, status=409
    )


@login_required
def pillar_page(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    if assessment.is_submitted:
        if request.method == "POST":
            return _closed(request, assessment)
        return redirect("assessment_results", pk=assessment.pk)
    # The version's content comes from the cache (page_content.py): the same for everyone.
    pillars, outline = version_outline(assessment.questionnaire)
    if not 1 <= index <= len(pillars):
        raise Http404("No such page.")
    pillar = pillars[index - 1]
    questions = page_questions(assessment.questionnaire, pillar)
    answers = load_answers(assessment)
    journey = outline.journey(assessment, answers)
    if request.method != "POST" and not journey.shows(index):
        # Nothing on this page applies to the firm (its pillar's condition, say).
        return _go(assessment, journey.after(index))

    if request.method == "POST":
        form = PillarForm(request.POST, questions=questions, answers=answers)
        version = request.POST.get(VERSION_FIELD)
        seen = None if version is None else parse_page_version(version)
        if version is not None and seen is None:
            return HttpResponseBadRequest("The form's answers version is not one of ours.")
        if _unknown_questions(request, questions) or (not form.is_valid() and form.is_tampered()):
            return HttpResponseBadRequest("The form holds answers that are not on this page.")
        displayed = displayed_codes(request.POST.getlist(SHOWN_FIELD), questions)
        try:
            conflicts = answers_save(
                assessment=assessment,
                page=kept_hidden(form.page_answers(), displayed),
                seen=seen,
                carried={q: answer_state(a) for q, a in answers.items() if a.carried_over},
                confirm=request.POST.get("nav") == "confirm",
            )
        except AssessmentClosed:
            return _closed(request, assessment)
        _answered_in(request, assessment)
        answers = load_answers(assessment)
        journey = outline.journey(assessment, answers)
        # A question this page's answers made applicable that the respondent has not seen
        # (without the script it was not drawn): the page comes back to ask it.
        appeared = [q for q in questions if q.code in journey.asked and q.code not in displayed]
        language = request.POST.get("language", "")
        nav = request.POST.get("nav", "next")
        if conflicts:
            # Shown before anything else (moving on, switching language): the
            # respondent chooses between the two answers on this page. A 200 like any
            # redisplayed form: the page's other answers were saved.
            form.show_conflicts(_conflict_states(conflicts))
        elif is_language(language):
            # A switcher button: the valid answers are stored, the page comes back in the
            # chosen language (a value that was refused has to be typed again).
            response = redirect("assessment_page", pk=assessment.pk, index=index)
            language_choose(request, response, language, assessment=assessment)
            if not form.is_valid():
                messages.error(request, _("Some answers need a correction; the others are saved."))
            return response
        elif form.is_valid() and (not appeared or nav == "save"):
            return _after_save(request, assessment, index, journey)
        elif form.is_valid():
            messages.info(
                request,
                _(
                    "Your answers are saved. Because of them, more questions apply on this page: "
                    "please answer them too."
                ),
            )
        if not form.is_valid():
            messages.error(request, _("Some answers need a correction; the others are saved."))
        form = redrawn(form, questions, answers, displayed, journey)
    else:
        form = PillarForm(questions=questions, answers=answers)

    page = [q for q in questions if q.code in journey.asked]
    carried = {q.pk for q in page if q.pk in answers and answers[q.pk].carried_over}
    new = _new_questions(assessment, page)
    codes = outline.codes
    script = script_conditions(outline, questions, assessment, answers, journey)
    done = progress(journey.asked, [codes[q] for q in answers if q in codes])
    return render(
        request,
        "assessment/questionnaire/page.html",
        {
            "assessment": assessment,
            "pillar": pillar,
            "index": index,
            "position": journey.position(index),
            "count": len(journey.pages),
            "rows": form.rows(journey.asked, script, carried=carried, new=new),
            "script_needed": bool(script),
            "form": form,
            "answered": done.answered,
            "total": done.total,
            "percent": done.percent,
            "previous": journey.before(index),
            "is_last": journey.after(index) is None,
            "language_form": PAGE_FORM,
            "shown_field": SHOWN_FIELD,
            # The answers this page is drawn from; a save from an older page is compared
            # with the answers stored by then (answer_versions.py).
            "answers_version": page_version(
                (q.pk, answer_state(answers.get(q.pk))) for q in questions
            ),
            "version_field": VERSION_FIELD,
            "carried": carried,
        },
    )


def _go(assessment: Assessment, index: int | None) -> HttpResponse:
    if index is None:
        return redirect("assessment_review", pk=assessment.pk)
    return redirect("assessment_page", pk=assessment.pk, index=index)


def _new_questions(assessment: Assessment, questions: list[Question]) -> set[int]:
    """Questions of a pre-filled draft that its last assessment's version did not ask
    (matched by lineage key, so a renamed question is not new)."""
    if assessment.carried_from_id is None:
        return set()
    source_version = (
        Assessment.objects.filter(pk=assessment.carried_from_id)
        .values_list("questionnaire_id", flat=True)
        .get()
    )
    keys, before = keys_between(assessment.questionnaire, source_version)
    if not before:  # the same version, or another questionnaire: by code
        before = {code: code for code in _codes_of(source_version)}
    known = set(before.values())
    return {q.pk for q in questions if keys.get(q.code, q.code) not in known}


def _codes_of(version_id: int) -> set[str]:
    return set(
        Question.objects.filter(pillar__questionnaire_id=version_id).values_list("code", flat=True)
    )


def _conflict_states(conflicts: list[Conflict]) -> dict[int, tuple[AnswerState, AnswerState]]:
    return {c.mine.question.pk: (c.saved, page_answer_state(c.mine)) for c in conflicts}


def _answered_in(request: HttpRequest, assessment: Assessment) -> None:
    """The assessment's language is the one its pages are answered in."""
    current = getattr(request, "LANGUAGE_CODE", "")
    if is_language(current) and assessment.language != current:
        Assessment.objects.filter(pk=assessment.pk).update(language=current)
        assessment.language = current


def _unknown_questions(request: HttpRequest, questions: list[Question]) -> bool:
    """A field named for a question that is not on this page means a forged request."""
    known = {field_name(q) for q in questions}
    return any(
        key.startswith("q-") and key not in known and not key.endswith("-special")
        for key in request.POST
    ) or any(
        key.endswith("-special") and key.removesuffix("-special") not in known
        for key in request.POST
    )


def _after_save(request: HttpRequest, assessment: Assessment, index: int, journey: Journey):
    action = request.POST.get("nav", "next")
    if action not in NAVIGATION:
        action = "next"
    if action == "save":
        messages.success(
            request, _("Your answers are saved. Continue any time from “My assessments”.")
        )
        return redirect("dashboard")
    before = journey.before(index)
    if action == "prev" and before is not None:
        return _go(assessment, before)
    if action == "confirm":
        messages.success(request, _("This page's answers are confirmed as still true."))
        action = "next"
    if action in ("review", "next"):
        # The next page that asks something, or the review after the last one.
        return _go(assessment, None if action == "review" else journey.after(index))
    return redirect("assessment_page", pk=assessment.pk, index=index)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    if assessment.is_submitted:
        return redirect("assessment_results", pk=assessment.pk)
    pillars = list(
        with_translations(
            Pillar.objects.filter(questionnaire_id=assessment.questionnaire_id)
        ).prefetch_related(
            Prefetch(
                "questions",
                queryset=with_translations(
                    Question.objects.only(
                        "pk", "code", "text", "required", "pillar_id", "order", "show_if"
                    )
                ),
            )
        )
    )
    answers = load_answers(assessment)
    journey = Outline.load(pillars).journey(assessment, answers)
    answered = set(answers)
    compare = _comparison(assessment)
    sections = []
    missing = 0
    for number, pillar in enumerate(pillars, start=1):
        if not journey.shows(number):
            continue
        # Only what applies: a question not asked is neither missing nor optional.
        questions = [q for q in pillar.questions.all() if q.code in journey.asked]
        url = reverse("assessment_page", args=[assessment.pk, number])
        unanswered = [
            (q, f"{url}#q-{q.code}") for q in questions if q.required and q.pk not in answered
        ]
        missing += len(unanswered)
        section = {
            "pillar": pillar,
            "position": journey.position(number),
            "url": url,
            "answered": sum(q.pk in answered for q in questions),
            "total": len(questions),
            "missing": unanswered,
            "optional": [q for q in questions if not q.required and q.pk not in answered],
        }
        if compare is not None:
            found = changes(questions, *compare)
            section["since_last"] = {
                name: [(q, f"{url}#q-{q.code}") for q in getattr(found, name)]
                for name in ("changed", "new", "unconfirmed", "cleared")
            }
        sections.append(section)
    return render(
        request,
        "assessment/questionnaire/review.html",
        {
            "assessment": assessment,
            "sections": sections,
            "missing": missing,
            "last_page": journey.pages[-1] if journey.pages else len(pillars),
            "carried_from": assessment.carried_from if compare is not None else None,
        },
    )


def _comparison(
    assessment: Assessment,
) -> tuple[dict[str, Answer], dict[str, Answer], set[str], dict[str, str]] | None:
    """A pre-filled draft's answers, its last assessment's and that version's questions
    (both by lineage key), and the draft's codes' keys."""
    source = assessment.carried_from
    if source is None:
        return None
    keys, before = keys_between(assessment.questionnaire, source.questionnaire_id)
    if not before:  # the same version, or another questionnaire: by code
        before = {code: code for code in _codes_of(source.questionnaire_id)}
    return (
        answers_by_code(assessment),
        answers_by_key(source, before),
        set(before.values()),
        keys,
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, pk)
    try:
        # A second, concurrent submission returns False and changes nothing.
        first = assessment.submit()
    except ValidationError as exc:
        messages.error(request, " ".join([*exc.messages, _("Answer them, then submit again.")]))
        return redirect("assessment_review", pk=assessment.pk)
    if first:
        # The peer benchmarks refresh on this (reports/benchmarks/tasks.py listens).
        assessment_submitted.send(sender=Assessment, assessment=assessment)
    return redirect("assessment_results", pk=assessment.pk)
