"""Server-drawn pillar charts for the results page and the PDF report.

Pure functions: plain values in, HTML markup out; no ORM, no HTTP, no Django. The shapes
are an SVG without a single letter; every label, score, tick and legend entry is HTML
laid out around or over it (see reports/charts/parts.py), so the browser and WeasyPrint
shape and wrap chart text exactly like the paragraph beside it, with the same fonts.
Labels come from the admin, so every piece of text is escaped here and the caller only
has to mark the returned string safe. Nothing in the markup is fetched (no links, url()
or scripts). Series differ by line style and markers as well as colour, so a black-and-
white printout stays readable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reports.charts.bars import Bar, bar_chart
from reports.charts.parts import (
    GRID_COLOUR,
    PEER_COLOUR,
    PEER_DASH,
    RINGS,
    YOU_COLOUR,
    clamp,
    figures,
    label_html,
    legend,
    open_chart,
    open_svg,
    pct,
    score_text,
    whole_number,
)
from reports.charts.svg import num, point_list

__all__ = ["Bar", "RadarAxis", "bar_chart", "pillars_chart", "radar_chart"]

WIDTH = 300  # SVG units across the chart; HTML positions are percentages of it
BAND = 0.45  # labels of axes steeper than this (|sin|) go above or below the shape
SIDE_ROOM = 36  # SVG units kept above and below a label beside the shape (wrapped lines)
PAD = 6


@dataclass(frozen=True)
class RadarAxis:
    label: str
    value: float | None  # 0-100; None when the pillar has no score
    peer_median: float | None = None


@dataclass(frozen=True)
class _Radar:
    n: int
    radius: float
    cy: float
    height: float
    start: float

    def angle(self, i: int) -> float:
        return self.start + 2 * math.pi * i / self.n

    def point(self, i: int, value: float | None, scale: float = 1.0) -> tuple[float, float]:
        r = self.radius * clamp(value) / 100 * scale
        return WIDTH / 2 + r * math.cos(self.angle(i)), self.cy + r * math.sin(self.angle(i))


def radar_chart(
    axes: Sequence[RadarAxis],
    *,
    title: str = "Pillar scores",
    no_score: str = "(no score)",
    you: str = "Your score",
    peers: str = "Peer median",
) -> str:
    """A radar chart of 3 to 8 scores on 0-100, with an optional dashed peer-median shape."""
    n = len(axes)
    if not 3 <= n <= 8:
        raise ValueError(f"A radar chart needs 3 to 8 axes, not {n}.")
    radar = _layout(n)
    has_peer = any(a.peer_median is not None for a in axes)
    summary = f"{title}. " + "; ".join(_figures(a, you, no_score, peers) for a in axes)
    labels = [label_html(a.label, score_text(a.value, no_score)) for a in axes]
    sides = [_side(radar, i) for i in range(n)]
    out = [open_chart("radar", summary), _band(radar, labels, sides, "top")]
    out.append('<div class="mdr-plot">')
    out.append(_shapes(radar, axes, summary))
    for i, side in enumerate(sides):
        if side in ("left", "right"):
            out.append(_beside(radar, i, side, labels[i]))
    out.append(_ticks(radar))
    out.append("</div>")
    out.append(_band(radar, labels, sides, "bottom"))
    if has_peer:
        out.append(legend([("you", you), ("peer", peers)]))
    out.append("</div>")
    return "".join(out)


def pillars_chart(
    axes: Sequence[RadarAxis],
    *,
    title: str = "Pillar scores",
    no_score: str = "(no score)",
    you: str = "Your score",
    peers: str = "Peer median",
) -> str:
    """The radar for 3 to 8 pillars; bars otherwise, since a radar needs three axes and
    more than eight crowd it (the admin decides how many pillars there are)."""
    # A radar would draw a pillar without a score (not applicable) at its centre, as a
    # 0; bars show it as not applicable instead.
    if 3 <= len(axes) <= 8 and all(a.value is not None for a in axes):
        return radar_chart(axes, title=title, no_score=no_score, you=you, peers=peers)
    bars = [Bar(a.label, a.value, peer_median=a.peer_median) for a in axes]
    return bar_chart(bars, title=title, no_score=no_score, you=you, peer_median=peers)


# --- geometry -------------------------------------------------------------------------


def _layout(n: int) -> _Radar:
    """An even number of axes starts half a step round (four pillars sit in the corners,
    names above and below, where a label has half the width); an odd one at the top."""
    start = -math.pi / 2 + (math.pi / n if n % 2 == 0 else 0.0)
    angles = [start + 2 * math.pi * i / n for i in range(n)]
    beside = [a for a in angles if abs(math.sin(a)) <= BAND]
    radius = WIDTH * (0.27 if beside else 0.42)
    for a in angles:
        if abs(math.sin(a)) > BAND and abs(math.cos(a)) > 0.05:
            # A label above or below keeps at least 36% of the width around its axis end.
            radius = min(radius, WIDTH * 0.32 / abs(math.cos(a)))
    ends = [radius * math.sin(a) for a in angles]
    reach = {"up": (2 * SIDE_ROOM, 0.0), "down": (0.0, 2 * SIDE_ROOM), "": (SIDE_ROOM,) * 2}
    for a in beside:
        above, below = reach[_grows(start, n, a)]
        ends += [radius * math.sin(a) - above, radius * math.sin(a) + below]
    top, bottom = min(ends), max(ends)
    return _Radar(n, radius, PAD - top, bottom - top + 2 * PAD, start)


def _grows(start: float, n: int, angle: float) -> str:
    """Where a label beside the shape grows: centred on its axis end, or, when two share
    a side, the upper one upwards and the lower one downwards, so they never meet."""
    right = math.cos(angle) > 0
    same_side = [
        a
        for a in (start + 2 * math.pi * i / n for i in range(n))
        if abs(math.sin(a)) <= BAND and (math.cos(a) > 0) == right
    ]
    if len(same_side) < 2 or abs(math.sin(angle)) < 0.1:
        return ""
    return "up" if math.sin(angle) < 0 else "down"


def _side(radar: _Radar, i: int) -> str:
    sin, cos = math.sin(radar.angle(i)), math.cos(radar.angle(i))
    if sin < -BAND:
        return "top"
    if sin > BAND:
        return "bottom"
    return "right" if cos > 0 else "left"


def _x_pct(x: float) -> float:
    return 100 * x / WIDTH


def _y_pct(radar: _Radar, y: float) -> float:
    return 100 * y / radar.height


# --- HTML around the shapes -------------------------------------------------------------


def _band(radar: _Radar, labels: list[str], sides: list[str], where: str) -> str:
    """The labels above (or below) the shape: a row of cells, each centred on its axis's
    end and as wide as it can be without reaching its neighbour's, so names wrap."""
    picked = sorted(
        (_x_pct(radar.point(i, 100)[0]), labels[i]) for i, side in enumerate(sides) if side == where
    )
    if not picked:
        return ""
    xs = [x for x, _ in picked]
    cells, edge = [], 0
    for k, (x, label) in enumerate(picked):
        low = 0.0 if k == 0 else (xs[k - 1] + x) / 2
        high = 100.0 if k == len(xs) - 1 else (x + xs[k + 1]) / 2
        half = min(x - low, high - x)
        # Whole percentages that add up to 100 exactly, or the row would overflow.
        start, end = max(round(x - half), edge), min(round(x + half), 100)
        if start > edge:
            cells.append(f'<div class="mdr-cell {pct("w", start - edge)}"></div>')
        cells.append(f'<div class="mdr-cell mdr-label {pct("w", end - start)}">{label}</div>')
        edge = end
    if edge < 100:
        cells.append(f'<div class="mdr-cell {pct("w", 100 - edge)}"></div>')
    return f'<div class="mdr-band mdr-{where}">{"".join(cells)}</div>'


def _beside(radar: _Radar, i: int, side: str, label: str) -> str:
    """A label left or right of its axis's end, level with it (see _grows); it may take
    the width from there to the chart's edge and wraps within it."""
    x, y = radar.point(i, 100)
    gap = 2.0
    across = pct("l", _x_pct(x) + gap) if side == "right" else pct("r", 100 - _x_pct(x) + gap)
    grows = _grows(radar.start, radar.n, radar.angle(i))
    return (
        f'<div class="mdr-label mdr-beside mdr-{side}{f" mdr-{grows}" if grows else ""} '
        f'{across} {pct("t", _y_pct(radar, y))}">{label}</div>'
    )


def _ticks(radar: _Radar) -> str:
    """The ring values along the middle of the edge after the first axis, clear of the
    labels."""
    direction = radar.start + math.pi / radar.n
    reach = math.cos(math.pi / radar.n)
    out = []
    for ring in RINGS:
        r = radar.radius * ring / 100 * reach
        x = WIDTH / 2 + r * math.cos(direction)
        y = radar.cy + r * math.sin(direction)
        out.append(
            f'<span class="mdr-tick {pct("l", _x_pct(x))} {pct("t", _y_pct(radar, y))}">'
            f"{ring}</span>"
        )
    return "".join(out)


# --- the shapes -------------------------------------------------------------------------


def _shapes(radar: _Radar, axes: Sequence[RadarAxis], summary: str) -> str:
    n = radar.n
    out = [open_svg(WIDTH, radar.height, "mdr-shapes", summary)]
    for ring in RINGS:
        points = [radar.point(i, ring) for i in range(n)]
        out.append(
            f'<polygon class="ring" data-value="{ring}" points="{point_list(points)}" '
            f'fill="none" stroke="{GRID_COLOUR}" stroke-width="{1 if ring == 100 else 0.6}"/>'
        )
    cx = num(WIDTH / 2)
    for i in range(n):
        x, y = radar.point(i, 100)
        out.append(
            f'<line class="axis" x1="{cx}" y1="{num(radar.cy)}" x2="{num(x)}" y2="{num(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    you_points = [radar.point(i, a.value) for i, a in enumerate(axes)]
    out.append(
        f'<polygon class="you" points="{point_list(you_points)}" fill="{YOU_COLOUR}" '
        f'fill-opacity="0.25" stroke="{YOU_COLOUR}" stroke-width="2" stroke-linejoin="round"/>'
    )
    out += [
        f'<circle class="you-marker" cx="{num(x)}" cy="{num(y)}" r="3" fill="{YOU_COLOUR}"/>'
        for x, y in you_points
    ]
    out.append(_peer_shape(radar, axes))
    out.append("</svg>")
    return "".join(out)


def _peer_shape(radar: _Radar, axes: Sequence[RadarAxis]) -> str:
    points = [
        radar.point(i, a.peer_median) for i, a in enumerate(axes) if a.peer_median is not None
    ]
    out = []
    if points and len(points) == len(axes):  # a shape only when every axis has a median
        out.append(
            f'<polygon class="peer" points="{point_list(points)}" fill="none" '
            f'stroke="{PEER_COLOUR}" stroke-width="1.5" stroke-dasharray="{PEER_DASH}"/>'
        )
    out += [
        f'<rect class="peer-marker" x="{num(x - 3)}" y="{num(y - 3)}" width="6" height="6" '
        f'fill="#fff" stroke="{PEER_COLOUR}" stroke-width="1.2"/>'
        for x, y in points
    ]
    return "".join(out)


def _figures(axis: RadarAxis, you: str, no_score: str, peers: str) -> str:
    median = [] if axis.peer_median is None else [(peers, str(whole_number(axis.peer_median)))]
    return figures(axis.label, axis.value, you=you, no_score=no_score, peers=median)
