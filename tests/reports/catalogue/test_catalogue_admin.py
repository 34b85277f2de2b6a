"""The catalogue in the admin: every list filter renders, stale entries are flagged."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Programme
from reports.programmes import months_before

pytestmark = pytest.mark.django_db

URL = reverse("admin:reports_programme_changelist")


def _programme(code: str, **fields) -> Programme:
    return Programme.objects.create(
        code=code,
        name=code.replace("-", " ").capitalize(),
        provider="Mekong Institute",
        provider_type="mi",
        kind="training",
        description="A course.",
        pillars=["talent"],
        source_urls=["https://example.org/source"],
        **fields,
    )


def _listed(admin_client, **params) -> set[str]:
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    return {p.code for p in response.context["cl"].result_list}


@pytest.mark.parametrize(
    "params",
    [
        {"country": "TH"},
        {"pillar": "talent"},
        {"audience__exact": "government"},
        {"status": "running"},
        {"status": "upcoming"},
        {"status": "ended"},
        {"status": "over"},
        {"verify": "due"},
        {"verify": "ok"},
        {"q": "course"},
    ],
)
def test_each_filter_renders(admin_client, params):
    _programme("thai-course", countries=["TH"], last_verified_on=timezone.localdate())
    assert admin_client.get(URL, params).status_code == 200


def test_needs_verification_finds_a_programme_checked_19_months_ago(admin_client):
    today = timezone.localdate()
    _programme("stale", last_verified_on=months_before(today, 19))
    _programme("fresh", last_verified_on=months_before(today, 2))
    _programme("flagged", last_verified_on=today, needs_verification=True)
    assert _listed(admin_client, verify="due") == {"stale", "flagged"}
    assert _listed(admin_client, verify="ok") == {"fresh"}
    html = admin_client.get(URL).content.decode()
    assert "needs verification" in html.lower()


def test_status_and_country_filters_pick_the_right_programmes(admin_client):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    _programme("open-to-all")
    _programme("lao-only", countries=["LA"])
    _programme("ended", active_until=today - day)
    _programme("event-over", active_until=today - day, one_off=True)
    _programme("upcoming", active_from=today + day)
    assert _listed(admin_client, status="ended") == {"ended"}
    assert _listed(admin_client, status="over") == {"event-over"}
    assert _listed(admin_client, status="upcoming") == {"upcoming"}
    assert _listed(admin_client, status="running") == {"open-to-all", "lao-only"}
    assert "lao-only" not in _listed(admin_client, country="TH")
    assert "open-to-all" in _listed(admin_client, country="TH")


def test_the_change_form_saves_the_new_fields(admin_client):
    programme = _programme("thai-course")
    url = reverse("admin:reports_programme_change", args=[programme.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in ("pillars", "source_urls", "women_led")
    }
    data.update(
        {
            "pillars": ["talent"],
            "source_urls": "https://example.org/source",
            "women_led": "true",
            "youth_led": "",
            "relevance": "cross_border",
            "topics": "tal-trained, tal-staff-skills",
            "audience": "intermediary",
            "last_verified_on": "2026-11-28",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        }
    )
    for key in ("countries", "sectors", "size_bands", "languages"):
        data.pop(key, None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    programme.refresh_from_db()
    assert programme.women_led is True and programme.youth_led is None
    assert programme.topics == ["tal-trained", "tal-staff-skills"]
    assert programme.relevance == ["cross_border"]


def test_the_selected_programmes_download_as_seed_yaml(admin_client):
    kept = _programme("kept", topics=["tal-trained"], last_verified_on=datetime.date(2026, 11, 28))
    _programme("left-out")
    response = admin_client.post(
        URL, {"action": "download_yaml", "_selected_action": [kept.pk], "index": "0"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "code: kept" in text and "left-out" not in text
    assert "last_verified_on: '2026-11-28'" in text and "- tal-trained" in text
