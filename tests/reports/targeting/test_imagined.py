"""The imagined firm: shaped like a real frozen result, so the engine ranks it the same."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.recommendations.rank import ProgrammeInfo, recommend
from reports.targeting.imagined import PillarSpec, QuestionSpec, imagined_result

PILLARS = (
    PillarSpec(
        "infrastructure",
        "Digital infrastructure",
        1.0,
        (QuestionSpec("inf-a", "Internet?", 1.0), QuestionSpec("inf-b", "Cloud?", 3.0)),
    ),
    PillarSpec("talent", "Digital talent", 1.0, (QuestionSpec("tal-a", "Skills?", 1.0),)),
)
PROFILE = {"country": "LA", "sector": "trade", "size_band": "micro", "women_led": False}


def course(code: str, pillar: str, **extra) -> ProgrammeInfo:
    return ProgrammeInfo(
        code=code,
        name=code.title(),
        provider="Mekong Institute",
        provider_type="mi",
        kind="training",
        kind_label="Training course",
        delivery="online",
        delivery_label="Online",
        description="",
        url="https://mekonginstitute.org/",
        pillars=(pillar,),
        min_score=0,
        max_score=100,
        **extra,
    )


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(st.none(), st.integers(0, 100)),
    st.one_of(st.none(), st.integers(0, 100)),
)
def test_gaps_add_up_to_what_the_overall_score_lacks(infra, talent):
    result = imagined_result(PROFILE, PILLARS, {"infrastructure": infra, "talent": talent})
    gaps = [q["gap"] for p in result["pillars"] for q in p["questions"] if q["gap"] is not None]
    if infra is None and talent is None:
        assert result["overall"] is None
        assert gaps == []
    else:
        assert result["overall"] is not None
        assert sum(gaps) == pytest.approx(100 - result["overall"], abs=0.05)


def test_a_pillar_without_a_score_is_unanswered():
    result = imagined_result(PROFILE, PILLARS, {"infrastructure": 40, "talent": None})
    talent = result["pillars"][1]
    assert talent["score"] is None
    assert {q["status"] for q in talent["questions"]} == {"unanswered"}
    assert result["overall"] == 40


def test_the_engine_recommends_for_the_weak_pillar_of_the_imagined_firm():
    programmes = [course("infra-course", "infrastructure"), course("talent-course", "talent")]
    weak_talent = imagined_result(PROFILE, PILLARS, {"infrastructure": 90, "talent": 10})
    weak_infra = imagined_result(PROFILE, PILLARS, {"infrastructure": 10, "talent": 90})
    today = date(2026, 12, 2)
    assert recommend(weak_talent, programmes, today)[0].programme.code == "talent-course"
    assert recommend(weak_infra, programmes, today)[0].programme.code == "infra-course"


def test_a_perfect_firm_is_recommended_nothing():
    programmes = [course("infra-course", "infrastructure"), course("talent-course", "talent")]
    perfect = imagined_result(PROFILE, PILLARS, {"infrastructure": 100, "talent": 100})
    assert recommend(perfect, programmes, date(2026, 12, 2)) == []
