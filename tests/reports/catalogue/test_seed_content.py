"""The seeded catalogue's content: official links only, who may apply, no duplicates, topics."""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

from reports.models import Programme

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
# Providers' own sites (programmes.md, "Official pages known so far"). A host is added
# here only once it is confirmed as the provider's own site, never a news or vendor page.
PROVIDER_HOSTS = {
    "eng.caexpo.org",
    "smebankcambodia.com.kh",
    "smedx.vn",
    "mekonginstitute.org",
    "www.mekonginstitute.org",
    "depa.or.th",
    "www.depa.or.th",
}
TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def catalogue(seeded) -> dict[str, Programme]:
    return {p.code: p for p in Programme.objects.all()}


def test_every_apply_link_is_a_providers_own_site(catalogue):
    hosts = {code: urlsplit(p.url).hostname for code, p in catalogue.items() if p.url}
    assert {code: host for code, host in hosts.items() if host not in PROVIDER_HOSTS} == {}


def test_an_entry_without_an_apply_link_is_flagged_with_a_note(catalogue):
    unflagged = [
        code
        for code, p in catalogue.items()
        if not p.url and not (p.needs_verification and p.verification_note)
    ]
    assert unflagged == []


def test_sources_stay_apart_from_the_apply_link(catalogue):
    expo = catalogue["china-asean-expo"]
    assert expo.url == "https://eng.caexpo.org/"
    assert "https://peoplesmail.com.ng/?p=11575" in expo.source_urls
    assert catalogue["th-depa-mini-transformation-voucher"].url == "https://www.depa.or.th/"


def test_government_channels_are_marked_as_such(catalogue):
    for code in ("lmc-special-fund", "mi-mkcf", "lmc-national-secretariats"):
        assert catalogue[code].audience == Programme.Audience.GOVERNMENT, code


def test_smedx_is_one_entry(catalogue):
    assert [code for code, p in catalogue.items() if "smedx" in p.name.lower()] == ["vn-smedx"]


def _question_codes(name: str) -> set[str]:
    data = yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))
    return {q["code"] for pillar in data["pillars"] for q in pillar["questions"]}


def test_every_topic_is_a_question_of_a_seed_questionnaire(catalogue):
    # v1's codes stay: assessments answered on v1 are still matched by them.
    codes = _question_codes("questionnaire_v1.yaml") | _question_codes("questionnaire_v2.yaml")
    unknown = {code: sorted(set(p.topics) - codes) for code, p in catalogue.items()}
    assert {code: topics for code, topics in unknown.items() if topics} == {}


def test_every_running_programme_has_a_topic_in_the_current_questionnaire(catalogue):
    current = _question_codes("questionnaire_v2.yaml")
    running = [p for p in catalogue.values() if p.is_active(TODAY)]
    assert {p.code for p in running if not set(p.topics) & current} == set()


def test_the_expo_is_for_cross_border_firms_whatever_their_score(catalogue):
    expo = catalogue["china-asean-expo"]
    assert expo.relevance == ["cross_border"]
    assert expo.min_score == 0


def test_what_ran_once_has_ended(catalogue):
    for code in ("go-digital-asean", "mi-women-led-sme-ecommerce", "th-huawei-asean-academy"):
        assert not catalogue[code].is_active(TODAY), code
    assert catalogue["mi-women-led-sme-ecommerce"].women_led is True
    single_events = [p for p in catalogue.values() if p.one_off]
    assert single_events and all(p.status(TODAY) == "over" for p in single_events)


def test_every_entry_says_when_it_was_verified(catalogue):
    assert all(p.last_verified_on for p in catalogue.values())


def test_the_new_cambodian_schemes_are_seeded_with_sources_and_flagged(catalogue):
    for code in ("kh-sme-cofinancing-scheme", "kh-micro-entrepreneurs-scheme"):
        programme = catalogue[code]
        assert programme.countries == ["KH"] and programme.source_urls, code
        assert programme.needs_verification and programme.verification_note, code
        assert programme.audience == Programme.Audience.INTERMEDIARY, code
