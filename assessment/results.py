"""From stored answers to the frozen result of a submitted assessment.

The ORM is read here and only here; the arithmetic is scoring.py's. The result is a
plain JSON-ready dict holding everything the results page and the report need, so
editing or republishing the questionnaire later changes nothing about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessment import scoring

if TYPE_CHECKING:
    from assessment.models import Answer, Assessment, Question, QuestionnaireVersion

RESULT_FORMAT = 1


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


def compute(
    version: QuestionnaireVersion, answers: list[Answer]
) -> tuple[scoring.AssessmentScore, list]:
    pillars = list(version.pillars.prefetch_related("questions__options"))
    spec = scoring.QuestionnaireSpec(
        pillars=tuple(p.to_spec() for p in pillars),
        levels=tuple(
            scoring.LevelSpec(lv.name, float(lv.min_score)) for lv in version.levels.all()
        ),
    )
    return scoring.score_assessment(spec, answer_values(answers)), pillars


def freeze_result(assessment: Assessment) -> dict[str, Any]:
    version = assessment.questionnaire
    answers = load_answers(assessment)
    by_question = {a.question_id: a for a in answers}
    score, pillars = compute(version, answers)
    levels = list(version.levels.all())
    return {
        "format": RESULT_FORMAT,
        "questionnaire": {"slug": version.slug, "number": version.number, "title": version.title},
        "profile": assessment.company.profile(),
        "overall": _round(score.overall),
        "level": score.level,
        "levels": [
            {"name": lv.name, "min_score": float(lv.min_score), "description": lv.description}
            for lv in levels
        ],
        "pillars": [
            _pillar(pillar, score.pillar(pillar.code), by_question, levels) for pillar in pillars
        ],
        "dont_know": list(score.dont_know),
    }


def _pillar(pillar, pscore: scoring.PillarScore, by_question, levels) -> dict[str, Any]:
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
            _question(q, qscores[q.code], by_question.get(q.pk)) for q in pillar.questions.all()
        ],
    }


def _question(question: Question, qs: scoring.QuestionScore, answer: Answer | None) -> dict:
    chosen = [o for o in question.options.all() if answer and o in answer.options.all()]
    if question.type == question.Type.NUMBER and answer is not None and answer.number is not None:
        band = scoring.band_for(question.to_spec(), float(answer.number))
        chosen = [o for o in question.options.all() if band and o.code == band.code]
    return {
        "code": question.code,
        "text": question.text,
        "type": question.type,
        "status": str(qs.status),
        "score": qs.score,
        "points": qs.points,
        "max_points": qs.max_points,
        "weight": qs.weight,
        "gap": _round(qs.gap, 3),
        "answer": {
            "options": [o.label for o in chosen],
            "number": None if answer is None or answer.number is None else float(answer.number),
            "unit": question.unit,
            "text": answer.text if answer else "",
        },
        "advice": [o.advice for o in chosen if o.advice],
        "aligned_with": question.aligned_with,
    }


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)
