"""A re-assessment that starts from the firm's last answers (issue 18).

"Start a new assessment" copies every answer of the firm's latest submitted assessment
into the new draft, question by question and option by option code, so a firm that
comes back changes what changed instead of answering 45 questions from nothing. Across
versions a question is matched by its lineage key (assessment/models/lineage.py): its code, or
the old code a renamed question names in `previous_code`. A copied answer is marked
`carried_over` until the respondent confirms or changes it. Questions the last version
did not have start empty and are shown as new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Prefetch

from assessment.models import (
    Answer,
    AnswerOption,
    Assessment,
    Option,
    Question,
    QuestionnaireVersion,
)
from assessment.models.previous_codes import version_lineage


@dataclass(frozen=True)
class Given:
    """An answer by codes, comparable across questionnaire versions."""

    options: frozenset[str]
    number: str  # the decimal as text, "" when none
    text: str


def given(answer: Answer) -> Given:
    """An answer's codes; its options must be prefetched (no query here)."""
    number = "" if answer.number is None else format(answer.number.normalize(), "f")
    return Given(frozenset(o.code for o in answer.options.all()), number, answer.text)


def latest_submitted(company_id: int) -> Assessment | None:
    return (
        Assessment.objects.filter(company_id=company_id, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def answers_by_code(assessment: Assessment) -> dict[str, Answer]:
    """The assessment's answers by question code, options prefetched: two queries."""
    answers = assessment.answers.select_related("question").prefetch_related(
        Prefetch("options", queryset=Option.objects.only("pk", "code"))
    )
    return {a.question.code: a for a in answers}


def keys_between(
    draft_version: QuestionnaireVersion, source_version_id: int
) -> tuple[dict[str, str], dict[str, str]]:
    """The lineage keys of the draft's and the source's question codes (one query).

    Two versions of one questionnaire share keys. Empty mappings (every code its own key,
    no query) within one version, and between two questionnaires.
    """
    if source_version_id == draft_version.pk:
        return {}, {}
    keys = version_lineage(draft_version.slug)
    if source_version_id not in keys:
        return {}, {}
    return keys.get(draft_version.pk, {}), keys[source_version_id]


def answers_by_key(assessment: Assessment, keys: Mapping[str, str]) -> dict[str, Answer]:
    """The assessment's answers by lineage key (a code without one is its own key)."""
    return {keys.get(code, code): a for code, a in answers_by_code(assessment).items()}


def carry_over(*, draft: Assessment, source: Assessment) -> int:
    """Copy `source`'s answers into the empty `draft`; returns how many were copied.

    A question is matched by lineage key and must keep its type (a changed type is a
    changed meaning); options are matched by code, and an answer one of whose options no
    longer exists is left out (its options are not compatible), so the respondent answers
    it afresh. Call it inside the transaction that created the draft.
    """
    draft_keys, source_keys = keys_between(draft.questionnaire, source.questionnaire_id)
    previous = answers_by_key(source, source_keys)
    questions = Question.objects.filter(
        pillar__questionnaire_id=draft.questionnaire_id
    ).prefetch_related(Prefetch("options", queryset=Option.objects.only("pk", "code", "question")))
    rows: list[tuple[Answer, list[Option]]] = []
    for question in questions:
        old = previous.get(draft_keys.get(question.code, question.code))
        if old is None or old.question.type != question.type:
            continue
        options = {o.code: o for o in question.options.all()}
        chosen = [options[o.code] for o in old.options.all() if o.code in options]
        if len(chosen) < len(old.options.all()):
            continue
        if not chosen and old.number is None and not old.text:
            continue
        answer = Answer(
            assessment=draft,
            question=question,
            number=old.number,
            text=old.text,
            carried_over=True,
        )
        rows.append((answer, chosen))
    # PostgreSQL and SQLite return the new rows' keys, so the options can point at them.
    Answer.objects.bulk_create([answer for answer, _ in rows])
    AnswerOption.objects.bulk_create(
        [AnswerOption(answer=answer, option=option) for answer, chosen in rows for option in chosen]
    )
    Assessment.objects.filter(pk=draft.pk).update(carried_from=source)
    draft.carried_from = source
    return len(rows)


@dataclass(frozen=True)
class Changes:
    """What a pre-filled draft changed against the assessment it came from."""

    changed: tuple[Question, ...]  # answered differently
    new: tuple[Question, ...]  # not in the last version (by lineage key)
    unconfirmed: tuple[Question, ...]  # copied, neither confirmed nor changed yet
    cleared: tuple[Question, ...]  # answered last time, now without an answer


def changes(
    questions: Iterable[Question],
    now: Mapping[str, Answer],
    before: Mapping[str, Answer],
    before_codes: set[str],
    keys: Mapping[str, str] | None = None,
) -> Changes:
    """Compare the draft's answers with the last assessment's, by lineage key: `before`
    and `before_codes` are keyed so, `now` by the draft's codes, `keys` maps those."""
    keys = keys or {}
    changed, new, unconfirmed, cleared = [], [], [], []
    for q in questions:
        key = keys.get(q.code, q.code)
        if key not in before_codes:
            new.append(q)
            continue
        answer, old = now.get(q.code), before.get(key)
        if answer is None:
            if old is not None:
                cleared.append(q)
        elif answer.carried_over:
            unconfirmed.append(q)
        elif old is None or given(answer) != given(old):
            changed.append(q)
    return Changes(tuple(changed), tuple(new), tuple(unconfirmed), tuple(cleared))
