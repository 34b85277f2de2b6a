"""The action plan (reports/recommendations/plan.py): largest gaps into 90 days, 6, 12 months."""

from __future__ import annotations

from typing import Any

from reports.recommendations.rank import HORIZONS, ActionStep, action_plan
from tests.reports.recommendations.builders import PROFILE, pillar, question

# ---------------------------------------------------------------- action plan


def plan_result() -> dict[str, Any]:
    """Twelve gaps with advice in two pillars, one without advice, one "don't know"."""
    return {
        "profile": dict(PROFILE),
        "pillars": [
            pillar(
                "infrastructure",
                "Digital infrastructure",
                40.0,
                question("i1", 9.0, "None"),
                question("i2", 7.0),
                question("i3", 5.0),
                question("i4", 3.0),
                question("i5", 1.0),
                question("i6", 20.0, advice=[]),  # the largest gap, but no advice
                question("i7", 0.0),  # advice but no gap
                question("i8", 12.0, "Don't know", status="dont_know", advice=[]),
            ),
            pillar(
                "talent",
                "Digital talent",
                30.0,
                question("t1", 9.0),  # ties with i1: pillar order first
                question("t2", 8.0, advice=["Train one person.", "Then a second."]),
                question("t3", 6.0),
                question("t4", 4.0),
                question("t5", 2.0),
                question("t6", 1.0),  # ties with i5: pillar order first
                question("t7", 0.5),
                question("t8", 0.5, status="not_applicable"),
            ),
        ],
        "dont_know": ["i8"],
    }


def step_codes(steps: list[ActionStep]) -> list[str]:
    return [s.question.removeprefix("Question ").removesuffix("?") for s in steps]


def test_action_plan_deals_the_largest_gaps_into_90_days_6_and_12_months():
    plan = action_plan(plan_result())
    assert list(plan) == list(HORIZONS) == ["90_days", "6_months", "12_months"]
    assert step_codes(plan["90_days"]) == ["i8", "i1", "t1", "t2"]
    assert step_codes(plan["6_months"]) == ["i2", "t3", "i3", "t4"]
    assert step_codes(plan["12_months"]) == ["i4", "t5", "i5", "t6"]
    for horizon, steps in plan.items():
        assert {s.horizon for s in steps} == {horizon}
    gaps = [s.gap for h in HORIZONS for s in plan[h]]
    assert gaps == sorted(gaps, reverse=True)


def test_action_steps_carry_question_answer_advice_and_gap():
    plan = action_plan(plan_result())
    i1 = plan["90_days"][1]
    assert i1 == ActionStep(
        horizon="90_days",
        pillar="infrastructure",
        pillar_name="Digital infrastructure",
        question="Question i1?",
        answer="None",
        advice="Advice i1.",
        gap=9.0,
        question_code="i1",  # the key its plan mark is stored under
    )
    assert plan["90_days"][3].advice == "Train one person. Then a second."


def test_action_plan_skips_questions_without_advice_or_gap():
    plan = action_plan(plan_result())
    listed = {code for steps in plan.values() for code in step_codes(steps)}
    assert "i6" not in listed  # no advice
    assert "i7" not in listed  # no gap
    assert "t8" not in listed  # not applicable


def test_dont_know_becomes_a_find_out_step_in_90_days():
    plan = action_plan(plan_result())
    step = plan["90_days"][0]
    assert step.find_out
    assert step.question == "Question i8?"
    assert step.answer == "Don't know"
    assert step.advice.startswith("Find out the answer: ask ")
    assert not any(s.find_out for s in plan["90_days"][1:])


def test_a_dont_know_option_with_advice_keeps_it():
    data = plan_result()
    data["pillars"][0]["questions"][7]["advice"] = ["Ask your IT provider."]
    assert action_plan(data)["90_days"][0].advice == "Ask your IT provider."


def test_find_out_steps_count_within_90_days_and_never_spill_over():
    data = plan_result()
    data["pillars"][1]["questions"] = [
        question(f"d{i}", 20.0 + i, status="dont_know", advice=[]) for i in range(6)
    ]
    plan = action_plan(data, per_horizon=4)
    assert step_codes(plan["90_days"]) == ["d5", "d4", "d3", "d2"]
    assert all(s.find_out for s in plan["90_days"])  # d1, d0 and i8 are left out
    assert step_codes(plan["6_months"]) == ["i1", "i2", "i3", "i4"]
    assert step_codes(plan["12_months"]) == ["i5"]


def test_action_plan_per_horizon_and_an_empty_result():
    plan = action_plan(plan_result(), per_horizon=2)
    assert [len(plan[h]) for h in HORIZONS] == [2, 2, 2]
    assert action_plan({"pillars": []}) == {h: [] for h in HORIZONS}
    assert action_plan(plan_result(), per_horizon=0) == {h: [] for h in HORIZONS}
