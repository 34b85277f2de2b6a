"""Pieces shared by the pillar charts (radar and bars): colours, frame, legend, numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from reports.charts.svg import (
    FONT_SIZE,
    LINE_HEIGHT,
    num,
    one_line,
    point_list,
    text_width,
)

RINGS = (20, 40, 60, 80, 100)  # the default maturity thresholds
MARGIN = 4
YOU_COLOUR = "#0b5ed7"
PEER_COLOUR = "#212529"
GRID_COLOUR = "#adb5bd"
MUTED_COLOUR = "#6c757d"
PEER_DASH = "5 3"


# --- shared pieces --------------------------------------------------------------------


def open_svg(width: float, height: float, kind: str, title: str, summary: str) -> str:
    return (
        f'<svg class="chart chart-{kind}" role="img" aria-label="{escape(summary)}" '
        f'width="{num(width)}" height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'font-family="sans-serif" font-size="{FONT_SIZE}" fill="#212529">'
        f"<title>{escape(one_line(title))}</title><desc>{escape(summary)}</desc>"
    )


@dataclass(frozen=True)
class Legend:
    markup: str
    height: float


def legend(x0: float, y0: float, width: float, items: list[tuple[str, str]]) -> Legend:
    """Samples drawn as in the chart, so the key works without colour; wraps to rows."""
    out = []
    x, y = x0, y0 + 4
    for kind, text in items:
        label = one_line(text)
        needed = 24 + text_width(label)
        if x > x0 and x + needed > width - MARGIN:
            x, y = x0, y + LINE_HEIGHT + 4
        out.append(legend_sample(kind, x, y + LINE_HEIGHT / 2))
        out.append(f'<text x="{num(x + 24)}" y="{num(y + LINE_HEIGHT - 2)}">{escape(label)}</text>')
        x += needed + 14
    return Legend("".join(out), y + LINE_HEIGHT + 4 - y0)


def legend_sample(kind: str, x: float, mid: float) -> str:
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
    return diamond(x + 9, mid, "legend-median")


def score_text(value: float | None, no_score: str) -> str:
    return no_score if value is None else str(whole_number(value))


def whole_number(value: float) -> int:
    """Half-up rounding, as the page shows scores (Python's round() goes to even)."""
    return math.floor(clamp(value) + 0.5)


def clamp(value: float | None) -> float:
    if value is None or math.isnan(value):
        return 0.0
    return min(max(float(value), 0.0), 100.0)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def diamond(x: float, y: float, cls: str) -> str:
    points = [(x, y - 5), (x + 4, y), (x, y + 5), (x - 4, y)]
    return (
        f'<polygon class="{cls}" points="{point_list(points)}" fill="#fff" '
        f'stroke="{PEER_COLOUR}" stroke-width="1.5"/>'
    )
