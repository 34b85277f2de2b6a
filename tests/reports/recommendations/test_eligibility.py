"""Hard eligibility (reports/recommendations/eligibility.py), one rule at a time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from reports.recommendations.eligibility import is_exporter, refusal, sells_abroad
from tests.reports.recommendations.builders import TODAY, programme
from tests.reports.recommendations.matrix import PATTERNS, firm_result

FIRM = {"country": "VN", "size_band": "small", "sector": "manufacturing"}
DAY = timedelta(days=1)


def firm(pattern: str = "weak everywhere", **profile: Any) -> dict[str, Any]:
    return firm_result(FIRM | profile, PATTERNS[pattern])


@pytest.mark.parametrize(
    ("fields", "profile", "expected"),
    [
        ({}, {}, None),
        ({"audience": "government"}, {}, "government"),
        ({"audience": "intermediary"}, {}, None),
        ({"active_from": TODAY + DAY}, {}, "not_started"),
        ({"active_from": TODAY}, {}, None),
        ({"active_until": TODAY - DAY}, {}, "ended"),
        ({"active_until": TODAY}, {}, None),
        ({"one_off": True}, {}, "one_off_over"),  # no dates: cannot be shown to lie ahead
        ({"one_off": True, "active_from": TODAY - DAY}, {}, "one_off_over"),
        ({"one_off": True, "active_from": TODAY + DAY}, {}, "not_started"),
        ({"one_off": True, "active_from": TODAY - DAY, "active_until": TODAY + DAY}, {}, None),
        ({"countries": ("TH",)}, {}, "country"),
        ({"countries": ("VN", "LA")}, {}, None),
        ({"countries": ("VN",)}, {"country": ""}, "country"),
        ({"sectors": ("agrifood",)}, {}, "sector"),
        ({"size_bands": ("micro",)}, {}, "size_band"),
        ({"size_bands": ("micro",)}, {"size_band": "micro"}, None),
        ({"women_led": True}, {}, "women_led"),
        ({"women_led": True}, {"women_led": None}, "women_led"),
        ({"women_led": True}, {"women_led": False}, "women_led"),
        ({"women_led": True}, {"women_led": True}, None),
        ({"women_led": False}, {"women_led": True}, None),  # False restricts nobody
        ({"youth_led": True}, {"youth_led": False}, "youth_led"),
        ({"youth_led": True}, {"youth_led": True}, None),
        ({"exporting": "exporters"}, {"exports": "yes"}, None),
        ({"exporting": "exporters"}, {"exports": "planning"}, None),
        ({"exporting": "exporters"}, {"exports": "no"}, "exporting"),
        ({"exporting": "domestic"}, {"exports": "no"}, None),
        ({"exporting": "domestic"}, {"exports": "planning"}, "exporting"),
        ({"min_readiness": 20}, {}, "readiness"),  # "weak everywhere": overall 10
        ({"max_readiness": 10}, {}, None),
        ({"max_readiness": 9}, {}, "readiness"),
        ({"languages": ("th",)}, {}, "language"),
        ({"languages": ("vi",)}, {}, None),
        ({"languages": ("en", "th")}, {}, None),
        ({"relevance": ("cross_border",)}, {"exports": "no"}, "relevance"),
        ({"relevance": ("cross_border",)}, {"exports": "planning"}, None),
    ],
)
def test_each_rule(fields, profile, expected):
    assert refusal(programme("p", **fields), firm(**profile), TODAY, "vi") == expected


@pytest.mark.parametrize(
    ("pattern", "exporter"),
    [("weak finance and trade", False), ("weak everywhere", True)],
)
def test_a_firm_that_did_not_say_counts_as_exporter_only_when_its_answers_show_it(
    pattern, exporter
):
    # "weak finance and trade": cooperation 0, no sales abroad; "weak everywhere": its
    # share of sales abroad scores above 0.
    result = firm(pattern)
    assert "exports" not in result["profile"]
    assert sells_abroad(result) is exporter
    assert is_exporter(result) is exporter
    exporters, domestic = (
        programme("e", exporting="exporters"),
        programme("d", exporting="domestic"),
    )
    assert (refusal(exporters, result, TODAY, "vi") is None) is exporter
    assert (refusal(domestic, result, TODAY, "vi") is None) is not exporter


def test_the_profile_outweighs_the_answers():
    result = firm("weak everywhere", exports="no")
    assert sells_abroad(result)
    assert not is_exporter(result)


def test_a_national_language_programme_is_open_to_its_country_in_any_reading_language():
    thai_only = programme("p", languages=("th",))
    thai_firm = firm_result(FIRM | {"country": "TH"}, PATTERNS["weak everywhere"])
    assert refusal(thai_only, thai_firm, TODAY, "en") is None
    assert refusal(thai_only, firm(), TODAY, "en") == "language"


def test_no_overall_score_passes_only_an_open_readiness_range():
    result = firm()
    result["overall"] = None
    assert refusal(programme("p"), result, TODAY, "vi") is None
    assert refusal(programme("p", max_readiness=60), result, TODAY, "vi") == "readiness"
