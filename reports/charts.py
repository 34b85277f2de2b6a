"""Server-drawn SVG charts for the results page and the PDF report.

Pure functions: plain values in, SVG markup out; no ORM, no HTTP, no Django. Labels come
from the admin, so every piece of text is escaped here and the caller only has to mark
the returned string safe. The markup is meant to be inlined in HTML (the web page and
WeasyPrint's input alike), so it carries no xmlns, scripts, links, url() references or
web fonts: nothing a renderer would fetch. Series differ by line style and markers as
well as colour, so a black-and-white printout stays readable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reports.svg import (
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

RINGS = (20, 40, 60, 80, 100)  # the default maturity thresholds
MARGIN = 4
YOU_COLOUR = "#0b5ed7"
PEER_COLOUR = "#212529"
GRID_COLOUR = "#adb5bd"
MUTED_COLOUR = "#6c757d"
PEER_DASH = "5 3"


@dataclass(frozen=True)
class RadarAxis:
    label: str
    value: float | None  # 0-100; None when the pillar has no score
    peer_median: float | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None = None
    peer_q1: float | None = None
    peer_median: float | None = None
    peer_q3: float | None = None


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
    blocks = [[*wrap(clean(a.label), size * 0.28, 3), _score_text(a.value, no_score)] for a in axes]
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
    legend = _legend(MARGIN, layout.height, size, [("you", you), ("peer", peers)])
    height = layout.height + (legend.height if has_peer else 0)

    out = [_open_svg(size, height, "radar", title, _radar_summary(axes, no_score, peers))]
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
        out.append(legend.markup)
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


def bar_svg(
    bars: Sequence[Bar],
    *,
    width: int = 320,
    title: str = "Pillar scores",
    no_score: str = "(no score)",
    you: str = "Your score",
    peer_range: str = "Peers: middle half (25th to 75th percentile)",
    peer_median: str = "Peer median",
) -> str:
    """Horizontal 0-100 bars, each with the peers' interquartile whisker and median mark."""
    left, right = MARGIN, width - MARGIN - 30  # room for the value after the bar
    scale = (right - left) / 100
    bar_height = 14
    rows: list[str] = []
    y = MARGIN
    for bar in bars:
        lines = wrap(clean(bar.label), (width - 2 * MARGIN), 2)
        rows.append(text_lines(left, y + FONT_SIZE, lines, "start"))
        y += len(lines) * LINE_HEIGHT + 2
        rows.append(_bar_row(bar, left, y, scale, bar_height, no_score))
        y += bar_height + 10
    plot_top, plot_bottom = MARGIN, y - 6

    grid = [
        f'<line class="grid" x1="{num(left + v * scale)}" y1="{num(plot_top)}" '
        f'x2="{num(left + v * scale)}" y2="{num(plot_bottom)}" stroke="{GRID_COLOUR}" '
        f'stroke-width="{1 if v in (0, 100) else 0.6}"/>'
        for v in (0, *RINGS)
    ]
    ticks = [
        f'<text x="{num(left + v * scale)}" y="{num(plot_bottom + 12)}" font-size="9" '
        f'fill="{MUTED_COLOUR}" text-anchor="{"start" if v == 0 else "middle"}">{v}</text>'
        for v in (0, *RINGS)
    ]
    height = plot_bottom + 18
    items = [("bar", you), ("range", peer_range), ("median", peer_median)]
    legend = _legend(MARGIN, height, width, items)
    if any(b.peer_q1 is not None or b.peer_median is not None for b in bars):
        height += legend.height
    else:
        legend = _Legend("", 0)
    summary = _bar_summary(bars, no_score, peer_range, peer_median)
    head = _open_svg(width, height + MARGIN, "bars", title, summary)
    return "".join([head, *grid, *rows, *ticks, legend.markup, "</svg>"])


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
        r = self.radius * _clamp(value) / 100 + extra
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
        text = f"{one_line(a.label)} {_score_text(a.value, no_score)}"
        if a.peer_median is not None:
            text += f" ({_lower_first(peers)} {_whole(a.peer_median)})"
        parts.append(text)
    return ", ".join(parts)


# --- bars -----------------------------------------------------------------------------


def _bar_row(bar: Bar, left: float, y: float, scale: float, height: float, no_score: str) -> str:
    mid = y + height / 2
    out = [
        f'<rect class="track" x="{num(left)}" y="{num(y)}" width="{num(100 * scale)}" '
        f'height="{num(height)}" fill="#f1f3f5"/>'
    ]
    if bar.value is None:
        out.append(
            f'<text class="score" x="{num(left + 4)}" y="{num(mid + 4)}" '
            f'fill="{MUTED_COLOUR}">{escape(no_score)}</text>'
        )
    else:
        end = left + _clamp(bar.value) * scale
        out.append(
            f'<rect class="you" x="{num(left)}" y="{num(y)}" width="{num(end - left)}" '
            f'height="{num(height)}" fill="{YOU_COLOUR}" fill-opacity="0.55" '
            f'stroke="{YOU_COLOUR}"/>'
            f'<text class="score" x="{num(left + 100 * scale + 4)}" y="{num(mid + 4)}" '
            f'font-weight="bold">{_whole(bar.value)}</text>'
        )
    if bar.peer_q1 is not None and bar.peer_q3 is not None:
        x1, x3 = left + _clamp(bar.peer_q1) * scale, left + _clamp(bar.peer_q3) * scale
        out.append(
            f'<path class="peer-range" d="M{num(x1)} {num(y + 2)}V{num(y + height - 2)}'
            f'M{num(x1)} {num(mid)}H{num(x3)}M{num(x3)} {num(y + 2)}V{num(y + height - 2)}" '
            f'fill="none" stroke="{PEER_COLOUR}" stroke-width="1.5"/>'
        )
    if bar.peer_median is not None:
        out.append(_diamond(left + _clamp(bar.peer_median) * scale, mid, "peer-median"))
    return "".join(out)


def _diamond(x: float, y: float, cls: str) -> str:
    points = [(x, y - 5), (x + 4, y), (x, y + 5), (x - 4, y)]
    return (
        f'<polygon class="{cls}" points="{point_list(points)}" fill="#fff" '
        f'stroke="{PEER_COLOUR}" stroke-width="1.5"/>'
    )


def _bar_summary(bars: Sequence[Bar], no_score: str, peer_range: str, peer_median: str) -> str:
    parts = []
    for b in bars:
        text = f"{one_line(b.label)} {_score_text(b.value, no_score)}"
        peer = []
        if b.peer_q1 is not None and b.peer_q3 is not None:
            peer.append(f"{_lower_first(peer_range)} {_whole(b.peer_q1)}–{_whole(b.peer_q3)}")
        if b.peer_median is not None:
            peer.append(f"{_lower_first(peer_median)} {_whole(b.peer_median)}")
        parts.append(f"{text} ({'; '.join(peer)})" if peer else text)
    return ", ".join(parts)


# --- shared pieces --------------------------------------------------------------------


def _open_svg(width: float, height: float, kind: str, title: str, summary: str) -> str:
    return (
        f'<svg class="chart chart-{kind}" role="img" aria-label="{escape(summary)}" '
        f'width="{num(width)}" height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'font-family="sans-serif" font-size="{FONT_SIZE}" fill="#212529">'
        f"<title>{escape(one_line(title))}</title><desc>{escape(summary)}</desc>"
    )


@dataclass(frozen=True)
class _Legend:
    markup: str
    height: float


def _legend(x0: float, y0: float, width: float, items: list[tuple[str, str]]) -> _Legend:
    """Samples drawn as in the chart, so the key works without colour; wraps to rows."""
    out = []
    x, y = x0, y0 + 4
    for kind, text in items:
        label = one_line(text)
        needed = 24 + text_width(label)
        if x > x0 and x + needed > width - MARGIN:
            x, y = x0, y + LINE_HEIGHT + 4
        out.append(_legend_sample(kind, x, y + LINE_HEIGHT / 2))
        out.append(f'<text x="{num(x + 24)}" y="{num(y + LINE_HEIGHT - 2)}">{escape(label)}</text>')
        x += needed + 14
    return _Legend("".join(out), y + LINE_HEIGHT + 4 - y0)


def _legend_sample(kind: str, x: float, mid: float) -> str:
    if kind == "you":
        return (
            f'<line x1="{num(x)}" y1="{num(mid)}" x2="{num(x + 18)}" y2="{num(mid)}" '
            f'stroke="{YOU_COLOUR}" stroke-width="2"/>'
            f'<circle cx="{num(x + 9)}" cy="{num(mid)}" r="3" fill="{YOU_COLOUR}"/>'
        )
    if kind == "peer":
        return (
            f'<line x1="{num(x)}" y1="{num(mid)}" x2="{num(x + 18)}" y2="{num(mid)}" '
            f'stroke="{PEER_COLOUR}" stroke-width="1.5" stroke-dasharray="{PEER_DASH}"/>'
            f'<rect x="{num(x + 6)}" y="{num(mid - 3)}" width="6" height="6" fill="#fff" '
            f'stroke="{PEER_COLOUR}" stroke-width="1.2"/>'
        )
    if kind == "bar":
        return (
            f'<rect x="{num(x)}" y="{num(mid - 5)}" width="18" height="10" fill="{YOU_COLOUR}" '
            f'fill-opacity="0.55" stroke="{YOU_COLOUR}"/>'
        )
    if kind == "range":
        return (
            f'<path d="M{num(x)} {num(mid - 4)}V{num(mid + 4)}M{num(x)} {num(mid)}H{num(x + 18)}'
            f'M{num(x + 18)} {num(mid - 4)}V{num(mid + 4)}" fill="none" '
            f'stroke="{PEER_COLOUR}" stroke-width="1.5"/>'
        )
    return _diamond(x + 9, mid, "legend-median")


def _score_text(value: float | None, no_score: str) -> str:
    return no_score if value is None else str(_whole(value))


def _whole(value: float) -> int:
    """Half-up rounding, as the page shows scores (Python's round() goes to even)."""
    return math.floor(_clamp(value) + 0.5)


def _clamp(value: float | None) -> float:
    if value is None or math.isnan(value):
        return 0.0
    return min(max(float(value), 0.0), 100.0)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
