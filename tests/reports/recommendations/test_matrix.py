"""The engine over a matrix of firms: 6 countries x 4 sizes x 3 sectors x women-led yes/no x
exporting yes/no, under four score patterns, against a fixture catalogue holding a
programme for every rule of eligibility (tests/reports/recommendations/matrix.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.summary import whole
from reports.recommendations.fit import firm_gaps, serves_pillar
from reports.recommendations.rank import Recommendations, recommendations
from tests.reports.recommendations.builders import TODAY
from tests.reports.recommendations.matrix import (
    CATALOGUE,
    COUNTRIES,
    LANGUAGE,
    PATTERNS,
    QUESTIONS,
    SECTORS,
    SIZES,
    firm_result,
    may_join,
    profiles,
)

NEVER = {"lmc-fund", "ended", "not-started", "one-off-over", "one-off-undated"}


def run(result: dict[str, Any], catalogue: Any = CATALOGUE, language: str = "") -> Recommendations:
    language = language or LANGUAGE[result["profile"]["country"]]
    return recommendations(result, list(catalogue), TODAY, language=language)


def check_invariants(result: dict[str, Any], found: Recommendations, language: str) -> None:
    items = found.items
    codes = [r.programme.code for r in items]
    assert len(set(codes)) == len(codes)
    assert not NEVER & set(codes)
    for rec in items:
        assert may_join(rec.programme, result, language, TODAY), rec.programme.code
        pillar = next(p for p in result["pillars"] if p["code"] == rec.pillar)
        if not rec.programme.relevance:
            shown = whole(pillar["score"])
            assert rec.programme.min_score <= shown <= rec.programme.max_score
    per_pillar = Counter(r.pillar for r in items)
    assert max(per_pillar.values(), default=0) <= 3
    assert {n.pillar for n in found.no_programme}.isdisjoint(per_pillar)


def check_reasons(result: dict[str, Any], found: Recommendations) -> None:
    said = {
        q["code"]: [q["text"], *q["answer"]["options"], *q.get("missing", [])]
        for p in result["pillars"]
        for q in p["questions"]
    }
    for rec in found.items:
        assert rec.answers, rec.programme.code
        texts = [t for texts in said.values() for t in texts]
        assert any(t in rec.reason for t in texts)
        for text in rec.answers:
            assert f"“{text}”" in rec.reason
    by_pillar: dict[str, list[str]] = {}
    for rec in found.items:
        by_pillar.setdefault(rec.pillar, []).append(rec.reason)
    for reasons in by_pillar.values():
        assert len(set(reasons)) == len(reasons)


def check_mix(result: dict[str, Any], found: Recommendations, language: str) -> None:
    """Three of one kind only when no other kind could be had for the pillar."""
    gaps = firm_gaps(result)  # type: ignore[arg-type]
    for pillar in gaps.pillars:
        picked = [r.programme for r in found.items if r.pillar == pillar.code]
        if len(picked) < 3 or len({p.kind for p in picked}) > 1:
            continue
        taken = {r.programme.code for r in found.items}
        others = {
            p.kind
            for p in CATALOGUE
            if may_join(p, result, language, TODAY)
            and serves_pillar(p, pillar)
            and p.code not in taken
        }
        assert others <= {picked[0].kind}, (pillar.code, [p.code for p in picked])


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("country", COUNTRIES)
def test_no_firm_is_offered_what_it_cannot_join(country, pattern):
    for profile in profiles():
        if profile["country"] != country:
            continue
        result = firm_result(profile, PATTERNS[pattern])
        language = LANGUAGE[country]
        found = run(result, language=language)
        check_invariants(result, found, language)
        check_reasons(result, found)
        check_mix(result, found, language)
        # In English too: the English reader may join what runs in English only.
        check_invariants(result, run(result, language="en"), "en")


def test_targeted_programmes_reach_exactly_their_firms():
    reached: dict[str, set[tuple[str, str, str, bool, str]]] = {}
    for profile in profiles():
        result = firm_result(profile, PATTERNS["weak everywhere"])
        for rec in run(result).items:
            key = (profile["country"], profile["size_band"], profile["sector"])
            reached.setdefault(rec.programme.code, set()).add(
                (*key, profile["women_led"], profile["exports"])
            )
    assert {c for c, *_ in reached["depa-th"]} == {"TH"}
    assert {c for c, *_ in reached["smedx-vn"]} == {"VN"}
    assert {w for *_, w, _e in reached["women"]} == {True}
    assert {e for *_, e in reached["exporters"]} == {"yes"}
    assert {e for *_, e in reached["expo"]} == {"yes"}
    assert {e for *_, e in reached.get("domestic", set())} <= {"no"}
    assert {s for _c, s, *_ in reached["micro-only"]} == {"micro"}
    assert "youth" not in reached  # nobody in the matrix said youth-led
    assert not NEVER & set(reached)


def test_a_cross_border_gate_replaces_the_score_gate():
    profile = {"country": "VN", "size_band": "small", "sector": "trade", "exports": "planning"}
    result = firm_result(profile, PATTERNS["weak finance and trade"])  # cooperation 0
    expo = next(p for p in CATALOGUE if p.code == "expo")
    assert expo.min_score == 20
    assert "expo" in [r.programme.code for r in run(result, [expo]).items]
    result["profile"]["exports"] = "no"
    assert run(result, [expo]).items == ()


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_the_ranking_is_deterministic_and_not_alphabetical(pattern):
    for profile in profiles()[::7]:
        result = firm_result(profile, PATTERNS[pattern])
        expected = run(result)
        assert run(result, reversed(CATALOGUE)) == expected
        # Renaming every programme (reversing the alphabet) changes nothing but the names.
        renamed = [
            replace(p, name=f"{chr(0x7A - i % 26)} {p.code}") for i, p in enumerate(CATALOGUE)
        ]
        again = run(result, renamed)
        assert [r.programme.code for r in again.items] == [r.programme.code for r in expected.items]


def test_a_pillar_without_a_programme_gets_advice_and_says_so():
    profile = {"country": "MM", "size_band": "large", "sector": "trade", "exports": "no"}
    result = firm_result(profile, PATTERNS["weak everywhere"])
    only_talent = [p for p in CATALOGUE if p.pillars == ("talent",)]
    found = run(result, only_talent, language="my")
    assert {r.pillar for r in found.items} <= {"talent"}
    notes = {n.pillar: n for n in found.no_programme}
    assert set(notes) == {"infrastructure", "policy_finance", "cooperation"}
    for note in notes.values():
        assert note.pillar_name in note.sentence
        assert note.advice


def test_government_channels_are_collected_for_the_annex_not_recommended():
    profile = {"country": "LA", "size_band": "micro", "sector": "agrifood", "exports": "no"}
    found = run(firm_result(profile, PATTERNS["weak everywhere"]))
    assert "lmc-fund" not in [r.programme.code for r in found.items]
    assert [a.programme.code for a in found.ask_ministry] == ["lmc-fund"]
    assert "ministry" in found.ask_ministry[0].sentence


# ---------------------------------------------------------------- any firm at all

firms = st.fixed_dictionaries(
    {
        "country": st.sampled_from(COUNTRIES),
        "size_band": st.sampled_from(SIZES),
        "sector": st.sampled_from(SECTORS),
    },
    optional={
        "women_led": st.sampled_from([True, False, None]),
        "youth_led": st.sampled_from([True, False, None]),
        "exports": st.sampled_from(["yes", "planning", "no", ""]),
    },
)
levels = st.fixed_dictionaries(
    {p: st.sampled_from([0.0, 0.1, 0.3, 0.5, 0.8, 0.95, 1.0]) for p in QUESTIONS}
)


@settings(max_examples=60, deadline=None)
@given(
    profile=firms,
    pattern=levels,
    catalogue=st.permutations(CATALOGUE),
    language=st.sampled_from(["en", "th", "vi", "lo"]),
)
def test_any_firm_any_order_only_programmes_it_can_join(profile, pattern, catalogue, language):
    result = firm_result(profile, pattern)
    found = run(result, catalogue, language=language)
    if profile.get("exports", "") == "":
        # Silent firms count as exporters only when their answers show foreign sales.
        exporter = pattern["cooperation"] > 0
        result["profile"]["exports"] = "yes" if exporter else "no"
    check_invariants(result, found, language)
    check_reasons(result, found)
    assert found == run(firm_result(profile, pattern), CATALOGUE, language=language)
