"""The scoring method of PRODUCT.md, as pure functions over plain data.

Nothing here touches the ORM or HTTP, so the results page, the PDF, the exports and
the property tests all share one implementation. The method:

- an option carries points from 0 to its question's maximum; a question scores
  points / maximum, in [0, 1];
- multiple choice sums the ticked options, capped at the maximum; an exclusive
  "none of these" option scores its own points (normally 0);
- a number question scores the points of the band its value falls in;
- "not applicable" leaves the question out of numerator and denominator;
- "don't know" scores 0 and is listed as something to find out;
- free text is never scored; unanswered questions are left out like "not applicable";
- a question whose condition (`show_if`, conditions.py) does not hold for the firm is
  not asked and left out the same way; its stored answer, if any, is kept but ignored;
- pillar score = 100 * sum(w_i * s_i) / sum(w_i) over answered, applicable, scored items;
- overall score = mean of the pillar scores weighted by pillar weight, over the
  pillars that have a score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from assessment import conditions


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    YES_NO = "yes_no"
    NUMBER = "number"
    TEXT = "text"


class OptionKind(StrEnum):
    NORMAL = "normal"
    NONE = "none"  # exclusive "none of these" in a multiple-choice question
    NOT_APPLICABLE = "not_applicable"
    DONT_KNOW = "dont_know"


class Status(StrEnum):
    SCORED = "scored"
    NOT_APPLICABLE = "not_applicable"
    DONT_KNOW = "dont_know"
    UNANSWERED = "unanswered"
    UNSCORED = "unscored"  # free text
    NOT_ASKED = "not_asked"  # its condition does not hold for this firm


@dataclass(frozen=True)
class OptionSpec:
    code: str
    points: float = 0
    kind: OptionKind = OptionKind.NORMAL
    band_min: float | None = None  # number questions: inclusive lower bound of the band
    band_max: float | None = None  # number questions: exclusive upper bound, None = open


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    type: QuestionType
    max_points: float
    options: tuple[OptionSpec, ...] = ()
    weight: float = 1.0
    # When the question applies (conditions.py); not hashed: a mapping cannot be.
    show_if: Mapping[str, Any] | None = field(default=None, hash=False)

    @property
    def scored(self) -> bool:
        return self.type != QuestionType.TEXT and self.max_points > 0 and self.weight > 0

    def option(self, code: str) -> OptionSpec | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class PillarSpec:
    code: str
    questions: tuple[QuestionSpec, ...]
    weight: float = 1.0
    show_if: Mapping[str, Any] | None = field(default=None, hash=False)


@dataclass(frozen=True)
class LevelSpec:
    name: str
    min_score: float  # a score at or above this reaches the level


@dataclass(frozen=True)
class QuestionnaireSpec:
    pillars: tuple[PillarSpec, ...]
    levels: tuple[LevelSpec, ...] = ()

    @property
    def has_conditions(self) -> bool:
        return any(p.show_if or any(q.show_if for q in p.questions) for p in self.pillars)


@dataclass(frozen=True)
class AnswerValue:
    """What a respondent gave: chosen option codes, a number, or free text."""

    options: frozenset[str] = frozenset()
    number: float | None = None
    text: str = ""


@dataclass(frozen=True)
class QuestionScore:
    code: str
    status: Status
    score: float | None  # in [0, 1] when status is SCORED or DONT_KNOW
    points: float | None
    max_points: float
    weight: float
    # Points of the overall score (0-100) this question loses against a perfect answer.
    gap: float = 0.0


@dataclass(frozen=True)
class PillarScore:
    code: str
    score: float | None  # None when no question of the pillar could be scored
    weight: float
    questions: tuple[QuestionScore, ...] = field(default=())


@dataclass(frozen=True)
class AssessmentScore:
    overall: float | None
    level: str | None
    pillars: tuple[PillarScore, ...]

    def pillar(self, code: str) -> PillarScore:
        return next(p for p in self.pillars if p.code == code)

    @property
    def dont_know(self) -> tuple[str, ...]:
        return tuple(
            q.code for p in self.pillars for q in p.questions if q.status == Status.DONT_KNOW
        )


def _special(question: QuestionSpec, answer: AnswerValue, kind: OptionKind) -> bool:
    return any(
        (opt := question.option(code)) is not None and opt.kind == kind for code in answer.options
    )


def band_for(question: QuestionSpec, value: float) -> OptionSpec | None:
    """The band option of a number question that holds value, if any."""
    for opt in question.options:
        if opt.kind != OptionKind.NORMAL or opt.band_min is None:
            continue
        if value >= opt.band_min and (opt.band_max is None or value < opt.band_max):
            return opt
    return None


def _exact(value: float | int | Decimal | Fraction) -> Fraction:
    """An exact rational for a figure as it was written (0.1 is 1/10, not its float).

    All arithmetic is exact, so the same answers give the same figures in any order,
    and a score that is exactly 60 reaches a level whose threshold is 60.
    """
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


_ZERO, _ONE, _HUNDRED = Fraction(0), Fraction(1), Fraction(100)


def question_points(question: QuestionSpec, answer: AnswerValue | None) -> tuple[Status, Fraction]:
    """The status of an answer and the raw points it earns (0 when not scored)."""
    if not question.scored:
        return Status.UNSCORED, _ZERO
    if answer is None:
        return Status.UNANSWERED, _ZERO
    if _special(question, answer, OptionKind.NOT_APPLICABLE):
        return Status.NOT_APPLICABLE, _ZERO
    if _special(question, answer, OptionKind.DONT_KNOW):
        return Status.DONT_KNOW, _ZERO
    if question.type == QuestionType.NUMBER:
        if answer.number is None:
            return Status.UNANSWERED, _ZERO
        band = band_for(question, answer.number)
        return Status.SCORED, _exact(band.points) if band else _ZERO
    chosen = [o for o in (question.option(c) for c in answer.options) if o is not None]
    if not chosen:
        return Status.UNANSWERED, _ZERO
    if question.type == QuestionType.MULTIPLE:
        normal = [_exact(o.points) for o in chosen if o.kind == OptionKind.NORMAL]
        if normal:
            return Status.SCORED, min(sum(normal, _ZERO), _exact(question.max_points))
        return Status.SCORED, max(_exact(o.points) for o in chosen)  # "none of these"
    # Single-answer types: a tampered multi-pick is scored by its best option, which
    # forms reject anyway; scoring must stay total and deterministic.
    return Status.SCORED, max(_exact(o.points) for o in chosen)


def _question_fraction(
    question: QuestionSpec, answer: AnswerValue | None, asked: bool = True
) -> tuple[Status, Fraction | None, Fraction | None]:
    if not asked:
        return Status.NOT_ASKED, None, None
    status, points = question_points(question, answer)
    if status not in (Status.SCORED, Status.DONT_KNOW):
        return status, None, None
    return status, min(max(points / _exact(question.max_points), _ZERO), _ONE), points


def _question_score(
    question: QuestionSpec,
    status: Status,
    fraction: Fraction | None,
    points: Fraction | None,
    gap: Fraction = _ZERO,
) -> QuestionScore:
    return QuestionScore(
        question.code,
        status,
        None if fraction is None else float(fraction),
        None if points is None else float(points),
        question.max_points,
        question.weight,
        float(gap),
    )


def score_question(question: QuestionSpec, answer: AnswerValue | None) -> QuestionScore:
    return _question_score(question, *_question_fraction(question, answer))


def published(score: float | Fraction) -> Fraction:
    """A score as it is shown: one decimal place, halves rounded up.

    Levels are read from this figure, so an SME shown 20.0 is never told it is below
    the level that starts at 20 (its exact score may be 19.96). Rounding never lowers a
    higher score below a lower one, so improving an answer still never lowers a level.
    """
    return Fraction(math.floor(_exact(score) * 10 + Fraction(1, 2)), 10)


def level_for(levels: tuple[LevelSpec, ...], score: float | Fraction | None) -> str | None:
    """The highest level whose threshold the score, as shown, reaches."""
    if score is None:
        return None
    exact = published(score)
    reached = [lv for lv in levels if exact >= _exact(lv.min_score)]
    return max(reached, key=lambda lv: _exact(lv.min_score)).name if reached else None


@dataclass(frozen=True)
class _ExactPillar:
    spec: PillarSpec
    score: Fraction | None
    # (question, status, fraction, points) for every question, in order
    questions: tuple[tuple[QuestionSpec, Status, Fraction | None, Fraction | None], ...]


def _pillar_exact(
    pillar: PillarSpec, answers: Mapping[str, AnswerValue], asked: frozenset[str] | None = None
) -> _ExactPillar:
    rows = tuple(
        (q, *_question_fraction(q, answers.get(q.code), asked is None or q.code in asked))
        for q in pillar.questions
    )
    counted = [(_exact(q.weight), f) for q, _, f, _ in rows if f is not None]
    total = sum((w for w, _ in counted), _ZERO)
    if total <= 0:
        return _ExactPillar(pillar, None, rows)
    return _ExactPillar(pillar, _HUNDRED * sum((w * f for w, f in counted), _ZERO) / total, rows)


def _public(exact: _ExactPillar, pillar_share: Fraction) -> PillarScore:
    """Float figures for callers; gaps are the overall points each question loses."""
    counted_weight = sum(
        (_exact(q.weight) for q, _, f, _ in exact.questions if f is not None), _ZERO
    )
    questions = []
    for q, status, fraction, points in exact.questions:
        gap = _ZERO
        if fraction is not None and counted_weight > 0:
            gap = _HUNDRED * pillar_share * _exact(q.weight) / counted_weight * (_ONE - fraction)
        questions.append(_question_score(q, status, fraction, points, gap))
    score = None if exact.score is None else float(exact.score)
    return PillarScore(exact.spec.code, score, exact.spec.weight, tuple(questions))


def score_pillar(pillar: PillarSpec, answers: Mapping[str, AnswerValue]) -> PillarScore:
    return _public(_pillar_exact(pillar, answers), _ZERO)


def asked_codes(
    questionnaire: QuestionnaireSpec,
    answers: Mapping[str, AnswerValue],
    profile: Mapping[str, Any],
) -> frozenset[str]:
    """The codes of the questions that apply to this firm, given its profile and answers."""
    return conditions.visible_codes(
        [
            conditions.Conditional(q.code, p.code, q.show_if, p.show_if)
            for p in questionnaire.pillars
            for q in p.questions
        ],
        profile,
        {code: conditions.Answer(a.options, a.number) for code, a in answers.items()},
    )


def score_assessment(
    questionnaire: QuestionnaireSpec,
    answers: Mapping[str, AnswerValue],
    profile: Mapping[str, Any] | None = None,
) -> AssessmentScore:
    """Scores of these answers; with conditions, `profile` decides what applies."""
    asked = None
    if questionnaire.has_conditions:
        if profile is None:
            # Guessing either way would score questions the firm was never asked.
            raise ValueError("A questionnaire with conditions is scored with the profile.")
        asked = asked_codes(questionnaire, answers, profile)
    pillars = [_pillar_exact(p, answers, asked) for p in questionnaire.pillars]
    counted = [p for p in pillars if p.score is not None and p.spec.weight > 0]
    pillar_weight = sum((_exact(p.spec.weight) for p in counted), _ZERO)
    overall = None
    if pillar_weight > 0:
        overall = sum((_exact(p.spec.weight) * p.score for p in counted), _ZERO) / pillar_weight  # type: ignore[operator]
    public = tuple(
        _public(p, _exact(p.spec.weight) / pillar_weight if p in counted else _ZERO)
        for p in pillars
    )
    return AssessmentScore(
        None if overall is None else float(overall),
        level_for(questionnaire.levels, overall),
        public,
    )
