"""Why a pillar has no score, in the reader's words (issue 17, item 2).

A pillar without a score is "not applicable", never 0: its own condition did not hold for
the firm, none of its questions applied, or every answer was "not applicable". Pure: the
frozen result and the version's conditions in, one sentence per pillar without a score out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from assessment import conditions
from assessment.authoring.conditions_text import Labels, not_applicable_reason
from assessment.frozen import FrozenPillar, FrozenResult


@dataclass(frozen=True)
class ConditionInput:
    """The version's conditions by code, and the labels (in the language) they quote."""

    pillars: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    questions: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    labels: Labels = field(default_factory=dict)


def reasons(result: FrozenResult, given: ConditionInput | None) -> dict[str, str]:
    """Pillar code → why it has no score, for every pillar without one."""
    found = given or ConditionInput()
    answers = _shown_answers(result)
    profile = dict(result.get("profile") or {})
    return {
        pillar["code"]: _reason(pillar, found, profile, answers)
        for pillar in result["pillars"]
        if pillar["score"] is None
    }


def _shown_answers(result: FrozenResult) -> dict[str, conditions.Answer]:
    out = {}
    for pillar in result["pillars"]:
        for q in pillar["questions"]:
            if q["status"] != "not_asked":
                answer = q["answer"]
                out[q["code"]] = conditions.Answer(
                    frozenset(answer.get("option_codes") or ()), answer.get("number")
                )
    return out


def _reason(
    pillar: FrozenPillar,
    found: ConditionInput,
    profile: Mapping[str, Any],
    answers: Mapping[str, conditions.Answer],
) -> str:
    questions = pillar["questions"]
    own = found.pillars.get(pillar["code"])
    if own and not conditions.holds(own, profile, answers):
        return not_applicable_reason(own, found.labels)
    statuses = {q["status"] for q in questions}
    if questions and statuses == {"not_asked"}:
        # One condition shared by every question reads as the pillar's own.
        shared = {repr(found.questions.get(q["code"])) for q in questions}
        first = found.questions.get(questions[0]["code"])
        if len(shared) == 1 and first:
            return not_applicable_reason(first, found.labels)
    if "not_applicable" in statuses and statuses <= {"not_applicable", "not_asked", "unscored"}:
        return _("You answered “not applicable” to every question here, so it has no score.")
    if "not_asked" in statuses:
        return not_applicable_reason(None, found.labels)
    # Free text or unanswered only: nothing was hidden, there was just nothing to count.
    return _("No score: none of these questions could be counted.")
