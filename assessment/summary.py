"""What the results page (and later the report) reads off a frozen result.

Pure functions over the plain dicts that `results.freeze_result` stored at submission:
no queries and no rescoring, so nothing edited after submission can change them. Scores
are shown as whole numbers and changes are taken between the whole numbers shown, so
the figures on the page always add up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from assessment.frozen import FrozenQuestion, FrozenResult

Result = FrozenResult


@dataclass(frozen=True)
class PillarRow:
    code: str
    name: str
    score: float | None  # as frozen (one decimal), for the chart
    whole: int | None  # as shown
    level: str | None


@dataclass(frozen=True)
class Gap:
    pillar: str
    code: str
    text: str
    answer: str
    advice: tuple[str, ...]
    points: float  # points of the overall score lost against a perfect answer


@dataclass(frozen=True)
class ToFindOut:
    pillar: str
    code: str
    text: str


@dataclass(frozen=True)
class Summary:
    overall: int | None
    level: str | None
    level_description: str
    level_rank: int | None  # 1 for the lowest level
    level_count: int
    pillars: tuple[PillarRow, ...]
    gaps: tuple[Gap, ...]
    to_find_out: tuple[ToFindOut, ...]


@dataclass(frozen=True)
class Change:
    code: str
    name: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def signed(self) -> str:
        return signed(self.delta)


@dataclass(frozen=True)
class Comparison:
    overall: Change
    pillars: tuple[Change, ...]
    same_questionnaire: bool
    previous_questionnaire: str


def summarise(result: Result, *, gaps: int = 3) -> Summary:
    levels = sorted(result.get("levels", []), key=lambda lv: lv["min_score"])
    names = [lv["name"] for lv in levels]
    level = result.get("level")
    rank = names.index(level) + 1 if level in names else None
    return Summary(
        overall=whole(result.get("overall")),
        level=level,
        level_description=levels[rank - 1].get("description", "") if rank else "",
        level_rank=rank,
        level_count=len(levels),
        pillars=tuple(
            PillarRow(p["code"], p["name"], p.get("score"), whole(p.get("score")), p.get("level"))
            for p in result.get("pillars", [])
        ),
        gaps=tuple(top_gaps(result, gaps)),
        to_find_out=tuple(dont_know_items(result)),
    )


def top_gaps(result: Result, n: int = 3) -> list[Gap]:
    """The n answers that cost the most points of the overall score, largest first.

    Ties keep questionnaire order. Left out: questions without a gap (unanswered, not
    applicable, free text), perfect answers, and "don't know" answers, which the page
    lists apart as things to find out: there is no answer to improve on yet.
    """
    found = [
        Gap(
            pillar=pillar["name"],
            code=q["code"],
            text=q["text"],
            answer=answer_text(q.get("answer") or {}),
            advice=tuple(advice_for(q)),
            points=gap,
        )
        for pillar in result.get("pillars", [])
        for q in pillar.get("questions", [])
        if (gap := q.get("gap")) is not None and gap > 0 and q.get("status") != "dont_know"
    ]
    return sorted(found, key=lambda gap: -gap.points)[:n]


MISSING_NAMED = 3  # items not ticked named in the advice, most useful first
MISSING_ADVICE = 2  # pieces of advice on them


def advice_for(question: FrozenQuestion) -> list[str]:
    """The advice for a question's gap.

    For a "tick all that apply" answer frozen since issue 15: what is not in place yet
    (the items not ticked that suit the firm's size and sector, most useful first), then
    the advice of the first of them (a ticked "none of these" leads with its own). Never
    the advice on what was ticked. Results frozen before keep their advice as it was.
    """
    own = [a.strip() for a in question.get("advice") or () if a and a.strip()]
    if question.get("type") != "multiple" or question.get("status") != "scored":
        return own
    if "missing" not in question:
        return own
    labels = [label for label in question.get("missing") or () if label]
    advice = [a.strip() for a in question.get("missing_advice") or () if a and a.strip()]
    named = (
        [_("Not in place yet: %(items)s.") % {"items": "; ".join(labels[:MISSING_NAMED])}]
        if labels
        else []
    )
    return named + advice[:MISSING_ADVICE]


def dont_know_items(result: Result) -> list[ToFindOut]:
    """The questions answered "don't know", in questionnaire order."""
    codes = set(result.get("dont_know", []))
    return [
        ToFindOut(pillar["name"], q["code"], q["text"])
        for pillar in result.get("pillars", [])
        for q in pillar.get("questions", [])
        if q["code"] in codes
    ]


def compare(current: Result, previous: Result) -> Comparison:
    """Current against an earlier result: overall and per pillar, matched by pillar code.

    A pillar the earlier questionnaire did not have gets no change figure.
    """
    before = {p["code"]: whole(p.get("score")) for p in previous.get("pillars", [])}
    cur_q, prev_q = current.get("questionnaire", {}), previous.get("questionnaire", {})
    return Comparison(
        overall=Change(
            "overall", "Overall", whole(previous.get("overall")), whole(current.get("overall"))
        ),
        pillars=tuple(
            Change(p["code"], p["name"], before.get(p["code"]), whole(p.get("score")))
            for p in current.get("pillars", [])
        ),
        same_questionnaire=(cur_q.get("slug"), cur_q.get("number"))
        == (prev_q.get("slug"), prev_q.get("number")),
        previous_questionnaire=f"{prev_q.get('title', '')} v{prev_q.get('number', '?')}".strip(),
    )


def answer_text(answer: Mapping[str, Any]) -> str:
    """The answer as given: a number with its unit, the chosen labels, or the text."""
    number = answer.get("number")
    if number is not None:
        unit = answer.get("unit") or ""
        shown = _number(number)
        return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}".strip()
    if answer.get("options"):
        return ", ".join(answer["options"])
    return answer.get("text") or ""


def whole(value: float | None) -> int | None:
    """Half-up rounding to a whole number (Python's round() goes to the even neighbour)."""
    return None if value is None else math.floor(value + 0.5)


def signed(delta: int | None) -> str:
    """+5, −3 (a true minus sign), ±0; an en dash when there is nothing to compare."""
    if delta is None:
        return "–"
    if delta == 0:
        return "±0"
    return f"+{delta}" if delta > 0 else f"−{-delta}"


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
