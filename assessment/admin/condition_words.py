"""The changelists' "asked only if" column: each row's condition (`show_if`) in words.

A condition quotes the questions it names, so the page reads their labels once for all
its rows (two queries: the questions and their options) before the rows are shown;
read row by row, a page of 100 questions cost 200 queries. The wording itself stays pure
(conditions_text.describe: the condition and the labels in, a sentence out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Q
from django.http import HttpRequest

from assessment import conditions
from assessment.authoring.conditions_text import Labels, QuestionLabels, describe
from assessment.models import Pillar, Question

# Where a row carries the labels its condition quotes, as prefetch_related leaves its
# results on each instance: the column is called with the row alone.
_LABELS = "_condition_labels"


def _version_id(obj: Question | Pillar) -> int:
    return obj.questionnaire_id if isinstance(obj, Pillar) else obj.pillar.questionnaire_id


def labels_by_version(codes: dict[int, set[str]]) -> dict[int, dict[str, QuestionLabels]]:
    """The labels of the named questions of each version, in English (the admin's language)."""
    found: dict[int, dict[str, QuestionLabels]] = defaultdict(dict)
    if not codes:
        return found
    where = Q()
    for version_id, version_codes in codes.items():
        where |= Q(pillar__questionnaire_id=version_id, code__in=version_codes)
    rows = Question.objects.filter(where).select_related("pillar").prefetch_related("options")
    for q in rows:
        options = {o.code: o.label for o in q.options.all()}
        found[q.pillar.questionnaire_id][q.code] = QuestionLabels(q.text, options)
    return found


def load_condition_labels(rows: Iterable[Question | Pillar]) -> None:
    """Give each row the labels its condition quotes, read for all the rows at once."""
    rows = list(rows)
    codes: dict[int, set[str]] = defaultdict(set)
    for obj in rows:
        codes[_version_id(obj)] |= conditions.references(obj.show_if)
    found = labels_by_version({version: named for version, named in codes.items() if named})
    for obj in rows:
        setattr(obj, _LABELS, found.get(_version_id(obj), {}))


class ConditionWordsAdmin:
    """For a ModelAdmin whose changelist shows `condition_in_words`."""

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        changelist = super().get_changelist_instance(request)  # type: ignore[misc]
        # Iterating the page's queryset fills its cache: the template shows these rows.
        load_condition_labels(changelist.result_list)
        return changelist


@admin.display(description="asked only if")
def condition_in_words(obj: Question | Pillar) -> str:
    if not obj.show_if:
        return "—"
    labels: Labels | None = getattr(obj, _LABELS, None)
    if labels is None:  # a row no changelist prepared: read its labels alone
        load_condition_labels([obj])
        labels = getattr(obj, _LABELS)
    return describe(obj.show_if, labels)
