"""Storing a page of answers in a fixed number of queries, whatever the page's size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessment.answer_versions import AnswerState, changed_since
from assessment.forms.questionnaire import PageAnswer
from assessment.models import Answer, AnswerOption, Assessment


class AssessmentClosed(Exception):
    """The assessment was submitted; its answers can no longer change."""


@dataclass(frozen=True)
class Conflict:
    """A question answered elsewhere since the page was drawn, differently from the page."""

    mine: PageAnswer
    saved: AnswerState


def answer_state(answer: Answer | None) -> AnswerState:
    """A stored answer's state; its options must be prefetched (no query here)."""
    if answer is None:
        return AnswerState()
    return AnswerState(frozenset(o.pk for o in answer.options.all()), answer.number, answer.text)


def page_answer_state(answer: PageAnswer) -> AnswerState:
    return AnswerState(frozenset(o.pk for o in answer.options), answer.number, answer.text)


def answers_save(
    *,
    assessment: Assessment,
    page: Sequence[PageAnswer],
    seen: Mapping[int, str] | None = None,
    carried: Mapping[int, AnswerState] | None = None,
    confirm: bool = False,
) -> list[Conflict]:
    """Upsert the page's answers and drop the ones the respondent cleared.

    `seen` is the page's answers version (answer_versions.py): an answer changed since
    the page was drawn is kept, not overwritten, and returned as a conflict. Without
    it the page's answers win (a page drawn before versions existed).

    `carried` holds the answers copied from the last assessment and not yet confirmed
    (carry_over.py), as the page showed them: one saved unchanged stays "from your last
    assessment"; one changed, or any answer when the respondent confirms the whole page
    (`confirm`), becomes the respondent's own.

    Bulk statements keep a 12-question page as cheap as a 2-question one; the
    transaction means a page is stored whole or not at all.
    """
    now = timezone.now()
    with transaction.atomic():
        # Lock the draft so a submission in another request cannot freeze the scores
        # halfway through this page being written, and so that two tabs saving at once
        # compare their versions one after the other.
        draft = Assessment.objects.select_for_update().filter(
            pk=assessment.pk, status=Assessment.Status.DRAFT
        )
        if not list(draft.values_list("pk", flat=True)):
            raise AssessmentClosed
        conflicts = _conflicts(assessment, page, seen) if seen else []
        held = {c.mine.question.pk for c in conflicts}
        cleared = [a.question.pk for a in page if a.is_empty and a.question.pk not in held]
        given = [a for a in page if not a.is_empty and a.question.pk not in held]
        if cleared:
            Answer.objects.filter(assessment=assessment, question_id__in=cleared).delete()
        if given:
            rows = Answer.objects.bulk_create(
                [
                    Answer(
                        assessment=assessment,
                        question=a.question,
                        number=a.number,
                        text=a.text,
                        updated_at=now,
                        carried_over=_still_carried(a, carried, confirm),
                    )
                    for a in given
                ],
                update_conflicts=True,
                unique_fields=["assessment", "question"],
                update_fields=["number", "text", "updated_at", "carried_over"],
            )
            # Some backends do not return ids for updated rows: look them up in one query.
            ids = dict(
                Answer.objects.filter(
                    assessment=assessment, question_id__in=[r.question_id for r in rows]
                ).values_list("question_id", "pk")
            )
            AnswerOption.objects.filter(answer_id__in=ids.values()).delete()
            AnswerOption.objects.bulk_create(
                [
                    AnswerOption(answer_id=ids[a.question.pk], option=option)
                    for a in given
                    # Each option once: a repeated one would break the unique constraint.
                    for option in dict.fromkeys(a.options)
                ]
            )
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=now)
    return conflicts


def _still_carried(
    answer: PageAnswer, carried: Mapping[int, AnswerState] | None, confirm: bool
) -> bool:
    if confirm or not carried or answer.question.pk not in carried:
        return False
    return carried[answer.question.pk].same_answer(page_answer_state(answer))


def _conflicts(
    assessment: Assessment, page: Sequence[PageAnswer], seen: Mapping[int, str]
) -> list[Conflict]:
    """The page's answers to questions changed since it was drawn, where they differ
    from the newer answer (one query, under the caller's lock)."""
    rows = Answer.objects.filter(
        assessment=assessment, question_id__in=[a.question.pk for a in page]
    ).values_list("question_id", "number", "text", "options")
    values: dict[int, tuple] = {}
    options: dict[int, set[int]] = {}
    for question_id, number, text, option_id in rows:
        values[question_id] = (number, text)
        options.setdefault(question_id, set()).update([] if option_id is None else [option_id])
    stored = {pk: AnswerState(frozenset(options[pk]), *values[pk]) for pk in values}
    out = []
    for answer in page:
        saved = stored.get(answer.question.pk, AnswerState())
        if changed_since(seen, answer.question.pk, saved) and not saved.same_answer(
            page_answer_state(answer)
        ):
            out.append(Conflict(mine=answer, saved=saved))
    return out
