"""Two real-looking firms get visibly different programmes, each with reasons of its own.

A Thai micro retailer selling at home only, and a Vietnamese women-led small manufacturer
that exports, against a catalogue shaped like the seeded one (national schemes, a
women-led programme, a trade fair for exporters, a regional course, a government fund
and an ended project).
"""

from __future__ import annotations

import datetime

from reports.recommendations.rank import recommendations
from tests.reports.recommendations.builders import TODAY, programme
from tests.reports.recommendations.matrix import firm_result

ALL = ("infrastructure", "policy_finance", "talent", "cooperation")
CATALOGUE = [
    programme(
        "depa-voucher",
        "policy_finance",
        "infrastructure",
        name="depa Mini Transformation Voucher",
        kind="finance",
        countries=("TH",),
        languages=("th",),
        topics=("pol-invest-share", "pol-budget"),
    ),
    programme(
        "smedx",
        "infrastructure",
        "policy_finance",
        name="SMEdx",
        kind="platform",
        countries=("VN",),
        languages=("vi",),
        topics=("inf-payments", "inf-backup"),
    ),
    programme(
        "women-ecommerce",
        "cooperation",
        "talent",
        name="E-commerce for women-led SMEs",
        women_led=True,
        countries=("KH", "LA", "MM", "VN"),
        topics=("coo-marketplaces",),
    ),
    programme(
        "caexpo",
        "cooperation",
        name="China-ASEAN Expo",
        kind="network",
        delivery="in_person",
        relevance=("cross_border",),
        min_score=20,
        topics=("coo-trade-fairs", "coo-lmc-sales"),
    ),
    programme(
        "asean-sme-academy",
        *ALL,
        name="ASEAN SME Academy",
        topics=("tal-trained", "inf-online-presence"),
    ),
    programme(
        "lmc-special-fund",
        *ALL,
        name="LMC Special Fund",
        kind="finance",
        audience="government",
        priority=10,
    ),
    programme(
        "go-digital-asean",
        "talent",
        name="Go Digital ASEAN",
        one_off=True,
        active_from=datetime.date(2020, 9, 1),
        active_until=datetime.date(2023, 12, 31),
    ),
]

THAI = {
    "name": "Chiang Mai Grocer",
    "country": "TH",
    "size_band": "micro",
    "sector": "trade",
    "women_led": False,
    "exports": "no",
}
VIET = {
    "name": "Hai Phong Textiles",
    "country": "VN",
    "size_band": "small",
    "sector": "manufacturing",
    "women_led": True,
    "exports": "yes",
}
THAI_SCORES = {"infrastructure": 0.3, "policy_finance": 0.1, "talent": 0.5, "cooperation": 0.0}
VIET_SCORES = {"infrastructure": 0.6, "policy_finance": 0.5, "talent": 0.3, "cooperation": 0.1}


def test_a_thai_grocer_and_a_vietnamese_exporter_get_different_programmes():
    thai_result, viet_result = firm_result(THAI, THAI_SCORES), firm_result(VIET, VIET_SCORES)
    thai = recommendations(thai_result, CATALOGUE, TODAY, language="th")
    viet = recommendations(viet_result, CATALOGUE, TODAY, language="vi")
    thai_codes = {r.programme.code for r in thai.items}
    viet_codes = {r.programme.code for r in viet.items}

    assert "depa-voucher" in thai_codes
    assert not {"smedx", "women-ecommerce", "caexpo"} & thai_codes
    assert {"smedx", "women-ecommerce", "caexpo"} <= viet_codes
    assert "depa-voucher" not in viet_codes
    for codes in (thai_codes, viet_codes):
        assert not {"lmc-special-fund", "go-digital-asean"} & codes
    assert [a.programme.code for a in thai.ask_ministry] == ["lmc-special-fund"]

    # Each reason quotes the firm's own answers; the shared course is argued differently.
    for found, result in ((thai, thai_result), (viet, viet_result)):
        answered = {q["text"] for p in result["pillars"] for q in p["questions"]}
        for rec in found.items:
            assert rec.answers and set(rec.answers) <= answered
    depa = next(r for r in thai.items if r.programme.code == "depa-voucher")
    assert "“What share of revenue did you spend on digital tools?” (you answered “0.2%”)" in (
        depa.reason
    )
    expo = next(r for r in viet.items if r.programme.code == "caexpo")
    assert "Have you taken part in a trade fair abroad?" in expo.reason
    assert (
        "China-ASEAN Expo puts you in touch with buyers, partners and peers across" in expo.reason
    )
    academy = [
        r.reason for f in (thai, viet) for r in f.items if r.programme.code == "asean-sme-academy"
    ]
    assert len(academy) == len(set(academy))
