"""Peer benchmarks as pure functions: groups, the k ≥ 5 rule, fallback and the figures."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from reports.benchmarks.stats import (
    K_MIN,
    Benchmark,
    PillarStats,
    compute_groups,
    group_label,
    peer_benchmark,
)

DAY = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
LAO_CRAFTS = {"country": "LA", "sector": "creative", "size_band": "micro"}


def row(
    company_id: int,
    *,
    country: str = "LA",
    sector: str = "creative",
    size_band: str = "micro",
    infrastructure: float | None = 50.0,
    talent: float | None = 50.0,
    overall: float | None = 50.0,
    day: int = 0,
) -> dict[str, Any]:
    return {
        "company_id": company_id,
        "submitted_at": DAY + datetime.timedelta(days=day),
        "country": country,
        "sector": sector,
        "size_band": size_band,
        "overall": overall,
        "pillars": {"infrastructure": infrastructure, "talent": talent},
    }


def firms(start: int, count: int, **fields: Any) -> list[dict[str, Any]]:
    return [row(start + i, **fields) for i in range(count)]


def test_k_min_is_five():
    assert K_MIN == 5


def test_only_groups_of_at_least_five_companies_are_kept():
    rows = [
        *firms(1, 5),  # Lao crafts, micro
        *firms(10, 3, sector="agrifood", size_band="small"),  # Lao food, small
        *firms(20, 2, country="TH", sector="trade"),  # Thai trade, micro
    ]
    groups = compute_groups(rows)
    assert {key: g["n"] for key, g in groups.items()} == {
        "country_sector:LA:creative": 5,
        "country:LA": 8,
        "size_band:micro": 7,
        "all": 10,
    }
    assert {g["group"] for g in groups.values()} == {
        "country_sector",
        "country",
        "size_band",
        "all",
    }


def test_four_companies_make_no_group():
    assert compute_groups(firms(1, 4)) == {}
    assert peer_benchmark(compute_groups(firms(1, 4)), LAO_CRAFTS) is None


def test_fallback_takes_the_most_specific_group_present():
    rows = [
        *firms(1, 5),  # Lao crafts, micro
        *firms(10, 4, sector="agrifood", size_band="small"),  # Lao food, small
        *firms(20, 4, country="TH", sector="trade", size_band="medium"),
        *firms(30, 1, country="VN", sector="ict", size_band="large"),
    ]
    groups = compute_groups(rows)
    assert set(groups) == {"country_sector:LA:creative", "country:LA", "size_band:micro", "all"}

    def used(profile: dict[str, str]) -> tuple[str, int] | None:
        benchmark = peer_benchmark(groups, profile)
        return None if benchmark is None else (benchmark.group, benchmark.n)

    # Same country and sector first.
    assert used(LAO_CRAFTS) == ("country_sector", 5)
    # Lao food has only 4: the country (9 Lao firms).
    assert used({"country": "LA", "sector": "agrifood", "size_band": "small"}) == ("country", 9)
    # Thai and no Thai group: the size band (5 micro firms).
    assert used({"country": "TH", "sector": "trade", "size_band": "micro"}) == ("size_band", 5)
    # Nothing closer holds 5 (only 4 small firms): everyone (14).
    assert used({"country": "VN", "sector": "ict", "size_band": "small"}) == ("all", 14)


def test_no_group_when_even_everyone_is_fewer_than_five():
    groups = compute_groups(firms(1, 2) + firms(10, 2, country="TH"))
    assert groups == {}
    assert peer_benchmark(groups, LAO_CRAFTS) is None


def test_a_group_below_five_in_a_stored_snapshot_is_never_used():
    # Whatever a snapshot holds, the rule is applied again when it is read.
    groups = {"country:LA": {"group": "country", "n": 4, "pillars": {}}}
    assert peer_benchmark(groups, LAO_CRAFTS) is None


def test_empty_input():
    assert compute_groups([]) == {}
    assert peer_benchmark({}, LAO_CRAFTS) is None
    assert peer_benchmark(compute_groups([]), {}) is None


def test_median_and_quartiles_on_odd_count_by_hand():
    scores = [30, 10, 50, 20, 40]  # sorted: 10 20 30 40 50
    rows = [row(i, infrastructure=s, talent=100 - s, overall=s / 2) for i, s in enumerate(scores)]
    stats = compute_groups(rows)["all"]["pillars"]
    # Linear interpolation: position q·(n−1) = 1, 2, 3 in the sorted values.
    assert stats["infrastructure"] == {"median": 30.0, "q1": 20.0, "q3": 40.0}
    assert stats["talent"] == {"median": 70.0, "q1": 60.0, "q3": 80.0}
    assert stats["overall"] == {"median": 15.0, "q1": 10.0, "q3": 20.0}


def test_median_and_quartiles_interpolate_between_values():
    scores = [0, 10, 20, 30, 40, 100]
    stats = compute_groups([row(i, infrastructure=s) for i, s in enumerate(scores)])["all"]
    # Positions 1.25, 2.5, 3.75: 10 + 0.25·10, (20 + 30)/2, 30 + 0.75·10.
    assert stats["pillars"]["infrastructure"] == {"median": 25.0, "q1": 12.5, "q3": 37.5}


def test_figures_are_rounded_to_two_decimals():
    scores = [0, 100 / 3, 200 / 3, 100, 400 / 3]
    stats = compute_groups([row(i, talent=s) for i, s in enumerate(scores)])["all"]["pillars"]
    assert stats["talent"] == {"median": 66.67, "q1": 33.33, "q3": 100.0}


def test_only_the_latest_assessment_of_a_company_counts():
    rows = [
        row(1, infrastructure=90, day=5),
        row(1, infrastructure=0, day=1),  # older, listed after: still left out
        row(1, infrastructure=5, day=3),
        *[row(i, infrastructure=10 * i) for i in range(2, 6)],  # 20 30 40 50
    ]
    group = compute_groups(rows)["all"]
    assert group["n"] == 5
    # 20 30 40 50 90: company 1 counts once, with its latest score.
    assert group["pillars"]["infrastructure"] == {"median": 40.0, "q1": 30.0, "q3": 50.0}


def test_the_latest_assessment_decides_the_company_s_group():
    rows = [row(1, country="TH", day=0), row(1, country="LA", day=9), *firms(2, 4)]
    groups = compute_groups(rows)
    assert groups["country:LA"]["n"] == 5
    assert "country:TH" not in groups


def test_a_missing_pillar_score_is_left_out_not_counted_as_zero():
    scores = [None, 10, 20, 30, 40, 50]
    group = compute_groups([row(i, infrastructure=s) for i, s in enumerate(scores)])["all"]
    assert group["n"] == 6
    # Over 10 20 30 40 50; with the None as 0 the median would be 25.
    assert group["pillars"]["infrastructure"] == {"median": 30.0, "q1": 20.0, "q3": 40.0}


def test_a_pillar_scored_by_fewer_than_five_companies_has_no_figures():
    rows = [row(i, infrastructure=None if i < 2 else 10.0 * i) for i in range(6)]
    pillars = compute_groups(rows)["all"]["pillars"]
    assert "infrastructure" not in pillars  # 4 scores: figures would expose too few firms
    assert set(pillars) == {"talent", "overall"}
    benchmark = peer_benchmark(compute_groups(rows), LAO_CRAFTS)
    assert "infrastructure" not in benchmark.pillars


def test_rows_without_a_profile_field_count_only_in_wider_groups():
    rows = firms(1, 5, country=None) + firms(10, 1)
    groups = compute_groups(rows)
    assert set(groups) == {"size_band:micro", "all"}
    assert groups["all"]["n"] == 6


def test_groups_are_json_ready():
    groups = compute_groups(firms(1, 5) + firms(10, 5, country="KH", sector="tourism"))
    assert json.loads(json.dumps(groups, allow_nan=False)) == groups
    for group in groups.values():
        for stats in group["pillars"].values():
            assert all(type(v) is float for v in stats.values())


def test_peer_benchmark_returns_typed_figures():
    scores = [10, 20, 30, 40, 50]
    rows = [row(i, infrastructure=s, talent=s + 1, overall=s + 2) for i, s in enumerate(scores)]
    benchmark = peer_benchmark(compute_groups(rows), LAO_CRAFTS)
    assert benchmark == Benchmark(
        group="country_sector",
        label="Firms in Lao PDR, handicrafts and creative industries",
        n=5,
        pillars={
            "infrastructure": PillarStats(median=30.0, q1=20.0, q3=40.0),
            "talent": PillarStats(median=31.0, q1=21.0, q3=41.0),
            "overall": PillarStats(median=32.0, q1=22.0, q3=42.0),
        },
    )


@pytest.mark.parametrize(
    ("level", "profile", "label", "in_sentence"),
    [
        (
            "country_sector",
            LAO_CRAFTS,
            "Firms in Lao PDR, handicrafts and creative industries",
            "firms in Lao PDR, handicrafts and creative industries",
        ),
        (
            "country_sector",
            {"country": "VN", "sector": "ict"},
            "Firms in Viet Nam, ICT and digital services",  # the acronym keeps its capitals
            "firms in Viet Nam, ICT and digital services",
        ),
        (
            "country_sector",
            {"country": "XX", "sector": "other"},
            "Firms in other countries, other sectors",
            "firms in other countries, other sectors",
        ),
        ("country", LAO_CRAFTS, "Firms in Lao PDR", "firms in Lao PDR"),
        (
            "size_band",
            LAO_CRAFTS,
            "Micro firms (1–9 employees)",
            "micro firms (1–9 employees)",
        ),
        (
            "size_band",
            {"size_band": "large"},
            "Large firms (250+ employees)",
            "large firms (250+ employees)",
        ),
        (
            "all",
            LAO_CRAFTS,
            "Firms in all countries and sectors",
            "firms in all countries and sectors",
        ),
    ],
)
def test_labels_name_the_group(level, profile, label, in_sentence):
    assert group_label(level, profile) == label
    benchmark = Benchmark(group=level, label=label, n=5, pillars={})
    assert benchmark.label_in_sentence == in_sentence


def test_the_benchmark_label_names_the_group_used():
    rows = firms(1, 4) + firms(10, 2, sector="agrifood")
    benchmark = peer_benchmark(compute_groups(rows), LAO_CRAFTS)
    assert (benchmark.group, benchmark.label, benchmark.n) == ("country", "Firms in Lao PDR", 6)


def test_many_rows_give_consistent_groups():
    countries, sectors, sizes = ["LA", "TH", "VN"], ["creative", "trade"], ["micro", "small"]
    rows = [
        row(
            i % 3000,  # 3,000 companies, each about 3 times
            country=countries[i % 3000 % 3],
            sector=sectors[i % 3000 % 2],
            size_band=sizes[i % 3000 % 4 // 2],
            infrastructure=float(i % 101),
            day=i,
        )
        for i in range(9000)
    ]
    groups = compute_groups(rows)
    assert groups["all"]["n"] == 3000
    assert sum(groups[f"country:{c}"]["n"] for c in countries) == 3000
    assert sum(groups[f"size_band:{s}"]["n"] for s in sizes) == 3000
    assert sum(g["n"] for g in groups.values() if g["group"] == "country_sector") == 3000
    for group in groups.values():
        stats = group["pillars"]["infrastructure"]
        assert 0 <= stats["q1"] <= stats["median"] <= stats["q3"] <= 100
