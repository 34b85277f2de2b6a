"""Horizontal 0-100 bars, each with the peers' interquartile whisker and median mark.

Pure: plain values in, escaped HTML out (see reports/charts/pillars.py). Each pillar is a
row: its name as HTML text (wrapping over the full width), then a label-free SVG bar and
its score as HTML; the scale's ticks are HTML under the last bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.charts.parts import (
    GRID_COLOUR,
    PEER_COLOUR,
    RINGS,
    YOU_COLOUR,
    clamp,
    diamond,
    figures,
    label_html,
    legend,
    open_chart,
    open_svg,
    pct,
    whole_number,
)
from reports.charts.svg import num

WIDTH, HEIGHT = 300, 18  # SVG units of one bar; x = 3 units per point
SCALE = WIDTH / 100


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None = None
    peer_q1: float | None = None
    peer_median: float | None = None
    peer_q3: float | None = None


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str = "Pillar scores",
    no_score: str = "(no score)",
    you: str = "Your score",
    peer_range: str = "Peers: middle half (25th to 75th percentile)",
    peer_median: str = "Peer median",
) -> str:
    """Horizontal 0-100 bars, each with the peers' interquartile whisker and median mark."""
    lines = [_figures(b, you, no_score, peer_range, peer_median) for b in bars]
    out = [open_chart("bars", f"{title}. {'; '.join(lines)}")]
    for bar, line in zip(bars, lines, strict=True):
        name = label_html(bar.label, no_score) if bar.value is None else label_html(bar.label, "")
        score = "–" if bar.value is None else str(whole_number(bar.value))
        out.append(
            f'<div class="mdr-bar-row"><div class="mdr-label">{name}</div>'
            f'<div class="mdr-bar-line"><div class="mdr-bar-plot">{_bar_svg(bar, line)}</div>'
            f'<div class="mdr-bar-value"><b class="mdr-score">{score}</b></div></div></div>'
        )
    ticks = "".join(f'<span class="mdr-tick {pct("l", v)}">{v}</span>' for v in (0, *RINGS))
    out.append(
        '<div class="mdr-bar-line mdr-axis"><div class="mdr-bar-plot">'
        f'<div class="mdr-ticks">{ticks}</div></div><div class="mdr-bar-value"></div></div>'
    )
    if any(b.peer_q1 is not None or b.peer_median is not None for b in bars):
        out.append(legend([("bar", you), ("range", peer_range), ("median", peer_median)]))
    out.append("</div>")
    return "".join(out)


def _bar_svg(bar: Bar, line: str) -> str:
    mid = HEIGHT / 2
    out = [open_svg(WIDTH, HEIGHT, "mdr-bar", line)]
    out += [
        f'<line x1="{num(v * SCALE)}" y1="0" x2="{num(v * SCALE)}" y2="{HEIGHT}" '
        f'stroke="{GRID_COLOUR}" stroke-width="{1 if v in (0, 100) else 0.6}"/>'
        for v in (0, *RINGS)
    ]
    out.append(
        f'<rect class="track" x="0" y="2" width="{WIDTH}" height="{HEIGHT - 4}" '
        f'fill="#f1f3f5" fill-opacity="0.6"/>'
    )
    if bar.value is not None:
        out.append(
            f'<rect class="you" x="0.5" y="2" width="{num(max(clamp(bar.value) * SCALE - 1, 0))}"'
            f' height="{HEIGHT - 4}" fill="{YOU_COLOUR}" fill-opacity="0.55" '
            f'stroke="{YOU_COLOUR}"/>'
        )
    if bar.peer_q1 is not None and bar.peer_q3 is not None:
        x1, x3 = clamp(bar.peer_q1) * SCALE, clamp(bar.peer_q3) * SCALE
        out.append(
            f'<path class="peer-range" d="M{num(x1)} 4V{HEIGHT - 4}M{num(x1)} {num(mid)}'
            f'H{num(x3)}M{num(x3)} 4V{HEIGHT - 4}" fill="none" stroke="{PEER_COLOUR}" '
            f'stroke-width="1.5"/>'
        )
    if bar.peer_median is not None:
        x = min(max(clamp(bar.peer_median) * SCALE, 4), WIDTH - 4)
        out.append(diamond(x, mid, "peer-median", 4, 6))
    out.append("</svg>")
    return "".join(out)


def _figures(bar: Bar, you: str, no_score: str, peer_range: str, peer_median: str) -> str:
    peers = []
    if bar.peer_q1 is not None and bar.peer_q3 is not None:
        peers.append((peer_range, f"{whole_number(bar.peer_q1)}–{whole_number(bar.peer_q3)}"))
    if bar.peer_median is not None:
        peers.append((peer_median, str(whole_number(bar.peer_median))))
    return figures(bar.label, bar.value, you=you, no_score=no_score, peers=peers)
