"""Analytics aggregations as pure functions: no database, figures worked out by hand."""

from __future__ import annotations

import datetime

import pytest

from assessment.results import figures_of
from reports.analytics.stats import (
    K_MIN,
    QuestionInfo,
    Submission,
    box_stats,
    cohort_changes,
    distributions,
    latest_frame,
    levels_by_country,
    monthly_series,
    pair_cohort,
    weakest_questions,
)

D = datetime.date
UTC = datetime.UTC
PILLARS = [("infrastructure", "Digital infrastructure"), ("talent", "Digital talent")]
LEVELS = ["Beginner", "Emerging", "Developing"]
COUNTRIES = [("LA", "Lao PDR"), ("TH", "Thailand"), ("VN", "Viet Nam")]


# --- submissions over time ------------------------------------------------------------


def test_months_without_submissions_are_filled_with_zeros():
    series = monthly_series([(D(2025, 11, 1), 3, 2), (D(2026, 2, 1), 1, 1)])
    assert [(m.month, m.submissions, m.companies) for m in series] == [
        (D(2025, 11, 1), 3, 2),
        (D(2025, 12, 1), 0, 0),
        (D(2026, 1, 1), 0, 0),
        (D(2026, 2, 1), 1, 1),
    ]


def test_no_submissions_give_an_empty_series():
    assert monthly_series([]) == []


def test_a_month_given_as_a_datetime_counts_as_its_first_day():
    [month] = monthly_series([(datetime.datetime(2026, 3, 1, tzinfo=UTC), 4, 4)])
    assert month.month == D(2026, 3, 1)


# --- distributions ----------------------------------------------------------------------


def frame(rows):
    return latest_frame(rows, [code for code, _ in PILLARS])


def test_box_stats_interpolate_quartiles_and_stop_whiskers_at_one_and_a_half_iqr():
    import pandas as pd

    # Quartiles of 10, 20, 30, 40, 50, 100: q1 22.5, median 35, q3 47.5 (linear);
    # 1.5 × IQR = 37.5, so the upper fence is 85: 100 is an outlier, the whisker stops at 50.
    stats = box_stats(pd.Series([10, 20, 30, 40, 50, 100], dtype="float64"))
    assert (stats.low, stats.q1, stats.median, stats.q3, stats.high) == (
        10,
        22.5,
        35,
        47.5,
        50,
    )
    assert stats.outliers == 1


def test_distributions_need_five_companies_with_a_score():
    rows = [(i, "LA", "Emerging", 30.0 + i, 40.0 + i, None if i < 2 else 20.0) for i in range(5)]
    overall, infrastructure, talent = distributions(frame(rows), PILLARS)
    assert (overall.code, overall.companies, overall.shown) == ("overall", 5, True)
    assert overall.stats.median == 32
    assert infrastructure.stats.median == 42
    # Only three companies have a talent score: counted, but no figure is shown.
    assert (talent.companies, talent.shown, talent.stats) == (3, False, None)


def test_distributions_of_no_companies_are_empty_not_zero():
    for d in distributions(frame([]), PILLARS):
        assert (d.companies, d.stats) == (0, None)


def test_a_score_stored_as_text_or_null_is_read_as_a_number_or_missing():
    rows = [(1, "LA", "Emerging", "31.5", None, "12")]
    f = frame(rows)
    assert f.loc[0, "overall"] == 31.5
    assert f["infrastructure"].isna().all()
    assert f.loc[0, "talent"] == 12


# --- maturity levels --------------------------------------------------------------------


def test_levels_by_country_show_counts_only_from_five_companies():
    rows = [(i, "TH", LEVELS[i % 3], 50.0, 50.0, 50.0) for i in range(6)]
    rows += [(10 + i, "LA", "Beginner", 10.0, 10.0, 10.0) for i in range(4)]
    lao, thailand, vietnam, everyone = levels_by_country(frame(rows), LEVELS, COUNTRIES)
    assert (lao.companies, lao.shown, lao.counts) == (4, False, None)
    assert (thailand.companies, thailand.counts) == (6, (2, 2, 2))
    assert thailand.shares == pytest.approx((100 / 3, 100 / 3, 100 / 3))
    # A country without companies is listed, as empty.
    assert (vietnam.label, vietnam.companies, vietnam.shown) == ("Viet Nam", 0, False)
    assert (everyone.code, everyone.label) == ("", "All countries")
    assert (everyone.companies, everyone.counts) == (10, (6, 2, 2))


def test_a_company_without_a_level_counts_as_unscored():
    rows = [(i, "TH", "Emerging", 30.0, 30.0, 30.0) for i in range(5)]
    rows.append((9, "TH", "", None, None, None))
    thailand = levels_by_country(frame(rows), LEVELS, COUNTRIES)[1]
    assert (thailand.companies, thailand.counts, thailand.unscored) == (6, (0, 5, 0), 1)


def test_levels_of_no_companies():
    rows = levels_by_country(frame([]), LEVELS, COUNTRIES)
    assert [(r.companies, r.shown) for r in rows] == [(0, False)] * 4


# --- weakest questions -----------------------------------------------------------------


def question(code: str, scored: bool = True) -> QuestionInfo:
    return QuestionInfo(code, f"Text of {code}", "Pillar", scored)


def test_the_weakest_questions_are_the_lowest_means_answered_by_five_companies():
    questions = [question(f"q{i}") for i in range(14)] + [question("free", scored=False)]
    means = [(0.9 - i * 0.05, 20) for i in range(14)] + [(None, 0)]
    means[13] = (0.01, K_MIN - 1)  # the lowest mean, but from four companies
    result = weakest_questions(questions, means)
    assert [q.code for q in result.questions] == [f"q{i}" for i in range(12, 2, -1)]
    assert result.questions[0].mean == pytest.approx(0.3)
    assert result.not_shown == 1  # the free-text question is not counted as left out


def test_equal_means_are_ordered_by_code():
    questions = [question("b"), question("a"), question("c")]
    result = weakest_questions(questions, [(0.5, 9), (0.5, 9), (0.2, 9)], limit=3)
    assert [q.code for q in result.questions] == ["c", "a", "b"]


def test_no_question_with_five_companies_leaves_the_list_empty():
    result = weakest_questions([question("a"), question("b")], [(0.1, 3), (None, 0)])
    assert (result.questions, result.not_shown) == ([], 2)


# --- cohorts ----------------------------------------------------------------------------

START, END = D(2026, 3, 2), D(2026, 4, 10)


def sub(
    company: int,
    day: D,
    overall: float,
    *pillars,
    version: int = 1,
    questionnaire: str = "q",
    codes=("infrastructure", "talent"),
):
    at = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    scores = dict(zip(codes, pillars, strict=False))
    return Submission(company, version, at, day, overall, scores, questionnaire)


def test_pairs_take_the_latest_before_the_start_and_the_latest_after_the_end():
    subs = [
        sub(1, D(2025, 12, 1), 10, 10, 10),
        sub(1, D(2026, 2, 20), 20, 20, 20),  # latest before: this one
        sub(1, D(2026, 3, 15), 25, 25, 25),  # during the course: neither
        sub(1, D(2026, 4, 10), 30, 30, 30),  # on the last day counts as after
        sub(1, D(2026, 6, 1), 40, 40, 40),  # latest after: this one
    ]
    pairing = pair_cohort({1}, subs, starts_on=START, ends_on=END)
    [pair] = pairing.pairs
    assert (pair.before.overall, pair.after.overall) == (20, 40)
    assert pairing.participants == 1


def test_a_submission_on_the_first_day_of_the_course_is_not_before():
    subs = [sub(1, START, 20, 20, 20), sub(1, D(2026, 5, 1), 30, 30, 30)]
    pairing = pair_cohort({1}, subs, starts_on=START, ends_on=END)
    assert (pairing.pairs, pairing.after_only) == ((), 1)


def test_without_an_end_date_after_counts_from_the_start():
    subs = [sub(1, D(2026, 3, 1), 20, 20, 20), sub(1, START, 30, 30, 30)]
    [pair] = pair_cohort({1}, subs, starts_on=START, ends_on=None).pairs
    assert pair.after.on == START


def test_the_before_is_taken_on_the_questionnaire_of_the_after_in_any_version():
    subs = [
        sub(1, D(2026, 1, 5), 10, 10, 10, version=1),
        sub(1, D(2026, 2, 5), 15, 15, 15, version=2),  # latest before, on another version
        sub(1, D(2026, 5, 5), 30, 30, 30, version=1),
        sub(2, D(2026, 2, 5), 15, 15, 15, questionnaire="other"),
        sub(2, D(2026, 5, 5), 30, 30, 30),
    ]
    pairing = pair_cohort({1, 2}, subs, starts_on=START, ends_on=END)
    [pair] = pairing.pairs
    assert (pair.company_id, pair.before.overall) == (1, 15)
    assert pairing.other_questionnaire == 1


def test_cohort_changes_match_pillars_by_code_across_versions():
    # v2 put the pillars in another order and added one; each is compared by its code.
    pairs = pair_cohort(
        set(range(1, 6)),
        [
            *(sub(c, D(2026, 1, 5), 20, 10, 40, version=1) for c in range(1, 6)),
            *(
                sub(
                    c,
                    D(2026, 5, 5),
                    30,
                    50,
                    20,
                    70,
                    version=2,
                    codes=("talent", "green", "infrastructure"),
                )
                for c in range(1, 6)
            ),
        ],
        starts_on=START,
        ends_on=END,
    ).pairs
    overall, infrastructure, talent = cohort_changes(pairs, PILLARS)
    assert (infrastructure.before, infrastructure.after) == (10, 70)
    assert (talent.before, talent.after) == (40, 50)
    assert overall.change == 10


def test_participants_without_a_pair_are_counted_by_reason():
    subs = [
        sub(1, D(2026, 1, 5), 10, 10, 10),  # before only
        sub(2, D(2026, 5, 5), 10, 10, 10),  # after only
        sub(3, D(2026, 3, 20), 10, 10, 10),  # only during the course
        sub(99, D(2026, 1, 5), 10, 10, 10),  # not a participant: ignored
        sub(99, D(2026, 5, 5), 10, 10, 10),
    ]
    pairing = pair_cohort({1, 2, 3, 4}, subs, starts_on=START, ends_on=END)
    assert pairing.pairs == ()
    assert (pairing.before_only, pairing.after_only, pairing.neither) == (1, 1, 2)
    assert pairing.participants == 4


def pairs_of(changes_by_company):
    subs = []
    for company, (before, after) in enumerate(changes_by_company, start=1):
        subs.append(sub(company, D(2026, 1, 5), before[0], *before[1:]))
        subs.append(sub(company, D(2026, 5, 5), after[0], *after[1:]))
    ids = set(range(1, len(changes_by_company) + 1))
    return pair_cohort(ids, subs, starts_on=START, ends_on=END).pairs


def test_cohort_changes_give_means_and_how_many_improved():
    pairs = pairs_of(
        [
            ((20, 10, 30), (30, 30, 30)),
            ((30, 20, 40), (35, 30, 35)),
            ((40, 30, 50), (40, 40, 50)),
            ((50, 40, 60), (60, 50, 70)),
            ((60, 50, None), (70, 50, 80)),  # no talent score before
        ]
    )
    overall, infrastructure, talent = cohort_changes(pairs, PILLARS)
    assert (overall.before, overall.after, overall.change) == (40, 47, 7)
    assert (overall.improved, overall.declined, overall.companies) == (4, 0, 5)
    assert infrastructure.change == pytest.approx(10)
    assert (infrastructure.improved, infrastructure.declined) == (4, 0)
    # Only four companies have a talent score both times: not shown.
    assert (talent.companies, talent.shown, talent.change, talent.improved) == (
        4,
        False,
        None,
        None,
    )


def test_cohort_changes_count_declines():
    pairs = pairs_of([((50, 50, 50), (40, 40, 40))] * 5)
    overall = cohort_changes(pairs, PILLARS)[0]
    assert (overall.change, overall.improved, overall.declined) == (-10, 0, 5)


def test_cohort_changes_of_no_pairs_show_nothing():
    assert [c.shown for c in cohort_changes([], PILLARS)] == [False, False, False]


# --- the compact figures ------------------------------------------------------------------


def test_figures_keep_the_profile_and_scores_by_position():
    result = {
        "profile": {"country": "LA", "sector": "creative", "size_band": "micro", "name": "X"},
        "overall": 40.0,
        "pillars": [
            {"code": "a", "score": 50.0, "questions": [{"score": 0.5}, {"score": None}]},
            {"code": "b", "score": None, "questions": [{"score": 0.0}]},
        ],
    }
    assert figures_of(result) == {
        "country": "LA",
        "sector": "creative",
        "size_band": "micro",
        "pillars": [50.0, None],
        "questions": [0.5, None, 0.0],
    }
