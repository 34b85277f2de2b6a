"""Storing a page of answers in a fixed number of queries, whatever the page's size."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from assessment.forms.questionnaire import PageAnswer
from assessment.models import Answer, AnswerOption, Assessment


class AssessmentClosed(Exception):
    """The assessment was submitted; its answers can no longer change."""


def answers_save(*, assessment: Assessment, page: Sequence[PageAnswer]) -> None:
    """Upsert the page's answers and drop the ones the respondent cleared.

    Bulk statements keep a 12-question page as cheap as a 2-question one; the
    transaction means a page is stored whole or not at all.
    """
    now = timezone.now()
    cleared = [a.question.pk for a in page if a.is_empty]
    given = [a for a in page if not a.is_empty]
    with transaction.atomic():
        # Lock the draft so a submission in another request cannot freeze the scores
        # halfway through this page being written.
        draft = Assessment.objects.select_for_update().filter(
            pk=assessment.pk, status=Assessment.Status.DRAFT
        )
        if not list(draft.values_list("pk", flat=True)):
            raise AssessmentClosed
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
                    )
                    for a in given
                ],
                update_conflicts=True,
                unique_fields=["assessment", "question"],
                update_fields=["number", "text", "updated_at"],
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
