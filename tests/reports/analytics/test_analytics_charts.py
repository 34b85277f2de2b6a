"""The analytics pages' SVG charts: well-formed, escaped, honest about what is not shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reports.analytics.charts import (
    BoxRow,
    ChangeRow,
    StackRow,
    box_plot_svg,
    columns_svg,
    dumbbell_svg,
    stacked_bars_svg,
)
from reports.analytics.stats import BoxStats

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes"'


def parse(svg: str) -> ET.Element:
    # Inlined in HTML the markup carries no xmlns; add one to parse it as SVG.
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is valid XML


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def all_charts(label: str) -> list[str]:
    stats = BoxStats(low=5, q1=20, median=35, q3=50, high=90, outliers=0)
    return [
        columns_svg([(label, 3)], title=label),
        box_plot_svg([BoxRow(label, stats)], title=label),
        stacked_bars_svg([StackRow(label, (50.0, 50.0))], [label, "B"], title=label),
        dumbbell_svg(
            [ChangeRow(label, 20, 30)], title=label, before_label=label, after_label=label
        ),
    ]


@pytest.mark.parametrize("index", range(4))
def test_labels_are_escaped_and_nothing_is_fetched(index):
    svg = all_charts(HOSTILE)[index]
    root = parse(svg)  # well-formed XML despite the label
    assert "<script" not in svg
    assert "href" not in svg and "url(" not in svg
    assert root.get("role") == "img"
    assert HOSTILE in root.find(f"{SVG}title").text


def test_columns_have_one_bar_per_month_and_thin_their_labels():
    months = [(f"Month {i:02d}", i) for i in range(24)]
    root = parse(columns_svg(months, title="Submissions"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "column"]
    assert len(bars) == 24
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == 0 and heights == sorted(heights)
    labels = [t for t in texts(root) if t.startswith("Month")]
    assert 2 <= len(labels) < 24  # every n-th month, so labels never overlap
    assert "Month 23: 23" in root.get("aria-label")


def test_a_box_plot_draws_box_median_and_whiskers_where_the_figures_say():
    stats = BoxStats(low=0, q1=25, median=50, q3=75, high=100, outliers=2)
    root = parse(box_plot_svg([BoxRow("Overall", stats)], title="Scores", width=208))
    # 200 px for 0-100 between the 4 px margins: 2 px a point.
    box = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "box")
    assert (float(box.get("x")), float(box.get("width"))) == (54, 100)
    median = next(ln for ln in root.iter(f"{SVG}line") if ln.get("class") == "median")
    assert float(median.get("x1")) == 104
    whisker = next(p for p in root.iter(f"{SVG}path") if p.get("class") == "whisker")
    assert whisker.get("d").startswith("M4 ")
    assert "M204 " in whisker.get("d")


def test_rows_not_shown_say_so_instead_of_drawing_a_figure():
    note = "Fewer than 5 companies — not shown"
    charts = [
        box_plot_svg([BoxRow("Talent", None, note)], title="t"),
        stacked_bars_svg([StackRow("Lao PDR", None, note)], ["A"], title="t"),
        dumbbell_svg(
            [ChangeRow("Talent", None, None, note)],
            title="t",
            before_label="Before",
            after_label="After",
        ),
    ]
    for svg in charts:
        root = parse(svg)
        assert note in texts(root)
        assert note in root.get("aria-label")
        classes = {e.get("class") for e in root.iter()}
        assert not classes & {"box", "level", "change"}


def test_stacked_bars_split_the_row_by_share():
    root = parse(
        stacked_bars_svg([StackRow("Thailand", (25.0, 0.0, 75.0))], ["A", "B", "C"], title="t")
    )
    segments = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "level"]
    widths = [float(s.get("width")) for s in segments]
    assert len(segments) == 2  # an empty level draws nothing
    assert widths[1] == pytest.approx(3 * widths[0], abs=0.2)
    assert "Thailand: A 25%, B 0%, C 75%" in root.get("aria-label")
    assert {"A", "B", "C"} <= set(texts(root))  # the legend names every level


def test_the_dumbbell_runs_from_the_mean_before_to_the_mean_after():
    svg = dumbbell_svg(
        [ChangeRow("Overall", 30, 45)],
        title="t",
        before_label="Before",
        after_label="After",
        width=220,
    )
    root = parse(svg)
    before = next(c for c in root.iter(f"{SVG}circle") if c.get("class") == "before")
    after = next(c for c in root.iter(f"{SVG}circle") if c.get("class") == "after")
    # 200 px for 0-100 from x = 10: 2 px a point.
    assert (float(before.get("cx")), float(after.get("cx"))) == (70, 100)
    assert "Overall: Before 30.0, After 45.0" in root.get("aria-label")
