"""`build_readout`: one submitted assessment's `Readout`, from plain inputs.

Pure: no queries and no HTTP (reports/readout/queries.py loads the inputs). The frozen
result is read by assessment/summary.py, peers by reports/benchmarks/stats.py, programmes
and the action plan by reports/recommendations/rank.py. Texts are translated into
`language` as they are built; no figure is recomputed from answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from assessment.choices import Country, Sector, SizeBand
from assessment.frozen import FrozenLevel, FrozenPillar, FrozenQuestion, FrozenResult
from assessment.i18n.localise import ContentCatalogue, localise_result
from assessment.summary import Summary, advice_for, answer_text, compare, summarise, whole
from reports.benchmarks.stats import OVERALL, Benchmark, PillarStats, peer_benchmark
from reports.charts.bars import Bar
from reports.charts.pillars import RadarAxis
from reports.readout.labels import horizon_title, level_rows, num, profile_label, status_label
from reports.readout.methodology import MethodInput, methodology
from reports.readout.not_applicable import ConditionInput, reasons
from reports.readout.owner import StepHints, owner_report
from reports.readout.values import (
    AnswerRow,
    AnswerSection,
    ChartLabels,
    Charts,
    Company,
    GapLine,
    Line,
    NotApplicable,
    PeerRow,
    Peers,
    PeerStats,
    PillarSection,
    PlanPeriod,
    Previous,
    QuestionChange,
    Questionnaire,
    Readout,
    Recommended,
)
from reports.recommendations.rank import (
    HORIZONS,
    ProgrammeInfo,
    Recommendation,
    action_plan,
    recommendations,
)

STRENGTH = 0.75  # a question scoring at least this share of its maximum is a strength
GAPS_PER_PILLAR = 5
KEY_ACTIONS = 3


@dataclass(frozen=True)
class PreviousInput:
    pk: int
    submitted_at: datetime.datetime
    result: FrozenResult
    # Lineage keys (assessment/models/lineage.py) of this and that version's question codes, so a
    # renamed question is compared with its old answer; a code without one is its own key.
    keys_now: Mapping[str, str] = field(default_factory=dict)
    keys_then: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VersionInput:
    slug: str
    number: int
    published_at: datetime.datetime | None
    weights_rationale: str


@dataclass(frozen=True)
class ReadoutInputs:
    """Everything a readout is built from, as loaded by reports/readout/queries.py."""

    assessment_id: int
    submitted_at: datetime.datetime | None
    result: FrozenResult  # as frozen at submission, English texts
    content: ContentCatalogue  # the version's translations in the readout's language
    version: VersionInput
    previous: PreviousInput | None
    benchmark_groups: Mapping[str, Any] | None  # the version's benchmark snapshot
    catalogue: Sequence[ProgrammeInfo]  # the programme catalogue, in the language
    method: MethodInput | None  # None: leave the methodology annex out
    # The version's conditions, to say why a pillar has no score; None: say it plainly.
    conditions: ConditionInput | None = None


def build_readout(inputs: ReadoutInputs, *, language: str, today: datetime.date) -> Readout:
    with translation.override(language):
        return _build(inputs, language, today)


def _build(inputs: ReadoutInputs, language: str, today: datetime.date) -> Readout:
    # Scores stay as frozen; only the texts are looked up again, by code, in the language.
    result = localise_result(inputs.result, inputs.content)
    readout = _readout(inputs, result, language, today)
    previous = inputs.previous
    changes = _changes(result, previous) if previous else ()
    return replace(
        readout,
        owner=owner_report(
            readout.plan, readout.recommendations, readout.peer_rows, _hints(result)
        ),
        changes=changes,
        moves=biggest_moves(changes),
    )


def _changes(result: FrozenResult, previous: PreviousInput) -> tuple[QuestionChange, ...]:
    """The questions whose answer or points differ from the previous assessment's, matched
    by lineage key across versions."""
    key_then, key_now = previous.keys_then, previous.keys_now
    then = {
        key_then.get(q["code"], q["code"]): q
        for p in previous.result.get("pillars", [])
        for q in p["questions"]
    }
    out = []
    for pillar in result["pillars"]:
        for question in pillar["questions"]:
            old = then.get(key_now.get(question["code"], question["code"]))
            if old is None:
                continue
            row, old_row = _answer_row(question), _answer_row(old)
            was = (old_row.answer, old_row.points)
            now = (row.answer, row.points)
            if was != now:
                moved, points = _moved(old, question)
                out.append(
                    QuestionChange(
                        pillar["name"],
                        question["text"],
                        _shown(*was),
                        _shown(*now),
                        moved=moved,
                        points=points,
                    )
                )
    return tuple(out)


def _moved(old: FrozenQuestion, new: FrozenQuestion) -> tuple[str, float]:
    """Which way a changed answer moved the score, and by how many overall points."""
    points = round(float(old.get("gap") or 0) - float(new.get("gap") or 0), 1)
    if new.get("status") == "scored" and old.get("status") != "scored":
        return "new", points
    before, after = old.get("score"), new.get("score")
    if before is None or after is None or before == after:
        return "same", 0.0
    return ("up" if after > before else "down"), points


def biggest_moves(
    changes: tuple[QuestionChange, ...], count: int = 3
) -> tuple[QuestionChange, ...]:
    """The changes that moved the overall score most, either way (ties: questionnaire order)."""
    # Under half a point rounds to 0: not a move worth naming.
    moving = [c for c in changes if c.moved in ("up", "down", "new") and abs(c.points) >= 0.5]
    return tuple(sorted(moving, key=lambda c: -abs(c.points))[:count])


def _shown(answer: str, points: str) -> str:
    return f"{answer or '–'} ({points})"


def _hints(result: FrozenResult) -> StepHints:
    """Who takes each question's first step and what it costs, by (pillar, question text)
    as the plan's steps name them."""
    return {
        (p["code"], q["text"]): (q.get("step_who", ""), q.get("step_effort", ""))
        for p in result["pillars"]
        for q in p["questions"]
    }


def _readout(
    inputs: ReadoutInputs, result: FrozenResult, language: str, today: datetime.date
) -> Readout:
    summary = summarise(result)
    profile = result["profile"]
    benchmark = (
        peer_benchmark(inputs.benchmark_groups, profile) if inputs.benchmark_groups else None
    )
    stats = benchmark.pillars if benchmark else {}
    plan = action_plan(result)
    found = recommendations(result, inputs.catalogue, today, language=language)
    previous = inputs.previous
    why = reasons(result, inputs.conditions)
    return Readout(
        assessment_id=inputs.assessment_id,
        submitted_at=inputs.submitted_at,
        prepared_on=today,
        language=language,
        # Our own endonyms (settings.LANGUAGES): Django calls Khmer "Khmer" in Khmer.
        language_name=str(dict(settings.LANGUAGES).get(language, language)),
        company=Company(
            name=profile.get("name") or "",
            province=profile.get("province") or "",
            country=profile_label(Country, profile.get("country")),
            sector=profile_label(Sector, profile.get("sector")),
            size_band=profile_label(SizeBand, profile.get("size_band")),
        ),
        questionnaire=Questionnaire(
            slug=inputs.version.slug,
            number=result["questionnaire"]["number"],
            title=result["questionnaire"]["title"],
            published_at=inputs.version.published_at,
            weights_rationale=inputs.version.weights_rationale,
        ),
        summary=summary,
        strongest=_extreme(summary, max),
        weakest=_extreme(summary, min),
        key_actions=tuple(step for h in HORIZONS for step in plan[h])[:KEY_ACTIONS],
        peers=_peers(benchmark),
        peer_rows=_peer_rows(summary, stats, why),
        pillars=tuple(
            _section(p, result["levels"], stats.get(p["code"]), why.get(p["code"], ""))
            for p in result["pillars"]
        ),
        not_applicable=tuple(
            NotApplicable(p.code, p.name, why[p.code]) for p in summary.pillars if p.code in why
        ),
        recommendations=tuple(_recommended(rec) for rec in found.items),
        plan=tuple(PlanPeriod(h, horizon_title(h), tuple(plan[h])) for h in HORIZONS),
        previous=Previous(previous.pk, previous.submitted_at) if previous else None,
        comparison=compare(result, previous.result) if previous else None,
        answers=tuple(
            AnswerSection(p["name"], tuple(_answer_row(q) for q in p["questions"]))
            for p in result["pillars"]
        ),
        levels=level_rows(result["levels"]),
        methodology=methodology(inputs.method, inputs.content)
        if inputs.method is not None
        else None,
        charts=_charts(summary, stats),
        no_programme=found.no_programme,
        ask_ministry=found.ask_ministry,
    )


def _peer_stats(stats: PillarStats | None) -> PeerStats | None:
    if stats is None:
        return None
    return PeerStats(median=whole(stats.median), q1=whole(stats.q1), q3=whole(stats.q3))


def _peers(benchmark: Benchmark | None) -> Peers | None:
    if benchmark is None:
        return None
    return Peers(
        n=benchmark.n,
        label_in_sentence=benchmark.label_in_sentence,
        overall=_peer_stats(benchmark.pillars.get(OVERALL)),
        versions_note=benchmark.versions_note,
    )


def _peer_rows(
    summary: Summary, stats: Mapping[str, PillarStats], why: Mapping[str, str]
) -> tuple[PeerRow, ...]:
    """The firm's scores beside its peers' median and middle half, as whole numbers."""
    rows: list[tuple[str, str, int | None, str | None]] = [
        (OVERALL, _("Overall"), summary.overall, summary.level)
    ]
    rows += [(p.code, p.name, p.whole, p.level) for p in summary.pillars]
    out = []
    for code, name, score, level in rows:
        peer = _peer_stats(stats.get(code)) or PeerStats(None, None, None)
        reason = why.get(code, "")
        out.append(PeerRow(code, name, score, level, peer.median, peer.q1, peer.q3, reason))
    return tuple(out)


def _charts(summary: Summary, stats: Mapping[str, PillarStats]) -> Charts:
    def median(code: str) -> float | None:
        found = stats.get(code)
        return None if found is None else found.median

    def bar(code: str, name: str, score: float | None) -> Bar:
        found = stats.get(code)
        if found is None:
            return Bar(name, score)
        return Bar(name, score, peer_q1=found.q1, peer_median=found.median, peer_q3=found.q3)

    return Charts(
        radar=tuple(
            RadarAxis(p.name, p.score, peer_median=median(p.code)) for p in summary.pillars
        ),
        bars=tuple(bar(p.code, p.name, p.score) for p in summary.pillars),
        labels=ChartLabels(
            title=_("Pillar scores"),
            # A pillar without a score is one that does not apply to the firm (issue 17).
            no_score=_("(not applicable)"),
            you=_("Your score"),
            peers=_("Peer median"),
            peer_range=_("Peers: middle half (25th to 75th percentile)"),
        ),
    )


def _extreme(summary: Summary, pick: Callable[[Iterable[int]], int]) -> tuple[str, ...]:
    """The names of the highest (or lowest) scoring pillars; empty if all score alike."""
    scored = [(p.name, p.whole) for p in summary.pillars if p.whole is not None]
    if len({score for _, score in scored}) < 2:
        return ()
    target = pick(score for _, score in scored)
    return tuple(name for name, score in scored if score == target)


def _recommended(rec: Recommendation) -> Recommended:
    # Catalogue links are validated as web addresses; a link is still only made for
    # http(s), so no other scheme becomes a link on the page or in the PDF.
    url = rec.programme.url
    link = url if urlsplit(url).scheme in ("http", "https") else ""
    return Recommended(
        programme=rec.programme,
        pillar=rec.pillar,
        pillar_name=rec.pillar_name,
        reason=rec.reason,
        link=link,
        needs_verification=rec.needs_verification,
        check_first=rec.check_first,
        answers=rec.answers,
    )


def _section(
    pillar: FrozenPillar,
    levels: Sequence[FrozenLevel],
    stats: PillarStats | None,
    not_applicable: str,
) -> PillarSection:
    questions = pillar["questions"]
    strengths = tuple(
        Line(q["text"], answer_text(q["answer"]))
        for q in questions
        if q["status"] == "scored" and (q["score"] or 0) >= STRENGTH
    )
    # Stable: ties keep questionnaire order.
    gaps = sorted((q for q in questions if (q["gap"] or 0) > 0), key=lambda q: -(q["gap"] or 0))
    level = pillar["level"]
    peer = _peer_stats(stats) or PeerStats(None, None, None)
    return PillarSection(
        code=pillar["code"],
        name=pillar["name"],
        description=pillar.get("description", ""),
        score=whole(pillar["score"]),
        level=level,
        level_description=next(
            (lv.get("description", "") for lv in levels if lv["name"] == level), ""
        ),
        weight=pillar.get("weight", 1),
        peer_median=peer.median,
        peer_q1=peer.q1,
        peer_q3=peer.q3,
        strengths=strengths,
        gaps=tuple(
            GapLine(
                text=q["text"],
                answer=answer_text(q["answer"]),
                advice=tuple(advice_for(q)),
                points=q["gap"] or 0,
                dont_know=q["status"] == "dont_know",
            )
            for q in gaps[:GAPS_PER_PILLAR]
        ),
        more_gaps=max(0, len(gaps) - GAPS_PER_PILLAR),
        not_applicable=not_applicable,
    )


def _answer_row(question: FrozenQuestion) -> AnswerRow:
    status = question["status"]
    points = question["points"]
    maximum = question["max_points"]
    return AnswerRow(
        code=question["code"],
        text=question["text"],
        answer=answer_text(question["answer"]),
        status="" if status == "scored" else status_label(status),
        points=f"{num(points)} / {num(maximum)}"
        if status in ("scored", "dont_know") and points is not None and maximum
        else "–",
    )
