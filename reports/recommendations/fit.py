"""How well an eligible programme fits a firm's gaps: the firm's gaps, and a fit score.

Read off the frozen result: each pillar's gap (the overall points its questions lose) and
each answered question's gap. A programme fits better the more points the firm loses on
the questions it addresses (`topics`), the more specifically it targets the firm, when
it runs in the reader's language, and when its kind and delivery suit the firm's size.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from assessment.frozen import FrozenProfile, FrozenQuestion, FrozenResult
from assessment.summary import whole
from reports.recommendations.info import ProgrammeInfo

# Fit weights. Topics come first: each overall point the firm loses on a question the
# programme addresses counts TOPIC_WEIGHT (a typical weak question loses 2-4 points).
# Targeting the firm's own country, sector or size outweighs language, which outweighs
# kind and delivery; priority, the officers' own ranking, moves a programme by at most
# one point either way.
TOPIC_WEIGHT = 1.5
OTHER_PILLAR_TOPICS = 0.25
SPECIFIC_WEIGHT = 2.0
LANGUAGE_WEIGHT = 2.0
KIND_WEIGHT = 1.0
DELIVERY_WEIGHT = 0.5
CENTRED_WEIGHT = 1.0
PRIORITY_WEIGHT = 0.1

# Which kinds of programme suit which size of firm (0 to 1). A micro firm gains most
# from free training and platforms it can use at once; a medium firm can staff a network
# or take a loan. Kinds not listed score 0.5.
KIND_BY_SIZE: dict[str, dict[str, float]] = {
    "micro": {"training": 1.0, "platform": 1.0, "advisory": 0.75, "finance": 0.5, "network": 0.25},
    "small": {"training": 1.0, "finance": 1.0, "advisory": 0.75, "platform": 0.75, "network": 0.5},
    "medium": {"finance": 1.0, "network": 1.0, "advisory": 1.0, "training": 0.75, "platform": 0.5},
    "large": {"network": 1.0, "finance": 0.75, "advisory": 0.75, "training": 0.5, "platform": 0.5},
}
# Online delivery suits the smallest firms (no travel, no day away); in person suits
# larger ones that can send someone.
DELIVERY_BY_SIZE: dict[str, dict[str, float]] = {
    "micro": {"online": 1.0, "blended": 0.5},
    "small": {"online": 0.75, "blended": 1.0, "in_person": 0.5},
    "medium": {"blended": 1.0, "in_person": 1.0, "online": 0.5},
    "large": {"in_person": 1.0, "blended": 1.0, "online": 0.5},
}


@dataclass(frozen=True)
class PillarGap:
    code: str
    name: str
    score: float
    gap: float  # overall points the pillar's questions lose, to one decimal
    order: int  # questionnaire order
    weakest: tuple[FrozenQuestion, ...]  # answered questions with a gap, largest first


@dataclass(frozen=True)
class FirmGaps:
    pillars: tuple[PillarGap, ...]  # every scored pillar, questionnaire order
    questions: dict[str, FrozenQuestion]  # answered (scored) questions with a gap, by code
    pillar_of: dict[str, str]  # their pillars' codes

    def by_gap(self) -> list[PillarGap]:
        """Pillars below 100, largest gap first (ties: lower score, then questionnaire order)."""
        below = (p for p in self.pillars if p.score < 100)
        return sorted(below, key=lambda p: (-p.gap, p.score, p.order))

    def topic_gaps(self, programme: ProgrammeInfo, pillar: str = "") -> list[FrozenQuestion]:
        """The firm's weak answers among the programme's topics (in `pillar`, if given),
        largest gap first."""
        found = [
            self.questions[code]
            for code in programme.topics
            if code in self.questions and (not pillar or self.pillar_of[code] == pillar)
        ]
        return sorted(found, key=lambda q: -(q["gap"] or 0))


def firm_gaps(result: FrozenResult) -> FirmGaps:
    pillars = []
    questions: dict[str, FrozenQuestion] = {}
    pillar_of: dict[str, str] = {}
    for order, pillar in enumerate(result.get("pillars", [])):
        answered = [
            q
            for q in pillar.get("questions", [])
            if q.get("status") == "scored" and (q.get("gap") or 0) > 0
        ]
        # Stable: ties keep question order.
        answered.sort(key=lambda q: -(q["gap"] or 0))
        questions.update((q["code"], q) for q in answered)
        pillar_of.update((q["code"], pillar["code"]) for q in answered)
        score = pillar.get("score")
        if score is None:
            continue
        pillars.append(
            PillarGap(
                code=pillar["code"],
                name=pillar["name"],
                score=float(score),
                gap=round(sum(q.get("gap") or 0 for q in pillar.get("questions", [])), 1),
                order=order,
                weakest=tuple(answered),
            )
        )
    return FirmGaps(pillars=tuple(pillars), questions=questions, pillar_of=pillar_of)


def serves_pillar(programme: ProgrammeInfo, pillar: PillarGap) -> bool:
    """The programme serves the pillar and, unless a relevance gate replaces it, its
    score range holds the pillar score as shown."""
    if pillar.code not in programme.pillars:
        return False
    if programme.relevance:
        return True
    shown = whole(pillar.score)
    return shown is not None and programme.min_score <= shown <= programme.max_score


def fit(
    programme: ProgrammeInfo,
    gaps: FirmGaps,
    pillar: PillarGap,
    profile: FrozenProfile,
    language: str,
) -> float:
    """How well an eligible programme fits the firm for `pillar`; higher is better.

    1.5 × the overall points lost on the programme's topics in this pillar (a quarter of
    those lost on its topics elsewhere) + 2 × the number of profile
    dimensions (country, sector, size) it targets specifically + 2 if it runs in the
    reader's language + its kind's and delivery's suitability for the firm's size (up to
    1 and 0.5) + how centred the pillar score is in its score range (up to 1) + 0.1 ×
    priority. Rounded, so that equal fits compare equal and go to the tie-break.
    """
    # Topics in this pillar count fully; the programme's topics elsewhere count a quarter,
    # so a programme is listed under the pillar where its topics lie when it can be.
    inside = sum(q["gap"] or 0 for q in gaps.topic_gaps(programme, pillar.code))
    everywhere = sum(q["gap"] or 0 for q in gaps.topic_gaps(programme))
    topic_points = inside + OTHER_PILLAR_TOPICS * (everywhere - inside)
    size = profile.get("size_band") or ""
    speaks = language.lower() in {lang.lower() for lang in programme.languages}
    middle = (programme.min_score + programme.max_score) / 2
    centred = 0.0 if programme.relevance else max(0.0, 1 - abs(pillar.score - middle) / 50)
    value = (
        TOPIC_WEIGHT * topic_points
        + SPECIFIC_WEIGHT * programme.specificity(profile)
        + LANGUAGE_WEIGHT * (1 if speaks else 0)
        + KIND_WEIGHT * KIND_BY_SIZE.get(size, {}).get(programme.kind, 0.5)
        + DELIVERY_WEIGHT * DELIVERY_BY_SIZE.get(size, {}).get(programme.delivery, 0.5)
        + CENTRED_WEIGHT * centred
        + PRIORITY_WEIGHT * programme.priority
    )
    return round(value, 6)


def tie_break(programme: ProgrammeInfo) -> tuple[int, int, str]:
    """After fit: higher priority, then the most recently verified (never verified last),
    then a fixed hash of the code, so equal programmes keep one order that owes nothing
    to their names or the alphabet."""
    verified = programme.last_verified_on.toordinal() if programme.last_verified_on else 0
    digest = hashlib.sha256(programme.code.encode()).hexdigest()
    return (-programme.priority, -verified, digest)


def months_before(today: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return date(year, month + 1, 28)
