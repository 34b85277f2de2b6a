"""Catalogue v2 on the model: validation with clear messages, status, verification due."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from reports.models import Programme
from reports.programmes import months_before

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


def _programme(**fields) -> Programme:
    values = {
        "code": "test-course",
        "name": "Test course",
        "provider": "Mekong Institute",
        "provider_type": "mi",
        "kind": "training",
        "description": "A course.",
        "pillars": ["talent"],
        "source_urls": ["https://example.org/source"],
        **fields,
    }
    return Programme(**values)


def _errors(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        _programme(**fields).full_clean()
    return caught.value.message_dict


def test_a_valid_programme_passes():
    _programme(
        url="https://mekonginstitute.org/",
        relevance=["cross_border"],
        topics=["coo-trade-fairs", "inf-online-presence"],
        women_led=True,
        min_readiness=10,
        max_readiness=60,
    ).full_clean()


@pytest.mark.parametrize("url", ["ftp://mekonginstitute.org/", "javascript:alert(1)"])
def test_the_apply_link_must_be_http_or_https(url):
    assert "url" in _errors(url=url)


def test_every_source_must_be_http_or_https():
    errors = _errors(source_urls=["https://example.org/", "ftp://example.org/file"])
    assert "ftp://example.org/file" in errors["source_urls"][0]


def test_an_unknown_relevance_gate_is_refused():
    assert "Unknown relevance gates: big_firms" in _errors(relevance=["big_firms"])["relevance"][0]


def test_topics_must_be_question_codes():
    assert "Not question codes: Online Presence" in _errors(topics=["Online Presence"])["topics"][0]


def test_upper_readiness_below_lower_is_refused():
    errors = _errors(min_readiness=60, max_readiness=20)
    assert errors["max_readiness"] == ["The upper readiness must not be below the lower."]


def test_only_for_flags_are_yes_or_empty():
    assert "women_led" in _errors(women_led=False)
    assert "youth_led" in _errors(youth_led=False)


def test_a_one_off_event_needs_its_last_day_and_does_not_recur():
    assert "active_until" in _errors(one_off=True)
    errors = _errors(one_off=True, active_until=TODAY, recurrence="every year")
    assert "recurrence" in errors


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "running"),
        ({"active_from": datetime.date(2027, 1, 1)}, "upcoming"),
        ({"active_until": datetime.date(2025, 12, 31)}, "ended"),
        ({"active_until": datetime.date(2025, 9, 20), "one_off": True}, "over"),
        ({"active_until": TODAY, "one_off": True}, "running"),
    ],
)
def test_status_from_the_dates(fields, status):
    assert _programme(**fields).status(TODAY) == status


def test_verification_is_due_when_flagged_never_checked_or_18_months_old():
    assert _programme(last_verified_on=None).verification_due(TODAY)
    assert _programme(last_verified_on=TODAY, needs_verification=True).verification_due(TODAY)
    assert _programme(last_verified_on=datetime.date(2025, 6, 2)).verification_due(TODAY) is False
    assert _programme(last_verified_on=datetime.date(2025, 6, 1)).verification_due(TODAY)


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime.date(2026, 12, 2), 18) == datetime.date(2025, 6, 2)
    assert months_before(datetime.date(2026, 8, 31), 18) == datetime.date(2025, 2, 28)


def test_to_info_copies_every_new_field():
    info = _programme(
        original_name="Chương trình SMEdx",
        audience="intermediary",
        women_led=True,
        exporting="exporters",
        min_readiness=5,
        max_readiness=70,
        one_off=True,
        active_until=TODAY,
        last_verified_on=TODAY,
        how_to_apply="Ask your bank.",
        relevance=["cross_border"],
        topics=["pol-finance-access"],
    ).to_info()
    assert info.original_name == "Chương trình SMEdx"
    assert (info.audience, info.audience_label) == (
        "intermediary",
        "Through an association, chamber or bank",
    )
    assert (info.women_led, info.youth_led, info.exporting) == (True, None, "exporters")
    assert (info.min_readiness, info.max_readiness, info.one_off) == (5, 70, True)
    assert (info.last_verified_on, info.how_to_apply) == (TODAY, "Ask your bank.")
    assert (info.relevance, info.topics) == (("cross_border",), ("pol-finance-access",))
