"""Reading what a questionnaire page needs to decide what applies (asking.py), in a
fixed number of queries whatever the questionnaire's size."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db.models import Model, QuerySet

from assessment import asking, conditions
from assessment.asking import Journey, for_script
from assessment.forms.questionnaire import PageAnswer, PillarForm, field_name, special_name
from assessment.models import Answer, Assessment, Option, Pillar, Question

if TYPE_CHECKING:
    from django.http import QueryDict

M = TypeVar("M", bound=Model)
_QUERIES: dict[type[Model], Any] = {}

# Each conditional question's fieldset holds an input of this name with its code; the
# fieldset is disabled while the question is hidden, so the page posts the codes of the
# conditional questions the respondent saw.
SHOWN_FIELD = "shown"


@dataclass(frozen=True)
class Outlined:
    """What the journey reads of a question: plain values, no model instance (a page of a
    large questionnaire would otherwise build one per question on every request)."""

    pk: int
    code: str
    show_if: dict[str, Any] | None
    required: bool


@dataclass(frozen=True)
class Outline:
    """A version's pillars and the questions' codes and conditions (no texts): one query
    for the questions, beside the pillars the caller has read."""

    pillars: list[Pillar]
    questions: dict[int, list[Outlined]]  # by pillar id, in order

    @classmethod
    def load(cls, pillars: list[Pillar]) -> Outline:
        by_pillar: dict[int, list[Outlined]] = {p.pk: [] for p in pillars}
        rows = (
            Question.objects.filter(pillar_id__in=by_pillar)
            .order_by("pillar_id", "order", "pk")
            .values_list("pillar_id", "pk", "code", "show_if", "required")
        )
        for pillar_id, pk, code, show_if, required in rows:
            by_pillar[pillar_id].append(Outlined(pk, code, show_if, required))
        return cls(pillars, by_pillar)

    @property
    def codes(self) -> dict[int, str]:
        return {q.pk: q.code for qs in self.questions.values() for q in qs}

    def page_pillars(
        self, page: int | None = None, on_page: list[Question] | None = None
    ) -> list[asking.PagePillar]:
        """The outline as asking.journey reads it; the page's own questions (options
        prefetched) carry their option codes for the script."""
        options = {q.code: {o.pk: o.code for o in q.options.all()} for q in on_page or []}
        return [
            asking.PagePillar(
                p.code,
                p.show_if or None,
                [
                    asking.PageQuestion(q.code, q.show_if or None, options.get(q.code), q.required)
                    for q in self.questions[p.pk]
                ],
            )
            for p in self.pillars
        ]

    def journey(self, assessment: Assessment, answers: dict[int, Answer]) -> asking.Journey:
        return asking.journey(
            self.page_pillars(), assessment.company.profile(), condition_answers(self, answers)
        )


def load_answers(assessment: Assessment) -> dict[int, Answer]:
    """The assessment's answers by question id, with the chosen options' kinds and codes:
    one query joining the options, instances built from its rows (a prefetch would be a
    second query and the costlier half of reading them)."""
    rows = assessment.answers.order_by("pk").values_list(
        "pk",
        "question_id",
        "number",
        "text",
        "updated_at",
        "carried_over",
        "options__pk",
        "options__kind",
        "options__code",
    )
    db = assessment._state.db
    answers: dict[int, Answer] = {}
    chosen: dict[int, list[Option]] = {}
    for pk, question_id, number, text, updated_at, carried, option_pk, kind, code in rows:
        if pk not in answers:
            answers[pk] = _instance(
                Answer,
                db,
                id=pk,
                assessment_id=assessment.pk,
                question_id=question_id,
                number=number,
                text=text,
                updated_at=updated_at,
                carried_over=carried,
            )
            chosen[pk] = []
        if option_pk is not None:
            chosen[pk].append(_instance(Option, db, id=option_pk, kind=kind, code=code))
    for pk, answer in answers.items():
        attach(answer, "options", chosen[pk])
    return {a.question_id: a for a in answers.values()}


# The columns a page shows: an option's points, bands, advice and targeting (two JSON
# columns decoded per row) are for scoring and reports, and were most of the reading.
PAGE_QUESTION = (
    "pk", "pillar_id", "code", "text", "help_text", "type", "required", "order", "unit",
    "min_value", "max_value", "max_length", "show_if",
)  # fmt: skip
PAGE_OPTION = ("pk", "question_id", "code", "label", "kind", "order")


def _instance(model: type[M], db: str | None, **values: Any) -> M:
    """A model instance from values read, as a queryset would make it (from_db takes them
    in the order of the model's columns)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, names, [values[n] for n in names])


def attach(instance: Model, relation: str, items: list[Any]) -> None:
    """Fill a relation's cache with rows already read, as prefetch_related does.

    A bare queryset holds them, over one query object per model shared by all: building
    a related manager's own filtered queryset, or a fresh query, for each question and
    answer was a tenth of a page. The shared query is never changed: a queryset clones
    its query before filtering further.
    """
    model = type(items[0]) if items else Model
    query = _QUERIES.get(model)
    if query is None:
        query = _QUERIES[model] = QuerySet(model=model).query
    queryset: QuerySet[Any] = QuerySet(model=model, query=query)
    queryset._result_cache = items
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[relation] = queryset


def condition_answers(outline: Outline, answers: dict[int, Answer]) -> dict[str, conditions.Answer]:
    codes = outline.codes
    return {
        codes[pk]: conditions.Answer(
            frozenset(o.code for o in a.options.all()),
            None if a.number is None else float(a.number),
        )
        for pk, a in answers.items()
        if pk in codes
    }


def displayed_codes(posted: list[str], questions: list[Question]) -> set[str]:
    """The page's questions as the respondent saw them when posting: those without a
    condition, and the conditional ones the page (or its script) showed."""
    return {q.code for q in questions if not q.show_if or q.code in posted}


def kept_hidden(page: Sequence[PageAnswer], displayed: set[str]) -> list[PageAnswer]:
    """A question not shown posts nothing, which must not clear its saved answer: a hidden
    question's answer is kept (and left out of the score) in case it applies again."""
    return [a for a in page if not (a.is_empty and a.question.code not in displayed)]


def redrawn(
    form: PillarForm,
    questions: list[Question],
    answers: dict[int, Answer],
    displayed: set[str],
    journey: Journey,
) -> PillarForm:
    """The posted form again, unless it hides nothing it should show: a question that
    appeared (not drawn when posted) comes with its saved answer, not an empty one."""
    if all(q.code in displayed for q in questions if q.code in journey.asked):
        return form
    data = cast("QueryDict", form.data).copy()
    fresh = PillarForm(questions=questions, answers=answers)
    for q in questions:
        if q.code in journey.asked and q.code not in displayed:
            for name in (field_name(q), special_name(q)):
                data.pop(name, None)
                if name in fresh.fields:
                    initial = fresh.fields[name].initial
                    if isinstance(initial, list):
                        data.setlist(name, initial)
                    elif initial not in (None, ""):
                        data[name] = str(initial)
    redrawn = PillarForm(data, questions=questions, answers=answers)
    redrawn.is_valid()
    redrawn.conflicts = form.conflicts
    return redrawn


def script_conditions(
    outline: Outline,
    questions: list[Question],
    assessment: Assessment,
    answers: dict[int, Answer],
    journey: Journey,
) -> dict[str, str]:
    """The page's conditions as its script reads them (JSON by question code)."""
    if not any(q.show_if for q in questions):
        return {}
    on_page = {
        q.code: q
        for p in outline.page_pillars(on_page=questions)
        for q in p.questions
        if q.options is not None
    }
    profile = assessment.company.profile()
    given = condition_answers(outline, answers)
    return {
        q.code: json.dumps(
            for_script(
                q.show_if, on_page=on_page, profile=profile, answers=given, asked=journey.asked
            ),
            separators=(",", ":"),
        )
        for q in questions
        if q.show_if
    }
