"""Recommended programmes and the action plan (reports/recommendations/rank.py).

The pure functions are tested on hand-built results and programmes; the last tests run
the real seed catalogue through a submitted assessment and the results page.
"""

from __future__ import annotations

import copy
import datetime
import random
import re
from dataclasses import replace
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.models import Answer, Assessment, Option, Question
from reports.models import Programme
from reports.recommendations.rank import (
    HORIZONS,
    ActionStep,
    ProgrammeInfo,
    Recommendation,
    action_plan,
    recommend,
    relevance,
)

TODAY = datetime.date(2026, 11, 28)
PROFILE = {"name": "Vientiane Weaving Co.", "country": "LA", "sector": "creative"}
PROFILE |= {"size_band": "micro"}


def programme(code: str, *pillars: str, **extra: Any) -> ProgrammeInfo:
    fields: dict[str, Any] = {
        "code": code,
        "name": f"Programme {code}",
        "provider": "Mekong Institute",
        "provider_type": "mi",
        "kind": "training",
        "kind_label": "Training course",
        "delivery": "online",
        "delivery_label": "Online",
        "description": "A course.",
        "url": f"https://example.org/{code}",
        "pillars": pillars or ("policy_finance",),
        "min_score": 0,
        "max_score": 100,
        "languages": ("en",),
    }
    return ProgrammeInfo(**(fields | extra))


def question(
    code: str, gap: float, label: str = "", *, status: str = "scored", advice: Any = None
) -> dict[str, Any]:
    return {
        "code": code,
        "text": f"Question {code}?",
        "type": "single",
        "status": status,
        "score": 0.0,
        "weight": 1.0,
        "gap": gap,
        "answer": {"options": [label or f"Answer {code}"], "number": None, "unit": "", "text": ""},
        "advice": [f"Advice {code}."] if advice is None else advice,
    }


def pillar(code: str, name: str, score: float | None, *questions: dict) -> dict[str, Any]:
    return {"code": code, "name": name, "score": score, "questions": list(questions)}


def result() -> dict[str, Any]:
    """Gaps: policy and finance 30 (8 of them "don't know"), talent 8, infrastructure 5,
    cooperation none (a full score)."""
    return {
        "profile": dict(PROFILE),
        "pillars": [
            pillar(
                "infrastructure",
                "Digital infrastructure",
                70.0,
                question("i1", 3.0),
                question("i2", 2.0),
            ),
            pillar(
                "policy_finance",
                "Policy and finance",
                32.0,
                question("p1", 10.0, "No plan yet"),
                question("p2", 6.0, "No"),
                question("p5", 8.0, "Don't know", status="dont_know", advice=[]),
                question("p3", 4.0, "Sometimes"),
                question("p4", 2.0, "Rarely"),
                question("p6", 0.0, "Fully", advice=[]),
            ),
            pillar("talent", "Digital talent", 50.0, question("t1", 5.0), question("t2", 3.0)),
            pillar("cooperation", "Regional cooperation", 100.0, question("c1", 0.0)),
        ],
        "dont_know": ["p5"],
    }


def codes(recs: list[Recommendation]) -> list[str]:
    return [r.programme.code for r in recs]


# ---------------------------------------------------------------- eligibility


def test_a_past_programme_is_never_recommended():
    ended = programme("ended", active_until=TODAY - datetime.timedelta(days=1))
    last_day = programme("last-day", active_until=TODAY)
    assert codes(recommend(result(), [ended, last_day], TODAY)) == ["last-day"]


def test_a_future_programme_is_not_recommended_yet():
    later = programme("later", active_from=TODAY + datetime.timedelta(days=1))
    first_day = programme("first-day", active_from=TODAY, active_until=TODAY)
    assert codes(recommend(result(), [later, first_day], TODAY)) == ["first-day"]


@pytest.mark.parametrize(
    ("targeting", "eligible"),
    [
        ({}, True),
        ({"countries": ("LA", "KH")}, True),
        ({"countries": ("TH",)}, False),
        ({"sectors": ("creative",)}, True),
        ({"sectors": ("agrifood",)}, False),
        ({"size_bands": ("micro", "small")}, True),
        ({"size_bands": ("medium",)}, False),
        ({"countries": ("LA",), "sectors": ("creative",), "size_bands": ("micro",)}, True),
        ({"countries": ("LA",), "sectors": ("trade",)}, False),
    ],
)
def test_country_sector_and_size_filters_with_empty_meaning_all(targeting, eligible):
    recs = recommend(result(), [programme("p", **targeting)], TODAY)
    assert codes(recs) == (["p"] if eligible else [])


@pytest.mark.parametrize(
    ("low", "high", "eligible"),
    [(0, 100, True), (30, 40, True), (32, 32, True), (33, 100, False), (0, 31, False)],
)
def test_the_pillar_score_must_fall_within_the_programme_range(low, high, eligible):
    recs = recommend(result(), [programme("p", min_score=low, max_score=high)], TODAY)
    assert codes(recs) == (["p"] if eligible else [])


def test_the_range_is_checked_against_the_whole_score_the_firm_sees():
    data = result()
    data["pillars"][1]["score"] = 60.5  # shown as 61
    assert recommend(data, [programme("p", max_score=60)], TODAY) == []
    data["pillars"][1]["score"] = 60.4  # shown as 60
    assert codes(recommend(data, [programme("p", max_score=60)], TODAY)) == ["p"]


def test_only_the_pillars_a_programme_serves():
    recs = recommend(result(), [programme("t", "talent", "cooperation")], TODAY)
    assert [(r.programme.code, r.pillar) for r in recs] == [("t", "talent")]


def test_a_pillar_at_100_gets_nothing():
    assert recommend(result(), [programme("c", "cooperation")], TODAY) == []


def test_a_pillar_without_a_score_gets_nothing():
    data = result()
    data["pillars"][2]["score"] = None
    assert recommend(data, [programme("t", "talent")], TODAY) == []


# ---------------------------------------------------------------- ranking and limits


def test_at_most_two_per_pillar_and_eight_in_all():
    data = result()
    data["pillars"][3] = pillar("cooperation", "Regional cooperation", 40.0, question("c1", 1.0))
    everything = ("infrastructure", "policy_finance", "talent", "cooperation")
    catalogue = [programme(f"prog-{i:02}", *everything) for i in range(20)]
    recs = recommend(data, catalogue, TODAY)
    assert len(recs) == 8
    assert [r.pillar for r in recs] == [
        "policy_finance",
        "policy_finance",
        "talent",
        "talent",
        "infrastructure",
        "infrastructure",
        "cooperation",
        "cooperation",
    ]
    assert len(recommend(data, catalogue, TODAY, limit=3)) == 3
    per_pillar = [r.pillar for r in recommend(data, catalogue, TODAY, per_pillar=1)]
    assert per_pillar == ["policy_finance", "talent", "infrastructure", "cooperation"]


def test_the_largest_gap_pillar_comes_first():
    catalogue = [
        programme("infra", "infrastructure", priority=10),
        programme("talent", "talent", priority=10),
        programme("policy", "policy_finance", priority=-10),
    ]
    recs = recommend(result(), catalogue, TODAY)
    # Gaps 30, 8 and 5 points, whatever the scores (32, 50, 70) or the priorities.
    assert [r.pillar for r in recs] == ["policy_finance", "talent", "infrastructure"]
    assert codes(recs) == ["policy", "talent", "infra"]


def test_a_programme_specific_to_the_firm_beats_a_generic_one():
    generic = programme("a-generic", priority=10)
    for targeting in (
        {"countries": ("LA",)},
        {"sectors": ("creative",)},
        {"size_bands": ("micro",)},
    ):
        specific = programme("z-specific", priority=-10, **targeting)
        assert codes(recommend(result(), [generic, specific], TODAY)) == [
            "z-specific",
            "a-generic",
        ]


def test_the_assessment_language_is_preferred():
    english = programme("a-english", languages=("en",))
    lao = programme("z-lao", languages=("lo", "en"))
    thai = programme("b-thai", languages=("th",))
    catalogue = [english, lao, thai]
    assert codes(recommend(result(), catalogue, TODAY, language="lo")) == ["z-lao", "a-english"]
    assert codes(recommend(result(), catalogue, TODAY, language="th")) == ["b-thai", "a-english"]
    assert codes(recommend(result(), catalogue, TODAY, language="en")) == ["a-english", "z-lao"]


def test_a_range_centred_on_the_score_is_preferred():
    centred = programme("z-centred", min_score=20, max_score=44)  # 32 in the middle
    wide = programme("a-wide", min_score=0, max_score=100)
    assert codes(recommend(result(), [wide, centred], TODAY)) == ["z-centred", "a-wide"]
    assert relevance(centred, PROFILE, 32.0, "en") > relevance(wide, PROFILE, 32.0, "en")


def test_priority_breaks_otherwise_equal_fits():
    catalogue = [programme("a", priority=1), programme("b", priority=3), programme("c")]
    assert codes(recommend(result(), catalogue, TODAY, per_pillar=3)) == ["b", "a", "c"]


def test_the_order_is_deterministic_and_ties_go_by_code():
    catalogue = [
        programme(code, "policy_finance", "talent", "infrastructure")
        for code in ("delta", "alpha", "charlie", "bravo", "echo", "foxtrot", "golf")
    ]
    expected = recommend(result(), catalogue, TODAY)
    assert codes(expected) == ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
    for seed in range(5):
        shuffled = list(catalogue)
        random.Random(seed).shuffle(shuffled)
        assert recommend(result(), shuffled, TODAY) == expected


def test_a_programme_appears_only_once_for_its_largest_gap():
    everywhere = programme("everywhere", "infrastructure", "policy_finance", "talent", priority=5)
    talent = programme("talent-only", "talent")
    recs = recommend(result(), [everywhere, talent], TODAY)
    assert [(r.programme.code, r.pillar) for r in recs] == [
        ("everywhere", "policy_finance"),
        ("talent-only", "talent"),
    ]


def test_nothing_when_limits_are_zero():
    assert recommend(result(), [programme("p")], TODAY, limit=0) == []
    assert recommend(result(), [programme("p")], TODAY, per_pillar=0) == []


# ---------------------------------------------------------------- reasons


def test_the_reason_names_the_pillar_its_score_and_the_weakest_answers():
    [rec] = recommend(result(), [programme("p")], TODAY)
    assert (rec.pillar, rec.pillar_name, rec.pillar_score) == (
        "policy_finance",
        "Policy and finance",
        32.0,
    )
    assert rec.answers == ("Question p1?", "Question p2?", "Question p3?")
    assert rec.reason.startswith(
        "Your Policy and finance score is 32 of 100, the largest gap of your 4 pillars."
    )
    assert "“Question p1?” (you answered “No plan yet”)" in rec.reason
    assert "“Question p2?” (you answered “No”)" in rec.reason
    assert "“Question p3?” (you answered “Sometimes”)" in rec.reason
    assert "p4" not in rec.reason  # only the three weakest
    assert rec.reason.index("p1") < rec.reason.index("p2") < rec.reason.index("p3")


def test_the_reason_of_the_second_pillar_says_so():
    [rec] = recommend(result(), [programme("t", "talent")], TODAY)
    assert rec.reason.startswith(
        "Your Digital talent score is 50 of 100, the second-largest gap of your 4 pillars."
    )
    assert rec.answers == ("Question t1?", "Question t2?")


def test_equal_gaps_are_not_called_the_largest_and_rounding_noise_is_ignored():
    data = result()
    for p in data["pillars"]:
        p["score"] = 0.0
        p["questions"] = [question(f"{p['code']}-q", 25.002 if p["code"] != "talent" else 25.0)]
    catalogue = [programme(code, code) for code in ("infrastructure", "talent", "cooperation")]
    recs = recommend(data, catalogue, TODAY)
    # Equal gaps (25.0 and 25.002 are the same 25 points, rounded apart): questionnaire order.
    assert [r.pillar for r in recs] == ["infrastructure", "talent", "cooperation"]
    for rec in recs:
        assert "score is 0 of 100, one of the largest gaps of your 4 pillars." in rec.reason
    assert "second-largest" not in " ".join(r.reason for r in recs)


def test_only_the_first_two_distinct_gaps_are_ranked_in_the_reason():
    data = result()
    data["pillars"][3] = pillar("cooperation", "Regional cooperation", 90.0, question("c1", 2.5))
    recs = recommend(data, [programme("c", "cooperation"), programme("i", "infrastructure")], TODAY)
    assert [r.reason.split(". ")[0] for r in recs] == [
        "Your Digital infrastructure score is 70 of 100",
        "Your Regional cooperation score is 90 of 100",
    ]


def test_dont_know_answers_are_not_used_as_reasons():
    [rec] = recommend(result(), [programme("p")], TODAY)
    # p5 ("don't know") loses more points than p2 and p3 but is no answer to improve on.
    assert "Question p5?" not in rec.answers
    assert "p5" not in rec.reason
    assert "Don't know" not in rec.reason


def test_a_pillar_with_only_dont_know_gaps_has_a_reason_without_answers():
    data = result()
    data["pillars"][1]["questions"] = [question("p5", 8.0, status="dont_know")]
    [rec] = recommend(data, [programme("p")], TODAY)
    assert rec.answers == ()
    # One sentence, no answers named; talent's gap is 8 points too.
    assert rec.reason == (
        "Your Policy and finance score is 32 of 100, one of the largest gaps of your 4 pillars."
    )


def test_needs_verification_is_carried_through_and_the_reason_states_no_programme_facts():
    unsure = programme("unsure", needs_verification=True, active_from=datetime.date(2020, 1, 1))
    [rec] = recommend(result(), [unsure], TODAY)
    assert rec.needs_verification
    assert rec.programme.needs_verification
    assert "2020" not in rec.reason
    assert "Programme unsure" not in rec.reason
    [sure] = recommend(result(), [replace(unsure, needs_verification=False)], TODAY)
    assert not sure.needs_verification


def test_the_result_is_not_modified():
    data = result()
    before = copy.deepcopy(data)
    recommend(data, [programme("p")], TODAY)
    action_plan(data)
    assert data == before


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


# ---------------------------------------------------------------- with the real seed


def weakest_answers(assessment: Assessment) -> None:
    """The lowest rung of every scored question (numbers in their lowest band)."""
    questions = Question.objects.filter(pillar__questionnaire=assessment.questionnaire).exclude(
        type=Question.Type.TEXT
    )
    for q in questions.prefetch_related("options"):
        normal = [o for o in q.options.all() if o.kind == Option.Kind.NORMAL]
        lowest = min(normal, key=lambda o: (o.points, o.order))
        if q.type == Question.Type.NUMBER:
            Answer.objects.create(assessment=assessment, question=q, number=lowest.band_min)
            continue
        none = [o for o in q.options.all() if o.kind == Option.Kind.NONE]
        answer = Answer.objects.create(assessment=assessment, question=q)
        answer.options.set(none or [lowest])


@pytest.fixture
def weak_assessment(seeded, company) -> Assessment:
    assert (company.country, company.size_band) == ("LA", "micro")
    assessment = Assessment.objects.create(company=company, questionnaire=seeded, language="lo")
    weakest_answers(assessment)
    assert assessment.submit()
    return assessment


@pytest.mark.django_db
@pytest.mark.parametrize("today", [TODAY, None])
def test_the_seed_catalogue_recommends_for_a_weak_lao_micro_firm(weak_assessment, today):
    today = today or timezone.localdate()
    catalogue = [p.to_info() for p in Programme.objects.all()]
    recs = recommend(weak_assessment.result, catalogue, today, language="lo")
    assert len(recs) >= 3
    assert len(recs) <= 8
    assert len({r.programme.code for r in recs}) == len(recs)
    for rec in recs:
        assert rec.programme.is_active(today)
        assert rec.programme.active_until is None or rec.programme.active_until >= today
        assert rec.reason.strip()
        assert rec.pillar_name in rec.reason
        assert rec.answers
        assert not rec.programme.countries or "LA" in rec.programme.countries
    pillars = [r.pillar for r in recs]
    assert all(pillars.count(code) <= 2 for code in set(pillars))
    # Lao national programmes, in Lao, come first where they apply.
    assert "la-sme-promotion-fund" in {r.programme.code for r in recs}


@pytest.mark.django_db
def test_to_info_copies_a_programme():
    Programme.objects.create(
        code="p",
        name="P",
        provider="MI",
        provider_type="mi",
        kind="finance",
        delivery="in_person",
        description="D",
        pillars=["talent"],
        countries=["LA"],
        languages=["lo", "en"],
        source_urls=["https://example.org"],
        active_until=TODAY,
        priority=3,
        needs_verification=True,
    )
    info = Programme.objects.get(code="p").to_info()
    assert info == ProgrammeInfo(
        code="p",
        name="P",
        provider="MI",
        provider_type="mi",
        kind="finance",
        kind_label="Finance",
        delivery="in_person",
        delivery_label="In person",
        description="D",
        url="",
        pillars=("talent",),
        min_score=0,
        max_score=100,
        countries=("LA",),
        sectors=(),
        size_bands=(),
        languages=("lo", "en"),
        active_from=None,
        active_until=TODAY,
        priority=3,
        needs_verification=True,
    )


@pytest.mark.django_db
def test_the_results_page_lists_the_recommended_programmes(client, user, weak_assessment):
    client.force_login(user)
    # The reader chose the assessment's language (the page follows the reader's choice).
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = weak_assessment.language
    response = client.get(reverse("assessment_results", args=[weak_assessment.pk]))
    recs = response.context["readout"].recommendations
    assert len(recs) >= 3
    html = response.content.decode()
    section = re.search(r'<section id="programmes".*?</section>', html, re.S)[0]
    # The page comes out in the reader's language.
    with translation.override(weak_assessment.language):
        heading, verify = _("Recommended programmes"), _("Details to confirm with the provider")
    assert heading in section
    assert section.count('class="programme ') == len(recs)
    for rec in recs:
        assert f'<a href="{rec.programme.url}" rel="noopener">' in section
        for text in (rec.programme.name, rec.programme.provider, rec.programme.kind_label):
            assert _escaped(text) in section
        assert _escaped(rec.reason) in section
    if any(r.needs_verification for r in recs):
        assert verify in section
    # After the gaps.
    assert html.index('id="gaps"') < html.index('id="programmes"')


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
