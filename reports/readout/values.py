"""The `Readout`: everything a reader sees of one submitted assessment, as one frozen value.

Built once by `reports.readout.build.build_readout`; the results page, the PDF report and
any later reader render it and compute nothing of their own, so they cannot disagree.
Texts are already in the readout's language; scores are whole numbers as shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from assessment.summary import Comparison, Summary
from reports.charts.bars import Bar
from reports.charts.pillars import RadarAxis
from reports.recommendations.rank import ActionStep, AskMinistry, NoProgramme, ProgrammeInfo


@dataclass(frozen=True)
class Company:
    name: str
    province: str
    country: str  # the label, in the readout's language ("" if not given)
    sector: str
    size_band: str


@dataclass(frozen=True)
class Questionnaire:
    slug: str
    number: int
    title: str  # in the readout's language
    published_at: datetime.datetime | None
    weights_rationale: str


@dataclass(frozen=True)
class PeerStats:
    median: int | None
    q1: int | None
    q3: int | None


@dataclass(frozen=True)
class Peers:
    """The peer group the firm is compared with (k-anonymous: at least 5 firms)."""

    n: int
    label_in_sentence: str  # to follow the number: "12 firms in Lao PDR"
    overall: PeerStats | None
    versions_note: str = ""  # "Peers answered versions 1 and 2 of the questionnaire."


@dataclass(frozen=True)
class PeerRow:
    """One line of the peer comparison: overall first, then each pillar."""

    code: str
    name: str
    score: int | None
    level: str | None
    median: int | None
    q1: int | None
    q3: int | None
    reason: str = ""  # why a pillar without a score does not apply (not_applicable.py)


@dataclass(frozen=True)
class NotApplicable:
    """A pillar that does not apply to the firm: shown as such with the reason, never 0."""

    code: str
    name: str
    reason: str


@dataclass(frozen=True)
class Line:
    text: str
    answer: str


@dataclass(frozen=True)
class GapLine:
    text: str
    answer: str
    advice: tuple[str, ...]
    points: float  # overall points at stake
    dont_know: bool


@dataclass(frozen=True)
class PillarSection:
    code: str
    name: str
    description: str
    score: int | None
    level: str | None
    level_description: str
    weight: float
    peer_median: int | None
    peer_q1: int | None
    peer_q3: int | None
    strengths: tuple[Line, ...]
    gaps: tuple[GapLine, ...]
    more_gaps: int  # gaps left out of the section (all are in the annex)
    not_applicable: str = ""  # why it has no score; "" when it has one


@dataclass(frozen=True)
class Recommended:
    programme: ProgrammeInfo
    pillar: str
    pillar_name: str
    reason: str
    link: str  # the programme's web address when it is http(s), else ""
    needs_verification: bool
    # Issue 15: flagged "check before applying" (needs verification, or not verified in
    # the last 18 months), and the questions of the firm's the reason quotes.
    check_first: bool = False
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanPeriod:
    horizon: str  # "90_days", "6_months", "12_months"
    title: str
    steps: tuple[ActionStep, ...]


@dataclass(frozen=True)
class Previous:
    """The same firm's assessment submitted just before this one."""

    pk: int
    submitted_at: datetime.datetime


@dataclass(frozen=True)
class AnswerRow:
    code: str
    text: str
    answer: str
    status: str  # how the answer counted, when not simply scored
    points: str  # "3 / 4", or "–"


@dataclass(frozen=True)
class AnswerSection:
    pillar_name: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class QuestionChange:
    """A question answered differently since the previous assessment (full report)."""

    pillar_name: str
    text: str
    before: str  # the answer then, and its points
    after: str
    # "up" (improved), "down" (slipped), "new" (answered now, not then) or "same" (the
    # answer changed, its points did not), and the overall points it moved (+ is better).
    moved: str = "same"
    points: float = 0.0

    @property
    def size(self) -> int:
        """How far it moved the overall score, as a whole number either way."""
        return round(abs(self.points))

    @property
    def raised(self) -> bool:
        return self.points > 0


@dataclass(frozen=True)
class MethodQuestion:
    code: str
    text: str
    type: str
    weight: float
    max_points: int
    options: tuple[tuple[str, str], ...]  # (label, points or what it means)


@dataclass(frozen=True)
class MethodPillar:
    name: str
    weight: float
    questions: tuple[MethodQuestion, ...]


@dataclass(frozen=True)
class LevelRow:
    name: str
    range: str
    description: str


@dataclass(frozen=True)
class ChartLabels:
    title: str
    no_score: str
    you: str
    peers: str
    peer_range: str


@dataclass(frozen=True)
class Charts:
    """What the pillar charts are drawn from; reports/charts draws them."""

    radar: tuple[RadarAxis, ...]
    bars: tuple[Bar, ...]
    labels: ChartLabels


@dataclass(frozen=True)
class OwnerStep:
    number: int  # 1, 2, 3 … across the whole plan
    pillar: str
    pillar_name: str
    questions: tuple[str, ...]  # one, or several "find out" questions merged
    advice: str
    why: str  # one sentence from the firm's own answer
    who: str  # "" when the questionnaire does not say
    effort: str
    programme: Recommended | None
    programme_first: bool  # True where the programme's details are printed
    programme_step: int  # the step where they are printed
    first: bool  # one of the three things to do first (printed with the verdict)


@dataclass(frozen=True)
class OwnerPeriod:
    horizon: str
    title: str
    steps: tuple[OwnerStep, ...]


@dataclass(frozen=True)
class StandingRow:
    code: str
    name: str
    score: int | None
    level: str | None
    median: int | None
    q1: int | None
    q3: int | None
    meaning: str  # one sentence on what the gap means


@dataclass(frozen=True)
class OwnerReport:
    first: tuple[OwnerStep, ...]
    standing: tuple[StandingRow, ...]  # overall first, then each pillar
    plan: tuple[OwnerPeriod, ...]
    other_programmes: tuple[Recommended, ...]  # matching, but tied to no step
    unconfirmed: bool = False  # a programme named needs its details checked


@dataclass(frozen=True)
class Readout:
    assessment_id: int
    submitted_at: datetime.datetime | None
    prepared_on: datetime.date
    language: str
    language_name: str
    company: Company
    questionnaire: Questionnaire
    summary: Summary  # overall and pillar scores and levels, top gaps, "don't know"
    strongest: tuple[str, ...]  # names of the highest-scoring pillars; empty if all alike
    weakest: tuple[str, ...]
    key_actions: tuple[ActionStep, ...]
    peers: Peers | None
    peer_rows: tuple[PeerRow, ...]
    pillars: tuple[PillarSection, ...]
    recommendations: tuple[Recommended, ...]
    plan: tuple[PlanPeriod, ...]
    previous: Previous | None
    comparison: Comparison | None
    answers: tuple[AnswerSection, ...]
    levels: tuple[LevelRow, ...]
    # Every item's points, for the methodology annex; None when the reader asked for a
    # readout without it (the results page: it costs three queries and is never shown).
    methodology: tuple[MethodPillar, ...] | None
    charts: Charts
    # Pillars with a gap and no programme the firm can join: a sentence and general advice.
    no_programme: tuple[NoProgramme, ...] = ()
    # Government-only channels relevant to the gaps, for the full report ("ask your ministry").
    ask_ministry: tuple[AskMinistry, ...] = ()
    # Pillars without a score, with the reason they do not apply (issue 17).
    not_applicable: tuple[NotApplicable, ...] = ()

    # The owner's report's view of the above (reports/readout/owner.py); None only in
    # readouts built by hand.
    owner: OwnerReport | None = None
    # Per question, what changed since the previous assessment (same question codes).
    changes: tuple[QuestionChange, ...] = ()
    # The two or three of them that moved the overall score most, either way.
    moves: tuple[QuestionChange, ...] = ()
