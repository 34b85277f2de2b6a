"""The dashboard's trend: points in time order, pillars matched by code across versions."""

from __future__ import annotations

import datetime
import re

from reports.charts.trend import TrendLabels, TrendPoint, trend_chart
from reports.progress.trend import Submitted, trend_points

LABELS = TrendLabels(
    title="Your scores over time",
    overall="Overall score",
    peer_median="Peer median today",
    date="Submitted",
    no_score="no score",
    as_table="The figures as a table",
)


def at(month: int) -> datetime.datetime:
    return datetime.datetime(2026, month, 1, tzinfo=datetime.UTC)


def test_points_follow_time_and_pillar_codes_across_versions():
    codes = {1: ["infra", "talent"], 2: ["talent", "infra", "green"]}
    submitted = [
        Submitted(2, at(9), 60.0, {"pillars": [70, 50, 10]}),
        Submitted(1, at(3), 40.0, {"pillars": [30, 55]}),
    ]
    shown, points = trend_points(submitted, codes, date_label=lambda d: d.strftime("%b"))
    assert shown == ("talent", "infra", "green")
    assert [p.label for p in points] == ["Mar", "Sep"]
    assert points[0].pillars == (55.0, 30.0, None)  # "green" was not asked then
    assert points[1].pillars == (70.0, 50.0, 10.0)
    assert [p.overall for p in points] == [40.0, 60.0]


def test_no_submissions_no_points():
    assert trend_points([], {}, date_label=str) == ((), ())


def test_the_chart_is_text_free_svg_with_html_labels_and_a_table():
    points = (
        TrendPoint("1 Mar", 40.0, (55.0, None)),
        TrendPoint("1 Sep", 61.0, (70.0, 50.0)),
    )
    html = trend_chart(points, ["ដំណាក់កាល <b>", "Talent"], LABELS, peer_median=45.0)
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert svgs and not any("<text" in svg for svg in svgs)
    assert "ដំណាក់កាល &lt;b&gt;" in html and "<b>" not in html.replace("mdr-score", "")
    assert 'class="trend-peer"' in html
    overall = re.search(r'<polyline class="trend-overall" points="([^"]+)"', html).group(1)
    assert len(overall.split()) == 2
    # The pillar with no score at first has one point only.
    assert len(re.search(r'class="trend-pillar-1" points="([^"]+)"', html).group(1).split()) == 1
    assert re.search(r'aria-label="Your scores over time\. 1 Mar: Overall score 40; 1 Sep', html)
    assert "<table" in html and html.count("<tr>") == 3  # head and two assessments


def test_one_assessment_draws_one_point_in_the_middle():
    html = trend_chart((TrendPoint("1 Mar", 40.0, (55.0,)),), ["Infra"], LABELS)
    assert 'points="200,' in html
    assert "trend-peer" not in html
