"""Administrators' analytics: pure aggregations over plain rows, with pandas.

No ORM and no HTTP here: reports/analytics/queries.py reads the database (narrow columns,
and SQL aggregates where SQL does them well) and hands plain rows to these functions;
the pages and the tests share them.

The rules every figure follows:
- **One company, one voice.** Distributions, maturity levels and question means count
  each company once, by its latest submitted assessment among those the filters select
  (the store picks it). Submissions over time count every submission.
- **k-anonymity and honesty.** A statistic is shown only when it rests on at least
  `K_MIN` companies (the peer benchmarks' rule, counting companies, not assessments);
  a smaller or empty group is reported as such, never as a figure.
- Quartiles use pandas' default linear interpolation, as the benchmarks do. Box-plot
  whiskers reach the most extreme scores within 1.5 × IQR of the box (Tukey); scores
  beyond are counted as outliers.
- **Cohorts** (see `pair_cohort`): before = a participant's latest submitted assessment
  dated before the course starts; after = its latest dated on or after the course ends
  (or starts, when no end date is set), on the same questionnaire as the before, in any
  of its versions: pillar scores are compared by pillar code, which versions keep.
  Assessments during the course count as neither.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import pandas as pd

from reports.benchmarks.stats import K_MIN

OVERALL = "overall"
WHISKER = 1.5
BASE_COLUMNS = ("company_id", "country", "level", OVERALL)


# --- submissions over time ------------------------------------------------------------


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date  # the first day of the month
    submissions: int
    companies: int


def monthly_series(counts: Iterable[tuple[datetime.date, int, int]]) -> list[MonthCount]:
    """(month, submissions, companies) rows as every month from the first to the last,
    months without submissions filled in with zeros (a gap is a fact, not missing data)."""
    by_month = {_first_of_month(month): (n, c) for month, n, c in counts}
    if not by_month:
        return []
    out, month, last = [], min(by_month), max(by_month)
    while month <= last:
        n, c = by_month.get(month, (0, 0))
        out.append(MonthCount(month, int(n), int(c)))
        month = _next_month(month)
    return out


def _first_of_month(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.replace(day=1)


def _next_month(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)


# --- the latest assessment of each company ---------------------------------------------


def latest_frame(rows: Iterable[tuple[object, ...]], pillar_codes: Sequence[str]) -> pd.DataFrame:
    """A frame of (company_id, country, level, overall, *pillar scores) rows, one per company.

    Scores become floats with NaN for "no score", which pandas' statistics skip.
    """
    columns = [*BASE_COLUMNS, *pillar_codes]
    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    for code in (OVERALL, *pillar_codes):
        frame[code] = pd.to_numeric(frame[code], errors="coerce").astype("float64")
    return frame


@dataclass(frozen=True)
class BoxStats:
    low: float  # lower whisker
    q1: float
    median: float
    q3: float
    high: float  # upper whisker
    outliers: int  # scores beyond the whiskers


@dataclass(frozen=True)
class Distribution:
    code: str  # a pillar code, or "overall"
    name: str
    companies: int  # companies with a score
    stats: BoxStats | None  # None when fewer than K_MIN companies have a score

    @property
    def shown(self) -> bool:
        return self.stats is not None


def box_stats(values: pd.Series) -> BoxStats:
    values = values.dropna()
    q1, median, q3 = (float(v) for v in values.quantile([0.25, 0.5, 0.75]))
    reach = WHISKER * (q3 - q1)
    inside = values[(values >= q1 - reach) & (values <= q3 + reach)]
    return BoxStats(
        low=float(inside.min()),
        q1=q1,
        median=median,
        q3=q3,
        high=float(inside.max()),
        outliers=int(len(values) - len(inside)),
    )


def distributions(
    frame: pd.DataFrame, pillars: Sequence[tuple[str, str]], overall_name: str = "Overall"
) -> list[Distribution]:
    """A box plot's figures for the overall score and each (code, name) pillar."""
    out = []
    for code, name in [(OVERALL, overall_name), *pillars]:
        values = frame[code].dropna() if code in frame else pd.Series(dtype="float64")
        n = len(values)
        out.append(Distribution(code, name, n, box_stats(values) if n >= K_MIN else None))
    return out


# --- maturity levels by country --------------------------------------------------------


@dataclass(frozen=True)
class LevelRow:
    code: str  # a country code, or "" for every country together
    label: str
    companies: int
    counts: tuple[int, ...] | None  # per level, lowest first; None below K_MIN companies
    unscored: int = 0  # companies without an overall score, hence without a level

    @property
    def shown(self) -> bool:
        return self.counts is not None

    @property
    def shares(self) -> tuple[float, ...]:
        """Each level's share of the companies, in percent (0 when not shown)."""
        if not self.counts or not self.companies:
            return ()
        return tuple(100 * n / self.companies for n in self.counts)


def levels_by_country(
    frame: pd.DataFrame,
    levels: Sequence[str],
    countries: Sequence[tuple[str, str]],
    all_label: str = "All countries",
) -> list[LevelRow]:
    """How many companies reached each level, per (code, label) country and overall.

    Every country is listed, also those without companies, so an absence is visible.
    """
    table = pd.DataFrame()
    if len(frame):
        # A missing level (no overall score) or country still counts the company.
        table = pd.crosstab(frame["country"].fillna(""), frame["level"].fillna(""))
    rows = [_level_row(code, label, table, levels) for code, label in countries]
    totals = table.sum(axis=0) if len(table) else pd.Series(dtype="int64")
    rows.append(_level_row("", all_label, totals.to_frame("").T, levels))
    return rows


def _level_row(code: str, label: str, table: pd.DataFrame, levels: Sequence[str]) -> LevelRow:
    # A crosstab's row labels are unique, so one label selects one row: a Series.
    counts: pd.Series[int] = (
        cast("pd.Series[int]", table.loc[code]) if code in table.index else pd.Series(dtype="int64")
    )
    companies = int(counts.sum())
    per_level = tuple(int(counts.get(name, 0)) for name in levels)
    unscored = companies - sum(per_level)
    shown = per_level if companies >= K_MIN else None
    return LevelRow(code, label, companies, shown, unscored if shown else 0)


# --- weakest questions -----------------------------------------------------------------


@dataclass(frozen=True)
class QuestionInfo:
    code: str
    text: str
    pillar: str  # the pillar's name
    scored: bool = True  # free-text questions are never scored


@dataclass(frozen=True)
class QuestionMean:
    code: str
    text: str
    pillar: str
    mean: float  # mean share of the question's points, 0-1
    companies: int


@dataclass(frozen=True)
class Weakest:
    questions: list[QuestionMean]
    not_shown: int  # scored questions answered by fewer than K_MIN companies


def weakest_questions(
    questions: Sequence[QuestionInfo],
    means: Sequence[tuple[float | None, int]],
    limit: int = 10,
) -> Weakest:
    """The `limit` questions with the lowest mean share of points.

    `means` holds (mean score, companies with a score) per question, in the order of
    `questions`; a question leaves "not applicable" and unanswered ones out, while
    "don't know" counts as 0 (as in the scores). Ties go by question code.
    """
    ranked, not_shown = [], 0
    for question, (mean, companies) in zip(questions, means, strict=True):
        if not question.scored:
            continue
        if mean is None or companies < K_MIN:
            not_shown += 1
            continue
        ranked.append(
            QuestionMean(question.code, question.text, question.pillar, float(mean), companies)
        )
    ranked.sort(key=lambda q: (q.mean, q.code))
    return Weakest(ranked[:limit], not_shown)


# --- cohorts: before and after a course, paired by company -----------------------------


@dataclass(frozen=True)
class Submission:
    company_id: int
    version_id: int
    submitted_at: datetime.datetime
    on: datetime.date  # the local date of submission
    overall: float | None
    pillars: Mapping[str, float | None]  # by pillar code
    questionnaire: str  # the slug its versions share


@dataclass(frozen=True)
class Pair:
    company_id: int
    before: Submission
    after: Submission


@dataclass(frozen=True)
class Pairing:
    participants: int
    pairs: tuple[Pair, ...]
    before_only: int  # no assessment after the course (yet)
    after_only: int  # no assessment before the course
    other_questionnaire: int  # before and after on different questionnaires
    neither: int  # no assessment before nor after (none at all, or only during the course)


def pair_cohort(
    participants: Collection[int],
    submissions: Iterable[Submission],
    *,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> Pairing:
    """Pair each participant's assessment before the course with its one after.

    before: the latest submitted before `starts_on`; after: the latest submitted on or
    after `ends_on` (`starts_on` without an end date). The before is taken on the
    after's questionnaire, in any of its versions (pillar codes are kept across them).
    """
    end = max(ends_on or starts_on, starts_on)
    by_company: dict[int, list[Submission]] = defaultdict(list)
    for s in submissions:
        if s.company_id in participants:
            by_company[s.company_id].append(s)
    counts = {"before_only": 0, "after_only": 0, "other_questionnaire": 0, "neither": 0}
    pairs = []
    for company_id in sorted(participants):
        mine = sorted(by_company.get(company_id, []), key=lambda s: s.submitted_at)
        befores = [s for s in mine if s.on < starts_on]
        afters = [s for s in mine if s.on >= end]
        if not afters:
            counts["before_only" if befores else "neither"] += 1
            continue
        after = afters[-1]
        same = [s for s in befores if s.questionnaire == after.questionnaire]
        if same:
            pairs.append(Pair(company_id, same[-1], after))
        else:
            counts["other_questionnaire" if befores else "after_only"] += 1
    return Pairing(len(participants), tuple(pairs), **counts)


@dataclass(frozen=True)
class Change:
    code: str  # a pillar code, or "overall"
    name: str
    companies: int  # pairs with a score both before and after
    before: float | None  # means; None when fewer than K_MIN companies
    after: float | None
    change: float | None  # mean of each company's change
    improved: int | None  # companies whose score rose
    declined: int | None

    @property
    def shown(self) -> bool:
        return self.change is not None


def cohort_changes(
    pairs: Sequence[Pair], pillars: Sequence[tuple[str, str]], overall_name: str = "Overall"
) -> list[Change]:
    """Per pillar (and overall): the mean score before and after, the mean change, how
    many companies improved; pillars matched by code, whatever version each answered."""
    data = {OVERALL: ([p.before.overall for p in pairs], [p.after.overall for p in pairs])}
    for code, _ in pillars:
        data[code] = (
            [p.before.pillars.get(code) for p in pairs],
            [p.after.pillars.get(code) for p in pairs],
        )
    out = []
    for code, name in [(OVERALL, overall_name), *pillars]:
        frame = pd.DataFrame(
            {"before": data[code][0], "after": data[code][1]}, dtype="float64"
        ).dropna()
        n = len(frame)
        if n < K_MIN:
            out.append(Change(code, name, n, None, None, None, None, None))
            continue
        delta = frame["after"] - frame["before"]
        out.append(
            Change(
                code,
                name,
                n,
                before=float(frame["before"].mean()),
                after=float(frame["after"].mean()),
                change=float(delta.mean()),
                improved=int((delta > 0).sum()),
                declined=int((delta < 0).sum()),
            )
        )
    return out
