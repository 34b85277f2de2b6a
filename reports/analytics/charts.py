"""Server-drawn SVG charts of the analytics pages: columns, box plots, stacked bars, dumbbells.

Pure like reports/charts/pillars.py: plain values and already-translated labels in, SVG markup
out, every text escaped here. Each chart carries a text summary (aria-label and desc)
and the page shows the same figures in a table, so nothing rests on colour or sight.
The charts are drawn 360 px wide, so that their text reads on a phone at about its
own size; CSS stretches them to at most about 1.5 times that on a wide screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reports.analytics.stats import BoxStats
from reports.charts.svg import (
    FONT_SIZE,
    LINE_HEIGHT,
    clean,
    num,
    one_line,
    text_lines,
    text_width,
    wrap,
)

MARGIN = 4
WIDTH = 360
BAR_COLOUR = "#0b5ed7"
BOX_FILL = "#cfe2ff"
INK = "#212529"
GRID = "#adb5bd"
MUTED = "#6c757d"
# A sequential blue palette, light to dark, for the maturity levels (lowest first).
LEVEL_COLOURS = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")
# Text on the two lightest levels is dark, on the rest white.
LEVEL_INK = ("#212529", "#212529", "#212529", "#ffffff", "#ffffff", "#ffffff")


# --- submissions per month -------------------------------------------------------------


def columns_svg(items: Sequence[tuple[str, int]], *, title: str, width: int = WIDTH) -> str:
    """Vertical columns of counts (submissions per month), labels thinned to fit."""
    axis_width = 30
    left, right, top, plot_height = MARGIN + axis_width, width - MARGIN, MARGIN + 8, 150
    bottom = top + plot_height
    slot = (right - left) / max(len(items), 1)
    peak = max((v for _, v in items), default=0)
    step = _nice_step(peak)
    ceiling = max(step * math.ceil(peak / step), step)
    out = []
    for tick in range(0, int(ceiling) + 1, int(step)):
        y = bottom - tick / ceiling * plot_height
        out.append(
            f'<line class="grid" x1="{num(left)}" y1="{num(y)}" x2="{num(right)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="{1 if tick == 0 else 0.5}"/>'
            f'<text x="{num(left - 4)}" y="{num(y + 4)}" font-size="9" fill="{MUTED}" '
            f'text-anchor="end">{tick}</text>'
        )
    widest = max((text_width(label) for label, _ in items), default=0)
    every = max(1, math.ceil((widest + 6) / slot))  # label one column in `every`
    for k, (label, value) in enumerate(items):
        x = left + k * slot
        height = value / ceiling * plot_height
        out.append(
            f'<rect class="column" x="{num(x + slot * 0.15)}" y="{num(bottom - height)}" '
            f'width="{num(slot * 0.7)}" height="{num(height)}" fill="{BAR_COLOUR}">'
            f"<title>{escape(one_line(label))}: {value}</title></rect>"
        )
        if slot >= 16 and value:
            out.append(
                f'<text x="{num(x + slot / 2)}" y="{num(bottom - height - 2)}" font-size="9" '
                f'text-anchor="middle">{value}</text>'
            )
        if k % every == 0:
            out.append(
                f'<text class="label" x="{num(x + slot / 2)}" y="{num(bottom + 13)}" '
                f'text-anchor="middle">{escape(one_line(label))}</text>'
            )
    summary = ", ".join(f"{one_line(label)}: {value}" for label, value in items)
    return _svg(width, bottom + 20, "columns", title, summary, out)


def _nice_step(peak: float) -> int:
    """A grid step of 1, 2 or 5 times a power of ten giving at most five lines."""
    if peak <= 5:
        return 1
    raw = peak / 5
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


# --- pillar score distributions ----------------------------------------------------------


@dataclass(frozen=True)
class BoxRow:
    label: str
    stats: BoxStats | None  # None: not shown, `note` says why
    note: str = ""


def box_plot_svg(
    rows: Sequence[BoxRow],
    *,
    title: str,
    median: str = "median",
    middle_half: str = "middle half",
    whiskers: str = "whiskers",
    width: int = WIDTH,
) -> str:
    """Horizontal box plots on 0-100: whiskers, the interquartile box, the median.

    `median`, `middle_half` and `whiskers` are the words of the text summary.
    """
    left, right = MARGIN, width - MARGIN
    scale = (right - left) / 100
    out, y, parts = [], MARGIN, []
    for row in rows:
        lines = wrap(clean(row.label), right - left, 2)
        out.append(text_lines(left, y + FONT_SIZE, lines, "start"))
        y += len(lines) * LINE_HEIGHT + 2
        mid = y + 8
        s = row.stats
        if s is None:
            out.append(_note(left, mid + 4, row.note))
            parts.append(f"{one_line(row.label)}: {one_line(row.note)}")
        else:
            x = {k: left + _clamp(getattr(s, k)) * scale for k in ("low", "q1", "median", "q3")}
            x["high"] = left + _clamp(s.high) * scale
            out.append(
                f'<path class="whisker" d="M{num(x["low"])} {num(mid)}H{num(x["q1"])}'
                f"M{num(x['q3'])} {num(mid)}H{num(x['high'])}"
                f"M{num(x['low'])} {num(mid - 5)}V{num(mid + 5)}"
                f'M{num(x["high"])} {num(mid - 5)}V{num(mid + 5)}" '
                f'stroke="{INK}" stroke-width="1.2" fill="none"/>'
                f'<rect class="box" x="{num(x["q1"])}" y="{num(mid - 7)}" '
                f'width="{num(max(x["q3"] - x["q1"], 1))}" height="14" fill="{BOX_FILL}" '
                f'stroke="{INK}" stroke-width="1.2"/>'
                f'<line class="median" x1="{num(x["median"])}" y1="{num(mid - 7)}" '
                f'x2="{num(x["median"])}" y2="{num(mid + 7)}" stroke="{INK}" stroke-width="3"/>'
            )
            parts.append(
                f"{one_line(row.label)}: {median} {_one(s.median)}, {middle_half} "
                f"{_one(s.q1)}–{_one(s.q3)}, {whiskers} {_one(s.low)}–{_one(s.high)}"
            )
        y += 24
    out += _scale_ticks(left, scale, y)
    return _svg(width, y + 16, "boxplot", title, "; ".join(parts), out)


# --- maturity levels by country ----------------------------------------------------------


@dataclass(frozen=True)
class StackRow:
    label: str
    shares: tuple[float, ...] | None  # percent per level, lowest first; None: not shown
    note: str = ""


def stacked_bars_svg(
    rows: Sequence[StackRow], levels: Sequence[str], *, title: str, width: int = WIDTH
) -> str:
    """One 100 % bar per row, split into the levels' shares, with a legend of the levels."""
    left, right = MARGIN, width - MARGIN
    scale = (right - left) / 100
    out, y, parts = [], MARGIN, []
    for row in rows:
        lines = wrap(clean(row.label), right - left, 2)
        out.append(text_lines(left, y + FONT_SIZE, lines, "start"))
        y += len(lines) * LINE_HEIGHT + 2
        if row.shares is None:
            out.append(_note(left, y + 12, row.note))
            parts.append(f"{one_line(row.label)}: {one_line(row.note)}")
        else:
            x: float = left
            for k, share in enumerate(row.shares):
                w = share * scale
                if w > 0:
                    colour, ink = _level_colour(k)
                    out.append(
                        f'<rect class="level" x="{num(x)}" y="{num(y)}" width="{num(w)}" '
                        f'height="16" fill="{colour}" stroke="#fff" stroke-width="0.5">'
                        f"<title>{escape(one_line(levels[k]))}: {_whole(share)}%</title></rect>"
                    )
                    if w >= 26:
                        out.append(
                            f'<text x="{num(x + w / 2)}" y="{num(y + 12)}" font-size="10" '
                            f'fill="{ink}" text-anchor="middle">{_whole(share)}%</text>'
                        )
                x += w
            shares = ", ".join(
                f"{one_line(levels[k])} {_whole(s)}%" for k, s in enumerate(row.shares)
            )
            parts.append(f"{one_line(row.label)}: {shares}")
        y += 24
    legend, height = _level_legend(levels, y, width)
    return _svg(width, y + height, "stacked", title, "; ".join(parts), [*out, legend])


def _level_colour(k: int) -> tuple[str, str]:
    k = min(k, len(LEVEL_COLOURS) - 1)
    return LEVEL_COLOURS[k], LEVEL_INK[k]


def _level_legend(levels: Sequence[str], y0: float, width: int) -> tuple[str, float]:
    out: list[str] = []
    x: float = MARGIN
    y = y0
    for k, name in enumerate(levels):
        label = one_line(name)
        needed = 16 + text_width(label) + 10
        if x > MARGIN and x + needed > width - MARGIN:
            x, y = MARGIN, y + LINE_HEIGHT + 4
        colour, _ = _level_colour(k)
        out.append(
            f'<rect x="{num(x)}" y="{num(y + 2)}" width="11" height="11" fill="{colour}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{num(x + 15)}" y="{num(y + 12)}">{escape(label)}</text>'
        )
        x += needed
    return "".join(out), y - y0 + LINE_HEIGHT + 8


# --- a cohort before and after -----------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: float | None  # None: not shown, `note` says why
    after: float | None
    note: str = ""


def dumbbell_svg(
    rows: Sequence[ChangeRow],
    *,
    title: str,
    before_label: str,
    after_label: str,
    width: int = WIDTH,
) -> str:
    """Each row's mean before (hollow circle) and after (filled), joined by a line."""
    left, right = MARGIN + 6, width - MARGIN - 6
    scale = (right - left) / 100
    out, y, parts = [], MARGIN, []
    for row in rows:
        lines = wrap(clean(row.label), right - left, 2)
        out.append(text_lines(MARGIN, y + FONT_SIZE, lines, "start"))
        y += len(lines) * LINE_HEIGHT + 2
        mid = y + 8
        if row.before is None or row.after is None:
            out.append(_note(MARGIN, mid + 4, row.note))
            parts.append(f"{one_line(row.label)}: {one_line(row.note)}")
        else:
            xb, xa = left + _clamp(row.before) * scale, left + _clamp(row.after) * scale
            out.append(
                f'<line class="track" x1="{num(left)}" y1="{num(mid)}" x2="{num(right)}" '
                f'y2="{num(mid)}" stroke="#e9ecef" stroke-width="6"/>'
                f'<line class="change" x1="{num(xb)}" y1="{num(mid)}" x2="{num(xa)}" '
                f'y2="{num(mid)}" stroke="{BAR_COLOUR}" stroke-width="2.5"/>'
                f'<circle class="before" cx="{num(xb)}" cy="{num(mid)}" r="5" fill="#fff" '
                f'stroke="{INK}" stroke-width="1.5"/>'
                f'<circle class="after" cx="{num(xa)}" cy="{num(mid)}" r="5" '
                f'fill="{BAR_COLOUR}" stroke="{INK}" stroke-width="1"/>'
            )
            parts.append(
                f"{one_line(row.label)}: {before_label} {_one(row.before)}, "
                f"{after_label} {_one(row.after)}"
            )
        y += 24
    out += _scale_ticks(left, scale, y)
    y += 20
    out.append(
        f'<circle cx="{num(MARGIN + 6)}" cy="{num(y + 6)}" r="5" fill="#fff" stroke="{INK}" '
        f'stroke-width="1.5"/><text x="{num(MARGIN + 16)}" y="{num(y + 10)}">'
        f"{escape(one_line(before_label))}</text>"
    )
    x = MARGIN + 30 + text_width(one_line(before_label))
    out.append(
        f'<circle cx="{num(x)}" cy="{num(y + 6)}" r="5" fill="{BAR_COLOUR}" stroke="{INK}"/>'
        f'<text x="{num(x + 10)}" y="{num(y + 10)}">{escape(one_line(after_label))}</text>'
    )
    return _svg(width, y + 18, "dumbbell", title, "; ".join(parts), out)


# --- shared pieces -----------------------------------------------------------------------


def _scale_ticks(left: float, scale: float, y: float) -> list[str]:
    return [
        f'<text x="{num(left + v * scale)}" y="{num(y + 6)}" font-size="9" fill="{MUTED}" '
        f'text-anchor="{"start" if v == 0 else "end" if v == 100 else "middle"}">{v}</text>'
        for v in (0, 20, 40, 60, 80, 100)
    ]


def _note(x: float, y: float, text: str) -> str:
    return (
        f'<text class="not-shown" x="{num(x)}" y="{num(y)}" fill="{MUTED}" '
        f'font-style="italic">{escape(one_line(text))}</text>'
    )


def _svg(width: float, height: float, kind: str, title: str, summary: str, body) -> str:
    head = (
        f'<svg class="chart chart-{kind}" role="img" aria-label="{escape(summary)}" '
        f'width="{num(width)}" height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'font-family="sans-serif" font-size="{FONT_SIZE}" fill="{INK}">'
        f"<title>{escape(one_line(title))}</title><desc>{escape(summary)}</desc>"
    )
    return head + "".join(body) + "</svg>"


def _clamp(value: float) -> float:
    return min(max(float(value), 0.0), 100.0)


def _one(value: float) -> str:
    return f"{value:.1f}"


def _whole(value: float) -> int:
    return math.floor(value + 0.5)
