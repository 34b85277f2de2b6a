"""A light check of the seeded catalogue (seeds/programmes.yaml) through the engine, no database.

The catalogue is being rewritten (catalogue v2); this reads whatever keys of an entry are
`ProgrammeInfo` fields and runs the matrix invariants over it, so a seed that the rules
would let through to the wrong firm fails here.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import pytest

from assessment.authoring.yaml_safety import load_yaml
from reports.recommendations.rank import ProgrammeInfo
from tests.reports.recommendations.builders import TODAY
from tests.reports.recommendations.matrix import LANGUAGE, PATTERNS, firm_result, profiles
from tests.reports.recommendations.test_matrix import check_invariants, check_reasons, run

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "programmes.yaml"
FIELDS = {f.name: f for f in dataclasses.fields(ProgrammeInfo)}
DATES = ("active_from", "active_until", "last_verified_on")


def _info(entry: dict[str, Any]) -> ProgrammeInfo:
    values: dict[str, Any] = {"kind_label": entry.get("kind", ""), "delivery_label": ""}
    if "apply_url" in entry:
        values["url"] = entry["apply_url"] or ""
    for key, raw in entry.items():
        if key not in FIELDS:
            continue
        if key in DATES and raw not in (None, ""):
            raw = raw if isinstance(raw, datetime.date) else datetime.date.fromisoformat(str(raw))
        elif isinstance(raw, list):
            raw = tuple(raw)
        values[key] = "" if raw is None and FIELDS[key].type == "str" else raw
    values.setdefault("url", "")
    return ProgrammeInfo(**values)


def seed_catalogue() -> list[ProgrammeInfo]:
    data = load_yaml(SEEDS.read_text(encoding="utf-8"))
    return [_info(entry) for entry in data["programmes"]]


@pytest.fixture(scope="module")
def catalogue() -> list[ProgrammeInfo]:
    try:
        return seed_catalogue()
    except (TypeError, ValueError, KeyError) as exc:  # mid-rewrite: a shape we cannot read
        pytest.skip(f"seeds/programmes.yaml does not map onto ProgrammeInfo: {exc}")


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_the_seeds_recommend_only_what_each_firm_can_join(catalogue, pattern):
    offered = set()
    for profile in profiles()[::5]:
        result = firm_result(profile, PATTERNS[pattern])
        language = LANGUAGE[profile["country"]]
        found = run(result, catalogue, language=language)
        check_invariants(result, found, language)
        check_reasons(result, found)
        offered |= {r.programme.code for r in found.items}
    by_code = {p.code: p for p in catalogue}
    for code in offered:
        p = by_code[code]
        assert p.audience != "government"
        assert p.active_until is None or p.active_until >= TODAY


def test_the_seeds_hold_something_for_a_weak_firm_in_every_country(catalogue):
    for country, language in LANGUAGE.items():
        profile = {"country": country, "size_band": "micro", "sector": "trade", "exports": "no"}
        found = run(firm_result(profile, PATTERNS["weak everywhere"]), catalogue, language)
        assert found.items, country
