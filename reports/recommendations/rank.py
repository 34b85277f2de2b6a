"""Recommended programmes, read off a frozen assessment result.

Pure, typed functions over plain data: the frozen ``Assessment.result`` dict (see
``assessment/results.py``) and ``ProgrammeInfo`` copies of the catalogue
(``Programme.to_info()``). No queries, so the results page, the PDF report and the exports
share them and the tests need no database. Texts go through gettext, so they come out in
whatever language the caller has activated.

The engine, by what it computes: eligibility.py (hard rules: can the firm join at all),
fit.py (the firm's gaps and how well a programme fits them), reasons.py (why, from the
firm's answers), plan.py (the action plan); this module picks and orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from assessment.frozen import FrozenResult
from assessment.summary import advice_for
from reports.recommendations.eligibility import dates_refusal, refusal
from reports.recommendations.fit import (
    FirmGaps,
    PillarGap,
    firm_gaps,
    fit,
    months_before,
    serves_pillar,
    tie_break,
)
from reports.recommendations.info import AUDIENCES, EXPORTING, ProgrammeInfo
from reports.recommendations.plan import HORIZONS, ActionStep, action_plan
from reports.recommendations.reasons import reason, reason_answers

__all__ = [
    "AUDIENCES",
    "EXPORTING",
    "HORIZONS",
    "ActionStep",
    "AskMinistry",
    "NoProgramme",
    "ProgrammeInfo",
    "Recommendation",
    "Recommendations",
    "action_plan",
    "is_eligible",
    "recommend",
    "recommendations",
]

Result = FrozenResult

PER_PILLAR = 3
LIMIT = 12
ASK_MINISTRY = 3
VERIFY_MONTHS = 18  # last verified longer ago than this: "check before applying"
GENERAL_ADVICE = 2  # pieces of advice given instead, for a pillar without a programme


@dataclass(frozen=True)
class Recommendation:
    programme: ProgrammeInfo
    pillar: str  # code of the pillar whose gap the programme answers
    pillar_name: str
    pillar_score: float
    # Speaks only of the firm's own figures and answers, never of the programme's dates,
    # eligibility or format, so it stays true when the programme needs verification.
    reason: str
    answers: tuple[str, ...]  # texts of the firm's questions the reason quotes
    fit: float = 0.0
    # Needs verification, or not verified in the last 18 months: "check before applying".
    check_first: bool = False

    @property
    def needs_verification(self) -> bool:
        return self.programme.needs_verification


@dataclass(frozen=True)
class NoProgramme:
    """A pillar with a gap but no programme the firm can join: general advice instead."""

    pillar: str
    pillar_name: str
    sentence: str
    advice: tuple[str, ...]


@dataclass(frozen=True)
class AskMinistry:
    """A government-only channel relevant to the firm's gaps, for the full report."""

    programme: ProgrammeInfo
    pillar: str
    pillar_name: str
    sentence: str


@dataclass(frozen=True)
class Recommendations:
    items: tuple[Recommendation, ...]  # best first, pillars by gap
    no_programme: tuple[NoProgramme, ...]
    ask_ministry: tuple[AskMinistry, ...]


def recommend(
    result: Result,
    programmes: Sequence[ProgrammeInfo],
    today: date,
    *,
    language: str = "en",
    per_pillar: int = PER_PILLAR,
    limit: int = LIMIT,
) -> list[Recommendation]:
    """The programmes to recommend for a frozen result, best first (see `recommendations`)."""
    found = recommendations(
        result, programmes, today, language=language, per_pillar=per_pillar, limit=limit
    )
    return list(found.items)


def recommendations(
    result: Result,
    programmes: Sequence[ProgrammeInfo],
    today: date,
    *,
    language: str = "en",
    per_pillar: int = PER_PILLAR,
    limit: int = LIMIT,
) -> Recommendations:
    """What to recommend for a frozen result, with what to say where nothing fits.

    Pillars scoring below 100 are taken in order of their gap (largest first; ties go to
    the lower score, then questionnaire order). Only programmes the firm may join
    (eligibility.py) are considered, each for the pillars it serves (fit.serves_pillar),
    and each is listed once: under the pillar holding most of the firm's lost points on
    its `topics`, or, for a programme whose topics the firm has no gap on, under the
    largest gap it serves. Within a pillar they are ranked by fit (fit.py), ties by
    priority, then the most recently verified, then a fixed hash of the code; never by
    name. Up to `per_pillar` are taken with a mix of kinds (`_mix`); a pillar left with
    room then takes the best of the programmes that serve it and were not taken where
    they fitted best. The list stops at `limit`. A pillar with a gap that no programme the
    firm may join serves gets a `NoProgramme` note with its general advice instead.
    """
    gaps = firm_gaps(result)
    profile = result.get("profile") or {}
    joinable = [p for p in programmes if refusal(p, result, today, language) is None]
    order = gaps.by_gap()
    serving = {pillar.code: [p for p in joinable if serves_pillar(p, pillar)] for pillar in order}
    fits = {
        (p.code, pillar.code): fit(p, gaps, pillar, profile, language)
        for pillar in order
        for p in serving[pillar.code]
    }
    home = {p.code: _home(p, gaps, order, serving) for p in joinable}
    picked: dict[str, list[ProgrammeInfo]] = {pillar.code: [] for pillar in order}
    used: set[str] = set()
    for first_pass in (True, False):
        for pillar in order:
            room = min(per_pillar - len(picked[pillar.code]), limit - len(used))
            candidates = [
                p
                for p in serving[pillar.code]
                if p.code not in used and (home[p.code] == pillar.code or not first_pass)
            ]
            candidates.sort(key=lambda p: (-fits[(p.code, pillar.code)], *tie_break(p)))
            for programme in _mix(candidates, room, {p.kind for p in picked[pillar.code]}):
                picked[pillar.code].append(programme)
                used.add(programme.code)
    stale_before = months_before(today, VERIFY_MONTHS)
    items: list[Recommendation] = []
    empty: list[NoProgramme] = []
    for pillar in order:
        if not serving[pillar.code] and pillar.gap > 0:
            empty.append(_no_programme(pillar))
        chosen = sorted(
            picked[pillar.code], key=lambda p: (-fits[(p.code, pillar.code)], *tie_break(p))
        )
        quoted: list[str] = []
        for programme in chosen:
            answers = reason_answers(programme, gaps, pillar, quoted)
            quoted.extend(q["code"] for q in answers)
            items.append(
                Recommendation(
                    programme=programme,
                    pillar=pillar.code,
                    pillar_name=pillar.name,
                    pillar_score=pillar.score,
                    reason=reason(programme, pillar, answers),
                    answers=tuple(q["text"] for q in answers),
                    fit=fits[(programme.code, pillar.code)],
                    check_first=_check_first(programme, stale_before),
                )
            )
    return Recommendations(
        items=tuple(items),
        no_programme=tuple(empty),
        ask_ministry=tuple(ask_ministry(result, programmes, today, gaps=gaps, language=language)),
    )


def ask_ministry(
    result: Result,
    programmes: Sequence[ProgrammeInfo],
    today: date,
    *,
    gaps: FirmGaps | None = None,
    language: str = "en",
) -> list[AskMinistry]:
    """Government-only channels for the firm's country that serve its gaps: never
    recommended, but the full report can say "ask your ministry or business association".

    Running on `today` and open to the firm's country (targeting by sector, size and the
    rest is for the projects governments propose, not for the firm); the largest gap
    first, at most `ASK_MINISTRY`, each once.
    """
    gaps = gaps or firm_gaps(result)
    country = (result.get("profile") or {}).get("country")
    channels = [
        p
        for p in programmes
        if p.audience == "government"
        and dates_refusal(p, today) is None
        and (not p.countries or country in p.countries)
    ]
    found: list[AskMinistry] = []
    for pillar in gaps.by_gap():
        if pillar.gap <= 0:
            continue
        serving = [p for p in channels if pillar.code in p.pillars]
        serving.sort(key=lambda p: (-len(gaps.topic_gaps(p, pillar.code)), *tie_break(p)))
        for programme in serving:
            if len(found) >= ASK_MINISTRY:
                return found
            if any(f.programme.code == programme.code for f in found):
                continue
            sentence = _(
                "%(name)s funds projects proposed by governments and institutions, not by "
                "firms: ask your ministry or business association whether it supports work "
                "on %(pillar)s."
            ) % {"name": programme.name, "pillar": pillar.name}
            found.append(AskMinistry(programme, pillar.code, pillar.name, sentence))
    return found


def is_eligible(programme: ProgrammeInfo, result: Result, today: date, language: str) -> bool:
    """The firm may join `programme` (any pillar): the hard rules of eligibility.py."""
    return refusal(programme, result, today, language) is None


def _home(
    programme: ProgrammeInfo,
    gaps: FirmGaps,
    order: list[PillarGap],
    serving: dict[str, list[ProgrammeInfo]],
) -> str:
    """The pillar a programme is listed under first: most lost points on its topics, then
    the larger gap (`order`)."""
    served = [pillar for pillar in order if programme in serving[pillar.code]]
    if not served:
        return ""
    best = max(
        served,
        key=lambda pillar: (
            round(sum(q["gap"] or 0 for q in gaps.topic_gaps(programme, pillar.code)), 6),
            -order.index(pillar),
        ),
    )
    return best.code


def _mix(ranked: list[ProgrammeInfo], room: int, kinds: set[str]) -> list[ProgrammeInfo]:
    """Up to `room` of `ranked` (best first), a mix of kinds: the best of each kind not in
    `kinds` (those the pillar already has) in turn, by fit, before a second of any kind;
    so a finance scheme and an event that fit are taken before a third training course."""
    if room <= 0:
        return []
    picked: list[ProgrammeInfo] = []
    kinds = set(kinds)
    for programme in ranked:
        if len(picked) < room and programme.kind not in kinds:
            picked.append(programme)
            kinds.add(programme.kind)
    for programme in ranked:
        if len(picked) >= room:
            break
        if programme not in picked:
            picked.append(programme)
    return picked


def _check_first(programme: ProgrammeInfo, stale_before: date) -> bool:
    verified = programme.last_verified_on
    return programme.needs_verification or verified is None or verified < stale_before


def _no_programme(pillar: PillarGap) -> NoProgramme:
    advice: list[str] = []
    for q in pillar.weakest:
        for text in advice_for(q):
            if text not in advice:
                advice.append(text)
    sentence = _(
        "No programme in our catalogue is open to your firm for %(pillar)s at the moment; "
        "start with these steps, which need no programme."
    ) % {"pillar": pillar.name}
    return NoProgramme(pillar.code, pillar.name, sentence, tuple(advice[:GENERAL_ADVICE]))
