"""Server-drawn SVG charts for the results page and the PDF report.

Pure functions: plain values in, SVG markup out; no ORM, no HTTP, no Django. Labels come
from the admin, so every piece of text is escaped here and the caller only has to mark
the returned string safe. The markup is meant to be inlined in HTML (the web page and
WeasyPrint's input alike), so it carries no xmlns, scripts, links, url() references or
web fonts: nothing a renderer would fetch. Series differ by line style and markers as
well as colour, so a black-and-white printout stays readable.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reports.charts.bars import Bar, bar_svg
from reports.charts.parts import (
    GRID_COLOUR,
    MARGIN,
    MUTED_COLOUR,
    PEER_COLOUR,
    PEER_DASH,
    RINGS,
    YOU_COLOUR,
    clamp,
    legend,
    lower_first,
    open_svg,
    score_text,
    whole_number,
)
from reports.charts.svg import (
    FONT_SIZE,
    LINE_HEIGHT,
    clean,
    num,
    one_line,
    point_list,
    text_lines,
    text_width,
    wrap,
)

__all__ = ["Bar", "RadarAxis", "bar_svg", "pillars_svg", "radar_svg"]


@dataclass(frozen=True)
class RadarAxis:
    label: str
    value: float | None  # 0-100; None when the pillar has no score
    peer_median: float | None = None


def radar_svg(
    axes: Sequence[RadarAxis],
    *,
    size: int = 320,
    title: str = "Pillar scores",
    no_score: str = "(no score)",
    you: str = "Your score",
    peers: str = "Peer median",
) -> str:
    """A radar chart of 3 to 8 scores on 0-100, with an optional dashed peer-median shape.

    The chart is `size` wide; its height follows from where the labels fall.
    """
    n = len(axes)
    if not 3 <= n <= 8:
        raise ValueError(f"A radar chart needs 3 to 8 axes, not {n}.")
    blocks = [[*wrap(clean(a.label), size * 0.28, 3), score_text(a.value, no_score)] for a in axes]
    # Start at the top or half a step round, and centre labels over steep axes or only
    # over near-vertical ones: whichever leaves the largest radius without two labels
    # overlapping (four pillars then sit in the corners with their names above/below).
    candidates = [
        _radar_layout(blocks, size, -math.pi / 2 + offset, centre_within)
        for centre_within in (0.95, 0.75, 0.25)
        for offset in (0.0, math.pi / n)
    ]
    layout = (
        max((lay for lay in candidates if not lay.overlapping), key=lambda lay: lay.radius)
        if any(not lay.overlapping for lay in candidates)
        else candidates[-1]
    )
    has_peer = any(a.peer_median is not None for a in axes)
    key = legend(MARGIN, layout.height, size, [("you", you), ("peer", peers)])
    height = layout.height + (key.height if has_peer else 0)

    out = [open_svg(size, height, "radar", title, _radar_summary(axes, no_score, peers))]
    for ring in RINGS:
        points = [layout.point(i, ring) for i in range(n)]
        out.append(
            f'<polygon class="ring" data-value="{ring}" points="{point_list(points)}" '
            f'fill="none" stroke="{GRID_COLOUR}" stroke-width="{1 if ring == 100 else 0.6}"/>'
        )
    for i in range(n):
        x, y = layout.point(i, 100)
        out.append(
            f'<line class="axis" x1="{num(layout.cx)}" y1="{num(layout.cy)}" '
            f'x2="{num(x)}" y2="{num(y)}" stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    out.append(_ring_ticks(layout, n))

    you_points = [layout.point(i, a.value) for i, a in enumerate(axes)]
    out.append(
        f'<polygon class="you" points="{point_list(you_points)}" fill="{YOU_COLOUR}" '
        f'fill-opacity="0.25" stroke="{YOU_COLOUR}" stroke-width="2" stroke-linejoin="round"/>'
    )
    out += [
        f'<circle class="you-marker" cx="{num(x)}" cy="{num(y)}" r="3" fill="{YOU_COLOUR}"/>'
        for x, y in you_points
    ]
    if has_peer:
        out.append(_radar_peer(layout, axes))

    for i, lines in enumerate(blocks):
        out.append(_label_block(layout, i, lines))
    if has_peer:
        out.append(key.markup)
    out.append("</svg>")
    return "".join(out)


def pillars_svg(
    axes: Sequence[RadarAxis],
    *,
    title: str = "Pillar scores",
    no_score: str = "(no score)",
    you: str = "Your score",
    peers: str = "Peer median",
) -> str:
    """The radar for 3 to 8 pillars; bars otherwise, since a radar needs three axes and
    more than eight crowd it (the admin decides how many pillars there are)."""
    if 3 <= len(axes) <= 8:
        return radar_svg(axes, title=title, no_score=no_score, you=you, peers=peers)
    bars = [Bar(a.label, a.value, peer_median=a.peer_median) for a in axes]
    return bar_svg(bars, title=title, no_score=no_score, you=you, peer_median=peers)


# --- radar geometry -------------------------------------------------------------------


@dataclass(frozen=True)
class _RadarLayout:
    radius: float
    cx: float
    cy: float
    height: float
    angles: tuple[float, ...]
    anchors: tuple[str, ...]  # text-anchor of each axis label
    tops: tuple[float, ...]  # each label block's top, relative to its anchor point
    overlapping: bool
    gap: float = 6

    def point(self, i: int, value: float | None, extra: float = 0) -> tuple[float, float]:
        r = self.radius * clamp(value) / 100 + extra
        return (
            self.cx + r * math.cos(self.angles[i]),
            self.cy + r * math.sin(self.angles[i]),
        )


def _radar_layout(
    blocks: list[list[str]], size: int, start: float, centre_within: float
) -> _RadarLayout:
    """The largest radius that keeps every label block inside the chart's width.

    A label sits beyond its axis end: beside it, or centred above or below it when the
    axis is steeper than `centre_within` (as |cos|). The height follows from the labels.
    """
    n, gap, half = len(blocks), 6.0, size / 2 - MARGIN
    angles = tuple(start + 2 * math.pi * i / n for i in range(n))
    coses = [math.cos(a) for a in angles]
    anchors = tuple(
        "middle" if abs(c) < centre_within else "start" if c > 0 else "end" for c in coses
    )
    sizes = [
        (max(text_width(line) for line in lines), len(lines) * LINE_HEIGHT) for lines in blocks
    ]
    radius = half
    for cos, anchor, (width, _) in zip(coses, anchors, sizes, strict=True):
        reach = width / 2 if anchor == "middle" else width
        if abs(cos) > 1e-6:
            radius = min(radius, (half - reach) / abs(cos) - gap, half / abs(cos))
    radius = max(radius, size * 0.2)

    tops, boxes = [], []
    for angle, anchor, (width, height) in zip(angles, anchors, sizes, strict=True):
        sin = math.sin(angle)
        # Beside a near-horizontal axis: centred on it; otherwise above or below its end.
        beside = anchor != "middle" and abs(sin) < 0.25
        top = -height / 2 if beside else -height if sin < 0 else 0.0
        x, y = (radius + gap) * math.cos(angle), (radius + gap) * sin
        left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
        tops.append(top)
        boxes.append((left, y + top, left + width, y + top + height))
    overlapping = any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for k, a in enumerate(boxes)
        for b in boxes[k + 1 :]
    )
    top = max([radius * -math.sin(a) for a in angles] + [-box[1] for box in boxes])
    bottom = max([radius * math.sin(a) for a in angles] + [box[3] for box in boxes])
    cy = MARGIN + max(top, 0.0)
    return _RadarLayout(
        radius, size / 2, cy, cy + bottom + MARGIN, angles, anchors, tuple(tops), overlapping
    )


def _label_block(layout: _RadarLayout, i: int, lines: list[str]) -> str:
    x, y = layout.point(i, 100, layout.gap)
    top = y + layout.tops[i]
    anchor = layout.anchors[i]
    label = text_lines(x, top + FONT_SIZE, lines[:-1], anchor)
    # The last line is the score: bold, so it reads apart from a wrapped label.
    score_y = top + FONT_SIZE + (len(lines) - 1) * LINE_HEIGHT
    score = (
        f'<text class="score" x="{num(x)}" y="{num(score_y)}" text-anchor="{anchor}" '
        f'font-weight="bold">{escape(lines[-1])}</text>'
    )
    return label + score


def _ring_ticks(layout: _RadarLayout, n: int) -> str:
    """The ring values, along the middle of the edge before the first axis (clear of the
    labels), or along the first axis itself where that edge lies too near the centre."""
    along_edge = 0.2 * layout.radius * math.cos(math.pi / n) >= 12
    direction = layout.angles[0] - math.pi / n if along_edge else layout.angles[0]
    reach = math.cos(math.pi / n) if along_edge else 1.0
    ticks = []
    for ring in RINGS:
        r = layout.radius * ring / 100 * reach
        x = layout.cx + r * math.cos(direction) + (0 if along_edge else 4)
        y = layout.cy + r * math.sin(direction) - 2
        ticks.append(
            f'<text class="tick" x="{num(x)}" y="{num(y)}" font-size="9" fill="{MUTED_COLOUR}" '
            f'text-anchor="{"middle" if along_edge else "start"}">{ring}</text>'
        )
    return "".join(ticks)


def _radar_peer(layout: _RadarLayout, axes: Sequence[RadarAxis]) -> str:
    points = [
        (i, layout.point(i, a.peer_median)) for i, a in enumerate(axes) if a.peer_median is not None
    ]
    out = []
    if len(points) == len(axes):  # a shape only when every axis has a median to join
        out.append(
            f'<polygon class="peer" points="{point_list(p for _, p in points)}" fill="none" '
            f'stroke="{PEER_COLOUR}" stroke-width="1.5" stroke-dasharray="{PEER_DASH}"/>'
        )
    out += [
        f'<rect class="peer-marker" x="{num(x - 3)}" y="{num(y - 3)}" width="6" height="6" '
        f'fill="#fff" stroke="{PEER_COLOUR}" stroke-width="1.2"/>'
        for _, (x, y) in points
    ]
    return "".join(out)


def _radar_summary(axes: Sequence[RadarAxis], no_score: str, peers: str) -> str:
    parts = []
    for a in axes:
        text = f"{one_line(a.label)} {score_text(a.value, no_score)}"
        if a.peer_median is not None:
            text += f" ({lower_first(peers)} {whole_number(a.peer_median)})"
        parts.append(text)
    return ", ".join(parts)
