"""The officers' targeting pages: who may open them, counts, the try-a-firm form."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from assessment.models import Assessment, Company, User
from reports.models import Programme
from reports.officers import OFFICERS_GROUP
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db

REACH = "/analytics/programmes/"
TRY = "/analytics/programmes/try/"
_numbers = itertools.count(1)


@pytest.fixture
def officer_client(client):
    officer = User.objects.create_user("officer@example.org", "officer-password-1")
    officer.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    client.force_login(officer)
    return client


def programme(code: str, pillar: str, **extra) -> Programme:
    return Programme.objects.create(
        code=code,
        name=code.replace("-", " ").title(),
        provider="Mekong Institute",
        provider_type="mi",
        kind="training",
        description="A course.",
        pillars=[pillar],
        source_urls=["https://mekonginstitute.org/"],
        **extra,
    )


def submitted_firm(questionnaire, country: str, *, consent: bool = True) -> Assessment:
    n = next(_numbers)
    owner = User.objects.create_user(
        f"firm{n}@example.org", None, benchmark_consent_at=timezone.now() if consent else None
    )
    company = Company.objects.create(
        owner=owner, name=f"Firm {n}", country=country, sector="trade", size_band="micro"
    )
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assert assessment.submit()
    return assessment


@pytest.mark.parametrize("url", [REACH, TRY])
def test_only_officers_open_the_pages(client, user, url):
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(user)
    assert client.get(url).status_code == 403


def test_reach_counts_consenting_firms_and_hides_small_countries(questionnaire, officer_client):
    programme("talent-course", "talent")
    programme("lao-course", "talent", countries=["LA"])
    for _ in range(5):
        submitted_firm(questionnaire, "LA")
    submitted_firm(questionnaire, "TH")
    submitted_firm(questionnaire, "TH", consent=False)
    page = officer_client.get(REACH)
    assert page.status_code == 200
    rows = {row.programme.code: row for row in page.context["rows"]}
    assert page.context["firms"] == 6
    assert rows["talent-course"].total == 6
    assert rows["lao-course"].total == 5
    text = page.content.decode()
    assert "Lao PDR: 5" in text
    assert "Thailand: 1" not in text  # fewer than 5: not named
    assert "fewer than 5 elsewhere" in text


def test_reach_without_firms_says_so(questionnaire, officer_client):
    programme("talent-course", "talent")
    page = officer_client.get(REACH)
    assert page.status_code == 200
    assert 'id="no-firms"' in page.content.decode()


def test_try_a_firm_lists_programmes_for_its_weak_pillar(questionnaire, officer_client):
    programme("infra-course", "infrastructure")
    programme("talent-course", "talent")
    programme("khmer-only", "talent", countries=["KH"])
    page = officer_client.get(
        TRY,
        {
            "country": "LA",
            "sector": "trade",
            "size_band": "micro",
            "language": "en",
            "score_infrastructure": "90",
            "score_talent": "10",
        },
    )
    assert page.status_code == 200
    codes = [item["rec"].programme.code for item in page.context["recommendations"]]
    assert codes[0] == "talent-course"
    assert "khmer-only" not in codes
    assert 'id="imagined-recommendations"' in page.content.decode()


def test_try_a_firm_with_a_bad_score_keeps_the_input_and_says_why(questionnaire, officer_client):
    page = officer_client.get(
        TRY,
        {
            "country": "LA",
            "sector": "trade",
            "size_band": "micro",
            "language": "en",
            "score_talent": "150",
            "score_infrastructure": "40",
        },
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert 'value="150"' in text and 'value="40"' in text
    assert "less than or equal to 100" in text


def test_try_a_firm_with_a_tampered_choice_is_a_400(questionnaire, officer_client):
    page = officer_client.get(
        TRY, {"country": "ZZ", "sector": "trade", "size_band": "micro", "language": "en"}
    )
    assert page.status_code == 400


def test_try_a_firm_before_any_version_is_published(db, officer_client):
    page = officer_client.get(TRY)
    assert page.status_code == 200
    assert 'id="no-version"' in page.content.decode()
