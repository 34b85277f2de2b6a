"""The dashboard's trend: overall and pillar scores of every submitted assessment.

Pure: plain values in, escaped HTML out, drawn by the same rules as the pillar charts
(reports/charts/parts.py): the lines are label-free SVG; every number, date and legend
entry is HTML laid out by the page's own text engine and fonts, so every script is shaped
as in a paragraph. A table of the same figures follows for screen readers and anyone who
prefers numbers. Points are evenly spaced, oldest on the left: the dates are labelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reports.charts.parts import (
    GRID_COLOUR,
    PEER_COLOUR,
    PEER_DASH,
    YOU_COLOUR,
    clamp,
    open_chart,
    open_svg,
    pct,
    text,
    whole_number,
)
from reports.charts.svg import num

WIDTH, HEIGHT = 400, 200
PAD_X, PAD_Y = 24, 10  # SVG units kept free around the plot, so markers are not cut
# Pillar lines: grey, each with its own dash and marker, told apart without colour.
PILLAR_STYLES = (
    ("#6c757d", "6 3", "square"),
    ("#6c757d", "2 3", "triangle"),
    ("#495057", "9 3 2 3", "diamond"),
    ("#495057", "1 2", "cross"),
    ("#868e96", "4 4", "square"),
    ("#868e96", "8 2", "triangle"),
)


@dataclass(frozen=True)
class TrendPoint:
    label: str  # the date, as the page shows it
    overall: float | None
    pillars: tuple[float | None, ...]  # in the order of `pillar_names`


@dataclass(frozen=True)
class TrendLabels:
    title: str
    overall: str
    peer_median: str
    date: str
    no_score: str
    as_table: str  # "The figures as a table"


def trend_chart(
    points: Sequence[TrendPoint],
    pillar_names: Sequence[str],
    labels: TrendLabels,
    *,
    peer_median: float | None = None,
) -> str:
    """Lines over time and, beneath, the same figures as a table."""
    summary = _summary(points, pillar_names, labels, peer_median)
    out = [open_chart("trend", summary), '<div class="mdr-plot">']
    out.append(open_svg(WIDTH, HEIGHT, "mdr-shapes", summary))
    for value in (0, 50, 100):
        y = _y(value)
        out.append(
            f'<line x1="{PAD_X}" y1="{num(y)}" x2="{WIDTH - PAD_X}" y2="{num(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.8"/>'
        )
    if peer_median is not None:
        y = _y(clamp(peer_median))
        out.append(
            f'<line class="trend-peer" x1="{PAD_X}" y1="{num(y)}" x2="{WIDTH - PAD_X}" '
            f'y2="{num(y)}" stroke="{PEER_COLOUR}" stroke-width="1.2" '
            f'stroke-dasharray="{PEER_DASH}"/>'
        )
    for index, _name in enumerate(pillar_names):
        colour, dash, marker = PILLAR_STYLES[index % len(PILLAR_STYLES)]
        values = [p.pillars[index] if index < len(p.pillars) else None for p in points]
        out.append(_line(values, colour, 1.2, dash, marker, f"trend-pillar-{index}"))
    out.append(_line([p.overall for p in points], YOU_COLOUR, 2.4, "", "circle", "trend-overall"))
    out.append("</svg>")
    # The scale's numbers, over the left edge of the plot (HTML, like every label).
    for value in (0, 50, 100):
        top = 100 * _y(value) / HEIGHT
        out.append(f'<span class="mdr-tick mdr-trend-y {pct("t", top)}">{value}</span>')
    out.append("</div>")
    lefts = [pct("l", 100 * _x(i, len(points)) / WIDTH) for i in range(len(points))]
    if len(lefts) > 1:
        # The first and last dates keep inside the frame: anchored at its edges.
        lefts[0], lefts[-1] = "mdr-first", "mdr-last"
    dates = "".join(
        f'<span class="mdr-tick {left}">{text(p.label)}</span>'
        for left, p in zip(lefts, points, strict=True)
    )
    out.append(f'<div class="mdr-ticks mdr-trend-dates">{dates}</div>')
    out.append(_legend(pillar_names, labels, peer_median is not None))
    out.append("</div>")
    out.append(_table(points, pillar_names, labels))
    return "".join(out)


def _x(index: int, count: int) -> float:
    if count <= 1:
        return WIDTH / 2
    return PAD_X + index * (WIDTH - 2 * PAD_X) / (count - 1)


def _y(value: float) -> float:
    return PAD_Y + (100 - clamp(value)) * (HEIGHT - 2 * PAD_Y) / 100


def _line(
    values: Sequence[float | None], colour: str, width: float, dash: str, marker: str, cls: str
) -> str:
    """A polyline through the points that have a value, a marker on each."""
    points = [(_x(i, len(values)), _y(v)) for i, v in enumerate(values) if v is not None]
    if not points:
        return ""
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    joined = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    line = (
        f'<polyline class="{cls}" points="{joined}" fill="none" stroke="{colour}" '
        f'stroke-width="{num(width)}"{dashed}/>'
    )
    return line + "".join(_marker(marker, x, y, colour) for x, y in points)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "none":
        return ""
    if kind == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="3.5" fill="{colour}"/>'
    if kind == "square":
        return (
            f'<rect x="{num(x - 2.5)}" y="{num(y - 2.5)}" width="5" height="5" fill="#fff" '
            f'stroke="{colour}"/>'
        )
    if kind == "triangle":
        pts = f"{num(x)},{num(y - 3)} {num(x + 3)},{num(y + 2.5)} {num(x - 3)},{num(y + 2.5)}"
        return f'<polygon points="{pts}" fill="#fff" stroke="{colour}"/>'
    if kind == "diamond":
        pts = " ".join(
            f"{num(px)},{num(py)}" for px, py in ((x, y - 3), (x + 3, y), (x, y + 3), (x - 3, y))
        )
        return f'<polygon points="{pts}" fill="#fff" stroke="{colour}"/>'
    return (
        f'<path d="M{num(x - 2.5)} {num(y - 2.5)}L{num(x + 2.5)} {num(y + 2.5)}'
        f'M{num(x - 2.5)} {num(y + 2.5)}L{num(x + 2.5)} {num(y - 2.5)}" stroke="{colour}"/>'
    )


def _legend(pillar_names: Sequence[str], labels: TrendLabels, peer: bool) -> str:
    def entry(name: str, colour: str, width: float, dash: str, marker: str) -> str:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        sample = (
            f'<line x1="1" y1="6" x2="19" y2="6" stroke="{colour}" stroke-width="{num(width)}"'
            f"{dashed}/>{_marker(marker, 10, 6, colour)}"
        )
        return (
            f'<li><svg class="mdr-swatch" viewBox="0 0 20 12" aria-hidden="true" '
            f'focusable="false"><title>{text(name)}</title>{sample}</svg> {text(name)}</li>'
        )

    items = [entry(labels.overall, YOU_COLOUR, 2.4, "", "circle")]
    for index, name in enumerate(pillar_names):
        colour, dash, marker = PILLAR_STYLES[index % len(PILLAR_STYLES)]
        items.append(entry(name, colour, 1.2, dash, marker))
    if peer:
        items.append(entry(labels.peer_median, PEER_COLOUR, 1.2, PEER_DASH, "none"))
    return f'<ul class="mdr-legend">{"".join(items)}</ul>'


def _score(value: float | None, no_score: str) -> str:
    return text(no_score) if value is None else str(whole_number(value))


def _summary(
    points: Sequence[TrendPoint],
    pillar_names: Sequence[str],
    labels: TrendLabels,
    peer_median: float | None,
) -> str:
    parts = [f"{p.label}: {labels.overall} {_score(p.overall, labels.no_score)}" for p in points]
    peer = f"; {labels.peer_median} {whole_number(peer_median)}" if peer_median is not None else ""
    return f"{labels.title}. {'; '.join(parts)}{peer}"


def _table(points: Sequence[TrendPoint], pillar_names: Sequence[str], labels: TrendLabels) -> str:
    head = "".join(f'<th scope="col" class="text-end">{text(n)}</th>' for n in pillar_names)
    rows = []
    for p in points:
        cells = "".join(
            f'<td class="text-end">{_score(p.pillars[i] if i < len(p.pillars) else None, "–")}</td>'
            for i in range(len(pillar_names))
        )
        rows.append(
            f'<tr><th scope="row">{text(p.label)}</th>'
            f'<td class="text-end">{_score(p.overall, "–")}</td>{cells}</tr>'
        )
    return (
        f'<details class="mdr-trend-table"><summary>{escape(labels.as_table)}</summary>'
        f'<div class="table-responsive"><table class="table table-sm">'
        f'<thead><tr><th scope="col">{text(labels.date)}</th>'
        f'<th scope="col" class="text-end">{text(labels.overall)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )
