"""Pieces shared by the pillar charts (radar and bars): colours, classes, legend, numbers.

The charts are label-free SVG shapes with every piece of text laid out as HTML over or
beside them, so the page's (or WeasyPrint's) text engine shapes Khmer, Thai, Lao and
Burmese with the same fonts as the body. Positions are percentages written as classes of
static/css/charts.css (`mdr-l-42` is `left: 42%`): the Content-Security-Policy allows no
inline style.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from reports.charts.svg import clean, num, one_line

RINGS = (20, 40, 60, 80, 100)  # the default maturity thresholds
YOU_COLOUR = "#0b5ed7"
PEER_COLOUR = "#212529"
GRID_COLOUR = "#adb5bd"
PEER_DASH = "5 3"
# Classes of static/css/charts.css that take a whole percentage, `mdr-l-0` to `mdr-l-100`.
PERCENT_CLASSES = ("l", "r", "t", "w")


def pct(kind: str, value: float) -> str:
    """The class setting a percentage (left, right, top or width), rounded."""
    if kind not in PERCENT_CLASSES:
        raise ValueError(kind)
    return f"mdr-{kind}-{min(max(math.floor(value + 0.5), 0), 100)}"


def text(value: str) -> str:
    """A label as escaped HTML text on one line (admin text may hold newlines, tabs, NULs)."""
    return escape(one_line(value), quote=True)


def label_html(name: str, score: str) -> str:
    """A pillar's name and its score (if any), each wrapping on its own."""
    name_html = f'<span class="mdr-name">{text(name)}</span>'
    return f'{name_html} <b class="mdr-score">{text(score)}</b>' if score else name_html


def open_chart(kind: str, summary: str) -> str:
    """The chart's frame: one image for assistive technology, named by its figures."""
    return f'<div class="mdr-chart mdr-{kind}" role="img" aria-label="{text(summary)}">'


def open_svg(view_width: float, view_height: float, cls: str, title: str) -> str:
    """A label-free SVG; its <title> is the alternative text of the PDF's Figure tag."""
    return (
        f'<svg class="{cls}" viewBox="0 0 {num(view_width)} {num(view_height)}" '
        f'aria-hidden="true" focusable="false">'
        f"<title>{text(title)}</title>"
    )


def legend(items: Sequence[tuple[str, str]]) -> str:
    """An HTML list whose samples are drawn as in the chart, so it works without colour."""
    # The sample's <title> is its alternative text in a tagged PDF (every figure needs one).
    entries = "".join(
        f'<li><svg class="mdr-swatch" viewBox="0 0 20 12" aria-hidden="true" '
        f'focusable="false"><title>{text(label)}</title>{_sample(kind)}</svg> {text(label)}</li>'
        for kind, label in items
    )
    return f'<ul class="mdr-legend">{entries}</ul>'


def _sample(kind: str) -> str:
    if kind == "you":
        return (
            f'<line x1="1" y1="6" x2="19" y2="6" stroke="{YOU_COLOUR}" stroke-width="2"/>'
            f'<circle cx="10" cy="6" r="3" fill="{YOU_COLOUR}"/>'
        )
    if kind == "peer":
        return (
            f'<line x1="1" y1="6" x2="19" y2="6" stroke="{PEER_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="{PEER_DASH}"/>'
            f'<rect x="7" y="3" width="6" height="6" fill="#fff" stroke="{PEER_COLOUR}" '
            f'stroke-width="1.2"/>'
        )
    if kind == "bar":
        return (
            f'<rect x="1" y="1" width="18" height="10" fill="{YOU_COLOUR}" fill-opacity="0.55" '
            f'stroke="{YOU_COLOUR}"/>'
        )
    if kind == "range":
        return (
            f'<path d="M2 2V10M2 6H18M18 2V10" fill="none" stroke="{PEER_COLOUR}" '
            f'stroke-width="1.5"/>'
        )
    return diamond(10, 6, "legend-median")


def figures(
    name: str, value: float | None, *, you: str, no_score: str, peers: list[tuple[str, str]]
) -> str:
    """One pillar's figures in words: "Digital talent: your score 42, peer median 55"."""
    parts = [f"{lower_first(you)} {score_text(value, no_score)}"]
    parts += [f"{lower_first(label)} {figure}" for label, figure in peers]
    return f"{one_line(name)}: {', '.join(parts)}"


def score_text(value: float | None, no_score: str) -> str:
    return clean(no_score) if value is None else str(whole_number(value))


def whole_number(value: float) -> int:
    """Half-up rounding, as the page shows scores (Python's round() goes to even)."""
    return math.floor(clamp(value) + 0.5)


def clamp(value: float | None) -> float:
    if value is None or math.isnan(value):
        return 0.0
    return min(max(float(value), 0.0), 100.0)


def lower_first(value: str) -> str:
    value = one_line(value)
    return value[:1].lower() + value[1:]


def diamond(x: float, y: float, cls: str, half_width: float = 4, half_height: float = 5) -> str:
    points = [(x, y - half_height), (x + half_width, y), (x, y + half_height), (x - half_width, y)]
    joined = " ".join(f"{num(px)},{num(py)}" for px, py in points)
    return (
        f'<polygon class="{cls}" points="{joined}" fill="#fff" '
        f'stroke="{PEER_COLOUR}" stroke-width="1.5"/>'
    )
