"""Recommended programmes and the action plan, read off a frozen assessment result.

Pure, typed functions over plain data: the frozen ``Assessment.result`` dict (see
``assessment/results.py``) and ``ProgrammeInfo`` copies of the catalogue
(``Programme.to_info()``). No queries, so the results page, the PDF report and the exports
share them and the tests need no database. The reason and step texts go through gettext,
so they come out in whatever language the caller has activated.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from django.utils.translation import gettext as _

from assessment.frozen import FrozenProfile, FrozenQuestion, FrozenResult
from assessment.summary import answer_text, whole

Result = FrozenResult

HORIZONS = ("90_days", "6_months", "12_months")

# Who may apply (catalogue v2): SMEs directly, through an intermediary (association,
# chamber, bank), or governments only, which is never recommended to a firm.
AUDIENCES = ("direct", "intermediary", "government")
# Which firms a programme is for by their foreign sales: any, those that sell or want to
# sell abroad (profile `exports` "yes" or "planning"), or those that sell at home only.
EXPORTING = ("", "exporters", "domestic")

# Relevance weights (see `relevance`). Targeting the firm's own country, sector or size
# outweighs language, which outweighs how well the score range fits; priority, the
# officers' own ranking, moves a programme by at most one point either way.
SPECIFIC_WEIGHT = 4.0
LANGUAGE_WEIGHT = 2.0
CENTRED_WEIGHT = 2.0
PRIORITY_WEIGHT = 0.1

REASON_ANSWERS = 3  # weakest answers named in a reason


@dataclass(frozen=True)
class ProgrammeInfo:
    """A plain copy of a catalogue `Programme` (reports.models), as recommendations read it."""

    code: str
    name: str
    provider: str
    provider_type: str
    kind: str
    kind_label: str
    delivery: str
    delivery_label: str
    description: str
    url: str
    pillars: tuple[str, ...]
    min_score: int
    max_score: int
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    size_bands: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    active_from: date | None = None
    active_until: date | None = None
    priority: int = 0
    needs_verification: bool = False
    # Catalogue v2 (issue 15). `url` above is the provider's own page where an SME
    # applies, never a source of facts; "" where none is known.
    original_name: str = ""  # the official name when `name` is a translation of it
    audience: str = "direct"  # one of AUDIENCES
    audience_label: str = ""
    women_led: bool | None = None  # True: only women-led firms; None: any firm
    youth_led: bool | None = None
    exporting: str = ""  # one of EXPORTING: "" any, "exporters", "domestic"
    min_readiness: int = 0  # the firm's overall score, as shown (0-100)
    max_readiness: int = 100
    one_off: bool = False  # a single event: over once `active_until` has passed
    recurrence: str = ""  # in words, e.g. "every year in September"; "" if not recurring
    last_verified_on: date | None = None
    how_to_apply: str = ""  # one or two sentences, in the reader's language
    relevance: tuple[str, ...] = ()  # relevance gates, e.g. ("cross_border",)
    # Codes of the questions whose gaps the programme addresses (questionnaire codes,
    # kept across versions): what a recommendation's reason quotes from the firm's answers.
    topics: tuple[str, ...] = ()

    def is_active(self, on: date) -> bool:
        """Running on that day; an empty start or end date leaves that side open."""
        if self.active_from is not None and on < self.active_from:
            return False
        return self.active_until is None or on <= self.active_until

    def serves(self, profile: FrozenProfile) -> bool:
        """The firm's country, sector and size band are targeted (an empty list means all)."""
        return all(not allowed or profile.get(key) in allowed for key, allowed in self._targeting())

    def specificity(self, profile: FrozenProfile) -> int:
        """How many of country, sector and size band target the firm specifically (0–3)."""
        return sum(
            1 for key, allowed in self._targeting() if allowed and profile.get(key) in allowed
        )

    def _targeting(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return (
            ("country", self.countries),
            ("sector", self.sectors),
            ("size_band", self.size_bands),
        )


@dataclass(frozen=True)
class Recommendation:
    programme: ProgrammeInfo
    pillar: str  # code of the pillar whose gap the programme answers
    pillar_name: str
    pillar_score: float
    # Speaks only of the firm's own figures and answers, never of the programme's dates,
    # eligibility or format, so it stays true when the programme needs verification.
    reason: str
    answers: tuple[str, ...]  # texts of the weakest answered questions behind the gap

    @property
    def needs_verification(self) -> bool:
        return self.programme.needs_verification


@dataclass(frozen=True)
class ActionStep:
    horizon: str  # one of HORIZONS
    pillar: str
    pillar_name: str
    question: str
    answer: str  # what the firm answered, labels joined
    advice: str
    gap: float  # points of the overall score at stake
    find_out: bool = False  # a "don't know" answer: the step is to find the answer out
    # The question's code: the step's key when the SME marks it done (reports/progress/).
    question_code: str = ""


@dataclass(frozen=True)
class _Pillar:
    code: str
    name: str
    score: float
    gap: float
    order: int
    weakest: tuple[FrozenQuestion, ...]  # answered questions with a gap, largest first


def recommend(
    result: Result,
    programmes: Sequence[ProgrammeInfo],
    today: date,
    *,
    language: str = "en",
    per_pillar: int = 2,
    limit: int = 8,
) -> list[Recommendation]:
    """The programmes to recommend for a frozen result, best first.

    Pillars scoring below 100 are taken in order of their gap, the overall points their
    questions lose, to one decimal so that the frozen gaps' rounding cannot order equal
    pillars (largest first; ties go to the lower score, then questionnaire order); a
    pillar without a score is skipped. For each pillar the eligible programmes are
    ranked by `relevance` (ties by code) and the first `per_pillar` not already
    recommended for an earlier pillar are taken, so a programme appears once, for the
    largest gap it serves; the list stops at `limit`.

    Eligible: active on `today` (past and future programmes never are), the firm's
    country, sector and size band targeted (an empty list targets all), the pillar among
    the programme's pillars, and the pillar score, as the whole number the firm sees,
    within the programme's [min_score, max_score].
    """
    if per_pillar <= 0 or limit <= 0:
        return []
    profile = result.get("profile") or {}
    scored = _scored_pillars(result)
    gaps = [p.gap for p in scored]
    pillars = sorted((p for p in scored if p.score < 100), key=lambda p: (-p.gap, p.score, p.order))
    active = sorted((p for p in programmes if p.is_active(today)), key=lambda p: p.code)
    chosen: list[Recommendation] = []
    used: set[str] = set()
    for pillar in pillars:
        candidates = [
            p
            for p in active
            if p.code not in used and _eligible(p, profile, pillar.code, pillar.score)
        ]
        candidates.sort(key=lambda p: (-relevance(p, profile, pillar.score, language), p.code))
        for programme in candidates[:per_pillar]:
            used.add(programme.code)
            chosen.append(
                Recommendation(
                    programme=programme,
                    pillar=pillar.code,
                    pillar_name=pillar.name,
                    pillar_score=pillar.score,
                    reason=_reason(pillar, gaps),
                    answers=tuple(q["text"] for q in pillar.weakest),
                )
            )
            if len(chosen) >= limit:
                return chosen
    return chosen


def relevance(
    programme: ProgrammeInfo, profile: FrozenProfile, score: float, language: str
) -> float:
    """How well an eligible programme fits the firm and the pillar score; higher is better.

    4 × the number of profile dimensions (country, sector, size) it targets specifically
    + 2 if it runs in the assessment's language + 2 × how centred the score is in its
    range (1 at the middle, 0.02 less per point away from it) + 0.1 × priority
    (−10…10). Rounded so that equal fits compare equal and fall through to the code.
    """
    # Points from the middle of the range, not a share of its width: a 0–60 course
    # suits a score of 0 better than an open 0–100 scheme does.
    middle = (programme.min_score + programme.max_score) / 2
    centred = max(0.0, 1 - abs(score - middle) / 50)
    speaks = language.lower() in {lang.lower() for lang in programme.languages}
    value = (
        SPECIFIC_WEIGHT * programme.specificity(profile)
        + LANGUAGE_WEIGHT * (1 if speaks else 0)
        + CENTRED_WEIGHT * centred
        + PRIORITY_WEIGHT * programme.priority
    )
    return round(value, 6)


def action_plan(result: Result, *, per_horizon: int = 4) -> dict[str, list[ActionStep]]:
    """Concrete steps for the next 90 days, 6 months and 12 months, from the largest gaps.

    Candidates are the answered questions that lose points and carry advice (a question
    without advice or without a gap gives no step), plus the "don't know" answers, which
    become "find out" steps (the option's own advice, or a generic "find out the
    answer"). All are sorted by the overall points at stake, largest first; ties keep
    pillar order, then question order. The sorted list is dealt out in turn: the first
    `per_horizon` steps go to 90 days, the next to 6 months, the next to 12 months.
    "Find out" steps belong to 90 days only: they count within its `per_horizon`, and
    any that do not fit are left out here (the page and the report list every "don't
    know" answer apart). Keys always come in the order 90_days, 6_months, 12_months.
    """
    steps = sorted(_candidate_steps(result), key=lambda item: item[0])
    plan: dict[str, list[ActionStep]] = {horizon: [] for horizon in HORIZONS}
    if per_horizon <= 0:
        return plan
    later = iter(HORIZONS[1:])
    horizon = HORIZONS[0]
    for _key, step in steps:
        if len(plan[horizon]) >= per_horizon:
            if step.find_out:
                continue
            horizon = next(later, "")
            if not horizon:
                break
        if step.find_out and horizon != HORIZONS[0]:
            continue
        plan[horizon].append(replace(step, horizon=horizon))
    return plan


def _candidate_steps(result: Result) -> Iterator[tuple[tuple[float, int, int], ActionStep]]:
    for p_index, pillar in enumerate(result.get("pillars", [])):
        for q_index, q in enumerate(pillar.get("questions", [])):
            gap = q.get("gap")
            if gap is None or gap <= 0:
                continue
            advice = " ".join(a.strip() for a in q.get("advice") or () if a and a.strip())
            find_out = q.get("status") == "dont_know"
            if find_out:
                advice = advice or _(
                    "Find out the answer: ask the person who looks after this in your "
                    "business, or your accountant, bank or IT provider, then update your "
                    "assessment."
                )
            elif q.get("status") != "scored" or not advice:
                continue
            step = ActionStep(
                horizon="",
                pillar=pillar["code"],
                pillar_name=pillar["name"],
                question=q["text"],
                answer=answer_text(q.get("answer") or {}) or (_("Don't know") if find_out else ""),
                advice=advice,
                gap=float(gap),
                find_out=find_out,
                question_code=q["code"],
            )
            yield (-float(gap), p_index, q_index), step


def _scored_pillars(result: Result) -> list[_Pillar]:
    pillars = []
    for order, pillar in enumerate(result.get("pillars", [])):
        score = pillar.get("score")
        if score is None:
            continue
        questions = pillar.get("questions", [])
        answered = [q for q in questions if q.get("status") == "scored" and (q.get("gap") or 0) > 0]
        # Stable: ties keep question order. (Every gap here is above 0, never None.)
        answered.sort(key=lambda q: -(q["gap"] or 0))
        pillars.append(
            _Pillar(
                code=pillar["code"],
                name=pillar["name"],
                score=float(score),
                gap=round(sum(q.get("gap") or 0 for q in questions), 1),
                order=order,
                weakest=tuple(answered[:REASON_ANSWERS]),
            )
        )
    return pillars


def _eligible(programme: ProgrammeInfo, profile: FrozenProfile, pillar: str, score: float) -> bool:
    shown = whole(score)
    return (
        pillar in programme.pillars
        and programme.serves(profile)
        and shown is not None
        and programme.min_score <= shown <= programme.max_score
    )


def _reason(pillar: _Pillar, gaps: list[float]) -> str:
    """Which gap and which answers; "largest" only where no other pillar's gap equals it."""
    values = {"pillar": pillar.name, "score": whole(pillar.score), "count": len(gaps)}
    larger = sum(1 for gap in gaps if gap > pillar.gap)
    equal = sum(1 for gap in gaps if gap == pillar.gap) - 1
    if larger == 0 and equal == 0 and len(gaps) > 1:
        first = _(
            "Your %(pillar)s score is %(score)s of 100, the largest gap of your %(count)s pillars."
        )
    elif larger == 0 and len(gaps) > 2:
        first = _(
            "Your %(pillar)s score is %(score)s of 100, "
            "one of the largest gaps of your %(count)s pillars."
        )
    elif larger == 1 and equal == 0 and len(gaps) > 2:
        first = _(
            "Your %(pillar)s score is %(score)s of 100, "
            "the second-largest gap of your %(count)s pillars."
        )
    else:
        first = _("Your %(pillar)s score is %(score)s of 100.")
    if not pillar.weakest:
        return first % values
    # Semicolons: the quoted questions may hold commas of their own.
    answers = "; ".join(
        _("“%(question)s” (you answered “%(answer)s”)")
        % {"question": q["text"], "answer": answer_text(q.get("answer") or {}) or "–"}
        for q in pillar.weakest
    )
    second = _("Your weakest answers in this pillar: %(answers)s.") % {"answers": answers}
    return f"{first % values} {second}"
