"""An imagined firm for the officers' "what would we recommend" form.

Pure: a profile and one score per pillar in, a `FrozenResult` out, shaped as if the firm
had answered every question of the version at its pillar's score, so the engine ranks it
exactly as it ranks a real firm. Its answers are unknown, so reasons quote the questions
with no answer ("–"): the form says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessment.frozen import (
    RESULT_FORMAT,
    FrozenPillar,
    FrozenProfile,
    FrozenQuestion,
    FrozenResult,
)


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    text: str
    weight: float


@dataclass(frozen=True)
class PillarSpec:
    code: str
    name: str
    weight: float
    questions: tuple[QuestionSpec, ...]


def imagined_result(
    profile: FrozenProfile,
    pillars: Sequence[PillarSpec],
    scores: Mapping[str, float | None],
    *,
    slug: str = "",
    number: int = 0,
) -> FrozenResult:
    """Every scored question of a pillar answered at the pillar's score (0-100).

    A pillar without a score (None or missing) is left unanswered. Gaps are the overall
    points each question loses, as `assessment.scoring` computes them: weight share of
    the question in its pillar × weight share of the pillar × (1 − score) × 100.
    """
    scored = [p for p in pillars if scores.get(p.code) is not None]
    pillar_weights = sum(p.weight for p in scored) or 1.0
    frozen: list[FrozenPillar] = []
    overall = 0.0
    for pillar in pillars:
        score = scores.get(pillar.code)
        question_weights = sum(q.weight for q in pillar.questions) or 1.0
        questions: list[FrozenQuestion] = []
        for q in pillar.questions:
            share = (q.weight / question_weights) * (pillar.weight / pillar_weights)
            fraction = None if score is None else max(0.0, min(100.0, score)) / 100
            questions.append(
                {
                    "code": q.code,
                    "text": q.text,
                    "type": "single",
                    "status": "unanswered" if fraction is None else "scored",
                    "score": fraction,
                    "points": None,
                    "max_points": None,
                    "weight": q.weight,
                    "gap": None if fraction is None else round((1 - fraction) * share * 100, 2),
                    "answer": {"options": [], "number": None, "unit": "", "text": ""},
                    "advice": [],
                }
            )
        if score is not None:
            overall += max(0.0, min(100.0, score)) * pillar.weight / pillar_weights
        frozen.append(
            {
                "code": pillar.code,
                "name": pillar.name,
                "description": "",
                "weight": pillar.weight,
                "score": None if score is None else float(score),
                "level": None,
                "questions": questions,
            }
        )
    return {
        "format": RESULT_FORMAT,
        "questionnaire": {"slug": slug, "number": number, "title": ""},
        "profile": profile,
        "overall": round(overall, 2) if scored else None,
        "level": None,
        "levels": [],
        "pillars": frozen,
        "dont_know": [],
    }
