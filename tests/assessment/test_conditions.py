"""Conditions (`show_if`): their form, their meaning, and what they do to scores (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment import conditions, scoring
from assessment.conditions import Answer, Conditional, ConditionError
from assessment.scoring import (
    AnswerValue,
    OptionSpec,
    PillarSpec,
    QuestionnaireSpec,
    QuestionSpec,
    QuestionType,
    Status,
)

EXPORTER = {"country": "TH", "exports": "yes", "size_band": "small", "women_led": False}
DOMESTIC = {**EXPORTER, "exports": "no"}
EXPORTS = {"profile": "exports", "in": ["yes", "planning"]}


# ---------------------------------------------------------------- form


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ([], "expected a mapping"),
        ({"profile": "exports"}, "takes exactly one of in, not_in"),
        ({"profile": "exports", "in": "yes"}, "non-empty list of values"),
        ({"profile": "exports", "in": [True]}, "exports cannot be True"),
        ({"profile": "turnover", "in": ["big"]}, "unknown profile field “turnover”"),
        ({"profile": "country", "in": ["FR"]}, "country cannot be 'FR'"),
        ({"all": []}, "non-empty list of conditions"),
        ({"all": [EXPORTS], "profile": "x"}, "stands alone"),
        ({"question": "q1", "gte": "5"}, "needs a number"),
        ({"question": "q1", "in": [1]}, "list of option codes"),
        ({"question": "q1", "in": ["a"], "lte": 3}, "exactly one of"),
        ({"answers": "q1"}, "unknown key(s) answers"),
        (
            {"any": [{"any": [{"any": [{"any": [{"any": [{"any": [{"all": [EXPORTS]}]}]}]}]}]}]},
            "nested",
        ),
    ],
)
def test_a_malformed_condition_is_refused_with_what_is_wrong(condition: Any, message: str) -> None:
    with pytest.raises(ConditionError, match=None) as excinfo:
        conditions.check(condition, where="Question q9")
    assert message in str(excinfo.value)
    assert str(excinfo.value).startswith("Question q9: ")


def test_empty_condition_means_always() -> None:
    conditions.check({})
    conditions.check(None)
    assert conditions.holds({}, {}, {})


def test_a_condition_may_name_only_an_earlier_question_with_its_options() -> None:
    earlier = {"sells-online": frozenset({"no", "marketplace"}), "staff": None}
    conditions.check({"question": "sells-online", "in": ["marketplace"]}, earlier=earlier)
    conditions.check({"question": "staff", "gte": 5}, earlier=earlier)
    with pytest.raises(ConditionError, match="not an earlier question"):
        conditions.check({"question": "later", "in": ["x"]}, earlier=earlier)
    with pytest.raises(ConditionError, match="has no option “shop”"):
        conditions.check({"question": "sells-online", "in": ["shop"]}, earlier=earlier)
    with pytest.raises(ConditionError, match="is a number question"):
        conditions.check({"question": "staff", "in": ["x"]}, earlier=earlier)
    with pytest.raises(ConditionError, match="not a number question"):
        conditions.check({"question": "sells-online", "gte": 1}, earlier=earlier)


def test_problems_refuse_a_cycle_and_a_forward_reference() -> None:
    questions = [
        conditions.Asked("a", {"question": "b", "in": ["yes"]}, frozenset({"yes", "no"})),
        conditions.Asked("b", {"question": "a", "in": ["yes"]}, frozenset({"yes", "no"})),
    ]
    problems = conditions.problems([("Pillar one", None, questions)])
    # b may read a (earlier), a may not read b: the cycle is broken where it starts.
    assert problems == [
        "Question a: names question “b”, which is not an earlier question of this version "
        "(a condition may only depend on questions asked before it)."
    ]
    assert conditions.problems([("P", {"question": "a", "in": ["yes"]}, questions[1:])])


# ---------------------------------------------------------------- meaning


def test_profile_and_answer_comparisons() -> None:
    online = {"sells": Answer(frozenset({"marketplace"})), "staff": Answer(number=12)}
    assert conditions.holds(EXPORTS, EXPORTER, {})
    assert not conditions.holds(EXPORTS, DOMESTIC, {})
    assert conditions.holds({"profile": "exports", "not_in": ["no"]}, EXPORTER, {})
    assert conditions.holds({"question": "sells", "in": ["marketplace", "own"]}, {}, online)
    assert not conditions.holds({"question": "sells", "not_in": ["marketplace"]}, {}, online)
    assert conditions.holds({"question": "staff", "gte": 12}, {}, online)
    assert not conditions.holds({"question": "staff", "lte": 11}, {}, online)
    # Unanswered: every comparison on it is false, "not in" too.
    assert not conditions.holds({"question": "other", "not_in": ["x"]}, {}, online)
    both = {"all": [EXPORTS, {"question": "staff", "gte": 10}]}
    either = {"any": [EXPORTS, {"question": "staff", "gte": 100}]}
    assert conditions.holds(both, EXPORTER, online)
    assert not conditions.holds(both, DOMESTIC, online)
    assert conditions.holds(either, EXPORTER, online)
    assert not conditions.holds(either, DOMESTIC, online)


def test_a_hidden_question_hides_the_questions_that_depend_on_it() -> None:
    questions = [
        Conditional("sells-abroad", "coop", EXPORTS),
        Conditional("which-markets", "coop", {"question": "sells-abroad", "in": ["yes"]}),
        Conditional("other", "coop"),
    ]
    answers = {
        "sells-abroad": Answer(frozenset({"yes"})),
        "which-markets": Answer(frozenset({"a"})),
    }
    assert conditions.visible_codes(questions, EXPORTER, answers) == {
        "sells-abroad",
        "which-markets",
        "other",
    }
    # The firm stops exporting: the stored answer to sells-abroad no longer shows the next.
    assert conditions.visible_codes(questions, DOMESTIC, answers) == {"other"}


def test_a_pillar_condition_hides_all_its_questions() -> None:
    questions = [
        Conditional("a", "infra"),
        Conditional("b", "coop", None, EXPORTS),
        Conditional("c", "coop", None, EXPORTS),
    ]
    assert conditions.visible_codes(questions, DOMESTIC, {}) == {"a"}
    assert conditions.visible_codes(questions, EXPORTER, {}) == {"a", "b", "c"}


# ---------------------------------------------------------------- scores


def _yes_no(code: str, show_if: dict[str, Any] | None = None, weight: float = 1) -> QuestionSpec:
    return QuestionSpec(
        code,
        QuestionType.YES_NO,
        4,
        (OptionSpec("yes", 4), OptionSpec("no", 0)),
        weight,
        show_if,
    )


SPEC = QuestionnaireSpec(
    pillars=(
        PillarSpec("infra", (_yes_no("web"), _yes_no("cloud"))),
        PillarSpec(
            "coop",
            (_yes_no("fairs"), _yes_no("sells-abroad", EXPORTS), _yes_no("partners", EXPORTS)),
        ),
        PillarSpec("export-only", (_yes_no("customs"),), show_if=EXPORTS),
    )
)
NO = AnswerValue(frozenset({"no"}))
YES = AnswerValue(frozenset({"yes"}))


def test_a_domestic_firm_is_not_scored_down_for_export_questions() -> None:
    answers = {"web": YES, "cloud": YES, "fairs": YES, "sells-abroad": NO, "partners": NO}
    domestic = scoring.score_assessment(SPEC, answers, DOMESTIC)
    exporter = scoring.score_assessment(SPEC, answers, EXPORTER)
    assert domestic.pillar("coop").score == 100
    assert exporter.pillar("coop").score == pytest.approx(100 / 3)
    asked = {q.code: q.status for q in domestic.pillar("coop").questions}
    assert asked == {
        "fairs": Status.SCORED,
        "sells-abroad": Status.NOT_ASKED,
        "partners": Status.NOT_ASKED,
    }
    # A pillar in which nothing applies has no score (not 0) and is left out of overall.
    assert domestic.pillar("export-only").score is None
    assert domestic.overall == 100
    assert exporter.pillar("export-only").score is None  # applies, but not answered


def test_scoring_a_questionnaire_with_conditions_needs_the_profile() -> None:
    with pytest.raises(ValueError, match="with the profile"):
        scoring.score_assessment(SPEC, {})


PROFILES = st.fixed_dictionaries(
    {
        "exports": st.sampled_from(["yes", "planning", "no", ""]),
        "country": st.sampled_from(["KH", "TH", "VN"]),
    }
)
ANSWERS = st.dictionaries(
    st.sampled_from(["web", "cloud", "fairs", "sells-abroad", "partners", "customs"]),
    st.sampled_from([YES, NO]),
)


@given(profile=PROFILES, answers=ANSWERS)
def test_hiding_a_question_never_changes_the_scores_of_the_others(
    profile: dict[str, Any], answers: dict[str, AnswerValue]
) -> None:
    with_conditions = scoring.score_assessment(SPEC, answers, profile)
    plain = QuestionnaireSpec(
        pillars=tuple(
            PillarSpec(p.code, tuple(_yes_no(q.code) for q in p.questions)) for p in SPEC.pillars
        )
    )
    without = scoring.score_assessment(plain, answers)
    for pillar in with_conditions.pillars:
        for q in pillar.questions:
            other = without.pillar(pillar.code).questions
            twin = next(o for o in other if o.code == q.code)
            if q.status == Status.NOT_ASKED:
                assert q.score is None and q.gap == 0
            else:
                assert (q.status, q.score, q.points) == (twin.status, twin.score, twin.points)


@given(answers=ANSWERS)
def test_an_answer_hidden_by_a_later_profile_change_is_kept_but_not_scored(
    answers: dict[str, AnswerValue],
) -> None:
    answers = {**answers, "sells-abroad": NO, "partners": NO}
    before = scoring.score_assessment(SPEC, answers, EXPORTER)
    after = scoring.score_assessment(SPEC, answers, DOMESTIC)
    assert "sells-abroad" in answers  # nothing is thrown away
    coop_after = {q.code: q for q in after.pillar("coop").questions}
    assert coop_after["sells-abroad"].status == Status.NOT_ASKED
    # Two zero answers left out can only raise the pillar (or leave it without a score).
    if after.pillar("coop").score is not None:
        assert after.pillar("coop").score >= (before.pillar("coop").score or 0)
