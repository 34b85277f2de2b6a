"""In a tagged PDF every chart figure has alternative text, and the radar's states the figures."""

from __future__ import annotations

import io

from pypdf import PdfReader
from weasyprint import HTML

from reports.pdf.render import StaticFileFetcher, static_base_url
from tests.reports.charts.samples import LABELS, MEDIANS, SCORES
from tests.reports.charts.test_chart_shaping import chart_html


def figure_alts(pdf: bytes) -> list[str | None]:
    reader = PdfReader(io.BytesIO(pdf))
    found: list[str | None] = []

    def walk(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return  # a marked-content id
        if node.get("/S") == "/Figure":
            alt = node.get("/Alt")
            found.append(None if alt is None else str(alt))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_chart_figure_has_alt_text_stating_the_figures():
    document = HTML(
        string=chart_html("km"), base_url=static_base_url(), url_fetcher=StaticFileFetcher()
    )
    alts = figure_alts(document.write_pdf(pdf_tags=True))
    assert alts and None not in alts, alts
    names, you, peers, _range = LABELS["km"]
    radar = alts[0]
    assert radar is not None
    for name, score, median in zip(names, SCORES, MEDIANS, strict=True):
        shown = "(no score)" if score is None else score
        assert f"{name}: {you} {shown}, {peers} {median}" in radar
    # One figure per bar, each with its pillar's figures.
    assert sum(1 for alt in alts if alt and alt.startswith(f"{names[0]}: {you} 72")) == 1
