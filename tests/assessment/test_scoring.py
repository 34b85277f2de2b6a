"""The pure scoring engine (assessment/scoring.py) against PRODUCT.md "Scoring".

No database, no Django: these tests build QuestionnaireSpecs by hand (unit tests) or at
random with hypothesis (property tests) and check the figures the engine returns.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessment.scoring import (
    AnswerValue,
    AssessmentScore,
    LevelSpec,
    OptionKind,
    OptionSpec,
    PillarSpec,
    QuestionnaireSpec,
    QuestionSpec,
    QuestionType,
    Status,
    band_for,
    level_for,
    published,
    score_assessment,
    score_question,
)

TOL = 1e-9

# PRODUCT.md: Beginner < 20, Emerging < 40, Developing < 60, Established < 80, Leading.
DEFAULT_LEVELS = (
    LevelSpec("Beginner", 0.0),
    LevelSpec("Emerging", 20.0),
    LevelSpec("Developing", 40.0),
    LevelSpec("Established", 60.0),
    LevelSpec("Leading", 80.0),
)


# ---------------------------------------------------------------------------
# Small builders for hand-made questionnaires
# ---------------------------------------------------------------------------


def o(code, points=0.0, kind=OptionKind.NORMAL, lo=None, hi=None) -> OptionSpec:
    return OptionSpec(code, float(points), kind, lo, hi)


NA = o("na", kind=OptionKind.NOT_APPLICABLE)
DK = o("dk", kind=OptionKind.DONT_KNOW)


def q(code, qtype, max_points, *options, weight=1.0) -> QuestionSpec:
    return QuestionSpec(code, QuestionType(qtype), float(max_points), tuple(options), weight)


def picks(*codes) -> AnswerValue:
    return AnswerValue(options=frozenset(codes))


def num(value) -> AnswerValue:
    return AnswerValue(number=value)


def single_q(code, weight=1.0) -> QuestionSpec:
    """Single choice, maximum 4: a=0, b=1, c=2, d=4, plus not applicable / don't know."""
    return q(code, "single", 4, o("a", 0), o("b", 1), o("c", 2), o("d", 4), NA, DK, weight=weight)


def scale_q(code, weight=1.0) -> QuestionSpec:
    """Maturity scale: one statement per level 0-4, the level is its points."""
    return q(code, "scale", 4, *(o(f"l{i}", i) for i in range(5)), NA, DK, weight=weight)


def yes_no_q(code, weight=1.0) -> QuestionSpec:
    return q(code, "yes_no", 2, o("yes", 2), o("no", 0), NA, DK, weight=weight)


def tools_q(code="tools", weight=1.0) -> QuestionSpec:
    """Multiple choice, maximum 3; email 1, cloud 2, erp 2; exclusive none; NA; DK."""
    return q(
        code,
        "multiple",
        3,
        o("email", 1),
        o("cloud", 2),
        o("erp", 2),
        o("none", 0, OptionKind.NONE),
        NA,
        DK,
        weight=weight,
    )


def staff_q(code="staff", top_open=True, weight=1.0) -> QuestionSpec:
    """Number with bands: [0, 25) -> 0, [25, 75) -> 2, [75, open or 100) -> 4; maximum 4."""
    return q(
        code,
        "number",
        4,
        o("low", 0, lo=0, hi=25),
        o("mid", 2, lo=25, hi=75),
        o("high", 4, lo=75, hi=None if top_open else 100),
        NA,
        DK,
        weight=weight,
    )


def one_pillar(*questions, weight=1.0) -> QuestionnaireSpec:
    return QuestionnaireSpec((PillarSpec("p", tuple(questions), weight),), DEFAULT_LEVELS)


def scale_pillar(code, weight=1.0) -> PillarSpec:
    """A pillar of one scale question (maximum 4) so its score is 25 * level."""
    return PillarSpec(code, (scale_q(f"{code}-q"),), weight)


def question_score(result: AssessmentScore, code: str):
    return next(qs for p in result.pillars for qs in p.questions if qs.code == code)


# ---------------------------------------------------------------------------
# Unit tests, one per question type and behaviour
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "expected"), [("a", 0.0), ("b", 0.25), ("c", 0.5), ("d", 1.0)])
def test_single_choice_scores_chosen_option_points_over_maximum(code, expected):
    qs = score_question(single_q("s"), picks(code))
    assert qs.status == Status.SCORED
    assert qs.score == expected
    assert qs.points == {"a": 0, "b": 1, "c": 2, "d": 4}[code]


def test_single_choice_pillar_score_is_hundred_times_question_fraction():
    result = score_assessment(one_pillar(single_q("s")), {"s": picks("c")})
    assert result.pillar("p").score == 50.0
    assert result.overall == 50.0


def test_multiple_choice_sums_ticked_options():
    qs = score_question(tools_q(), picks("email", "cloud"))
    assert qs.status == Status.SCORED
    assert qs.points == 3
    assert qs.score == 1.0
    assert score_question(tools_q(), picks("email")).score == pytest.approx(1 / 3)
    assert score_question(tools_q(), picks("cloud")).score == pytest.approx(2 / 3)


def test_multiple_choice_sums_ticked_options_capped_at_maximum():
    # email 1 + cloud 2 + erp 2 = 5 points, capped at the maximum of 3.
    qs = score_question(tools_q(), picks("email", "cloud", "erp"))
    assert qs.points == 3
    assert qs.score == 1.0
    qs = score_question(tools_q(), picks("cloud", "erp"))
    assert qs.points == 3
    assert qs.score == 1.0


def test_multiple_choice_exclusive_none_of_these_scores_zero():
    qs = score_question(tools_q(), picks("none"))
    assert qs.status == Status.SCORED  # an answer, counted in the denominator
    assert qs.score == 0.0
    assert qs.points == 0
    # and it pulls the pillar down, unlike "not applicable"
    spec = one_pillar(tools_q(), single_q("s"))
    result = score_assessment(spec, {"tools": picks("none"), "s": picks("d")})
    assert result.pillar("p").score == 50.0


def test_multiple_choice_ignores_unknown_option_codes():
    qs = score_question(tools_q(), picks("email", "blockchain", "metaverse"))
    assert qs.status == Status.SCORED
    assert qs.points == 1
    assert qs.score == pytest.approx(1 / 3)


def test_published_decimal_points_add_up_as_written():
    # 0.1 + 0.2 ticked out of a maximum of 0.6 is one half, as an SME would work it out
    # from the published points (float arithmetic would give 0.5000000000000001).
    question = q("tools", "multiple", 0.6, o("a", 0.1), o("b", 0.2), o("c", 0.3))
    qs = score_question(question, picks("a", "b"))
    assert qs.score == 0.5
    assert qs.points == 0.3
    result = score_assessment(one_pillar(question), {"tools": picks("a", "b")})
    assert result.pillar("p").score == 50.0
    assert result.overall == 50.0


def test_answer_made_only_of_unknown_option_codes_is_unanswered():
    qs = score_question(tools_q(), picks("blockchain"))
    assert qs.status == Status.UNANSWERED
    assert qs.score is None
    qs = score_question(single_q("s"), picks("zzz"))
    assert qs.status == Status.UNANSWERED
    assert qs.score is None


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_maturity_scale_scores_level_over_four(level):
    qs = score_question(scale_q("m"), picks(f"l{level}"))
    assert qs.status == Status.SCORED
    assert qs.score == level / 4
    result = score_assessment(one_pillar(scale_q("m")), {"m": picks(f"l{level}")})
    assert result.pillar("p").score == 25.0 * level


def test_yes_scores_full_marks_and_no_scores_zero():
    assert score_question(yes_no_q("y"), picks("yes")).score == 1.0
    assert score_question(yes_no_q("y"), picks("no")).score == 0.0
    assert score_question(yes_no_q("y"), picks("no")).status == Status.SCORED


def test_number_band_lower_bound_is_inclusive():
    assert score_question(staff_q(), num(25)).score == 0.5  # 25 is in [25, 75)
    assert score_question(staff_q(), num(75)).score == 1.0  # 75 is in [75, ...)
    assert score_question(staff_q(), num(0)).score == 0.0  # 0 is in [0, 25)
    assert band_for(staff_q(), 25).code == "mid"


def test_number_band_upper_bound_is_exclusive():
    assert score_question(staff_q(), num(24.999)).score == 0.0  # still [0, 25)
    assert score_question(staff_q(), num(74.999)).score == 0.5  # still [25, 75)
    assert band_for(staff_q(), 74.999).code == "mid"
    assert band_for(staff_q(top_open=False), 99.999).code == "high"
    assert band_for(staff_q(top_open=False), 100) is None  # 100 is past [75, 100)


def test_number_open_top_band_holds_any_large_value():
    assert score_question(staff_q(), num(1e12)).score == 1.0
    assert band_for(staff_q(), 1e12).code == "high"


def test_number_outside_all_bands_scores_zero():
    for value in (-5, 100, 250):
        qs = score_question(staff_q(top_open=False), num(value))
        assert qs.status == Status.SCORED
        assert qs.points == 0.0
        assert qs.score == 0.0
    assert score_question(staff_q(), num(-0.001)).score == 0.0
    # it is counted (denominator), not left out
    spec = one_pillar(staff_q(top_open=False), single_q("s"))
    result = score_assessment(spec, {"staff": num(250), "s": picks("d")})
    assert result.pillar("p").score == 50.0


def test_number_with_no_value_is_unanswered():
    qs = score_question(staff_q(), num(None))
    assert qs.status == Status.UNANSWERED
    assert qs.score is None
    spec = one_pillar(staff_q(), single_q("s"))
    result = score_assessment(spec, {"staff": num(None), "s": picks("d")})
    assert result.pillar("p").score == 100.0


def test_free_text_is_never_scored_nor_counted():
    text = q("t", "text", 4, weight=3.0)  # even with points and a weight, text is not scored
    qs = score_question(text, AnswerValue(text="We lack broadband."))
    assert qs.status == Status.UNSCORED
    assert qs.score is None
    spec = one_pillar(text, single_q("s"))
    result = score_assessment(spec, {"t": AnswerValue(text="anything"), "s": picks("c")})
    assert result.pillar("p").score == 50.0
    assert question_score(result, "t").gap == 0.0
    only_text = score_assessment(one_pillar(text), {"t": AnswerValue(text="anything")})
    assert only_text.pillar("p").score is None
    assert only_text.overall is None


def test_not_applicable_left_out_of_numerator_and_denominator():
    spec = one_pillar(single_q("s"), single_q("heavy", weight=5.0))
    result = score_assessment(spec, {"s": picks("c"), "heavy": picks("na")})
    assert result.pillar("p").score == 50.0  # only "s" counts; 0 would be 50 / 6 * ...
    qs = question_score(result, "heavy")
    assert qs.status == Status.NOT_APPLICABLE
    assert qs.score is None
    assert qs.gap == 0.0
    assert "heavy" not in result.dont_know


@pytest.mark.parametrize("make", [single_q, scale_q, yes_no_q, tools_q, staff_q])
def test_not_applicable_applies_to_every_scored_type(make):
    qs = score_question(make("x"), AnswerValue(options=frozenset({"na"}), number=80))
    assert qs.status == Status.NOT_APPLICABLE
    assert qs.score is None


def test_dont_know_scores_zero_and_is_listed_as_something_to_find_out():
    spec = one_pillar(single_q("s"), single_q("unsure"), single_q("later"))
    result = score_assessment(spec, {"s": picks("d"), "unsure": picks("dk")})
    qs = question_score(result, "unsure")
    assert qs.status == Status.DONT_KNOW
    assert qs.score == 0.0
    assert result.pillar("p").score == 50.0  # counted as 0 in the denominator
    assert result.dont_know == ("unsure",)
    assert qs.gap == pytest.approx(50.0)


def test_dont_know_on_number_question_scores_zero():
    qs = score_question(staff_q(), AnswerValue(options=frozenset({"dk"})))
    assert qs.status == Status.DONT_KNOW
    assert qs.score == 0.0


def test_unanswered_questions_are_left_out():
    spec = one_pillar(single_q("s"), single_q("skipped"), tools_q())
    result = score_assessment(spec, {"s": picks("d"), "tools": picks()})
    assert result.pillar("p").score == 100.0
    assert question_score(result, "skipped").status == Status.UNANSWERED
    assert question_score(result, "tools").status == Status.UNANSWERED  # nothing ticked
    assert question_score(result, "skipped").gap == 0.0
    assert result.dont_know == ()


def test_pillar_without_scorable_answers_has_no_score_and_is_left_out_of_overall():
    spec = QuestionnaireSpec(
        (
            PillarSpec("answered", (scale_q("a"),)),
            PillarSpec("empty", (scale_q("b"), q("t", "text", 0))),
            PillarSpec("all-na", (scale_q("c"),)),
        ),
        DEFAULT_LEVELS,
    )
    result = score_assessment(
        spec, {"a": picks("l3"), "c": picks("na"), "t": AnswerValue(text="x")}
    )
    assert result.pillar("empty").score is None
    assert result.pillar("all-na").score is None
    assert result.overall == 75.0  # not 25.0 (= 75 / 3), the empty pillars do not count
    assert result.level == "Established"


def test_nothing_answered_gives_no_overall_and_no_level():
    spec = QuestionnaireSpec((scale_pillar("a"), scale_pillar("b")), DEFAULT_LEVELS)
    result = score_assessment(spec, {})
    assert result.overall is None
    assert result.level is None
    assert all(p.score is None for p in result.pillars)


def test_question_weight_two_counts_twice_as_much_as_weight_one():
    spec = one_pillar(single_q("heavy", weight=2.0), single_q("light", weight=1.0))
    # heavy full marks (1), light nothing (0): 100 * (2*1 + 1*0) / 3
    result = score_assessment(spec, {"heavy": picks("d"), "light": picks("a")})
    assert result.pillar("p").score == pytest.approx(200 / 3, abs=1e-12)
    # the other way round: 100 * (2*0 + 1*1) / 3
    result = score_assessment(spec, {"heavy": picks("a"), "light": picks("d")})
    assert result.pillar("p").score == pytest.approx(100 / 3, abs=1e-12)
    # heavy half marks, light full: 100 * (2*0.5 + 1*1) / 3 = 66.67 (unweighted would be 75)
    result = score_assessment(spec, {"heavy": picks("c"), "light": picks("d")})
    assert result.pillar("p").score == pytest.approx(200 / 3, abs=1e-12)


def test_question_of_weight_two_counts_as_two_questions_of_weight_one():
    weighted = one_pillar(single_q("x", weight=2.0), scale_q("y"))
    doubled = one_pillar(single_q("x"), single_q("x2"), scale_q("y"))
    for sx, sy in itertools.product("abcd", ["l0", "l1", "l3", "l4"]):
        a = score_assessment(weighted, {"x": picks(sx), "y": picks(sy)}).pillar("p").score
        b = score_assessment(doubled, {"x": picks(sx), "x2": picks(sx), "y": picks(sy)})
        assert a == pytest.approx(b.pillar("p").score, abs=TOL)


def test_question_of_weight_zero_is_not_scored():
    spec = one_pillar(single_q("s"), single_q("ignored", weight=0.0))
    result = score_assessment(spec, {"s": picks("d"), "ignored": picks("a")})
    assert result.pillar("p").score == 100.0
    assert question_score(result, "ignored").status == Status.UNSCORED


def test_pillar_weights_give_weighted_mean_of_pillar_scores():
    spec = QuestionnaireSpec(
        (scale_pillar("strong", weight=3.0), scale_pillar("weak", weight=1.0)),
        DEFAULT_LEVELS,
    )
    # strong 75 (l3), weak 25 (l1): (3*75 + 1*25) / 4 = 62.5, the plain mean would be 50
    result = score_assessment(spec, {"strong-q": picks("l3"), "weak-q": picks("l1")})
    assert result.pillar("strong").score == 75.0
    assert result.pillar("weak").score == 25.0
    assert result.overall == pytest.approx(62.5, abs=1e-12)
    assert result.level == "Established"


def test_equal_pillar_weights_give_the_plain_mean():
    answers = {"a-q": picks("l4"), "b-q": picks("l1"), "c-q": picks("l0")}
    for w in (1.0, 2.0, 0.3):
        spec = QuestionnaireSpec(tuple(scale_pillar(c, weight=w) for c in "abc"), DEFAULT_LEVELS)
        result = score_assessment(spec, answers)
        assert result.overall == pytest.approx((100 + 25 + 0) / 3, abs=1e-12)


def test_pillar_of_weight_zero_is_left_out_of_overall():
    spec = QuestionnaireSpec((scale_pillar("a"), scale_pillar("b", weight=0.0)), DEFAULT_LEVELS)
    result = score_assessment(spec, {"a-q": picks("l1"), "b-q": picks("l4")})
    assert result.pillar("b").score == 100.0
    assert result.overall == 25.0


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.0, "Beginner"),
        (19.94, "Beginner"),
        (19.95, "Emerging"),  # shown as 20.0
        (20.0, "Emerging"),
        (39.94, "Emerging"),
        (40.0, "Developing"),
        (59.94, "Developing"),
        (60.0, "Established"),
        (79.94, "Established"),
        (80.0, "Leading"),
        (100.0, "Leading"),
    ],
)
def test_default_maturity_levels_score_exactly_at_threshold_reaches_the_level(score, level):
    assert level_for(DEFAULT_LEVELS, score) == level
    assert level_for(tuple(reversed(DEFAULT_LEVELS)), score) == level  # order of definition


def test_no_score_has_no_level_and_score_below_every_threshold_has_none():
    assert level_for(DEFAULT_LEVELS, None) is None
    assert level_for((LevelSpec("Ready", 50.0),), 49.0) is None
    assert level_for((), 50.0) is None


@pytest.mark.parametrize(
    ("level", "threshold"),
    [("Emerging", 20), ("Developing", 40), ("Established", 60), ("Leading", 80)],
)
def test_assessment_whose_score_is_exactly_a_threshold_reaches_that_level(level, threshold):
    # Three questions of maximum 5 each answered with the same number of points k:
    # the exact score is 100 * k / 5 = 20 k, which is the threshold.
    k = threshold // 20
    question = [q(f"q{i}", "single", 5, *(o(f"o{n}", n) for n in range(6))) for i in range(3)]
    spec = one_pillar(*question)
    result = score_assessment(spec, {f"q{i}": picks(f"o{k}") for i in range(3)})
    assert round(result.overall, 1) == threshold  # what the results page shows
    assert result.level == level, (
        f"score {result.overall!r} (exactly {threshold}) gives level {result.level!r}"
    )


def test_perfect_answer_has_zero_gap():
    spec = one_pillar(single_q("s"), tools_q(), staff_q(), yes_no_q("y"), scale_q("m"))
    result = score_assessment(
        spec,
        {
            "s": picks("d"),
            "tools": picks("cloud", "erp"),
            "staff": num(90),
            "y": picks("yes"),
            "m": picks("l2"),
        },
    )
    for code in ("s", "tools", "staff", "y"):
        assert question_score(result, code).gap == 0.0
    assert question_score(result, "m").gap > 0.0


def test_gap_is_the_overall_points_lost_against_a_perfect_answer():
    spec = QuestionnaireSpec(
        (
            PillarSpec("a", (single_q("heavy", weight=2.0), single_q("light")), weight=3.0),
            PillarSpec("b", (scale_q("m"),), weight=1.0),
        ),
        DEFAULT_LEVELS,
    )
    result = score_assessment(spec, {"heavy": picks("c"), "light": picks("d"), "m": picks("l0")})
    # pillar a share 3/4, heavy share of a 2/3, lost 1/2 -> 100 * 3/4 * 2/3 * 1/2 = 25
    assert question_score(result, "heavy").gap == pytest.approx(25.0, abs=1e-12)
    assert question_score(result, "light").gap == 0.0
    # pillar b share 1/4, m lost everything -> 25
    assert question_score(result, "m").gap == pytest.approx(25.0, abs=1e-12)
    # Raising "heavy" to full marks would raise the overall by exactly its gap.
    better = score_assessment(spec, {"heavy": picks("d"), "light": picks("d"), "m": picks("l0")})
    assert better.overall - result.overall == pytest.approx(25.0, abs=1e-9)


def test_sum_of_gaps_is_hundred_minus_overall_when_everything_is_answered():
    spec = QuestionnaireSpec(
        (
            PillarSpec("a", (single_q("s", weight=2.0), tools_q(), staff_q()), weight=2.0),
            PillarSpec("b", (scale_q("m"), yes_no_q("y", weight=0.5)), weight=1.0),
            PillarSpec("c", (scale_q("n"), single_q("t")), weight=1.5),
        ),
        DEFAULT_LEVELS,
    )
    answers = {
        "s": picks("b"),
        "tools": picks("email"),
        "staff": num(30),
        "m": picks("l3"),
        "y": picks("no"),
        "n": picks("dk"),
        "t": picks("c"),
    }
    result = score_assessment(spec, answers)
    gaps = [qs.gap for p in result.pillars for qs in p.questions]
    assert all(g >= 0 for g in gaps)
    assert sum(gaps) == pytest.approx(100.0 - result.overall, abs=TOL)


def test_multiple_choice_score_does_not_depend_on_the_order_options_were_ticked():
    """The same ticked options must always give the same score.

    The iteration order of an answer's frozenset depends on insertion order (when hashes
    collide) and on PYTHONHASHSEED, and float addition is not associative: summing the
    ticked points in iteration order gives equal answers different scores. This test
    finds two equal frozensets that iterate differently, and points whose float sums
    differ in those two orders.
    """
    codes = [f"o{i}" for i in range(40)]
    grid = (0.1, 0.2, 0.3, 0.6, 0.7)
    found = None
    for trio in itertools.combinations(codes, 3):
        first, second = frozenset(trio), frozenset(reversed(trio))
        if list(first) == list(second):
            continue
        for points in itertools.product(grid, repeat=3):
            by_code = dict(zip(trio, points, strict=True))
            if sum(by_code[c] for c in first) != sum(by_code[c] for c in second):
                found = (first, second, by_code)
                break
        if found:
            break
    assert found is not None, "test set-up: no frozensets of different iteration order found"
    first, second, by_code = found
    question = q("tools", "multiple", 10, *(o(c, p) for c, p in sorted(by_code.items())))
    assert AnswerValue(first) == AnswerValue(second)  # the very same answer
    a = score_question(question, AnswerValue(first))
    b = score_question(question, AnswerValue(second))
    assert a.score == b.score, (
        f"same ticked options {sorted(first)} scored {a.score!r} and {b.score!r}"
    )


# ---------------------------------------------------------------------------
# Hypothesis strategies: random questionnaires and consistent answers
# ---------------------------------------------------------------------------
# Strategy objects are built once at module level and the questionnaire is drawn by
# plain helper functions: building fresh strategies for every question made the suite slow.

UNIT = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))  # a fraction in [0, 1]
WEIGHT = st.one_of(  # positive weights, with 0 for some
    st.just(0.0),
    st.just(1.0),
    st.integers(1, 5).map(float),
    st.floats(0.01, 10.0),
)
MAX_POINTS = st.one_of(
    st.integers(1, 10).map(float),
    st.floats(0.5, 10.0),
    st.just(0.0),  # an unscored question
)
TYPE = st.sampled_from(list(QuestionType))
SMALL = st.integers(0, 7)
EDGE = st.integers(-50, 50).map(float)
WIDTH = st.one_of(st.integers(1, 50).map(float), st.floats(0.5, 50.0))
BOOL = st.booleans()
TEXT = st.text(max_size=10)


def draw_points(draw, max_points: float) -> float:
    return min(max_points * draw(UNIT), max_points)


def draw_question(draw, code: str) -> QuestionSpec:
    qtype = draw(TYPE)
    weight = draw(WEIGHT)
    max_points = draw(MAX_POINTS)
    options: list[OptionSpec] = []
    if qtype == QuestionType.TEXT:
        return QuestionSpec(code, qtype, max_points, (), weight)
    if qtype == QuestionType.SCALE:
        options = [OptionSpec(f"{code}-n{i}", max_points * i / 4) for i in range(5)]
    elif qtype == QuestionType.YES_NO:
        options = [OptionSpec(f"{code}-n0", max_points), OptionSpec(f"{code}-n1", 0.0)]
    elif qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        n = 1 + draw(SMALL) % 5
        options = [OptionSpec(f"{code}-n{i}", draw_points(draw, max_points)) for i in range(n)]
        if qtype == QuestionType.MULTIPLE and draw(BOOL):
            options.append(OptionSpec(f"{code}-none", 0.0, OptionKind.NONE))
    elif qtype == QuestionType.NUMBER:
        n = 1 + draw(SMALL) % 4
        edge = draw(EDGE)
        for i in range(n):  # contiguous bands [edge, edge + width), the last maybe open
            width = draw(WIDTH)
            top = None if (i == n - 1 and draw(BOOL)) else edge + width
            options.append(
                OptionSpec(
                    f"{code}-n{i}", draw_points(draw, max_points), OptionKind.NORMAL, edge, top
                )
            )
            edge = edge + width
    if draw(BOOL):
        options.append(OptionSpec(f"{code}-na", 0.0, OptionKind.NOT_APPLICABLE))
    if draw(BOOL):
        options.append(OptionSpec(f"{code}-dk", 0.0, OptionKind.DONT_KNOW))
    return QuestionSpec(code, qtype, max_points, tuple(options), weight)


@st.composite
def questionnaire_st(draw):
    """1-4 pillars of 1-8 questions of random types, weights and options."""
    pillars = []
    for p in range(1 + draw(SMALL) % 4):
        n = 1 + draw(SMALL)
        questions = tuple(draw_question(draw, f"p{p}q{i}") for i in range(n))
        pillars.append(PillarSpec(f"p{p}", questions, draw(WEIGHT)))
    return QuestionnaireSpec(tuple(pillars), DEFAULT_LEVELS)


def normal_options(question: QuestionSpec) -> list[OptionSpec]:
    return [opt for opt in question.options if opt.kind == OptionKind.NORMAL]


def special(question: QuestionSpec, kind: OptionKind) -> OptionSpec | None:
    return next((opt for opt in question.options if opt.kind == kind), None)


def pick(draw, items: list):
    return items[draw(SMALL) % len(items)]


def draw_number(draw, question: QuestionSpec) -> float:
    bands = normal_options(question)
    how = draw(SMALL) % 3
    if how == 0:  # a lower bound, inclusive
        return pick(draw, bands).band_min
    if how == 1:  # an upper bound, exclusive (or past the last band)
        return pick(draw, [b.band_max if b.band_max is not None else b.band_min for b in bands])
    low = bands[0].band_min - 20  # anywhere, including below and above every band
    high = (bands[-1].band_max or bands[-1].band_min + 50) + 20
    return low + (high - low) * draw(UNIT)


def draw_normal_answer(draw, question: QuestionSpec) -> AnswerValue:
    """An answer that is neither "not applicable" nor "don't know" nor empty."""
    normal = [opt.code for opt in normal_options(question)]
    if question.type == QuestionType.TEXT:
        return AnswerValue(text=draw(TEXT))
    if question.type == QuestionType.NUMBER:
        return AnswerValue(number=draw_number(draw, question))
    if question.type == QuestionType.MULTIPLE:
        none = special(question, OptionKind.NONE)
        if none is not None and draw(SMALL) % 4 == 0:
            return AnswerValue(frozenset({none.code}))
        chosen = {c for c in normal if draw(BOOL)} or {pick(draw, normal)}
        return AnswerValue(frozenset(chosen))
    return AnswerValue(frozenset({pick(draw, normal)}))


def draw_answer(draw, question: QuestionSpec, complete: bool = False) -> AnswerValue | None:
    """An answer to question, or None for no answer at all."""
    kinds = ["normal", "normal"]
    if special(question, OptionKind.DONT_KNOW):
        kinds.append("dk")
    if not complete:
        kinds.append("absent")
        if special(question, OptionKind.NOT_APPLICABLE):
            kinds.append("na")
        if question.type == QuestionType.NUMBER:
            kinds.append("no-number")
    kind = pick(draw, kinds)
    if kind == "absent":
        return None
    if kind == "na":
        return AnswerValue(frozenset({special(question, OptionKind.NOT_APPLICABLE).code}))
    if kind == "dk":
        return AnswerValue(frozenset({special(question, OptionKind.DONT_KNOW).code}))
    if kind == "no-number":
        return AnswerValue(number=None)
    return draw_normal_answer(draw, question)


@st.composite
def answer_st(draw, question: QuestionSpec):
    return draw_answer(draw, question)


@st.composite
def scenario_st(draw, complete: bool = False):
    """A random questionnaire and a consistent mapping of answers to it.

    complete=True: every question answered and applicable (no "not applicable", no blank).
    """
    spec = draw(questionnaire_st())
    answers = {}
    for pillar in spec.pillars:
        for question in pillar.questions:
            value = draw_answer(draw, question, complete)
            if value is not None:
                answers[question.code] = value
    return spec, answers


PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def questions_of(spec: QuestionnaireSpec):
    return [(pillar, question) for pillar in spec.pillars for question in pillar.questions]


def with_pillar(spec: QuestionnaireSpec, index: int, pillar: PillarSpec) -> QuestionnaireSpec:
    pillars = list(spec.pillars)
    pillars[index] = pillar
    return dataclasses.replace(spec, pillars=tuple(pillars))


def is_special(question: QuestionSpec, answer: AnswerValue, kind: OptionKind) -> bool:
    return any((opt := question.option(c)) is not None and opt.kind == kind for c in answer.options)


def improvements(question: QuestionSpec, answer: AnswerValue | None) -> list[AnswerValue]:
    """Answers to question that earn strictly more points than answer."""
    if not question.scored or answer is None:
        return []
    if is_special(question, answer, OptionKind.NOT_APPLICABLE):
        return []
    normal = normal_options(question)
    dont_know = is_special(question, answer, OptionKind.DONT_KNOW)
    if question.type == QuestionType.NUMBER:
        if dont_know:
            return [AnswerValue(number=b.band_min) for b in normal if b.points > 0]
        if answer.number is None:
            return []
        band = band_for(question, answer.number)
        current = band.points if band else 0.0
        return [AnswerValue(number=b.band_min) for b in normal if b.points > current]
    if question.type == QuestionType.MULTIPLE:
        if dont_know or any(question.option(c).kind == OptionKind.NONE for c in answer.options):
            # leaving "don't know" / "none of these" (0 points) for one ticked option
            return [AnswerValue(frozenset({b.code})) for b in normal if b.points > 0]
        return [
            AnswerValue(answer.options | {b.code}) for b in normal if b.code not in answer.options
        ]  # one more ticked option
    # single choice, scale, yes/no
    if dont_know:
        return [AnswerValue(frozenset({b.code})) for b in normal if b.points > 0]
    (chosen,) = answer.options
    current = question.option(chosen).points
    return [AnswerValue(frozenset({b.code})) for b in normal if b.points > current]


def counted_pillars(result: AssessmentScore):
    return [p for p in result.pillars if p.score is not None and p.weight > 0]


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------


@PROPERTY
@given(scenario_st())
def test_every_score_lies_between_0_and_100(scenario):
    spec, answers = scenario
    result = score_assessment(spec, answers)
    assert len(result.pillars) == len(spec.pillars)
    for pillar in result.pillars:
        assert pillar.score is None or 0.0 <= pillar.score <= 100.0
        for qs in pillar.questions:
            assert qs.score is None or 0.0 <= qs.score <= 1.0
            assert (qs.score is None) == (qs.status not in (Status.SCORED, Status.DONT_KNOW))
            assert qs.gap >= 0.0
    assert result.overall is None or 0.0 <= result.overall <= 100.0
    # an overall exists exactly when some pillar with a positive weight has a score
    assert (result.overall is None) == (not counted_pillars(result))
    assert (result.level is None) == (result.overall is None)


@PROPERTY
@given(st.data())
def test_improving_one_answer_never_lowers_pillar_nor_overall(data):
    spec, answers = data.draw(scenario_st())
    candidates = [
        (i, question)
        for i, pillar in enumerate(spec.pillars)
        for question in pillar.questions
        if improvements(question, answers.get(question.code))
    ]
    assume(candidates)
    index, question = data.draw(st.sampled_from(candidates))
    better = data.draw(st.sampled_from(improvements(question, answers[question.code])))
    before = score_assessment(spec, answers)
    after = score_assessment(spec, {**answers, question.code: better})

    old_q, new_q = question_score(before, question.code), question_score(after, question.code)
    assert new_q.score >= old_q.score
    old_p, new_p = before.pillars[index].score, after.pillars[index].score
    assert old_p is not None
    assert new_p is not None
    assert new_p >= old_p
    if before.overall is not None:
        assert after.overall is not None
        assert after.overall >= before.overall
    # nothing else moves
    for i, (p_before, p_after) in enumerate(zip(before.pillars, after.pillars, strict=True)):
        if i != index:
            assert p_before.score == p_after.score


@PROPERTY
@given(st.data())
def test_not_applicable_on_one_question_changes_nothing_else(data):
    spec, answers = data.draw(scenario_st())
    candidates = [
        (i, question)
        for i, pillar in enumerate(spec.pillars)
        for question in pillar.questions
        if question.scored and special(question, OptionKind.NOT_APPLICABLE)
    ]
    assume(candidates)
    index, question = data.draw(st.sampled_from(candidates))
    na_code = special(question, OptionKind.NOT_APPLICABLE).code
    with_na = {**answers, question.code: AnswerValue(frozenset({na_code}))}
    other = data.draw(answer_st(question))
    without_na = dict(answers)
    without_na.pop(question.code, None)
    if other is not None and not is_special(question, other, OptionKind.NOT_APPLICABLE):
        without_na[question.code] = other

    a = score_assessment(spec, with_na)
    b = score_assessment(spec, without_na)
    assert question_score(a, question.code).status == Status.NOT_APPLICABLE
    assert question_score(a, question.code).score is None
    assert question_score(a, question.code).gap == 0.0
    assert question_score(b, question.code).status != Status.NOT_APPLICABLE
    for i, (pa, pb) in enumerate(zip(a.pillars, b.pillars, strict=True)):
        if i != index:
            assert pa.score == pb.score
        for qa, qb in zip(pa.questions, pb.questions, strict=True):
            if qa.code != question.code:
                assert (qa.status, qa.score, qa.points) == (qb.status, qb.score, qb.points)
    # "not applicable" on the question gives the same pillar score as no answer at all
    unanswered = {k: v for k, v in answers.items() if k != question.code}
    assert a.pillars[index].score == score_assessment(spec, unanswered).pillars[index].score


@PROPERTY
@given(st.data())
def test_all_not_applicable_pillar_has_no_score_and_is_left_out_of_overall(data):
    spec, answers = data.draw(scenario_st())
    index = data.draw(st.integers(0, len(spec.pillars) - 1))
    pillar = spec.pillars[index]
    na = OptionSpec("na", 0.0, OptionKind.NOT_APPLICABLE)
    questions = tuple(
        question
        if question.type == QuestionType.TEXT or special(question, OptionKind.NOT_APPLICABLE)
        else dataclasses.replace(question, options=(*question.options, na))
        for question in pillar.questions
    )
    spec = with_pillar(spec, index, dataclasses.replace(pillar, questions=questions))
    answers = dict(answers)
    for question in questions:
        if question.type != QuestionType.TEXT:
            code = special(question, OptionKind.NOT_APPLICABLE).code
            answers[question.code] = AnswerValue(frozenset({code}))
    result = score_assessment(spec, answers)
    assert result.pillars[index].score is None
    assert all(qs.gap == 0.0 for qs in result.pillars[index].questions)
    rest = dataclasses.replace(
        spec, pillars=tuple(p for i, p in enumerate(spec.pillars) if i != index)
    )
    assert result.overall == score_assessment(rest, answers).overall


@PROPERTY
@given(scenario_st(), st.randoms(use_true_random=False))
def test_same_answers_give_the_same_figures(scenario, rnd):
    spec, answers = scenario
    first = score_assessment(spec, answers)
    assert score_assessment(spec, answers) == first
    assert score_assessment(spec, dict(reversed(list(answers.items())))) == first
    items = list(answers.items())
    rnd.shuffle(items)
    assert score_assessment(spec, dict(items)) == first
    # answers to questions that are not in the questionnaire are ignored
    assert score_assessment(spec, {**dict(items), "stray": AnswerValue(text="x")}) == first


@PROPERTY
@given(st.data())
def test_scaling_the_question_weights_of_a_pillar_leaves_its_score_unchanged(data):
    spec, answers = data.draw(scenario_st())
    index = data.draw(st.integers(0, len(spec.pillars) - 1))
    factor = data.draw(st.floats(0.01, 100.0, allow_nan=False))
    pillar = spec.pillars[index]
    scaled = dataclasses.replace(
        pillar,
        questions=tuple(
            dataclasses.replace(question, weight=question.weight * factor)
            for question in pillar.questions
        ),
    )
    before = score_assessment(spec, answers)
    after = score_assessment(with_pillar(spec, index, scaled), answers)
    if before.pillars[index].score is None:
        assert after.pillars[index].score is None
    else:
        assert after.pillars[index].score == pytest.approx(before.pillars[index].score, abs=TOL)
    if before.overall is None:
        assert after.overall is None
    else:
        assert after.overall == pytest.approx(before.overall, abs=TOL)


@PROPERTY
@given(st.data())
def test_scaling_all_pillar_weights_leaves_the_overall_unchanged(data):
    spec, answers = data.draw(scenario_st())
    factor = data.draw(st.floats(0.01, 100.0, allow_nan=False))
    scaled = dataclasses.replace(
        spec, pillars=tuple(dataclasses.replace(p, weight=p.weight * factor) for p in spec.pillars)
    )
    before = score_assessment(spec, answers)
    after = score_assessment(scaled, answers)
    for pb, pa in zip(before.pillars, after.pillars, strict=True):
        assert pb.score == pa.score
    if before.overall is None:
        assert after.overall is None
    else:
        assert after.overall == pytest.approx(before.overall, abs=TOL)


@PROPERTY
@given(scenario_st())
def test_overall_is_the_weighted_mean_and_lies_between_the_scored_pillars(scenario):
    spec, answers = scenario
    result = score_assessment(spec, answers)
    counted = counted_pillars(result)
    if not counted:
        assert result.overall is None
        return
    scores = [p.score for p in counted]
    assert min(scores) <= result.overall <= max(scores)
    total = math.fsum(p.weight for p in counted)
    expected = math.fsum(p.weight * p.score for p in counted) / total
    assert result.overall == pytest.approx(expected, abs=TOL)
    # the level is the highest threshold the overall, as shown (one decimal, halves
    # up), reaches
    shown = Decimal(repr(result.overall)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    reached = [lv for lv in DEFAULT_LEVELS if shown >= Decimal(repr(lv.min_score))]
    assert result.level == max(reached, key=lambda lv: lv.min_score).name


@PROPERTY
@given(scenario_st())
def test_pillar_score_is_the_weighted_mean_of_its_question_scores(scenario):
    spec, answers = scenario
    result = score_assessment(spec, answers)
    for pillar in result.pillars:
        counted = [qs for qs in pillar.questions if qs.score is not None]
        assert all(qs.weight > 0 for qs in counted)
        if not counted:
            assert pillar.score is None
            continue
        expected = (
            100
            * math.fsum(qs.weight * qs.score for qs in counted)
            / math.fsum(qs.weight for qs in counted)
        )
        assert pillar.score == pytest.approx(expected, abs=TOL)


@PROPERTY
@given(scenario_st(complete=True))
def test_gaps_add_up_to_hundred_minus_overall_when_everything_is_answered(scenario):
    spec, answers = scenario
    result = score_assessment(spec, answers)
    gaps = [qs.gap for p in result.pillars for qs in p.questions]
    assert all(g >= 0.0 for g in gaps)
    if result.overall is None:
        assert all(g == 0.0 for g in gaps)
    else:
        assert math.fsum(gaps) == pytest.approx(100.0 - result.overall, abs=TOL)
    for p in result.pillars:
        for qs in p.questions:
            if qs.score == 1.0:
                assert qs.gap == 0.0


def test_the_level_follows_the_score_as_shown():
    """19.96 is shown as 20.0, so it reaches the level that starts at 20; 19.94 does not."""
    levels = tuple(DEFAULT_LEVELS)
    assert level_for(levels, Fraction(1996, 100)) == "Emerging"
    assert level_for(levels, 19.95) == "Emerging"  # halves round up
    assert level_for(levels, Fraction(1994, 100)) == "Beginner"
    assert published(Fraction(1996, 100)) == 20
    assert published(19.94) == Fraction(199, 10)
