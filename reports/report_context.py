"""Everything the PDF report shows, gathered in one place: the report's ORM glue.

A fixed number of queries (the assessment, the previous one, the benchmark snapshot, the
programme catalogue, and the questionnaire version's pillars, questions, options and
levels for the methodology annex), then pure functions: the frozen result is read by
assessment/summary.py, peers by reports/benchmarks.py, programmes and the action plan by
reports/recommend.py, charts by reports/charts.py. Call it with the report's language
active: the labels and reasons are translated as they are built.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessment.choices import Country, Sector, SizeBand
from assessment.localise import ContentCatalogue, localise_result
from assessment.models import Assessment, Option, Question
from assessment.summary import Summary, answer_text, compare, summarise, whole
from assessment.translated import content_catalogue
from reports.benchmark_store import benchmark_for
from reports.benchmarks import OVERALL, Benchmark
from reports.charts import Bar, RadarAxis, bar_svg, pillars_svg
from reports.models import REPORT_TEMPLATE_VERSION, programme_catalogue
from reports.recommend import HORIZONS, ProgrammeInfo, Recommendation, action_plan, recommend

# The report's font stack (static/reports/print.css declares the faces). The charts say
# "sans-serif", which in WeasyPrint means a system font: the PDF's charts use ours.
FONT_STACK = "MDR Sans, MDR Thai, MDR Khmer, MDR Lao, MDR Myanmar, MDR SC"
STRENGTH = 0.75  # a question scoring at least this share of its maximum is a strength
GAPS_PER_PILLAR = 5


class ReportUnavailable(Exception):
    """No report for this assessment: it does not exist or is still a draft."""


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


@dataclass(frozen=True)
class Recommended:
    programme: ProgrammeInfo
    pillar_name: str
    reason: str
    link: str  # the programme's web address when it is http(s), else ""


@dataclass(frozen=True)
class AnswerRow:
    code: str
    text: str
    answer: str
    status: str  # translated: how the answer counted, when not simply scored
    points: str  # "3 / 4", or "–"


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


def report_context(
    assessment_id: int, *, language: str, today: datetime.date | None = None
) -> dict[str, Any]:
    assessment = Assessment.objects.select_related("questionnaire").filter(pk=assessment_id).first()
    if assessment is None:
        raise ReportUnavailable(f"There is no assessment {assessment_id}.")
    if not assessment.is_submitted:
        raise ReportUnavailable(f"Assessment {assessment_id} is a draft: it has no report yet.")
    today = today or timezone.localdate()
    # The frozen scores with the texts in the report's language (English where a
    # translation is missing): looked up by code in the version's translations.
    content = content_catalogue(assessment.questionnaire_id, language)
    result = localise_result(assessment.result, content)
    summary = summarise(result)
    benchmark = benchmark_for(assessment)
    recommendations = recommend(result, programme_catalogue(language), today, language=language)
    plan = action_plan(result)
    previous = previous_assessment(assessment)
    version = assessment.questionnaire
    profile = result.get("profile") or {}
    peers = benchmark.pillars if benchmark else {}
    levels = sorted(result.get("levels", []), key=lambda lv: lv["min_score"])
    return {
        "assessment": assessment,
        "result": result,
        "profile": profile,
        "country": _label(Country, profile.get("country")),
        "sector": _label(Sector, profile.get("sector")),
        "size_band": _label(SizeBand, profile.get("size_band")),
        "summary": summary,
        "strongest": _extreme(summary, max),
        "weakest": _extreme(summary, min),
        "key_actions": [step for horizon in HORIZONS for step in plan[horizon]][:3],
        "benchmark": benchmark,
        "peer_overall": _peer(peers.get(OVERALL)),
        "peer_rows": _peer_rows(summary, benchmark),
        "radar": _chart(
            pillars_svg(
                [
                    RadarAxis(p.name, p.score, peer_median=_median(peers.get(p.code)))
                    for p in summary.pillars
                ],
                title=_("Pillar scores"),
                no_score=_("(no score)"),
                you=_("Your score"),
                peers=_("Peer median"),
            )
        ),
        "bars": _chart(
            bar_svg(
                [_bar(p.name, p.score, peers.get(p.code)) for p in summary.pillars],
                title=_("Pillar scores"),
                no_score=_("(no score)"),
                you=_("Your score"),
                peer_range=_("Peers: middle half (25th to 75th percentile)"),
                peer_median=_("Peer median"),
            )
        ),
        "pillars": [_section(p, levels, peers.get(p["code"])) for p in result.get("pillars", [])],
        "recommendations": [_recommended(rec) for rec in recommendations],
        "plan": [(horizon, _horizon_title(horizon), plan[horizon]) for horizon in HORIZONS],
        "previous": previous,
        "comparison": compare(result, previous.result) if previous else None,
        "answers": [
            (p["name"], [_answer_row(q) for q in p.get("questions", [])])
            for p in result.get("pillars", [])
        ],
        "method": _methodology(version, content),
        "levels": _level_rows(levels),
        "version": version,
        "template_version": REPORT_TEMPLATE_VERSION,
        "prepared_on": today,
        "language": language,
        # Our own endonyms (settings.LANGUAGES): Django calls Khmer "Khmer" in Khmer.
        "language_name": dict(settings.LANGUAGES).get(language, language),
        "page_css": page_css(_("page %(page)s of %(pages)s"), _("Digital readiness report")),
    }


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same company's submitted assessment just before this one."""
    earlier = Q(submitted_at__lt=assessment.submitted_at) | Q(
        submitted_at=assessment.submitted_at, pk__lt=assessment.pk
    )
    return (
        Assessment.objects.filter(
            earlier, company_id=assessment.company_id, status=Assessment.Status.SUBMITTED
        )
        .only("pk", "submitted_at", "result")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def page_css(page_label: str, running_title: str) -> SafeString:
    """The @page footer: "page X of Y" in the report's language, as CSS.

    Built from our own translated strings only, escaped as CSS strings so that no
    translation can end the string or the <style> element.
    """
    parts = []
    for piece in re.split(r"(%\(pages?\)s)", page_label):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    footer = " ".join(parts) or '""'
    title = css_string(running_title)
    return mark_safe(  # noqa: S308 - only CSS-escaped strings and counters
        f"@page {{ @bottom-right {{ content: {footer}; }} @bottom-left {{ content: {title}; }} }}"
    )


def css_string(text: str) -> str:
    """A CSS string literal of text: every character that could end it is escaped."""
    out = []
    for char in re.sub(r"\s+", " ", text):
        if char.isalnum() or char in " .,:;!?()-–—·/%'’":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


# --- pieces ---------------------------------------------------------------------------


def _chart(svg: str) -> SafeString:
    # Safe: the chart functions escape every label themselves.
    marked = svg.replace('font-family="sans-serif"', f'font-family="{FONT_STACK}"', 1)
    return mark_safe(marked)  # noqa: S308


def _recommended(rec: Recommendation) -> Recommended:
    # Catalogue links are validated as web addresses; a link is still only made for
    # http(s), so no other scheme becomes a PDF link annotation.
    url = rec.programme.url
    link = url if urlsplit(url).scheme in ("http", "https") else ""
    return Recommended(rec.programme, rec.pillar_name, rec.reason, link)


def _median(stats: Any) -> float | None:
    return None if stats is None else stats.median


def _bar(name: str, score: float | None, stats: Any) -> Bar:
    if stats is None:
        return Bar(name, score)
    return Bar(name, score, peer_q1=stats.q1, peer_median=stats.median, peer_q3=stats.q3)


def _peer(stats: Any) -> dict[str, int | None] | None:
    if stats is None:
        return None
    return {"median": whole(stats.median), "q1": whole(stats.q1), "q3": whole(stats.q3)}


def _peer_rows(summary: Summary, benchmark: Benchmark | None) -> list[dict[str, Any]]:
    rows = [(OVERALL, _("Overall"), summary.overall, None)]
    rows += [(p.code, p.name, p.whole, p.level) for p in summary.pillars]
    peers = benchmark.pillars if benchmark else {}
    empty = {"median": None, "q1": None, "q3": None}
    return [
        {"code": code, "name": name, "score": score, "level": level}
        | (_peer(peers.get(code)) or empty)
        for code, name, score, level in rows
    ]


def _extreme(summary: Summary, pick: Any) -> list[str]:
    """The names of the highest (or lowest) scoring pillars; empty if all score alike."""
    scored = [p for p in summary.pillars if p.whole is not None]
    if len({p.whole for p in scored}) < 2:
        return []
    target = pick(p.whole for p in scored)
    return [p.name for p in scored if p.whole == target]


def _section(
    pillar: Mapping[str, Any], levels: Sequence[Mapping[str, Any]], stats: Any
) -> PillarSection:
    questions = pillar.get("questions", [])
    strengths = tuple(
        Line(q["text"], answer_text(q.get("answer") or {}))
        for q in questions
        if q.get("status") == "scored" and (q.get("score") or 0) >= STRENGTH
    )
    gaps = sorted(
        (q for q in questions if (q.get("gap") or 0) > 0),
        key=lambda q: -q["gap"],  # stable: ties keep questionnaire order
    )
    level = pillar.get("level")
    peer = _peer(stats) or {}
    return PillarSection(
        code=pillar["code"],
        name=pillar["name"],
        description=pillar.get("description", ""),
        score=whole(pillar.get("score")),
        level=level,
        level_description=next(
            (lv.get("description", "") for lv in levels if lv["name"] == level), ""
        ),
        weight=pillar.get("weight", 1),
        peer_median=peer.get("median"),
        peer_q1=peer.get("q1"),
        peer_q3=peer.get("q3"),
        strengths=strengths,
        gaps=tuple(
            GapLine(
                text=q["text"],
                answer=answer_text(q.get("answer") or {}),
                advice=tuple(q.get("advice") or ()),
                points=q["gap"],
                dont_know=q.get("status") == "dont_know",
            )
            for q in gaps[:GAPS_PER_PILLAR]
        ),
        more_gaps=max(0, len(gaps) - GAPS_PER_PILLAR),
    )


def _status_label(status: str) -> str:
    return {
        "scored": _("Scored"),
        "not_applicable": _("Not applicable: left out"),
        "dont_know": _("Don't know: counts as 0"),
        "unanswered": _("Not answered: left out"),
        "unscored": _("Not scored (free text)"),
    }.get(status, status)


def _answer_row(question: Mapping[str, Any]) -> AnswerRow:
    status = question.get("status", "")
    points = question.get("points")
    maximum = question.get("max_points")
    return AnswerRow(
        code=question["code"],
        text=question["text"],
        answer=answer_text(question.get("answer") or {}),
        status="" if status == "scored" else _status_label(status),
        points=f"{_num(points)} / {_num(maximum)}"
        if status in ("scored", "dont_know") and points is not None and maximum
        else "–",
    )


def _type_label(question_type: str) -> str:
    return {
        Question.Type.SINGLE: _("Single choice"),
        Question.Type.MULTIPLE: _("Multiple choice: ticked options add up, to the maximum"),
        Question.Type.SCALE: _("Maturity scale"),
        Question.Type.YES_NO: _("Yes / no"),
        Question.Type.NUMBER: _("Number, scored by band"),
        Question.Type.TEXT: _("Free text, not scored"),
    }.get(question_type, question_type)


def _option_meaning(question: Question, option: Option, content: ContentCatalogue) -> str:
    if option.kind == Option.Kind.NOT_APPLICABLE:
        return _("left out of the score")
    if option.kind == Option.Kind.DONT_KNOW:
        return _("0 points, listed as something to find out")
    points = _("%(points)s points") % {"points": option.points}
    if question.type == Question.Type.NUMBER and option.band_min is not None:
        unit = content.text(content.questions.get(question.code), "unit", question.unit)
        if option.band_max is None:
            band = _("from %(low)s%(unit)s") % {"low": _num(option.band_min), "unit": unit}
        else:
            band = _("from %(low)s%(unit)s to under %(high)s%(unit)s") % {
                "low": _num(option.band_min),
                "high": _num(option.band_max),
                "unit": unit,
            }
        return f"{points} ({band})"
    if option.kind == Option.Kind.NONE:
        return _("%(points)s points; excludes the other options") % {"points": option.points}
    return points


def _methodology(version: Any, content: ContentCatalogue) -> list[MethodPillar]:
    """Every item's points, from the questionnaire version the answers were given on."""
    return [
        MethodPillar(
            name=content.text(content.pillars.get(pillar.code), "name", pillar.name),
            weight=float(pillar.weight),
            questions=tuple(
                MethodQuestion(
                    code=q.code,
                    text=content.text(content.questions.get(q.code), "text", q.text),
                    type=_type_label(q.type),
                    weight=float(q.weight),
                    max_points=q.max_points,
                    options=tuple(
                        (
                            content.option(q.code, o.code, "label", o.label),
                            _option_meaning(q, o, content),
                        )
                        for o in q.options.all()
                    ),
                )
                for q in pillar.questions.all()
            ),
        )
        for pillar in version.pillars.prefetch_related("questions__options")
    ]


def _level_rows(levels: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for index, level in enumerate(levels):
        upper = levels[index + 1]["min_score"] if index + 1 < len(levels) else None
        rows.append(
            {
                "name": level["name"],
                "range": (
                    _("%(low)s to under %(high)s")
                    % {"low": _num(level["min_score"]), "high": _num(upper)}
                    if upper is not None
                    else _("%(low)s to 100") % {"low": _num(level["min_score"])}
                ),
                "description": level.get("description", ""),
            }
        )
    return rows


def _horizon_title(horizon: str) -> str:
    return {
        "90_days": _("In the next 90 days"),
        "6_months": _("Within 6 months"),
        "12_months": _("Within 12 months"),
    }[horizon]


def _label(choices: Any, code: str | None) -> str:
    if not code:
        return ""
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code)


def _num(value: Any) -> str:
    """A whole number as it is, a fraction to two places with the language's decimal mark."""
    if value is None:
        return "–"
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return number_format(Decimal(f"{number:.2f}").normalize())
