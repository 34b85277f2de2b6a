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
- pillar score = 100 * sum(w_i * s_i) / sum(w_i) over answered, applicable, scored items;
- overall score = mean of the pillar scores weighted by pillar weight, over the
  pillars that have a score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True)
class LevelSpec:
    name: str
    min_score: float  # a score at or above this reaches the level


@dataclass(frozen=True)
class QuestionnaireSpec:
    pillars: tuple[PillarSpec, ...]
    levels: tuple[LevelSpec, ...] = ()


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


def question_points(question: QuestionSpec, answer: AnswerValue | None) -> tuple[Status, float]:
    """The status of an answer and the raw points it earns (0 when not scored)."""
    if not question.scored:
        return Status.UNSCORED, 0.0
    if answer is None:
        return Status.UNANSWERED, 0.0
    if _special(question, answer, OptionKind.NOT_APPLICABLE):
        return Status.NOT_APPLICABLE, 0.0
    if _special(question, answer, OptionKind.DONT_KNOW):
        return Status.DONT_KNOW, 0.0
    if question.type == QuestionType.NUMBER:
        if answer.number is None:
            return Status.UNANSWERED, 0.0
        band = band_for(question, answer.number)
        return Status.SCORED, band.points if band else 0.0
    chosen = [o for o in (question.option(c) for c in answer.options) if o is not None]
    if not chosen:
        return Status.UNANSWERED, 0.0
    if question.type == QuestionType.MULTIPLE:
        normal = [o.points for o in chosen if o.kind == OptionKind.NORMAL]
        if normal:
            return Status.SCORED, min(sum(normal), question.max_points)
        return Status.SCORED, max(o.points for o in chosen)  # "none of these"
    # Single-answer types: a tampered multi-pick is scored by its best option, which
    # forms reject anyway; scoring must stay total and deterministic.
    return Status.SCORED, max(o.points for o in chosen)


def score_question(question: QuestionSpec, answer: AnswerValue | None) -> QuestionScore:
    status, points = question_points(question, answer)
    if status in (Status.SCORED, Status.DONT_KNOW):
        fraction = min(max(points / question.max_points, 0.0), 1.0)
        return QuestionScore(
            question.code, status, fraction, points, question.max_points, question.weight
        )
    return QuestionScore(question.code, status, None, None, question.max_points, question.weight)


def level_for(levels: tuple[LevelSpec, ...], score: float | None) -> str | None:
    if score is None:
        return None
    reached = [lv for lv in levels if score >= lv.min_score]
    return max(reached, key=lambda lv: lv.min_score).name if reached else None


def score_pillar(pillar: PillarSpec, answers: Mapping[str, AnswerValue]) -> PillarScore:
    scores = tuple(score_question(q, answers.get(q.code)) for q in pillar.questions)
    counted = [s for s in scores if s.score is not None]
    total_weight = sum(s.weight for s in counted)
    if total_weight <= 0:
        return PillarScore(pillar.code, None, pillar.weight, scores)
    value = 100.0 * sum(s.weight * s.score for s in counted) / total_weight  # type: ignore[operator]
    return PillarScore(pillar.code, _clamp(value), pillar.weight, scores)


def score_assessment(
    questionnaire: QuestionnaireSpec, answers: Mapping[str, AnswerValue]
) -> AssessmentScore:
    pillars = [score_pillar(p, answers) for p in questionnaire.pillars]
    counted = [p for p in pillars if p.score is not None and p.weight > 0]
    pillar_weight = sum(p.weight for p in counted)
    overall = None
    if pillar_weight > 0:
        overall = _clamp(sum(p.weight * p.score for p in counted) / pillar_weight)  # type: ignore[operator]
    with_gaps = tuple(
        _with_gaps(p, p.weight / pillar_weight if p in counted else 0.0) for p in pillars
    )
    return AssessmentScore(overall, level_for(questionnaire.levels, overall), with_gaps)


def _with_gaps(pillar: PillarScore, pillar_share: float) -> PillarScore:
    counted = [q for q in pillar.questions if q.score is not None]
    weight = sum(q.weight for q in counted)
    if weight <= 0:
        return pillar
    questions = tuple(
        _replace_gap(q, 100.0 * pillar_share * (q.weight / weight) * (1.0 - q.score))
        if q.score is not None
        else q
        for q in pillar.questions
    )
    return PillarScore(pillar.code, pillar.score, pillar.weight, questions)


def _replace_gap(q: QuestionScore, gap: float) -> QuestionScore:
    return QuestionScore(q.code, q.status, q.score, q.points, q.max_points, q.weight, gap)


def _clamp(value: float) -> float:
    # Float sums can stray a hair past the bounds (100.00000000000001).
    return min(max(value, 0.0), 100.0)
