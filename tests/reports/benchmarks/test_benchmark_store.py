"""Benchmarks from the database: who is counted, the snapshot, the task and the page."""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import Assessment, Company, QuestionnaireVersion, User
from assessment.results import figures_of
from reports.benchmarks.queries import benchmark_for, refresh_snapshot, snapshot_rows
from reports.benchmarks.tasks import refresh_benchmarks
from reports.models import BenchmarkSnapshot
from tests.conftest import answer, answer_all, small_questionnaire_data

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def firm(
    *,
    consent: bool = True,
    country: str = "LA",
    sector: str = "creative",
    size_band: str = "micro",
) -> Company:
    n = next(_numbers)
    owner = User.objects.create_user(
        f"firm{n}@example.org",
        None,  # no password to hash: the tests log in with force_login
        benchmark_consent_at=timezone.now() if consent else None,
    )
    return Company.objects.create(
        owner=owner, name=f"Firm {n}", country=country, sector=sector, size_band=size_band
    )


def internet(option: str) -> Callable[[Assessment], None]:
    """answer_all with another internet answer: infrastructure 50 (none), 66.7 (mobile)
    or 83.3 (fibre); talent is 25 and the overall 38.9, 33.3 or 44.4."""

    def answers(assessment: Assessment) -> None:
        answer_all(assessment)
        answer(assessment, "inf-internet", option)

    return answers


def submitted(
    company: Company,
    version: QuestionnaireVersion,
    answers: Callable[[Assessment], None] = answer_all,
    *,
    days_ago: int = 0,
) -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    answers(assessment)
    assert assessment.submit()
    at = timezone.now() - datetime.timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=at)
    assessment.refresh_from_db()
    return assessment


# --- who is counted -------------------------------------------------------------------


def test_rows_hold_the_frozen_profile_and_scores(questionnaire):
    company = firm()
    assessment = submitted(company, questionnaire, internet("fibre"))
    # A later profile edit does not move the firm to another group.
    Company.objects.filter(pk=company.pk).update(country="TH", sector="trade")
    [row] = snapshot_rows(questionnaire)
    assert row == {
        "company_id": company.pk,
        "submitted_at": assessment.submitted_at,
        "country": "LA",
        "sector": "creative",
        "size_band": "micro",
        "overall": 44.4,
        "pillars": {"infrastructure": 83.3, "talent": 25.0},
        "version": 1,
    }


def test_an_unscored_pillar_is_read_as_none(questionnaire):
    submitted(firm(), questionnaire)
    # The frozen figures are the source: make one pillar unscored there.
    assessment = Assessment.objects.get()
    result = assessment.result
    result["pillars"][1]["score"] = None
    Assessment.objects.filter(pk=assessment.pk).update(result=result, figures=figures_of(result))
    [row] = snapshot_rows(questionnaire)
    assert row["pillars"] == {"infrastructure": 66.7, "talent": None}


def test_only_consenting_companies_submitted_assessments_on_any_version_count(questionnaire):
    counted = firm()
    submitted(counted, questionnaire)
    submitted(firm(consent=False), questionnaire)  # no consent
    draft_only = firm()
    answer_all(Assessment.objects.create(company=draft_only, questionnaire=questionnaire))
    other_version = import_dict(small_questionnaire_data(number=2))
    other_version.publish()
    on_two = firm()
    submitted(on_two, other_version)  # another version of the same questionnaire counts
    other = import_dict({**small_questionnaire_data(), "slug": "other-q"})
    other.publish()
    submitted(firm(), other)  # another questionnaire does not
    expected = sorted([counted.pk, on_two.pk])
    assert sorted(r["company_id"] for r in snapshot_rows(questionnaire)) == expected
    assert sorted(r["company_id"] for r in snapshot_rows(other_version)) == expected
    assert len(snapshot_rows(other)) == 1


def test_a_draft_after_a_submission_leaves_the_submission_counted(questionnaire):
    company = firm()
    submitted(company, questionnaire, internet("none"))
    Assessment.objects.create(company=company, questionnaire=questionnaire)
    [row] = snapshot_rows(questionnaire)
    assert row["pillars"]["infrastructure"] == 50.0


def test_a_company_that_submits_again_counts_once_with_its_latest(questionnaire):
    company = firm()
    submitted(company, questionnaire, internet("none"), days_ago=30)
    submitted(company, questionnaire, internet("fibre"), days_ago=1)
    submitted(company, questionnaire, internet("mobile"), days_ago=10)
    [row] = snapshot_rows(questionnaire)
    assert row["pillars"]["infrastructure"] == 83.3

    for _ in range(4):
        submitted(firm(), questionnaire, internet("none"))
    snapshot = refresh_snapshot(questionnaire)
    assert snapshot.companies == 5
    group = snapshot.groups["country_sector:LA:creative"]
    assert group["n"] == 5
    # 50 50 50 50 83.3: the firm's earlier 50 is not counted beside its latest 83.3.
    assert group["pillars"]["infrastructure"] == {"median": 50.0, "q1": 50.0, "q3": 50.0}


def test_withdrawn_consent_takes_effect_at_the_next_refresh(questionnaire):
    companies = [firm() for _ in range(5)]
    for company in companies:
        submitted(company, questionnaire)
    assert refresh_snapshot(questionnaire).companies == 5
    User.objects.filter(pk=companies[0].owner_id).update(benchmark_consent_at=None)
    snapshot = refresh_snapshot(questionnaire)
    assert snapshot.companies == 4
    assert snapshot.groups == {}


# --- the snapshot and the task --------------------------------------------------------


def test_refresh_stores_one_snapshot_per_version(questionnaire):
    for option in ["none", "mobile", "mobile", "fibre", "fibre"]:
        submitted(firm(), questionnaire, internet(option))
    submitted(firm(country="TH", sector="trade", size_band="small"), questionnaire)
    snapshot = refresh_snapshot(questionnaire)
    assert snapshot.companies == 6
    assert set(snapshot.groups) == {
        "country_sector:LA:creative",
        "country:LA",
        "size_band:micro",
        "all",
    }
    # 50 66.7 66.7 83.3 83.3, by hand.
    assert snapshot.groups["country:LA"]["pillars"]["infrastructure"] == {
        "median": 66.7,
        "q1": 66.7,
        "q3": 83.3,
    }
    assert snapshot.groups["all"]["n"] == 6

    submitted(firm(), questionnaire)
    again = refresh_snapshot(questionnaire)
    assert again.pk == snapshot.pk
    assert BenchmarkSnapshot.objects.get().companies == 7
    assert again.computed_at >= snapshot.computed_at


def test_a_slower_older_refresh_never_overwrites_a_newer_one(questionnaire):
    for _ in range(5):
        submitted(firm(), questionnaire)
    newer = timezone.now() + datetime.timedelta(minutes=5)
    BenchmarkSnapshot.objects.create(
        questionnaire=questionnaire, computed_at=newer, companies=99, groups={"all": {}}
    )
    refresh_snapshot(questionnaire)  # started before `newer`: it has read less
    snapshot = BenchmarkSnapshot.objects.get()
    assert (snapshot.computed_at, snapshot.companies) == (newer, 99)


def test_the_task_refreshes_the_version(questionnaire):
    for _ in range(5):
        submitted(firm(), questionnaire)
    result = refresh_benchmarks.enqueue(questionnaire.pk)  # the immediate backend: inline
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert BenchmarkSnapshot.objects.get(questionnaire=questionnaire).companies == 5


def test_the_task_for_a_missing_version_does_nothing(db):
    result = refresh_benchmarks.enqueue(987654)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 0
    assert not BenchmarkSnapshot.objects.exists()


def test_submitting_through_the_page_refreshes_after_the_commit(
    client, questionnaire, django_capture_on_commit_callbacks
):
    for _ in range(4):
        submitted(firm(), questionnaire)
    assert not BenchmarkSnapshot.objects.exists()  # submit() alone does not refresh
    company = firm()
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    client.force_login(company.owner)
    submit_url = reverse("assessment_submit", args=[assessment.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(submit_url)
    assert response.status_code == 302
    assert len(callbacks) == 1
    snapshot = BenchmarkSnapshot.objects.get(questionnaire=questionnaire)
    assert snapshot.companies == 5
    assert snapshot.groups["country_sector:LA:creative"]["n"] == 5

    # Posting again submits nothing new and queues nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(submit_url)
    assert callbacks == []


def test_an_incomplete_submission_queues_nothing(
    client, questionnaire, django_capture_on_commit_callbacks
):
    company = firm()
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    client.force_login(company.owner)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("assessment_submit", args=[assessment.pk]))
    assert callbacks == []
    assert not BenchmarkSnapshot.objects.exists()


# --- reading: benchmark_for and the results page --------------------------------------


def test_benchmark_for_reads_one_row(questionnaire, django_assert_num_queries):
    assessments = [submitted(firm(), questionnaire) for _ in range(5)]
    refresh_snapshot(questionnaire)
    with django_assert_num_queries(1):
        benchmark = benchmark_for(assessments[0])
    assert (benchmark.group, benchmark.n) == ("country_sector", 5)
    assert benchmark.label == "Firms in Lao PDR, handicrafts and creative industries"


def test_benchmark_for_without_a_snapshot_is_none(questionnaire):
    assert benchmark_for(submitted(firm(), questionnaire)) is None


def test_benchmark_for_uses_the_profile_frozen_with_the_assessment(questionnaire):
    assessments = [submitted(firm(country="TH", sector="trade"), questionnaire) for _ in range(5)]
    refresh_snapshot(questionnaire)
    Company.objects.filter(pk=assessments[0].company_id).update(country="LA")
    assessments[0].refresh_from_db()
    assert benchmark_for(assessments[0]).label == "Firms in Thailand, retail and wholesale trade"


def _results(client, assessment: Assessment) -> str:
    client.force_login(assessment.company.owner)
    response = client.get(reverse("assessment_results", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _cell(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)<', html, re.S)
    assert match, f"no #{element_id}"
    return match.group(1).strip()


def test_results_page_names_the_peer_group_and_shows_medians(client, questionnaire):
    mine = submitted(firm(), questionnaire, internet("none"))
    for option in ["mobile", "mobile", "fibre", "fibre"]:
        submitted(firm(), questionnaire, internet(option))
    submitted(firm(consent=False), questionnaire, internet("fibre"))  # not counted
    refresh_snapshot(questionnaire)

    html = _results(client, mine)
    assert "Compared with 5 firms in Lao PDR, handicrafts and creative industries" in html
    assert "Not enough similar firms" not in html
    # Infrastructure 50 66.7 66.7 83.3 83.3: median 67, middle half 67–83; the firm has 50.
    assert _cell(html, "score-infrastructure") == "50"
    assert _cell(html, "peer-median-infrastructure") == "67"
    assert _cell(html, "peer-iqr-infrastructure") == "67–83"
    # Talent 25 everywhere; overall 33.3 38.9 38.9 44.4 44.4.
    assert _cell(html, "peer-median-talent") == "25"
    assert _cell(html, "peer-iqr-talent") == "25–25"
    assert _cell(html, "peer-median-overall") == "39"
    assert _cell(html, "peer-iqr-overall") == "39–44"
    # Two pillars are drawn as bars, each with the peer median's mark.
    assert html.count('class="peer-median"') == 2


def test_results_page_falls_back_to_the_size_band_and_says_so(client, questionnaire):
    mine = submitted(firm(), questionnaire)
    for _ in range(4):
        submitted(firm(country="TH", sector="trade"), questionnaire)
    refresh_snapshot(questionnaire)
    html = _results(client, mine)
    assert "Compared with 5 micro firms (1–9 employees)" in html


def test_results_page_says_plainly_when_too_few_firms_have_answered(client, questionnaire):
    mine = submitted(firm(), questionnaire)
    for _ in range(3):
        submitted(firm(), questionnaire)
    for _ in range(2):
        submitted(firm(consent=False), questionnaire)  # six submitted, four consenting
    answer_all(Assessment.objects.create(company=firm(), questionnaire=questionnaire))  # a draft
    refresh_snapshot(questionnaire)

    html = _results(client, mine)
    assert (
        "Not enough similar firms have answered yet to compare fairly (at least 5 are needed)."
        in html
    )
    assert "Compared with" not in html
    assert 'class="peer-median"' not in html
