"""The action plan as something to follow: each step with its mark, the tally, and, at the
next assessment, whether the answers the done actions were meant to move did move.

Pure: steps, marks and frozen results in, plain rows out (issue 18, item 4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from assessment.frozen import FrozenQuestion, FrozenResult
from reports.recommendations.rank import ActionStep

DONE = "done"
IN_PROGRESS = "in_progress"
NOT_RELEVANT = "not_relevant"


@dataclass(frozen=True)
class Mark:
    status: str  # DONE, IN_PROGRESS or NOT_RELEVANT
    on: date


@dataclass(frozen=True)
class PlanRow:
    step: ActionStep
    mark: Mark | None


@dataclass(frozen=True)
class Tally:
    done: int
    in_progress: int
    not_relevant: int
    total: int

    @property
    def open(self) -> int:
        return self.total - self.done - self.not_relevant

    @property
    def percent_done(self) -> int:
        counted = self.total - self.not_relevant
        return round(100 * self.done / counted) if counted else 0


def plan_rows(steps: Sequence[ActionStep], marks: Mapping[str, Mark]) -> tuple[PlanRow, ...]:
    return tuple(PlanRow(step=s, mark=marks.get(s.question_code)) for s in steps)


def tally(steps: Sequence[ActionStep], marks: Mapping[str, Mark]) -> Tally:
    statuses = [marks[s.question_code].status for s in steps if s.question_code in marks]
    total = len(steps)
    return Tally(
        done=statuses.count(DONE),
        in_progress=statuses.count(IN_PROGRESS),
        not_relevant=statuses.count(NOT_RELEVANT),
        total=total,
    )


@dataclass(frozen=True)
class FollowedUp:
    """A planned action of the previous assessment, marked done or in progress."""

    question: str  # as the newer assessment asks it (else as the older one did)
    status: str
    before: int | None  # the question's score then, 0-100
    after: int | None  # and now; None if not answered or not asked any more
    moved: str  # "up", "same", "down" or "unknown"


def followed_up(
    marks: Mapping[str, Mark],
    before: FrozenResult,
    after: FrozenResult,
    keys_then: Mapping[str, str] | None = None,
    keys_now: Mapping[str, str] | None = None,
) -> tuple[FollowedUp, ...]:
    """The previous plan's done and started actions, with how their answers moved.

    Across versions, questions are matched by lineage key (assessment/models/lineage.py): the
    keys of each result's codes; a code without one is its own key.
    """
    old, new = _questions(before, keys_then or {}), _questions(after, keys_now or {})
    out = []
    for code, mark in sorted(marks.items(), key=lambda item: (item[1].status != DONE, item[0])):
        key = (keys_then or {}).get(code, code)
        if mark.status == NOT_RELEVANT or key not in old:
            continue
        was, now = _score(old[key]), _score(new.get(key))
        if was is None or now is None:
            moved = "unknown"
        else:
            moved = "up" if now > was else "down" if now < was else "same"
        question = (new.get(key) or old[key])["text"]
        out.append(FollowedUp(question, mark.status, was, now, moved))
    return tuple(out)


def _questions(result: FrozenResult, keys: Mapping[str, str]) -> dict[str, FrozenQuestion]:
    return {
        keys.get(q["code"], q["code"]): q
        for p in result.get("pillars", [])
        for q in p.get("questions", [])
    }


def _score(question: FrozenQuestion | None) -> int | None:
    if question is None or question.get("status") != "scored" or question.get("score") is None:
        return None
    return round(100 * float(question["score"] or 0))
