"""The pillar charts of a readout as markup, for the results page and the PDF alike.

The markup is HTML text around label-free SVG shapes (reports/charts/), styled by
static/css/charts.css, which the page and the PDF template both link.
"""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from reports.charts.bars import bar_chart
from reports.charts.pillars import pillars_chart
from reports.readout.values import Charts

STYLESHEET = "css/charts.css"


def pillar_chart(charts: Charts, *, font_stack: str = "") -> SafeString:
    """The radar (bars for fewer than three or more than eight pillars).

    `font_stack` is kept for callers of the former SVG text charts and ignored: chart
    text is HTML now and takes the fonts of the page around it.
    """
    labels = charts.labels
    return _safe(
        pillars_chart(
            charts.radar,
            title=labels.title,
            no_score=labels.no_score,
            you=labels.you,
            peers=labels.peers,
        )
    )


def pillar_bars(charts: Charts, *, font_stack: str = "") -> SafeString:
    """Bars with the peers' median and middle half (`font_stack` is ignored, as above)."""
    labels = charts.labels
    return _safe(
        bar_chart(
            charts.bars,
            title=labels.title,
            no_score=labels.no_score,
            you=labels.you,
            peer_range=labels.peer_range,
            peer_median=labels.peers,
        )
    )


def _safe(markup: str) -> SafeString:
    # Safe: the chart functions escape every label themselves.
    return mark_safe(markup)  # noqa: S308


# The report's font stack, for reports/pdf/render.py until it stops passing it.
PDF_FONT_STACK = "MDR Sans, MDR Thai, MDR Khmer, MDR Lao, MDR Myanmar, MDR SC"
