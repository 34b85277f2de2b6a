"""The server-drawn SVG charts (reports/charts/pillars.py): valid, escaped, self-contained."""

from __future__ import annotations

import math
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from reports.charts.pillars import Bar, RadarAxis, bar_svg, radar_svg

PILLARS = ["Digital infrastructure", "Policy and finance", "Digital talent", "Regional cooperation"]
HOSTILE = [
    "<script>alert(1)</script>",
    "R&D & innovation",
    "\"quoted\" and 'single'",
    "Tab\x0bhere",
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is valid XML


def points(element: ET.Element) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in element.get("points").split()]


def centre(root: ET.Element) -> tuple[float, float]:
    axis = root.find("line[@class='axis']")
    return float(axis.get("x1")), float(axis.get("y1"))


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return math.dist(a, b) < 0.2  # coordinates are written to one decimal


def all_text(root: ET.Element) -> str:
    return " ".join(piece for t in root.iter("text") for piece in t.itertext())


@pytest.mark.parametrize("n", range(3, 9))
def test_radar_is_valid_svg_with_title_and_summary(n):
    axes = [RadarAxis(f"Pillar {i}", 10 * i) for i in range(n)]
    root = parse(radar_svg(axes))
    assert root.tag == "svg"
    assert root.get("role") == "img"
    assert root[0].tag == "title"
    assert root.get("aria-label") == ", ".join(f"Pillar {i} {10 * i}" for i in range(n))
    assert len(root.findall("line[@class='axis']")) == n
    assert [r.get("data-value") for r in root.findall("polygon[@class='ring']")] == [
        "20",
        "40",
        "60",
        "80",
        "100",
    ]


def test_radar_summary_reads_like_the_scores():
    axes = [
        RadarAxis(name, value) for name, value in zip(PILLARS, [45.2, 30, 70.5, None], strict=True)
    ]
    label = parse(radar_svg(axes)).get("aria-label")
    assert label == (
        "Digital infrastructure 45, Policy and finance 30, Digital talent 71, "
        "Regional cooperation (no score)"
    )


@pytest.mark.parametrize("n", [2, 9])
def test_radar_refuses_too_few_or_too_many_axes(n):
    with pytest.raises(ValueError, match="3 to 8"):
        radar_svg([RadarAxis("x", 1)] * n)


@pytest.mark.parametrize("n", range(3, 9))
def test_vertex_for_100_is_on_the_outer_ring_and_0_at_the_centre(n):
    values = [100, 0, None, *[50] * (n - 3)]
    root = parse(radar_svg([RadarAxis(f"P{i}", v) for i, v in enumerate(values)]))
    outer = points(root.find("polygon[@class='ring'][@data-value='100']"))
    ring60 = points(root.find("polygon[@class='ring'][@data-value='60']"))
    you = points(root.find("polygon[@class='you']"))
    assert close(you[0], outer[0])
    assert close(you[1], centre(root))
    assert close(you[2], centre(root))  # None is drawn at 0
    # Values scale linearly: 50 lies halfway from the centre to the outer ring.
    for i in range(3, n):
        cx, cy = centre(root)
        assert close(you[i], ((cx + outer[i][0]) / 2, (cy + outer[i][1]) / 2))
    assert math.dist(centre(root), ring60[0]) == pytest.approx(
        0.6 * math.dist(centre(root), outer[0]), abs=0.2
    )


def test_values_outside_0_to_100_are_clamped():
    root = parse(radar_svg([RadarAxis("a", 150), RadarAxis("b", -20), RadarAxis("c", 50)]))
    outer = points(root.find("polygon[@class='ring'][@data-value='100']"))
    you = points(root.find("polygon[@class='you']"))
    assert close(you[0], outer[0])
    assert close(you[1], centre(root))


def test_none_is_marked_no_score():
    root = parse(radar_svg([RadarAxis(p, None if i == 2 else 40) for i, p in enumerate(PILLARS)]))
    scores = [t.text for t in root.iter("text") if t.get("class") == "score"]
    assert scores == ["40", "40", "(no score)", "40"]
    assert "Digital talent (no score)" in root.get("aria-label")


def test_no_score_text_can_be_translated():
    svg = radar_svg([RadarAxis("a", None), RadarAxis("b", 1), RadarAxis("c", 2)], no_score="(—)")
    assert "(—)" in all_text(parse(svg))


def test_peer_polygon_only_when_peer_medians_are_given():
    without = parse(radar_svg([RadarAxis(p, 50) for p in PILLARS]))
    assert without.find("polygon[@class='peer']") is None
    assert "Peer median" not in all_text(without)

    root = parse(radar_svg([RadarAxis(p, 50, peer_median=100) for p in PILLARS]))
    peer = root.find("polygon[@class='peer']")
    assert peer is not None
    assert peer.get("stroke-dasharray")  # told apart by its dashes, not by colour alone
    assert points(peer) == points(root.find("polygon[@class='ring'][@data-value='100']"))
    assert "Peer median" in all_text(root)
    assert "(peer median 100)" in root.get("aria-label")


def test_partial_peer_medians_draw_markers_but_no_shape():
    axes = [RadarAxis(p, 50, peer_median=40 if i else None) for i, p in enumerate(PILLARS)]
    root = parse(radar_svg(axes))
    assert root.find("polygon[@class='peer']") is None
    assert len(root.findall("rect[@class='peer-marker']")) == 3


@pytest.mark.parametrize("chart", ["radar", "bar"])
def test_hostile_labels_are_escaped(chart):
    if chart == "radar":
        svg = radar_svg([RadarAxis(label, 50) for label in HOSTILE], title="<b>\"T\" & 'U'</b>")
    else:
        svg = bar_svg([Bar(label, 50, 40, 50, 60) for label in HOSTILE], title='<b>"T"</b>')
    root = parse(svg)  # would raise on a stray <, & or control character
    assert "<script" not in svg
    assert "<b>" not in svg
    assert root.find(".//script") is None
    assert all(element.tag != "b" for element in root.iter())
    # The summary keeps the labels as typed (escaping is undone by the parser).
    summary = root.get("aria-label")
    assert "<script>alert(1)</script> 50" in summary
    assert "R&D & innovation 50" in summary
    assert "\"quoted\" and 'single' 50" in summary
    assert "Tabhere" in summary
    assert "R&D & innovation" in all_text(root)


@pytest.mark.parametrize(
    "svg",
    [
        radar_svg([RadarAxis(p, 50, 40) for p in PILLARS]),
        bar_svg([Bar(p, 50, 40, 45, 60) for p in PILLARS]),
    ],
    ids=["radar", "bar"],
)
def test_charts_reference_nothing_outside(svg):
    lowered = svg.lower()
    for needle in ("http", "url(", "href", "<script", "<image", "<style", "@import", "xmlns"):
        assert needle not in lowered
    root = parse(svg)
    assert root.get("font-family") == "sans-serif"
    assert all(t.get("font-family") is None for t in root.iter("text"))


def test_hostile_url_in_a_label_stays_text():
    svg = radar_svg([RadarAxis("see url(http://x)", 10)] * 3)
    root = parse(svg)
    # It is there only as character data, never in an attribute a renderer would fetch.
    for element in root.iter():
        for name, value in element.attrib.items():
            if name != "aria-label":
                assert "url(" not in value
                assert "http" not in value


def test_long_labels_wrap_into_short_lines():
    long = "Cross-border e-commerce and digital trade paperwork with neighbouring countries"
    root = parse(radar_svg([RadarAxis(long, 10), RadarAxis("b", 20), RadarAxis("c", 30)]))
    label = next(t for t in root.iter("text") if t.get("class") == "label")
    lines = [span.text for span in label.iter("tspan")]
    assert 1 < len(lines) <= 3
    assert all(len(line) <= 20 for line in lines)
    assert lines[-1].endswith("…")


@pytest.mark.parametrize(
    "label",
    [
        "โครงสร้างพื้นฐานดิจิทัลและการเชื่อมต่อระหว่างประเทศในภูมิภาค",  # Thai
        "ໂຄງລ່າງພື້ນຖານດິຈິຕອນແລະການເຊື່ອມຕໍ່ໃນພາກພື້ນແມ່ນ້ຳຂອງ",  # Lao
        "ហេដ្ឋារចនាសម្ព័ន្ធឌីជីថលនិងការតភ្ជាប់ក្នុងតំបន់មេគង្គ",  # Khmer
        "ဒစ်ဂျစ်တယ်အခြေခံအဆောက်အအုံနှင့်ဒေသတွင်းချိတ်ဆက်မှု",  # Burmese
        "数字基础设施和区域互联互通以及跨境电子商务",  # Chinese
    ],
)
def test_labels_without_spaces_wrap_without_splitting_syllables(label):
    root = parse(radar_svg([RadarAxis(label, 10), RadarAxis("b", 20), RadarAxis("c", 30)]))
    text = next(t for t in root.iter("text") if t.get("class") == "label")
    lines = [span.text for span in text.iter("tspan")]
    assert len(lines) > 1
    assert "".join(lines).rstrip("…") in label
    for line in lines:
        # No line starts with a vowel sign, tone mark or stacked consonant's mark...
        assert not unicodedata.category(line[0]).startswith("M")
    for line in lines[:-1]:
        # ...nor ends on a virama, coeng or a Thai/Lao vowel written before its consonant.
        assert line[-1] not in "\u1039\u17d2\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec4"


@pytest.mark.parametrize("n", range(3, 9))
def test_labels_stay_inside_the_chart(n):
    axes = [RadarAxis(PILLARS[i % 4], 50) for i in range(n)]
    root = parse(radar_svg(axes, size=320))
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    for text in root.iter("text"):
        x, y = float(text.get("x")), float(text.get("y"))
        assert 0 <= x <= width
        assert 0 <= y <= height
    for ring in root.findall("polygon[@class='ring']"):
        assert all(0 <= x <= width and 0 <= y <= height for x, y in points(ring))


def test_bars_draw_value_whisker_and_median():
    root = parse(bar_svg([Bar("Talent", 50, peer_q1=20, peer_median=40, peer_q3=60)]))
    track = root.find("rect[@class='track']")
    you = root.find("rect[@class='you']")
    assert float(you.get("width")) == pytest.approx(float(track.get("width")) / 2, abs=0.1)
    assert root.find("path[@class='peer-range']") is not None
    assert root.find("polygon[@class='peer-median']") is not None
    assert root.get("aria-label").startswith("Talent 50 (")
    assert "20–60" in root.get("aria-label")


def test_bars_without_value_or_peers():
    root = parse(bar_svg([Bar("Talent"), Bar("Policy", 0)]))
    assert root.find("path[@class='peer-range']") is None
    assert root.find("polygon[@class='peer-median']") is None
    assert "(no score)" in all_text(root)
    assert len(root.findall("rect[@class='you']")) == 1
    assert root.get("aria-label") == "Talent (no score), Policy 0"
    assert "Peer median" not in all_text(root)


def test_charts_are_deterministic():
    axes = [RadarAxis(p, 33.3, 50) for p in PILLARS]
    assert radar_svg(axes) == radar_svg(axes)
