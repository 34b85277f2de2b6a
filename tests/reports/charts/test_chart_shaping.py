"""In the PDF, chart text in Khmer, Thai, Lao and Burmese is shaped as HarfBuzz shapes it.

The charts are rendered through WeasyPrint with the report's stylesheets, and the glyphs
the PDF places (its content stream names glyph ids: Identity CID fonts) are compared
with what HarfBuzz makes of each label with the same font file. The former charts drew
their labels as SVG <text>, which WeasyPrint laid out glyph by glyph: vowel signs came
apart from their consonants and dotted circles appeared, so these sequences were missing.
A chart's text must also stay inside the chart's box (legends once ran out of the frame).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream
from weasyprint import HTML

from reports.charts.bars import bar_chart
from reports.charts.pillars import radar_chart
from reports.pdf.render import StaticFileFetcher, html_to_pdf, static_base_url
from tests.reports.charts.samples import LABELS, bars, radar_axes

FONTS = Path(__file__).resolve().parents[3] / "static" / "fonts"
SCRIPT_FONTS = {
    "km": ("MDR-Khmer", "noto-sans-khmer/NotoSansKhmer-Regular.ttf"),
    "th": ("MDR-Thai", "noto-sans-thai/NotoSansThai-Regular.ttf"),
    "lo": ("MDR-Lao", "noto-sans-lao/NotoSansLao-Regular.ttf"),
    "my": ("MDR-Myanmar", "noto-sans-myanmar/NotoSansMyanmar-Regular.ttf"),
}
LATIN = "noto-sans/NotoSans-Regular.ttf"


def chart_html(language: str) -> str:
    """The two charts in a page linking the report's stylesheets, as the report does."""
    _names, you, peers, peer_range = LABELS[language]
    radar = radar_chart(radar_axes(language), you=you, peers=peers)
    bar = bar_chart(bars(language), you=you, peer_median=peers, peer_range=peer_range)
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="reports/print.css">'
        '<link rel="stylesheet" href="css/charts.css"></head><body>'
        f'<div class="charts"><figure class="chart">{radar}</figure>'
        f'<figure class="chart">{bar}</figure></div></body></html>'
    )


def chart_labels(language: str) -> list[str]:
    names, you, peers, peer_range = LABELS[language]
    return [*names, you, peers, peer_range]


@cache
def cmap(path: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS / path).getBestCmap())


def script_runs(label: str, language: str) -> list[str]:
    """The label's stretches that fall to the script's font: the report's stacks put the
    Latin font first, so spaces, digits and brackets come from it."""
    latin, script = cmap(LATIN), cmap(SCRIPT_FONTS[language][1])
    runs, current = [], ""
    for ch in label:
        if ord(ch) in script and ord(ch) not in latin:
            current += ch
        elif ord(ch) in latin or not current:
            if current:
                runs.append(current)
            current = ""
        else:  # a mark or joiner both fonts lack stays with its run
            current += ch
    if current:
        runs.append(current)
    return runs


def harfbuzz_glyphs(text: str, font_path: str) -> list[int]:
    blob = hb.Blob.from_file_path(str(FONTS / font_path))
    font = hb.Font(hb.Face(blob))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def placed_glyphs(pdf: bytes) -> dict[str, list[int]]:
    """Every glyph id shown on the pages, in drawing order, per font (subset prefix off)."""
    reader = PdfReader(io.BytesIO(pdf))
    shown: dict[str, list[int]] = {}
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        font = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = str(fonts[operands[0]].get_object()["/BaseFont"]).split("+", 1)[-1]
            elif operator in (b"Tj", b"TJ"):
                pieces = operands[0] if operator == b"TJ" else [operands[0]]
                for piece in pieces:
                    if isinstance(piece, bytes | str):
                        # pypdf decodes strings it can; the bytes are the glyph ids
                        data = getattr(piece, "original_bytes", piece)
                        ids = [int.from_bytes(data[k : k + 2]) for k in range(0, len(data), 2)]
                        shown.setdefault(font, []).extend(ids)
    return shown


def contains(haystack: list[int], needle: list[int]) -> bool:
    n = len(needle)
    return any(haystack[k : k + n] == needle for k in range(len(haystack) - n + 1))


@pytest.fixture(scope="module", params=sorted(SCRIPT_FONTS))
def rendered(request):
    language = request.param
    return language, placed_glyphs(html_to_pdf(chart_html(language)))


def test_chart_labels_are_shaped_as_harfbuzz_shapes_them(rendered):
    language, shown = rendered
    font_name, font_path = SCRIPT_FONTS[language]
    placed = shown.get(font_name, [])
    missing = []
    for label in chart_labels(language):
        for run in script_runs(label, language):
            expected = harfbuzz_glyphs(run, font_path)
            assert 0 not in expected, f"{run!r}: the font lacks a glyph"
            if not contains(placed, expected):
                missing.append(run)
    assert missing == [], f"{language}: shaped differently from HarfBuzz: {missing}"


@pytest.mark.parametrize("language", sorted(SCRIPT_FONTS))
def test_chart_text_stays_inside_its_chart(language):
    document = HTML(
        string=chart_html(language),
        base_url=static_base_url(),
        url_fetcher=StaticFileFetcher(),
        media_type="print",
    ).render()
    charts = 0
    for page in document.pages:
        for chart in _boxes(page._page_box):
            if "mdr-chart" not in _classes(chart):
                continue
            charts += 1
            left, top = chart.border_box_x(), chart.border_box_y()
            right, bottom = left + chart.border_width(), top + chart.border_height()
            for box in _boxes(chart):
                if type(box).__name__ == "TextBox" and box.text.strip():
                    assert left - 0.5 <= box.position_x, (language, box.text)
                    assert box.position_x + box.width <= right + 0.5, (language, box.text)
                    assert top - 0.5 <= box.position_y, (language, box.text)
                    assert box.position_y + box.height <= bottom + 0.5, (language, box.text)
    assert charts == 2


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    if element is None or box.element_tag != "div":
        return []
    return (element.get("class") or "").split()
