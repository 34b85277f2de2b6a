"""The owner's report's view of a readout (reports/readout/owner.py): pure, no database."""

from __future__ import annotations

from reports.readout.owner import owner_report
from reports.readout.values import PeerRow, PlanPeriod, Recommended
from reports.recommendations.rank import ActionStep, ProgrammeInfo


def step(pillar: str, question: str, advice: str, *, horizon: str = "90_days", **kw) -> ActionStep:
    return ActionStep(
        horizon=horizon,
        pillar=pillar,
        pillar_name=pillar.title(),
        question=question,
        answer=kw.pop("answer", "No"),
        advice=advice,
        gap=1.0,
        **kw,
    )


def rec(code: str, pillar: str) -> Recommended:
    info = ProgrammeInfo(
        code=code,
        name=f"Programme {code}",
        provider="Mekong Institute",
        provider_type="",
        kind="training",
        kind_label="Training",
        delivery="online",
        delivery_label="Online",
        description="",
        url=f"https://example.org/{code}",
        pillars=(pillar,),
        min_score=0,
        max_score=100,
    )
    return Recommended(info, pillar, pillar.title(), "why", info.url, needs_verification=False)


def row(code: str, score: int | None, median: int | None, q1: int | None, q3: int | None):
    return PeerRow(code, code.title(), score, None, median, q1, q3)


PLAN = (
    PlanPeriod(
        "90_days",
        "In the next 90 days",
        (
            step("talent", "Q1", "Train one person."),
            step("talent", "Q2", "Find out.", find_out=True),
            step("infra", "Q3", "Find out.", find_out=True),
            step("infra", "Q4", "Buy a router."),
        ),
    ),
    PlanPeriod("6_months", "Within 6 months", (step("talent", "Q5", "Hire.", horizon="6_months"),)),
    PlanPeriod("12_months", "Within 12 months", ()),
)


def test_the_first_three_steps_lead_and_the_plan_numbers_run_on():
    report = owner_report(PLAN, [], [], {})
    numbers = [s.number for p in report.plan for s in p.steps]
    assert numbers == [1, 2, 3, 4]
    assert [s.number for s in report.first] == [1, 2, 3]
    assert [s.first for p in report.plan for s in p.steps] == [True, True, True, False]


def test_steps_with_the_same_advice_become_one():
    report = owner_report(PLAN, [], [], {})
    find_out = [s for s in report.plan[0].steps if s.advice == "Find out."]
    assert len(find_out) == 1
    assert find_out[0].questions == ("Q2", "Q3")
    assert "“Q2”" in find_out[0].why and "“Q3”" in find_out[0].why


def test_a_programme_is_detailed_once_and_referred_back_to_after():
    report = owner_report(PLAN, [rec("a", "talent")], [], {})
    talent = [s for p in report.plan for s in p.steps if s.pillar == "talent"]
    assert [(s.programme_first, s.programme_step) for s in talent] == [
        (True, 1),
        (False, 1),
        (False, 1),
    ]
    assert report.other_programmes == ()


def test_who_and_effort_come_from_the_hints_and_old_results_have_none():
    report = owner_report(PLAN, [], [], {("talent", "Q1"): ("owner", "free")})
    first = report.first[0]
    assert (first.who, first.effort) == ("The owner", "Free; a few hours")
    assert (report.first[2].who, report.first[2].effort) == ("", "")


def test_each_pillar_row_says_what_its_gap_means_with_its_own_figures():
    rows = [
        row("a", 20, 50, 40, 60),
        row("b", 45, 50, 40, 60),
        row("c", 55, 50, 40, 60),
        row("d", 80, 50, 40, 60),
        row("e", 70, None, None, None),
        row("f", None, None, None, None),
    ]
    meanings = [r.meaning for r in owner_report((), [], rows, {}).standing]
    assert meanings[0].startswith("30 below the typical similar firm (50)")
    assert meanings[1].startswith("5 below")
    assert meanings[2].startswith("At or above") and "45 short of 100" in meanings[2]
    assert meanings[3].startswith("Ahead of most")
    assert meanings[4] == "30 short of the top score of 100."
    assert meanings[5].startswith("No score")
    assert len(set(meanings)) == len(meanings)
