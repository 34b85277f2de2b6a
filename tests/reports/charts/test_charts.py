"""The pillar charts (reports/charts/): label-free SVG shapes with their text as HTML."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reports.charts.pillars import Bar, RadarAxis, bar_chart, pillars_chart, radar_chart
from reports.charts.trend import TrendLabels, TrendPoint, trend_chart

PILLARS = ["Digital infrastructure", "Policy and finance", "Digital talent", "Regional cooperation"]
HOSTILE = [
    "<script>alert(1)</script>",
    "R&D & innovation",
    "\"quoted\" and 'single'",
    "Tab\x0bhere",
]
CHARTS_CSS = Path(__file__).resolve().parents[3] / "static" / "css" / "charts.css"


def parse(markup: str) -> ET.Element:
    # Our own output, parsed to check it is well-formed: a stray <, & or control
    # character would raise.
    return ET.fromstring(markup)  # noqa: S314


def by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def svgs(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.tag == "svg"]


def points(element: ET.Element) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in element.get("points").split()]


def shape(root: ET.Element) -> ET.Element:
    return by_class(root, "mdr-shapes")[0]


def centre(root: ET.Element) -> tuple[float, float]:
    axis = by_class(shape(root), "axis")[0]
    return float(axis.get("x1")), float(axis.get("y1"))


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return math.dist(a, b) < 0.2  # coordinates are written to one decimal


def html_text(root: ET.Element) -> str:
    """The text a reader sees: everything but what is inside an SVG."""
    inside = {id(e) for svg in svgs(root) for e in svg.iter()}
    return " ".join(
        " ".join(filter(None, [e.text, *(c.tail for c in e)]))
        for e in root.iter()
        if id(e) not in inside
    )


def label_texts(root: ET.Element) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in by_class(root, "mdr-label")]


@pytest.mark.parametrize("n", range(3, 9))
def test_radar_is_one_image_named_by_its_figures(n):
    axes = [RadarAxis(f"Pillar {i}", 10 * i, peer_median=50) for i in range(n)]
    root = parse(radar_chart(axes))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Pillar scores. " + "; ".join(
        f"Pillar {i}: your score {10 * i}, peer median 50" for i in range(n)
    )
    # The shapes' <title> is the PDF's alternative text for the figure.
    assert shape(root).find("title").text == root.get("aria-label")
    assert len(by_class(root, "axis")) == n
    assert [r.get("data-value") for r in by_class(root, "ring")] == ["20", "40", "60", "80", "100"]


@pytest.mark.parametrize("n", range(3, 9))
def test_no_text_in_the_svg_and_every_label_in_html(n):
    axes = [RadarAxis(PILLARS[i % 4] + f" {i}", 10 * i, peer_median=40) for i in range(n)]
    root = parse(radar_chart(axes))
    for svg in svgs(root):
        assert not [e for e in svg.iter() if e.tag in ("text", "tspan", "textPath")]
        assert svg.get("aria-hidden") == "true"
    assert sorted(label_texts(root)) == sorted(f"{a.label} {10 * i}" for i, a in enumerate(axes))
    seen = html_text(root)
    for tick in ("20", "40", "60", "80", "100", "Your score", "Peer median"):
        assert tick in seen


@pytest.mark.parametrize("n", [2, 9])
def test_radar_refuses_too_few_or_too_many_axes(n):
    with pytest.raises(ValueError, match="3 to 8"):
        radar_chart([RadarAxis("x", 1)] * n)


@pytest.mark.parametrize("n", [1, 2, 9, 12])
def test_bars_stand_in_for_a_radar_outside_3_to_8_pillars(n):
    root = parse(pillars_chart([RadarAxis(f"P{i}", 5 * i, 30) for i in range(n)]))
    assert "mdr-bars" in root.get("class")
    assert len(by_class(root, "mdr-bar-row")) == n
    assert "P0: your score 0, peer median 30" in root.get("aria-label")


@pytest.mark.parametrize("n", range(3, 9))
def test_vertex_for_100_is_on_the_outer_ring_and_0_at_the_centre(n):
    values = [100, 0, None, *[50] * (n - 3)]
    root = parse(radar_chart([RadarAxis(f"P{i}", v) for i, v in enumerate(values)]))
    outer = points(by_class(root, "ring")[-1])
    ring60 = points(by_class(root, "ring")[2])
    you = points(by_class(root, "you")[0])
    cx, cy = centre(root)
    assert close(you[0], outer[0])
    assert close(you[1], (cx, cy))
    assert close(you[2], (cx, cy))  # None is drawn at 0
    for i in range(3, n):
        assert close(you[i], ((cx + outer[i][0]) / 2, (cy + outer[i][1]) / 2))
    assert math.dist((cx, cy), ring60[0]) == pytest.approx(
        0.6 * math.dist((cx, cy), outer[0]), abs=0.2
    )


def test_values_outside_0_to_100_are_clamped():
    root = parse(radar_chart([RadarAxis("a", 150), RadarAxis("b", -20), RadarAxis("c", 50)]))
    outer = points(by_class(root, "ring")[-1])
    you = points(by_class(root, "you")[0])
    assert close(you[0], outer[0])
    assert close(you[1], centre(root))


def test_a_pillar_without_score_says_so_in_its_label_and_name():
    axes = [RadarAxis(p, None if i == 2 else 40) for i, p in enumerate(PILLARS)]
    root = parse(radar_chart(axes, no_score="(—)"))
    assert [s.text for s in by_class(root, "mdr-score")] == ["40", "40", "(—)", "40"]
    assert "Digital talent: your score (—)" in root.get("aria-label")


def test_peer_shape_only_when_every_median_is_given():
    without = parse(radar_chart([RadarAxis(p, 50) for p in PILLARS]))
    assert not by_class(without, "peer") and not by_class(without, "mdr-legend")
    full = parse(radar_chart([RadarAxis(p, 50, 40) for p in PILLARS]))
    assert len(points(by_class(full, "peer")[0])) == 4
    assert len(by_class(full, "peer-marker")) == 4
    partial = parse(
        radar_chart([RadarAxis(p, 50, 40 if i else None) for i, p in enumerate(PILLARS)])
    )
    assert not by_class(partial, "peer")
    assert len(by_class(partial, "peer-marker")) == 3


@pytest.mark.parametrize("chart", ["radar", "bars"])
def test_hostile_labels_are_escaped(chart):
    title = "<b>\"T\" & 'U'</b>"
    if chart == "radar":
        markup = radar_chart([RadarAxis(label, 50) for label in HOSTILE], title=title)
    else:
        markup = bar_chart([Bar(label, 50, 40, 50, 60) for label in HOSTILE], title=title)
    root = parse(markup)
    assert "<script" not in markup and '<b>"T' not in markup
    assert not [e for e in root.iter() if e.tag == "script"]
    summary = root.get("aria-label")
    assert summary.startswith("<b>\"T\" & 'U'</b>. ")
    assert "<script>alert(1)</script>: your score 50" in summary
    assert "R&D & innovation: your score 50" in summary
    assert "\"quoted\" and 'single': your score 50" in summary
    assert "Tabhere" in summary
    assert "R&D & innovation" in " ".join(label_texts(root))


@pytest.mark.parametrize(
    "markup",
    [
        radar_chart([RadarAxis(p, 50, 40) for p in PILLARS]),
        bar_chart([Bar(p, 50, 40, 45, 60) for p in PILLARS]),
        radar_chart([RadarAxis("see url(http://x)", 10)] * 3),
    ],
    ids=["radar", "bar", "url-label"],
)
def test_charts_reference_nothing_outside_and_need_no_inline_style(markup):
    root = parse(markup)
    for element in root.iter():
        assert element.tag not in ("script", "style", "image", "img", "a", "link")
        for name, value in element.attrib.items():
            assert name != "style"  # the Content-Security-Policy refuses inline style
            if name not in ("aria-label",):
                assert "url(" not in value and "http" not in value and "href" not in name


def test_every_class_the_charts_use_is_in_the_stylesheet():
    css = CHARTS_CSS.read_text(encoding="utf-8")
    defined = set(re.findall(r"\.(mdr-[a-z0-9-]+)", css))
    used: set[str] = set()
    for n in range(3, 9):
        for axes in ([RadarAxis(f"P{i}", 50, 40) for i in range(n)],):
            used |= _classes(radar_chart(axes))
    used |= _classes(bar_chart([Bar(p, 50, 40, 45, 60) for p in PILLARS] + [Bar("x")]))
    points = [TrendPoint(f"{d} May", 40.0 + d, (50.0, None)) for d in range(1, 4)]
    labels = TrendLabels("Trend", "Overall", "Peer median", "Date", "no score", "Table")
    used |= _classes(f"<div>{trend_chart(points, ['A', 'B'], labels, peer_median=45.0)}</div>")
    # Hooks for tests and readers, styled by nothing.
    hooks = {"mdr-radar", "mdr-bars", "mdr-name", "mdr-right", "mdr-axis"}
    mdr = {c for c in used if c.startswith("mdr-")}
    assert mdr - defined == hooks


def _classes(markup: str) -> set[str]:
    return {c for e in parse(markup).iter() for c in (e.get("class") or "").split()}


@pytest.mark.parametrize("n", range(3, 9))
def test_label_boxes_stay_inside_the_chart(n):
    root = parse(radar_chart([RadarAxis(PILLARS[i % 4], 50) for i in range(n)]))
    for band in by_class(root, "mdr-band"):
        widths = [_pct(cell, "w") for cell in by_class(band, "mdr-cell")]
        assert sum(widths) == 100
    beside = by_class(root, "mdr-beside")
    for label in beside:
        # Anchored at its axis end and free to take the width to the chart's edge.
        side = "l" if "mdr-right" in label.get("class") else "r"
        assert 50 < _pct(label, side) < 100
        assert 5 <= _pct(label, "t") <= 95
    assert len(beside) + len(label_texts(root)) - len(beside) == n


def _pct(element: ET.Element, kind: str) -> int:
    found = re.search(rf"\bmdr-{kind}-(\d+)\b", element.get("class"))
    assert found, element.get("class")
    return int(found[1])


def test_bars_draw_value_whisker_and_median():
    root = parse(bar_chart([Bar("Talent", 50, peer_q1=20, peer_median=40, peer_q3=60)]))
    track, you = by_class(root, "track")[0], by_class(root, "you")[0]
    assert float(you.get("width")) == pytest.approx(float(track.get("width")) / 2, abs=1)
    assert by_class(root, "peer-range") and by_class(root, "peer-median")
    assert root.get("aria-label") == (
        "Pillar scores. Talent: your score 50, peers: middle half (25th to 75th percentile) "
        "20–60, peer median 40"
    )
    assert [s.text for s in by_class(root, "mdr-score")] == ["50"]
    assert len(by_class(root, "mdr-legend")) == 1


def test_bars_without_value_or_peers():
    root = parse(bar_chart([Bar("Talent"), Bar("Policy", 0)]))
    assert not by_class(root, "peer-range") and not by_class(root, "peer-median")
    assert len(by_class(root, "you")) == 1
    assert label_texts(root) == ["Talent (no score)", "Policy"]
    assert (
        root.get("aria-label")
        == "Pillar scores. Talent: your score (no score); Policy: your score 0"
    )
    assert not by_class(root, "mdr-legend")
    for svg in svgs(root):
        assert not [e for e in svg.iter() if e.tag == "text"]


def test_charts_are_deterministic():
    axes = [RadarAxis(p, 33.3, 50) for p in PILLARS]
    assert radar_chart(axes) == radar_chart(axes)


def test_two_labels_beside_one_side_grow_apart():
    root = parse(radar_chart([RadarAxis(PILLARS[i % 4], 50) for i in range(8)]))
    for side in ("mdr-left", "mdr-right"):
        beside = [e.get("class").split() for e in by_class(root, side)]
        assert len(beside) == 2
        assert sorted(c for classes in beside for c in classes if c in ("mdr-up", "mdr-down")) == [
            "mdr-down",
            "mdr-up",
        ]
