"""The dashboard's trend as plain values: one point per submitted assessment, oldest first.

Pure: each assessment's stored figures (overall score, pillar scores by position in its
version) and each version's pillar codes in, `TrendPoint`s out. Pillars are matched by
code across versions, in the newest version's order, so a renamed or reordered pillar
keeps its line; one that the newest version lacks is left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reports.charts.trend import TrendPoint


@dataclass(frozen=True)
class Submitted:
    version_id: int
    submitted_at: datetime.datetime
    overall: float | None
    figures: Mapping[str, Any]  # Assessment.figures: "pillars" lists scores by position


def trend_points(
    submitted: Sequence[Submitted],
    pillar_codes: Mapping[int, Sequence[str]],
    *,
    date_label: Callable[[datetime.datetime], str],
) -> tuple[tuple[str, ...], tuple[TrendPoint, ...]]:
    """The newest version's pillar codes, and the points in time order."""
    ordered = sorted(submitted, key=lambda s: s.submitted_at)
    if not ordered:
        return (), ()
    codes = tuple(pillar_codes.get(ordered[-1].version_id, ()))
    points = []
    for item in ordered:
        scores = list(item.figures.get("pillars") or [])
        by_code = dict(zip(pillar_codes.get(item.version_id, ()), scores, strict=False))
        points.append(
            TrendPoint(
                label=date_label(item.submitted_at),
                overall=item.overall,
                pillars=tuple(_number(by_code.get(code)) for code in codes),
            )
        )
    return codes, tuple(points)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
