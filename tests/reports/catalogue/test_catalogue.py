"""The programme catalogue seed: sources kept, loads without needless writes."""

from __future__ import annotations

import datetime

import pytest
import yaml

from assessment.authoring.yaml_safety import PlainDumper
from reports.catalogue.from_yaml import CatalogueFormatError, dump_catalogue, load_catalogue
from reports.models import Programme

pytestmark = pytest.mark.django_db

ENTRY = {
    "code": "test-course",
    "name": "Test course",
    "provider": "Mekong Institute",
    "provider_type": "mi",
    "kind": "training",
    "description": "A course.",
    "pillars": ["talent"],
    "source_urls": ["https://example.org/source"],
    "verification_note": "Dates unconfirmed.",
    "priority": 3,
}


def _load(*entries: dict) -> tuple[int, int, int]:
    return load_catalogue(yaml.dump({"programmes": list(entries)}, Dumper=PlainDumper))


def test_seed_catalogue_has_sourced_programmes_for_every_pillar(seeded):
    programmes = list(Programme.objects.all())
    assert len(programmes) >= 25
    assert all(p.source_urls for p in programmes)
    today = datetime.date(2026, 11, 28)
    for pillar in ("infrastructure", "policy_finance", "talent", "cooperation"):
        active = [p for p in programmes if pillar in p.pillars and p.is_active(today)]
        assert len(active) >= 3, pillar
    assert any(not p.is_active(today) for p in programmes), "past events keep their dates"
    assert any(p.needs_verification and p.verification_note for p in programmes)


def test_a_second_load_changes_nothing():
    assert _load(ENTRY) == (1, 0, 0)
    assert _load(ENTRY) == (0, 0, 1)


def test_quoted_numbers_compare_equal_to_stored_ones():
    _load(ENTRY)
    assert _load({**ENTRY, "priority": "3"}) == (0, 0, 1)


def test_a_key_removed_from_the_file_resets_the_field():
    _load(ENTRY)
    without_note = {k: v for k, v in ENTRY.items() if k != "verification_note"}
    assert _load(without_note) == (0, 1, 0)
    assert Programme.objects.get().verification_note == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"languages": ["xx"]}, "Unknown languages"),
        ({"source_urls": ["not a url"]}, "not a web address"),
        ({"pillars": ["marketing"]}, "Unknown pillars"),
        ({"countries": ["FR"]}, "Unknown countries"),
        ({"active_from": "2025-13-01"}, "not a date"),
        ({"min_score": 80, "max_score": 10}, "must not be below"),
        ({"colour": "blue"}, "unknown key"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message(change, message):
    with pytest.raises(CatalogueFormatError, match=message):
        _load({**ENTRY, **change})
    assert not Programme.objects.exists()


def test_duplicate_codes_in_one_file_are_refused():
    with pytest.raises(CatalogueFormatError, match="used twice"):
        _load(ENTRY, {**ENTRY, "name": "Other"})
    assert not Programme.objects.exists()


def test_active_dates_bound_a_programme():
    programme = Programme(
        active_from=datetime.date(2024, 5, 13), active_until=datetime.date(2024, 5, 24)
    )
    assert programme.is_active(datetime.date(2024, 5, 13))
    assert programme.is_active(datetime.date(2024, 5, 24))
    assert not programme.is_active(datetime.date(2024, 5, 25))
    assert not programme.is_active(datetime.date(2024, 5, 12))


V2_FIELDS = {
    "original_name": "Chương trình SMEdx",
    "audience": "intermediary",
    "women_led": True,
    "youth_led": None,
    "exporting": "exporters",
    "min_readiness": 10,
    "max_readiness": 70,
    "one_off": True,
    "active_until": "2027-09-30",
    "last_verified_on": "2026-11-28",
    "how_to_apply": "Ask a participating bank.",
    "relevance": ["cross_border"],
    "topics": ["pol-finance-access", "coo-trade-fairs"],
    "url": "https://smedx.vn/",
}


def test_the_new_fields_are_read_from_yaml():
    _load({**ENTRY, **V2_FIELDS})
    programme = Programme.objects.get()
    assert programme.audience == "intermediary"
    assert programme.women_led is True and programme.youth_led is None
    assert programme.last_verified_on == datetime.date(2026, 11, 28)
    assert programme.active_until == datetime.date(2027, 9, 30)
    assert programme.topics == ["pol-finance-access", "coo-trade-fairs"]


def test_a_dump_loads_back_unchanged():
    _load({**ENTRY, **V2_FIELDS}, {**ENTRY, "code": "other-course"})
    text = dump_catalogue()
    assert "last_verified_on: '2026-11-28'" in text
    assert load_catalogue(text) == (0, 0, 2)
    Programme.objects.all().delete()
    assert load_catalogue(text) == (2, 0, 0)
    assert dump_catalogue() == text


def test_withdrawn_codes_are_deleted_and_may_not_also_be_listed():
    _load(ENTRY, {**ENTRY, "code": "old-duplicate"})
    text = yaml.dump({"programmes": [ENTRY], "withdrawn": ["old-duplicate"]}, Dumper=PlainDumper)
    assert load_catalogue(text) == (0, 1, 1)
    assert list(Programme.objects.values_list("code", flat=True)) == ["test-course"]
    assert load_catalogue(text) == (0, 0, 1)
    both = yaml.dump({"programmes": [ENTRY], "withdrawn": ["test-course"]}, Dumper=PlainDumper)
    with pytest.raises(CatalogueFormatError, match="Both listed and withdrawn: test-course"):
        load_catalogue(both)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "ftp://example.org/"}, "http:// or https://"),
        ({"relevance": ["everyone"]}, "Unknown relevance gates"),
        ({"min_readiness": 50, "max_readiness": 40}, "upper readiness"),
        ({"last_verified_on": "28/11/2026"}, "not a date"),
    ],
)
def test_bad_new_fields_are_refused(change, message):
    with pytest.raises(CatalogueFormatError, match=message):
        _load({**ENTRY, **change})
