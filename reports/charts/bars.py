"""Horizontal 0-100 bars, each with the peers' interquartile whisker and median mark.

Pure: plain values in, escaped SVG markup out (see reports/charts/pillars.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reports.charts.parts import (
    GRID_COLOUR,
    MARGIN,
    MUTED_COLOUR,
    PEER_COLOUR,
    RINGS,
    YOU_COLOUR,
    Legend,
    clamp,
    diamond,
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
    text_lines,
    wrap,
)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None = None
    peer_q1: float | None = None
    peer_median: float | None = None
    peer_q3: float | None = None


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
    height: float = plot_bottom + 18
    items = [("bar", you), ("range", peer_range), ("median", peer_median)]
    key = legend(MARGIN, height, width, items)
    if any(b.peer_q1 is not None or b.peer_median is not None for b in bars):
        height += key.height
    else:
        key = Legend("", 0)
    summary = _bar_summary(bars, no_score, peer_range, peer_median)
    head = open_svg(width, height + MARGIN, "bars", title, summary)
    return "".join([head, *grid, *rows, *ticks, key.markup, "</svg>"])


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
        end = left + clamp(bar.value) * scale
        out.append(
            f'<rect class="you" x="{num(left)}" y="{num(y)}" width="{num(end - left)}" '
            f'height="{num(height)}" fill="{YOU_COLOUR}" fill-opacity="0.55" '
            f'stroke="{YOU_COLOUR}"/>'
            f'<text class="score" x="{num(left + 100 * scale + 4)}" y="{num(mid + 4)}" '
            f'font-weight="bold">{whole_number(bar.value)}</text>'
        )
    if bar.peer_q1 is not None and bar.peer_q3 is not None:
        x1, x3 = left + clamp(bar.peer_q1) * scale, left + clamp(bar.peer_q3) * scale
        out.append(
            f'<path class="peer-range" d="M{num(x1)} {num(y + 2)}V{num(y + height - 2)}'
            f'M{num(x1)} {num(mid)}H{num(x3)}M{num(x3)} {num(y + 2)}V{num(y + height - 2)}" '
            f'fill="none" stroke="{PEER_COLOUR}" stroke-width="1.5"/>'
        )
    if bar.peer_median is not None:
        out.append(diamond(left + clamp(bar.peer_median) * scale, mid, "peer-median"))
    return "".join(out)


def _bar_summary(bars: Sequence[Bar], no_score: str, peer_range: str, peer_median: str) -> str:
    parts = []
    for b in bars:
        text = f"{one_line(b.label)} {score_text(b.value, no_score)}"
        peer = []
        if b.peer_q1 is not None and b.peer_q3 is not None:
            peer.append(
                f"{lower_first(peer_range)} {whole_number(b.peer_q1)}–{whole_number(b.peer_q3)}"
            )
        if b.peer_median is not None:
            peer.append(f"{lower_first(peer_median)} {whole_number(b.peer_median)}")
        parts.append(f"{text} ({'; '.join(peer)})" if peer else text)
    return ", ".join(parts)
