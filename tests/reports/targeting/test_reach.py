"""Who gets a programme, counted by the same engine the results page runs."""

from __future__ import annotations

from datetime import date

from reports.targeting.imagined import imagined_result
from reports.targeting.reach import programme_reach
from tests.reports.targeting.test_imagined import PILLARS, course

TODAY = date(2026, 12, 2)


def firm(country: str, infra: int, talent: int):
    profile = {"country": country, "sector": "trade", "size_band": "micro", "women_led": False}
    return imagined_result(profile, PILLARS, {"infrastructure": infra, "talent": talent})


def test_counts_firms_by_country_and_lists_programmes_nobody_gets():
    programmes = [
        course("infra-course", "infrastructure"),
        course("talent-course", "talent"),
        course("lao-only", "talent", countries=("LA",)),
        course("ended", "talent", active_until=date(2020, 12, 31)),
    ]
    firms = [firm("LA", 90, 10), firm("LA", 80, 20), firm("TH", 20, 90)]
    reach = programme_reach(firms, programmes, TODAY)
    assert reach.firms == 3
    assert reach.by_programme["lao-only"] == {"LA": 2}
    assert reach.by_programme["infra-course"]["TH"] == 1
    assert reach.total("ended") == 0
    assert "ended" in reach.by_programme


def test_no_firms_no_counts():
    reach = programme_reach([], [course("infra-course", "infrastructure")], TODAY)
    assert reach.firms == 0
    assert reach.total("infra-course") == 0
