"""Hand-built frozen results and catalogue entries for the recommendation tests."""

from __future__ import annotations

import datetime
from typing import Any

from reports.recommendations.rank import ProgrammeInfo, Recommendation

TODAY = datetime.date(2026, 11, 28)
PROFILE = {"name": "Vientiane Weaving Co.", "country": "LA", "sector": "creative"}
PROFILE |= {"size_band": "micro"}


def programme(code: str, *pillars: str, **extra: Any) -> ProgrammeInfo:
    fields: dict[str, Any] = {
        "code": code,
        "name": f"Programme {code}",
        "provider": "Mekong Institute",
        "provider_type": "mi",
        "kind": "training",
        "kind_label": "Training course",
        "delivery": "online",
        "delivery_label": "Online",
        "description": "A course.",
        "url": f"https://example.org/{code}",
        "pillars": pillars or ("policy_finance",),
        "min_score": 0,
        "max_score": 100,
        "languages": ("en",),
    }
    return ProgrammeInfo(**(fields | extra))


def question(
    code: str, gap: float, label: str = "", *, status: str = "scored", advice: Any = None
) -> dict[str, Any]:
    return {
        "code": code,
        "text": f"Question {code}?",
        "type": "single",
        "status": status,
        "score": 0.0,
        "weight": 1.0,
        "gap": gap,
        "answer": {"options": [label or f"Answer {code}"], "number": None, "unit": "", "text": ""},
        "advice": [f"Advice {code}."] if advice is None else advice,
    }


def pillar(code: str, name: str, score: float | None, *questions: dict) -> dict[str, Any]:
    return {"code": code, "name": name, "score": score, "questions": list(questions)}


def result() -> dict[str, Any]:
    """Gaps: policy and finance 30 (8 of them "don't know"), talent 8, infrastructure 5,
    cooperation none (a full score)."""
    return {
        "profile": dict(PROFILE),
        "pillars": [
            pillar(
                "infrastructure",
                "Digital infrastructure",
                70.0,
                question("i1", 3.0),
                question("i2", 2.0),
            ),
            pillar(
                "policy_finance",
                "Policy and finance",
                32.0,
                question("p1", 10.0, "No plan yet"),
                question("p2", 6.0, "No"),
                question("p5", 8.0, "Don't know", status="dont_know", advice=[]),
                question("p3", 4.0, "Sometimes"),
                question("p4", 2.0, "Rarely"),
                question("p6", 0.0, "Fully", advice=[]),
            ),
            pillar("talent", "Digital talent", 50.0, question("t1", 5.0), question("t2", 3.0)),
            pillar("cooperation", "Regional cooperation", 100.0, question("c1", 0.0)),
        ],
        "dont_know": ["p5"],
    }


def codes(recs: list[Recommendation]) -> list[str]:
    return [r.programme.code for r in recs]
