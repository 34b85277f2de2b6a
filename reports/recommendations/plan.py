"""The action plan: the firm's largest weighted gaps as steps for 90 days, 6 and 12 months.

Pure, over the frozen result. For a "tick all that apply" question the step's advice
speaks to what was not ticked (`missing_advice`, most useful first for the firm's size
and sector, frozen since issue 15); results frozen before keep the ticked options' advice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from assessment.frozen import FrozenResult
from assessment.summary import advice_for, answer_text

HORIZONS = ("90_days", "6_months", "12_months")


@dataclass(frozen=True)
class ActionStep:
    horizon: str  # one of HORIZONS
    pillar: str
    pillar_name: str
    question: str
    answer: str  # what the firm answered, labels joined
    advice: str
    gap: float  # points of the overall score at stake
    find_out: bool = False  # a "don't know" answer: the step is to find the answer out
    # The question's code: the step's key when the SME marks it done (reports/progress/).
    question_code: str = ""


def action_plan(result: FrozenResult, *, per_horizon: int = 4) -> dict[str, list[ActionStep]]:
    """Concrete steps for the next 90 days, 6 months and 12 months, from the largest gaps.

    Candidates are the answered questions that lose points and carry advice (a question
    without advice or without a gap gives no step), plus the "don't know" answers, which
    become "find out" steps (the option's own advice, or a generic "find out the
    answer"). All are sorted by the overall points at stake, largest first; ties keep
    pillar order, then question order. The sorted list is dealt out in turn: the first
    `per_horizon` steps go to 90 days, the next to 6 months, the next to 12 months.
    "Find out" steps belong to 90 days only: they count within its `per_horizon`, and
    any that do not fit are left out here (the page and the report list every "don't
    know" answer apart). Keys always come in the order 90_days, 6_months, 12_months.
    """
    steps = sorted(_candidate_steps(result), key=lambda item: item[0])
    plan: dict[str, list[ActionStep]] = {horizon: [] for horizon in HORIZONS}
    if per_horizon <= 0:
        return plan
    later = iter(HORIZONS[1:])
    horizon = HORIZONS[0]
    for _key, step in steps:
        if len(plan[horizon]) >= per_horizon:
            if step.find_out:
                continue
            horizon = next(later, "")
            if not horizon:
                break
        if step.find_out and horizon != HORIZONS[0]:
            continue
        plan[horizon].append(replace(step, horizon=horizon))
    return plan


def _candidate_steps(result: FrozenResult) -> Iterator[tuple[tuple[float, int, int], ActionStep]]:
    for p_index, pillar in enumerate(result.get("pillars", [])):
        for q_index, q in enumerate(pillar.get("questions", [])):
            gap = q.get("gap")
            if gap is None or gap <= 0:
                continue
            advice = " ".join(advice_for(q))
            find_out = q.get("status") == "dont_know"
            if find_out:
                advice = advice or _(
                    "Find out the answer: ask the person who looks after this in your "
                    "business, or your accountant, bank or IT provider, then update your "
                    "assessment."
                )
            elif q.get("status") != "scored" or not advice:
                continue
            step = ActionStep(
                horizon="",
                pillar=pillar["code"],
                pillar_name=pillar["name"],
                question=q["text"],
                answer=answer_text(q.get("answer") or {}) or (_("Don't know") if find_out else ""),
                advice=advice,
                gap=float(gap),
                find_out=find_out,
                question_code=q["code"],
            )
            yield (-float(gap), p_index, q_index), step
