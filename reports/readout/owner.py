"""The owner's report, read off a readout: the three things to do first, where the firm
stands pillar by pillar, and the plan, each piece of advice once.

Pure: gettext only. The first three steps are the head of the 90-day plan; the plan
pages refer back to them by number instead of printing their advice again, and a
programme's details are printed at its first mention only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from assessment.choices import StepEffort, StepWho
from reports.readout.values import (
    OwnerPeriod,
    OwnerReport,
    OwnerStep,
    PeerRow,
    PlanPeriod,
    Recommended,
    StandingRow,
)
from reports.recommendations.rank import ActionStep

FIRST_STEPS = 3

# (pillar code, question text) -> (who, effort) codes, from the frozen questions.
StepHints = Mapping[tuple[str, str], tuple[str, str]]


def owner_report(
    plan: Sequence[PlanPeriod],
    recommendations: Sequence[Recommended],
    peer_rows: Sequence[PeerRow],
    hints: StepHints,
) -> OwnerReport:
    periods = []
    shown: dict[str, int] = {}  # programme code -> the step that names it first
    number = 0
    for period in plan:
        steps = []
        for advice, group in _merged(period.steps):
            number += 1
            step = group[0]
            programme = _programme_for(step.pillar, recommendations, shown)
            who, effort = hints.get((step.pillar, step.question), ("", ""))
            code = programme.programme.code if programme else ""
            steps.append(
                OwnerStep(
                    number=number,
                    pillar=step.pillar,
                    pillar_name=step.pillar_name,
                    questions=tuple(s.question for s in group),
                    advice=advice,
                    why=_why(group),
                    who=_label(StepWho, who),
                    effort=_label(StepEffort, effort),
                    programme=programme,
                    programme_first=programme is not None and code not in shown,
                    programme_step=shown.get(code, number),
                    first=number <= FIRST_STEPS,
                )
            )
            if programme is not None:
                shown.setdefault(code, number)
        periods.append(OwnerPeriod(period.horizon, period.title, tuple(steps)))
    first = tuple(step for p in periods for step in p.steps if step.first)
    others = tuple(r for r in recommendations if r.programme.code not in shown)
    named = [s.programme for p in periods for s in p.steps if s.programme] + list(others)
    return OwnerReport(
        first=first,
        standing=tuple(_standing(row) for row in peer_rows),
        plan=tuple(periods),
        other_programmes=others,
        unconfirmed=any(r.needs_verification for r in named),
    )


def _merged(steps: Sequence[ActionStep]) -> list[tuple[str, list[ActionStep]]]:
    """Steps with the same advice (the generic "find out" one) become one step."""
    groups: dict[str, list[ActionStep]] = {}
    for step in steps:
        groups.setdefault(step.advice, []).append(step)
    return list(groups.items())


def _why(group: Sequence[ActionStep]) -> str:
    if len(group) > 1:
        return _("You answered “don't know” to these questions: %(questions)s") % {
            "questions": "; ".join(f"“{s.question}”" for s in group)
        }
    step = group[0]
    if step.find_out:
        return _("You answered “don't know” to “%(question)s”.") % {"question": step.question}
    return _("You answered “%(answer)s” to “%(question)s”.") % {
        "answer": step.answer or "–",
        "question": step.question,
    }


def _programme_for(
    pillar: str, recommendations: Sequence[Recommended], shown: Mapping[str, int]
) -> Recommended | None:
    """The first programme recommended for the pillar, one not yet named if any."""
    matching = [r for r in recommendations if r.pillar == pillar]
    fresh = [r for r in matching if r.programme.code not in shown]
    found = fresh or matching
    return found[0] if found else None


def _label(choices: type[StepWho] | type[StepEffort], code: str) -> str:
    try:
        return str(choices(code).label) if code else ""
    except ValueError:
        return ""


def _standing(row: PeerRow) -> StandingRow:
    return StandingRow(
        code=row.code,
        name=row.name,
        score=row.score,
        level=row.level,
        median=row.median,
        q1=row.q1,
        q3=row.q3,
        meaning=_meaning(row),
    )


def _meaning(row: PeerRow) -> str:
    """What the gap means, in a sentence with the row's own figures (so no two rows
    read alike)."""
    score, median = row.score, row.median
    if score is None:
        return row.reason or _("No score: none of these questions could be counted.")
    if median is None or row.q1 is None or row.q3 is None:
        return _("%(gap)s short of the top score of 100.") % {"gap": 100 - score}
    if score < row.q1:
        return _(
            "%(gap)s below the typical similar firm (%(median)s): most of them are ahead "
            "of you here, so catching up pays most."
        ) % {"gap": median - score, "median": median}
    if score < median:
        return _("%(gap)s below the typical similar firm (%(median)s): a few steps close it.") % {
            "gap": median - score,
            "median": median,
        }
    if score <= row.q3:
        return _("At or above the typical similar firm (%(median)s), %(gap)s short of 100.") % {
            "median": median,
            "gap": 100 - score,
        }
    return _("Ahead of most similar firms (typical: %(median)s): a strength to keep.") % {
        "median": median
    }
