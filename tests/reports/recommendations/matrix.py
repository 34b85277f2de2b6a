"""Firms and a fixture catalogue for the matrix tests: every eligibility kind, every kind.

`firm_result` builds a frozen result with the seed questionnaire's codes from a score
pattern (one score per pillar, 0 to 1). `CATALOGUE` holds a programme for each rule of
eligibility.py and each kind; `may_join` is the test's own reading of the rules, written
apart from the engine, so the matrix checks the engine against the brief, not itself.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from assessment.summary import whole
from reports.recommendations.rank import ProgrammeInfo
from tests.reports.recommendations.builders import TODAY, programme

COUNTRIES = ("KH", "CN", "LA", "MM", "TH", "VN")
SIZES = ("micro", "small", "medium", "large")
SECTORS = ("agrifood", "manufacturing", "trade")
LANGUAGE = {"KH": "km", "CN": "zh-hans", "LA": "lo", "MM": "my", "TH": "th", "VN": "vi"}

# pillar -> (code, text, type, labels from worst to best); the seed questionnaire's codes.
QUESTIONS: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "infrastructure": [
        (
            "inf-online-presence",
            "Where can customers find your business online?",
            "multiple",
            ("Our own website", "A business page on a social network", "A listing on a map"),
        ),
        (
            "inf-backup",
            "How do you back up your important business data?",
            "single",
            ("We do not back up", "Now and then", "Automatic, off site"),
        ),
        (
            "inf-payments",
            "How can customers pay you?",
            "multiple",
            ("A national QR code", "An e-wallet", "Cards"),
        ),
    ],
    "policy_finance": [
        (
            "pol-strategy",
            "Does your business have a plan for using digital tools?",
            "scale",
            ("No plan", "Ideas only", "A written plan"),
        ),
        (
            "pol-budget",
            "Does your business set aside money each year for digital tools?",
            "yes_no",
            ("No", "No", "Yes"),
        ),
        (
            "pol-invest-share",
            "What share of revenue did you spend on digital tools?",
            "number",
            ("0.2%", "2%", "6%"),
        ),
    ],
    "talent": [
        (
            "tal-trained",
            "What share of staff had digital training last year?",
            "number",
            ("0%", "20%", "80%"),
        ),
        ("tal-champion", "Is someone in charge of digital matters?", "yes_no", ("No", "No", "Yes")),
        (
            "tal-training-kinds",
            "What digital training did staff have?",
            "multiple",
            ("Online marketing", "Office software", "Cybersecurity"),
        ),
    ],
    "cooperation": [
        (
            "coo-lmc-sales",
            "What share of sales goes to other Lancang-Mekong countries?",
            "number",
            ("0%", "3%", "35%"),
        ),
        (
            "coo-marketplaces",
            "Where do you sell online?",
            "multiple",
            ("A cross-border marketplace", "A national marketplace", "Our own shop"),
        ),
        (
            "coo-trade-fairs",
            "Have you taken part in a trade fair abroad?",
            "single",
            ("Never", "Once", "Every year"),
        ),
    ],
}
NAMES = {
    "infrastructure": "Digital infrastructure",
    "policy_finance": "Policy and finance",
    "talent": "Digital talent",
    "cooperation": "Regional cooperation",
}
PATTERNS: dict[str, dict[str, float]] = {
    "weak everywhere": {p: 0.1 for p in QUESTIONS},
    "weak finance and trade": {
        "infrastructure": 0.8,
        "policy_finance": 0.2,
        "talent": 0.6,
        "cooperation": 0.0,
    },
    "strong but talent": {
        "infrastructure": 0.9,
        "policy_finance": 0.85,
        "talent": 0.3,
        "cooperation": 0.75,
    },
    "nearly perfect": {
        "infrastructure": 1.0,
        "policy_finance": 1.0,
        "talent": 1.0,
        "cooperation": 0.95,
    },
}


def firm_result(profile: dict[str, Any], pattern: dict[str, float]) -> dict[str, Any]:
    pillars = []
    for code, questions in QUESTIONS.items():
        level = pattern[code]
        frozen = [_question(q, level, len(questions)) for q in questions]
        pillars.append(
            {
                "code": code,
                "name": NAMES[code],
                "description": "",
                "weight": 1.0,
                "score": round(level * 100, 1),
                "level": None,
                "questions": frozen,
            }
        )
    overall = sum(p["score"] for p in pillars) / len(pillars)
    return {
        "format": 1,
        "questionnaire": {"slug": "v", "number": 1, "title": "T"},
        "profile": dict(profile),
        "overall": round(overall, 1),
        "level": None,
        "levels": [],
        "pillars": pillars,
        "dont_know": [],
    }


def _question(spec: tuple[str, str, str, tuple[str, ...]], level: float, n: int) -> dict:
    code, text, qtype, labels = spec
    gap = round((1 - level) * 25 / n, 3)
    rung = 0 if level < 0.34 else 1 if level < 0.99 else 2
    answer: dict[str, Any] = {
        "options": [],
        "option_codes": [],
        "number": None,
        "unit": "",
        "text": "",
    }
    extra: dict[str, Any] = {}
    if qtype == "multiple":
        ticked = labels[len(labels) - rung :] if rung else ()
        missing = [label for label in labels if label not in ticked]
        answer["options"] = list(ticked) or ["None of these"]
        answer["option_codes"] = [_slug(t) for t in ticked] or ["none"]
        extra = {
            "missing": missing,
            "missing_codes": [_slug(m) for m in missing],
            "missing_advice": [f"Start with {m.lower()}." for m in missing],
        }
    elif qtype == "number":
        answer["number"], answer["unit"] = float(labels[rung].rstrip("%")), "%"
        answer["options"] = [labels[rung]]
    else:
        answer["options"] = [labels[rung]]
    return {
        "code": code,
        "text": text,
        "type": qtype,
        "status": "scored",
        "score": level,
        "points": level,
        "max_points": 1.0,
        "weight": 1.0,
        "gap": gap,
        "answer": answer,
        "advice": [f"Improve {text.lower()}"] if gap else [],
        **extra,
    }


def _slug(label: str) -> str:
    return "-".join(label.lower().split())[:40]


def profiles() -> list[dict[str, Any]]:
    """6 countries x 4 sizes x 3 sectors x women-led yes/no x exporting yes/no."""
    return [
        {
            "name": f"{c}-{s}-{sec}",
            "country": c,
            "size_band": s,
            "sector": sec,
            "women_led": w,
            "exports": "yes" if e else "no",
        }
        for c, s, sec, w, e in itertools.product(
            COUNTRIES, SIZES, SECTORS, (True, False), (True, False)
        )
    ]


ALL = ("infrastructure", "policy_finance", "talent", "cooperation")
LONG_AGO = TODAY - timedelta(days=900)
SOON = TODAY + timedelta(days=60)

CATALOGUE: tuple[ProgrammeInfo, ...] = (
    # Open to all, one of each kind, with topics.
    programme("academy", *ALL, kind="training", topics=("tal-trained", "inf-online-presence")),
    programme(
        "voucher-any",
        "policy_finance",
        "infrastructure",
        kind="finance",
        topics=("pol-budget", "pol-invest-share"),
        last_verified_on=TODAY,
    ),
    programme("platform-any", "infrastructure", kind="platform", topics=("inf-payments",)),
    programme(
        "advice-any",
        "policy_finance",
        "talent",
        kind="advisory",
        topics=("pol-strategy",),
        audience="intermediary",
        languages=(),
    ),
    programme(
        "network-any",
        "cooperation",
        "talent",
        kind="network",
        delivery="in_person",
        topics=("coo-trade-fairs",),
    ),
    # Government-only: never recommended.
    programme("lmc-fund", *ALL, kind="finance", audience="government", priority=10),
    # Dates.
    programme("ended", *ALL, active_until=TODAY - timedelta(days=1), priority=10),
    programme("not-started", *ALL, active_from=TODAY + timedelta(days=1), priority=10),
    programme("one-off-over", *ALL, one_off=True, active_from=LONG_AGO, priority=10),
    programme("one-off-undated", *ALL, one_off=True, priority=10),
    programme(
        "one-off-running",
        "talent",
        one_off=True,
        active_from=LONG_AGO,
        active_until=SOON,
        kind="network",
    ),
    # Targeting.
    programme(
        "depa-th",
        "policy_finance",
        "infrastructure",
        kind="finance",
        countries=("TH",),
        languages=("th",),
        topics=("pol-invest-share",),
        priority=3,
    ),
    programme(
        "smedx-vn",
        "infrastructure",
        "policy_finance",
        kind="platform",
        countries=("VN",),
        languages=("vi",),
        topics=("inf-payments", "pol-budget"),
    ),
    programme(
        "km-fund",
        "policy_finance",
        kind="finance",
        countries=("KH",),
        sectors=("agrifood", "manufacturing"),
        size_bands=("small", "medium"),
        languages=("km", "en"),
    ),
    programme("agri-only", "cooperation", "talent", sectors=("agrifood",), kind="advisory"),
    programme("micro-only", "infrastructure", "talent", size_bands=("micro",), kind="platform"),
    programme("big-only", "cooperation", size_bands=("medium", "large"), kind="network"),
    programme(
        "women",
        "cooperation",
        "talent",
        women_led=True,
        kind="training",
        topics=("coo-marketplaces",),
    ),
    programme("youth", "talent", youth_led=True, kind="training"),
    programme(
        "exporters",
        "cooperation",
        exporting="exporters",
        kind="advisory",
        topics=("coo-lmc-sales",),
    ),
    programme("domestic", "infrastructure", exporting="domestic", kind="training"),
    programme("beginners", "infrastructure", "talent", max_readiness=40, kind="training"),
    programme("advanced", "infrastructure", "cooperation", min_readiness=70, kind="advisory"),
    programme("thai-only", "talent", languages=("th",), kind="training"),
    programme("chinese-only", "cooperation", languages=("zh-hans",), kind="network"),
    programme(
        "expo",
        "cooperation",
        kind="network",
        relevance=("cross_border",),
        min_score=20,
        max_score=100,
        topics=("coo-trade-fairs", "coo-lmc-sales"),
    ),
    programme("low-band", "talent", max_score=40, kind="advisory"),
)


def may_join(p: ProgrammeInfo, result: dict[str, Any], language: str, today: date) -> bool:
    """The test's own statement of the rules (see eligibility.py's docstring)."""
    profile = result["profile"]
    exports = profile.get("exports") or ""
    exporter = exports in ("yes", "planning")
    checks = [
        p.audience != "government",
        p.active_from is None or p.active_from <= today,
        p.active_until is None or today <= p.active_until,
        not p.one_off
        or p.active_until is not None
        or (p.active_from is not None and today <= p.active_from),
        not p.countries or profile.get("country") in p.countries,
        not p.sectors or profile.get("sector") in p.sectors,
        not p.size_bands or profile.get("size_band") in p.size_bands,
        not p.women_led or profile.get("women_led") is True,
        not p.youth_led or profile.get("youth_led") is True,
        p.exporting != "exporters" or exporter or exports == "",
        p.exporting != "domestic" or not exporter,
        p.min_readiness <= (whole(result["overall"]) or 0) <= p.max_readiness,
        not p.languages
        or bool({language, "en", LANGUAGE.get(profile.get("country", ""), "")} & set(p.languages)),
        "cross_border" not in p.relevance or exporter or exports == "",
    ]
    return all(checks)
