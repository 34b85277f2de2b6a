"""From stored answers to the frozen result of a submitted assessment.

The ORM is read here and only here; the arithmetic is scoring.py's. The result is a
plain JSON-ready dict holding everything the results page and the report need, so
editing or republishing the questionnaire later changes nothing about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from assessment import scoring
from assessment.advice_fit import FittedAdvice, fitting_advice
from assessment.frozen import (
    RESULT_FORMAT,
    FrozenPillar,
    FrozenProfile,
    FrozenQuestion,
    FrozenResult,
    QuestionStatus,
)

if TYPE_CHECKING:
    from assessment.models import (
        Answer,
        Assessment,
        MaturityLevel,
        Option,
        Pillar,
        Question,
        QuestionnaireVersion,
    )


def answer_values(answers: list[Answer]) -> dict[str, scoring.AnswerValue]:
    """Plain answer values keyed by question code (answers need options prefetched)."""
    return {
        a.question.code: scoring.AnswerValue(
            options=frozenset(o.code for o in a.options.all()),
            number=None if a.number is None else float(a.number),
            text=a.text,
        )
        for a in answers
    }


def load_answers(assessment: Assessment) -> list[Answer]:
    return list(assessment.answers.select_related("question").prefetch_related("options"))


@dataclass(frozen=True)
class VersionContent:
    """A version's pillars (questions and options prefetched) and levels, read once.

    Reading them is most of the cost of freezing one result; a caller freezing many
    results of one version (the demo data) reads them once and passes them in.
    """

    pillars: list[Pillar]
    levels: list[MaturityLevel]

    @classmethod
    def load(cls, version: QuestionnaireVersion) -> VersionContent:
        return cls(
            pillars=list(version.pillars.prefetch_related("questions__options__advice_variants")),
            levels=list(version.levels.all()),
        )

    @cached_property
    def spec(self) -> scoring.QuestionnaireSpec:
        return scoring.QuestionnaireSpec(
            pillars=tuple(p.to_spec() for p in self.pillars),
            levels=tuple(scoring.LevelSpec(lv.name, float(lv.min_score)) for lv in self.levels),
        )


def asked_codes(
    content: VersionContent, answers: list[Answer], profile: FrozenProfile
) -> frozenset[str]:
    """The codes of the questions this firm is asked, given its profile and answers."""
    spec = content.spec
    if not spec.has_conditions:
        return frozenset(q.code for p in spec.pillars for q in p.questions)
    return scoring.asked_codes(spec, answer_values(answers), dict(profile))


def compute(
    content: VersionContent, answers: list[Answer], profile: FrozenProfile
) -> scoring.AssessmentScore:
    # The profile as frozen with the result decides which conditional questions applied.
    return scoring.score_assessment(content.spec, answer_values(answers), dict(profile))


def freeze_result(assessment: Assessment) -> FrozenResult:
    version = assessment.questionnaire
    return build_result(
        version,
        VersionContent.load(version),
        load_answers(assessment),
        assessment.company.profile(),
    )


def build_result(
    version: QuestionnaireVersion,
    content: VersionContent,
    answers: list[Answer],
    profile: FrozenProfile,
) -> FrozenResult:
    """The frozen result of `answers` (options prefetched) on `version`, as stored."""
    by_question = {a.question_id: a for a in answers}
    score = compute(content, answers, profile)
    levels = content.levels
    result: FrozenResult = {
        "format": RESULT_FORMAT,
        "questionnaire": {"slug": version.slug, "number": version.number, "title": version.title},
        "profile": profile,
        "overall": _round(score.overall),
        "level": score.level,
        "levels": [
            {"name": lv.name, "min_score": float(lv.min_score), "description": lv.description}
            for lv in levels
        ],
        "pillars": [
            _pillar(pillar, score.pillar(pillar.code), by_question, levels, profile)
            for pillar in content.pillars
        ],
        "dont_know": list(score.dont_know),
    }
    return result


def _pillar(
    pillar: Pillar,
    pscore: scoring.PillarScore,
    by_question: dict[int, Answer],
    levels: list[MaturityLevel],
    profile: FrozenProfile,
) -> FrozenPillar:
    qscores = {q.code: q for q in pscore.questions}
    return {
        "code": pillar.code,
        "name": pillar.name,
        "description": pillar.description,
        "weight": float(pillar.weight),
        "score": _round(pscore.score),
        "level": scoring.level_for(
            tuple(scoring.LevelSpec(lv.name, float(lv.min_score)) for lv in levels), pscore.score
        ),
        "questions": [
            _question(q, qscores[q.code], by_question.get(q.pk), profile)
            for q in pillar.questions.all()
        ],
    }


def _question(
    question: Question, qs: scoring.QuestionScore, answer: Answer | None, profile: FrozenProfile
) -> FrozenQuestion:
    ticked = {o.pk for o in answer.options.all()} if answer else set()
    chosen = [o for o in question.options.all() if o.pk in ticked]
    if question.type == question.Type.NUMBER and answer is not None and answer.number is not None:
        band = scoring.band_for(question.to_spec(), float(answer.number))
        chosen = [o for o in question.options.all() if band and o.code == band.code]
    advice, advice_codes, advice_variants = _advice(chosen, profile)
    frozen: FrozenQuestion = {
        "code": question.code,
        "text": question.text,
        "type": question.type,
        "status": cast(QuestionStatus, str(qs.status)),
        "score": qs.score,
        "points": qs.points,
        "max_points": qs.max_points,
        "weight": qs.weight,
        "gap": _round(qs.gap, 3),
        "answer": {
            "options": [o.label for o in chosen],
            # Codes beside the English labels and advice, so that the results page and the
            # report can show them in another language (assessment/i18n/localise.py).
            "option_codes": [o.code for o in chosen],
            "number": None if answer is None or answer.number is None else float(answer.number),
            "unit": question.unit,
            "text": answer.text if answer else "",
        },
        "advice": advice,
        "advice_codes": advice_codes,
        "advice_variants": advice_variants,
        "aligned_with": question.aligned_with,
        # Who takes the plan's first step and what it costs (issue 14); results frozen
        # before these existed lack the keys, and the report then leaves them out.
        "step_who": question.step_who,
        "step_effort": question.step_effort,
    }
    # Only an answer that scores: "not applicable" or "don't know" has nothing missing.
    if question.type == question.Type.MULTIPLE and str(qs.status) == "scored":
        _add_missing(frozen, question, chosen, profile)
    return frozen


def _add_missing(
    frozen: FrozenQuestion, question: Question, chosen: list[Option], profile: FrozenProfile
) -> None:
    """For a "tick all that apply" answer: the items not ticked, most useful first.

    Only items that earn points and suit the firm's size band and sector
    (`Option.suits`); the most points first, then questionnaire order. A ticked
    "none of these" leads the advice with its own (how to start), unless it is marked
    as not suiting the firm either.
    """
    size, sector = profile.get("size_band"), profile.get("sector")
    ticked = {o.pk for o in chosen}
    missing = sorted(
        (
            o
            for o in question.options.all()
            if o.pk not in ticked
            and o.kind == o.Kind.NORMAL
            and o.points > 0
            and o.suits(size, sector)
        ),
        key=lambda o: -o.points,  # stable: ties keep questionnaire order
    )
    starts = [o for o in chosen if o.kind == o.Kind.NONE and o.suits(size, sector)]
    frozen["missing"] = [o.label for o in missing]
    frozen["missing_codes"] = [o.code for o in missing]
    advice, codes, variants = _advice(starts + missing, profile)
    frozen["missing_advice"] = advice
    frozen["missing_advice_codes"] = codes
    frozen["missing_advice_variants"] = variants


def _fitted(option: Option, profile: FrozenProfile) -> FittedAdvice:
    """The option's advice for this firm: its own, or the variant for its size or sector."""
    return fitting_advice(
        option.advice,
        [v.to_spec() for v in option.advice_variants.all()],
        profile.get("size_band"),
        profile.get("sector"),
    )


def _advice(
    options: list[Option], profile: FrozenProfile
) -> tuple[list[str], list[str], list[int]]:
    """The advice that fits the firm for each option that has some, with the option codes
    and variant numbers (0: the option's own) that localise it."""
    fitted = [(o, a) for o in options if (a := _fitted(o, profile)).text]
    return (
        [a.text for _o, a in fitted],
        [o.code for o, _a in fitted],
        [a.variant for _o, a in fitted],
    )


def figures_of(result: FrozenResult | Mapping[str, Any]) -> dict[str, Any]:
    """The few numbers analytics reads, kept beside the frozen result in `Assessment.figures`.

    Why a copy: the frozen result is some 30 KB of JSON per assessment, which PostgreSQL
    stores compressed out of line, so reading even one key of it decompresses the whole
    value (about 3 s per key over 100,000 assessments). These figures take under 1 KB
    and stay in the row. Scores are listed by position, in the order the result lists
    pillars and questions (the version's order, fixed once it has answers), so that a
    question's mean is a cheap positional lookup in SQL.
    """
    profile = result.get("profile") or {}
    pillars = result.get("pillars") or []
    return {
        "country": profile.get("country"),
        "sector": profile.get("sector"),
        "size_band": profile.get("size_band"),
        "pillars": [p.get("score") for p in pillars],
        "questions": [q.get("score") for p in pillars for q in p.get("questions") or []],
    }


def _round(value: float | None, places: int = 1) -> float | None:
    if value is None:
        return None
    # Scores use the same rounding the levels are read from (scoring.published).
    return float(scoring.published(value)) if places == 1 else round(value, places)
