"""The pillar charts of a readout as markup, for the results page and the PDF alike."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from reports.charts.bars import bar_svg
from reports.charts.pillars import pillars_svg
from reports.readout.values import Charts

# The report's font stack (static/reports/print.css declares the faces). The charts say
# "sans-serif", which in WeasyPrint means a system font: the PDF's charts use ours.
PDF_FONT_STACK = "MDR Sans, MDR Thai, MDR Khmer, MDR Lao, MDR Myanmar, MDR SC"


def pillar_chart(charts: Charts, *, font_stack: str = "") -> SafeString:
    """The radar (bars for fewer than three or more than eight pillars)."""
    labels = charts.labels
    svg = pillars_svg(
        charts.radar,
        title=labels.title,
        no_score=labels.no_score,
        you=labels.you,
        peers=labels.peers,
    )
    return _safe(svg, font_stack)


def pillar_bars(charts: Charts, *, font_stack: str = "") -> SafeString:
    """Bars with the peers' median and middle half."""
    labels = charts.labels
    svg = bar_svg(
        charts.bars,
        title=labels.title,
        no_score=labels.no_score,
        you=labels.you,
        peer_range=labels.peer_range,
        peer_median=labels.peers,
    )
    return _safe(svg, font_stack)


def _safe(svg: str, font_stack: str) -> SafeString:
    if font_stack:
        svg = svg.replace('font-family="sans-serif"', f'font-family="{font_stack}"', 1)
    # Safe: the chart functions escape every label themselves.
    return mark_safe(svg)  # noqa: S308
