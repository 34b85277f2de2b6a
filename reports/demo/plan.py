"""Who the demo firms are and how they answer: pure planning for reports/demo/create.py.

Nothing here queries the database; model instances are only read. Each firm has
its own `random.Random`, and everything about it (profile, maturity, dates, then
its answers, in that order) is drawn from that generator alone, so a firm does
not depend on the others in its run. Dates count back from a fixed anchor.

Scores follow from a latent maturity per firm and pillar (0-1: higher for larger
firms and for ICT, lower for agrifood and handicrafts), plus a fixed lean per
question and a little noise per assessment, so a re-assessment moves with the
firm's maturity instead of being redrawn from scratch.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assessment import conditions
from assessment.models import Option, Question
from reports.demo import words

ANCHOR = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=datetime.UTC)
WINDOW_DAYS = 548  # eighteen months back from the anchor

MEDIAN_AGE = {"micro": 5, "small": 9, "medium": 15, "large": 22}
SIZE_MEAN = {"micro": 0.30, "small": 0.42, "medium": 0.53, "large": 0.63}
SECTOR_SHIFT = {"ict": 0.12, "services": 0.04, "logistics": 0.03, "manufacturing": 0.01}
SECTOR_SHIFT |= {"agrifood": -0.07, "creative": -0.06, "construction": -0.03, "other": -0.02}
COUNTRY_SHIFT = {"CN": 0.05, "TH": 0.03, "VN": 0.02, "XX": 0.03, "KH": -0.03, "LA": -0.05}
COUNTRY_SHIFT |= {"MM": -0.05}
PILLAR_SHIFT = {"infrastructure": 0.06, "policy_finance": -0.05, "cooperation": -0.04}
TRADING_SECTORS = {"trade", "logistics", "tourism"}  # more regional cooperation

CONSENT, WOMEN_LED, REASSESS, DRAFT = 0.85, 0.28, 0.15, 0.05
DONT_KNOW, NOT_APPLICABLE, FREE_TEXT, ENGLISH = 0.05, 0.03, 0.15, 0.25
# Cumulative shares of "yes", "planning", "no"; the rest prefer not to say.
EXPORTS_TRADING = (("yes", 0.40), ("planning", 0.65), ("no", 0.92))
EXPORTS_OTHER = (("yes", 0.20), ("planning", 0.45), ("no", 0.90))
YOUTH_UNSAID, YOUTH_LED = 0.2, {True: 0.35, False: 0.10}  # by "founded under 8 years ago"


@dataclass(frozen=True)
class CohortSpec:
    code: str
    name: str
    programme: str  # catalogue code; linked only if the catalogue has it
    starts_on: datetime.date
    ends_on: datetime.date
    focus: tuple[str, ...]  # pillars the course improves most
    women_led: bool = False


COHORTS = (
    CohortSpec(
        "mi-digital-2026a",
        "MI Digital Economy and Digitalisation course, March 2026",
        "mi-digital-economy-digitalisation",
        datetime.date(2026, 3, 2),
        datetime.date(2026, 4, 10),
        ("infrastructure", "talent"),
    ),
    CohortSpec(
        "mi-ecommerce-2025b",
        "MI e-commerce for women-led SMEs, October 2025",
        "mi-women-led-sme-ecommerce",
        datetime.date(2025, 10, 6),
        datetime.date(2025, 11, 14),
        ("talent", "cooperation"),
        women_led=True,
    ),
    CohortSpec(
        "mi-trade-2026c",
        "MI trade and investment facilitation course, June 2026",
        "mi-trade-investment-facilitation",
        datetime.date(2026, 6, 8),
        datetime.date(2026, 7, 17),
        ("cooperation", "policy_finance"),
    ),
)
COHORT_SIZE = 10


def cohort_of(index: int) -> CohortSpec | None:
    """Firms 1, 4, 7, 11, 14, … up to 99 join the three cohorts, ten each.

    By index, not by draw, so a cohort fills up as N grows and never changes.
    """
    if index % 10 in (1, 4, 7) and index // 10 < COHORT_SIZE:
        return COHORTS[(index % 10) // 3]
    return None


@dataclass(frozen=True)
class QuestionInfo:
    """A question with its options sorted for picking."""

    question: Question
    pillar: str
    normal: list[Option]  # by points, lowest first
    special: dict[str, Option]  # kind -> option: none, not applicable, don't know
    pillar_show_if: Mapping[str, Any] | None = None

    @classmethod
    def of(
        cls, question: Question, pillar: str, pillar_show_if: Mapping[str, Any] | None = None
    ) -> QuestionInfo:
        options = list(question.options.all())
        normal = [o for o in options if o.kind == Option.Kind.NORMAL]
        return cls(
            question=question,
            pillar=pillar,
            pillar_show_if=pillar_show_if,
            normal=sorted(normal, key=lambda o: (o.points, o.order)),
            special={o.kind: o for o in options if o.kind != Option.Kind.NORMAL},
        )


@dataclass
class Visit:
    """One assessment: when it was started and finished, the firm's maturity then."""

    started: datetime.datetime
    at: datetime.datetime  # submitted, or last saved for a draft
    latent: dict[str, float]
    cohort: str | None = None
    draft: bool = False


@dataclass
class Firm:
    index: int
    rng: random.Random  # the firm's own; its answers are drawn from it after planning
    profile: dict[str, object]
    language: str
    consent: bool
    joined: datetime.datetime
    cohort: str | None
    quirks: list[float]  # per question: the firm's fixed lean above or below its maturity
    not_applicable: set[int]  # positions of the questions that do not apply to the firm
    visits: list[Visit] = field(default_factory=list)


def _trade_and_youth(side: random.Random, sector: str, age: int) -> dict[str, object]:
    """Exports and youth-led, from a side generator seeded by the firm's own state.

    A side generator, so that every draw after it (maturity, dates, answers) stays what
    it was before these questions were added to the profile.
    """
    abroad = EXPORTS_TRADING if sector in TRADING_SECTORS | {"manufacturing"} else EXPORTS_OTHER
    roll = side.random()
    exports = next((code for code, upto in abroad if roll < upto), "")
    said = side.random() >= YOUTH_UNSAID
    return {"exports": exports, "youth_led": (side.random() < YOUTH_LED[age < 8]) if said else None}


def plan_firm(index: int, rng: random.Random, pillars: list[str], n_questions: int) -> Firm:
    country = _weighted(rng, words.COUNTRIES)
    sector = _weighted(rng, words.SECTORS)
    size = _weighted(rng, words.SIZE_BANDS)
    spec = cohort_of(index)
    # Firms grow as they age: a median age from 5 years (micro) to 22 (large).
    age = min(round(rng.lognormvariate(math.log(MEDIAN_AGE[size]), 0.6)), 60)
    profile = {
        "name": _name(rng, country, sector, size),
        "country": country,
        "province": _front(rng, words.PROVINCES[country]),
        "sector": sector,
        "size_band": size,
        "founded_year": ANCHOR.year - 1 - age,
        "women_led": rng.random() < WOMEN_LED or bool(spec and spec.women_led),
    }
    profile |= _trade_and_youth(random.Random(hash(rng.getstate())), sector, age)
    base = SIZE_MEAN[size] + SECTOR_SHIFT.get(sector, 0) + COUNTRY_SHIFT.get(country, 0)
    base += rng.gauss(0, 0.10)
    latent = {}
    for code in pillars:
        shift = PILLAR_SHIFT.get(code, 0)
        if code == "cooperation" and sector in TRADING_SECTORS:
            shift += 0.05
        latent[code] = _clip(base + shift + rng.gauss(0, 0.07))
    language = words.LANGUAGES.get(country, "en")
    firm = Firm(
        index=index,
        rng=rng,
        profile=profile,
        language="en" if rng.random() < ENGLISH else language,
        consent=rng.random() < CONSENT,
        joined=ANCHOR,  # set from the first visit below
        cohort=spec.code if spec else None,
        quirks=[rng.gauss(0, 0.15) for _ in range(n_questions)],
        not_applicable={i for i in range(n_questions) if rng.random() < NOT_APPLICABLE},
    )
    firm.visits = _visits(rng, spec, latent)
    first = firm.visits[0].started
    firm.joined = first - datetime.timedelta(days=rng.randint(0, 4), minutes=rng.randint(5, 120))
    # Founded before it first answers, whatever the age drawn.
    profile["founded_year"] = min(ANCHOR.year - 1 - age, first.year)
    return firm


def _visits(rng: random.Random, spec: CohortSpec | None, latent: dict[str, float]) -> list[Visit]:
    if spec is not None:
        # Before the course starts and after it ends, filed under the cohort.
        before = spec.starts_on - datetime.timedelta(days=rng.randint(7, 60))
        after = spec.ends_on + datetime.timedelta(days=rng.randint(7, 75))
        gain = rng.gauss(0.08, 0.045)  # most participants gain, a few hardly at all
        improved = {
            code: _clip(value + gain + (0.05 if code in spec.focus else 0) + rng.gauss(0, 0.03))
            for code, value in latent.items()
        }
        visits = [_visit(rng, before, latent, spec.code), _visit(rng, after, improved, spec.code)]
    elif rng.random() < REASSESS:
        first = rng.randint(200, WINDOW_DAYS)
        second = first - rng.randint(90, 190)
        gain = rng.gauss(0.04, 0.04)  # modest on average; some firms slip back
        improved = {c: _clip(v + gain + rng.gauss(0, 0.03)) for c, v in latent.items()}
        visits = [_visit(rng, _back(first), latent), _visit(rng, _back(second), improved)]
    else:
        # More submissions lately, as the check becomes known.
        visits = [_visit(rng, _back(round(rng.triangular(1, WINDOW_DAYS, 30))), latent)]
    if rng.random() < DRAFT:
        # A new check started after the last one and not finished (by the anchor day).
        last = visits[-1]
        day = min(last.at.date() + datetime.timedelta(days=rng.randint(3, 120)), _back(0))
        visits.append(_visit(rng, day, last.latent, last.cohort, draft=True))
    return visits


def _visit(
    rng: random.Random,
    day: datetime.date,
    latent: dict[str, float],
    cohort: str | None = None,
    draft: bool = False,
) -> Visit:
    """A visit on `day`, finished in working hours (01:00-11:00 UTC is 08:00-18:00 local)."""
    at = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    at += datetime.timedelta(seconds=rng.randint(2 * 3600, 11 * 3600))
    started = at - datetime.timedelta(minutes=rng.randint(12, 90))
    return Visit(started, at, latent, cohort, draft)


def _back(days: int) -> datetime.date:
    return ANCHOR.date() - datetime.timedelta(days=days)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _front(rng: random.Random, values: list[str]) -> str:
    """A pick that favours the start of the list (the capital, the common trade)."""
    return rng.choices(values, weights=[1 / (k + 1) for k in range(len(values))])[0]


def _clip(value: float, low: float = 0.02, high: float = 0.98) -> float:
    return min(max(value, low), high)


def _name(rng: random.Random, country: str, sector: str, size: str) -> str:
    place = _front(rng, words.PLACES[country])
    trade = rng.choice(words.TRADES[sector])
    suffix = rng.choice(words.SUFFIXES[size])
    first = rng.choice(words.ADJECTIVES) if rng.random() < 0.35 else place
    return f"{first} {trade} {suffix}".strip()


Row = tuple[Question, Decimal | None, str, list[Option]]  # question, number, text, options


def firm_answers(firm: Firm, visit: Visit, questions: list[QuestionInfo]) -> list[Row]:
    """The firm's answers on one visit, in page order; a draft stops part-way."""
    rng = firm.rng
    count = len(questions)
    if visit.draft:
        count = round(count * rng.uniform(0.15, 0.85))
    out: list[Row] = []
    # A firm answers what it is asked, as a respondent would: the conditions read its
    # profile and its answers so far (docs/conditions.md).
    shown: dict[str, conditions.Answer] = {}
    pillar_shown: dict[str, bool] = {}
    for position, q in enumerate(questions[:count]):
        question = q.question
        if q.pillar not in pillar_shown:
            pillar_shown[q.pillar] = conditions.holds(q.pillar_show_if, firm.profile, shown)
        if not (pillar_shown[q.pillar] and conditions.holds(question.show_if, firm.profile, shown)):
            continue
        row = _answer(firm, visit, q, position)
        if row is not None:
            out.append(row)
            number, options = row[1], row[3]
            shown[question.code] = conditions.Answer(
                options=frozenset(o.code for o in options),
                number=None if number is None else float(number),
            )
    return out


def _answer(firm: Firm, visit: Visit, q: QuestionInfo, position: int) -> Row | None:
    """The firm's answer to one question it is asked, or None when it leaves it out."""
    rng = firm.rng
    question = q.question
    if question.type == Question.Type.TEXT:
        if question.required or rng.random() < FREE_TEXT:
            return (question, None, rng.choice(words.TEXTS.get(question.code, words.GENERIC)), [])
        return None
    if not question.required and rng.random() < 0.1:
        return None
    not_applicable = q.special.get(Option.Kind.NOT_APPLICABLE)
    dont_know = q.special.get(Option.Kind.DONT_KNOW)
    if not_applicable is not None and position in firm.not_applicable:
        return (question, None, "", [not_applicable])
    if dont_know is not None and rng.random() < DONT_KNOW:
        return (question, None, "", [dont_know])
    target = visit.latent[q.pillar] + firm.quirks[position] + rng.gauss(0, 0.07)
    target = min(max(target, 0.0), 1.0)
    if question.type == Question.Type.MULTIPLE:
        return (question, None, "", _ticks(rng, q, target))
    if question.type == Question.Type.NUMBER:
        return (question, _in_band(rng, question, _nearest(q, target)), "", [])
    return (question, None, "", [_nearest(q, target)])


def _nearest(q: QuestionInfo, target: float) -> Option:
    """The option whose share of the maximum points is closest to the target."""
    top = q.question.max_points or 1
    return min(q.normal, key=lambda o: abs(o.points / top - target))


def _ticks(rng: random.Random, q: QuestionInfo, target: float) -> list[Option]:
    """Tick options until their points reach the target (rounded at random)."""
    wanted = math.floor(target * q.question.max_points + rng.random())
    if wanted <= 0:
        none = q.special.get(Option.Kind.NONE)
        return [none] if none is not None else [q.normal[0]]
    # Options are listed from the commonest; shuffle a little so firms differ.
    order = sorted(q.normal, key=lambda o: o.order + rng.uniform(0, len(q.normal) / 2))
    ticked, points = [], 0
    for option in order:
        if points >= wanted:
            break
        ticked.append(option)
        points += option.points
    return ticked


def _in_band(rng: random.Random, question: Question, band: Option) -> Decimal:
    """A plausible value inside the band: whole numbers, tenths in narrow bands.

    An open top band ("80% or more", "5% or more") reaches at most twice its start.
    """
    low = band.band_min or Decimal(0)
    if band.band_max is not None:
        high, inclusive = band.band_max, False
    else:
        high, inclusive = low * 2 if low > 0 else low + 10, True
        if question.max_value is not None and low < question.max_value:
            high = min(high, question.max_value)
    step = Decimal("0.1") if high - low <= 5 else Decimal(1)
    choices = int((high - low) / step) + (1 if inclusive else 0)
    return low + step * rng.randrange(max(choices, 1))
