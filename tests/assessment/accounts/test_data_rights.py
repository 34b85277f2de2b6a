"""Data rights: a respondent downloads all their data as JSON and can delete the account,
which removes the answers, the stored PDFs and the firm's place in the benchmarks."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.accounts.data_rights import erase_account
from assessment.models import Answer, Assessment, Company, User
from reports.benchmarks.queries import refresh_snapshot
from reports.models import BenchmarkSnapshot, ReportFile
from tests.conftest import answer, answer_all
from tests.report_helpers import make_firm

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"  # the `user` fixture's


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def submit(company: Company, version, *, text: str = "") -> Assessment:
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    answer_all(assessment)
    if text:
        answer(assessment, "tal-obstacle", text=text)
    assert assessment.submit()
    return assessment


def stored_report(assessment: Assessment) -> ReportFile:
    report = ReportFile.objects.create(
        assessment=assessment, language="en", status=ReportFile.Status.READY
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    assert default_storage.exists(report.file.name)
    return report


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


# -- the copy of one's data ---------------------------------------------------------


def test_the_copy_holds_the_account_the_profile_and_every_answer(
    owner_client, user, company, questionnaire
):
    user.benchmark_consent_at = timezone.now()
    user.save()
    assessment = submit(company, questionnaire, text="Slow internet in Luang Prabang")
    Assessment.objects.create(company=company, questionnaire=questionnaire)  # a draft

    response = owner_client.get(reverse("my_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mekong-digital')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == "owner@example.org"
    assert data["account"]["benchmark_consent_at"] is not None
    assert data["company"]["name"] == "Vientiane Weaving Co."
    assert data["company"]["country"] == "LA"
    assert [a["status"] for a in data["assessments"]] == ["submitted", "draft"]
    first = data["assessments"][0]
    assert first["id"] == assessment.pk
    assert first["overall_score"] == assessment.overall_score
    assert first["result"]["overall"] == assessment.result["overall"]
    answers = {a["question"]: a for a in first["answers"]}
    assert set(answers["inf-tools"]["options"]) == {"email", "cloud"}
    assert answers["inf-staff-online"]["number"] == "50.00"
    assert answers["tal-obstacle"]["text"] == "Slow internet in Luang Prabang"
    assert "password" not in response.content.decode()


def test_the_copy_holds_nobody_elses_data(owner_client, company, questionnaire):
    other = make_firm(name="Another Firm")
    submit(other, questionnaire, text="their secret")
    data = json.loads(owner_client.get(reverse("my_data")).content)
    assert data["assessments"] == []
    assert "Another Firm" not in json.dumps(data)
    assert "their secret" not in json.dumps(data)


def test_an_account_without_a_company_gets_its_account_data(client, db):
    user = User.objects.create_user("new@example.org", PASSWORD)
    client.force_login(user)
    data = json.loads(client.get(reverse("my_data")).content)
    assert data["account"]["email"] == "new@example.org"
    assert data["company"] is None


def test_the_copy_needs_a_login_and_a_get(owner_client):
    anonymous = Client().get(reverse("my_data"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    assert owner_client.post(reverse("my_data")).status_code == 405


def test_the_profile_page_links_to_both(owner_client, company):
    html = owner_client.get(reverse("profile")).content.decode()
    assert reverse("my_data") in html
    assert reverse("delete_account") in html


# -- deleting the account -----------------------------------------------------------


def test_deletion_asks_for_the_password_and_the_confirmation(owner_client, company):
    page = owner_client.get(reverse("delete_account"))
    assert page.status_code == 200
    assert 'name="password"' in page.content.decode()

    wrong = owner_client.post(reverse("delete_account"), {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 200
    assert "This is not your password." in wrong.content.decode()
    unconfirmed = owner_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert unconfirmed.status_code == 200
    assert "This field is required." in unconfirmed.content.decode()
    assert User.objects.filter(email="owner@example.org").exists()
    assert Company.objects.filter(pk=company.pk).exists()


def test_deletion_removes_everything_logs_out_and_deletes_stored_reports(
    owner_client, user, company, questionnaire, django_capture_on_commit_callbacks
):
    assessment = submit(company, questionnaire, text="free text")
    report = stored_report(assessment)
    other = submit(make_firm(), questionnaire)
    other_report = stored_report(other)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            reverse("delete_account"), {"password": PASSWORD, "confirm": "on"}
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Company.objects.filter(pk=company.pk).exists()
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Answer.objects.filter(assessment_id=assessment.pk).exists()
    assert not ReportFile.objects.filter(pk=report.pk).exists()
    assert not default_storage.exists(report.file.name)
    # Another firm's data and report are untouched.
    assert Assessment.objects.filter(pk=other.pk).exists()
    assert default_storage.exists(other_report.file.name)
    # Logged out: the dashboard asks for a login again.
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_deletion_recomputes_the_benchmarks_once(
    user, company, questionnaire, django_capture_on_commit_callbacks
):
    user.benchmark_consent_at = timezone.now()
    user.save()
    submit(company, questionnaire)
    submit(company, questionnaire)  # a re-assessment: one firm, two submissions
    for _ in range(5):
        submit(make_firm(), questionnaire)
    assert refresh_snapshot(questionnaire).companies == 6

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        erase_account(user)

    assert len(callbacks) == 1  # one refresh for the version, not one per assessment
    assert BenchmarkSnapshot.objects.get(questionnaire=questionnaire).companies == 5


def test_a_rolled_back_deletion_keeps_the_data_and_the_files(
    user, company, questionnaire, django_capture_on_commit_callbacks
):
    report = stored_report(submit(company, questionnaire))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        erase_account(user)
        raise RuntimeError("the connection dropped")
    assert callbacks == []
    assert User.objects.filter(pk=user.pk).exists()
    assert default_storage.exists(report.file.name)


def test_deleting_an_assessment_in_the_admin_also_refreshes_benchmarks(
    admin_client, questionnaire, django_capture_on_commit_callbacks
):
    firms = [make_firm() for _ in range(6)]
    assessments = [submit(firm, questionnaire) for firm in firms]
    assert refresh_snapshot(questionnaire).companies == 6
    with django_capture_on_commit_callbacks(execute=True):
        assessments[0].delete()
    assert BenchmarkSnapshot.objects.get(questionnaire=questionnaire).companies == 5


def test_staff_accounts_cannot_delete_themselves(admin_client, admin_user):
    response = admin_client.post(
        reverse("delete_account"), {"password": "admin-password-1", "confirm": "on"}
    )
    assert response.status_code == 302
    assert User.objects.filter(pk=admin_user.pk).exists()
    with pytest.raises(PermissionError):
        erase_account(admin_user)


def test_deletion_needs_a_login_and_csrf(client, user, company):
    anonymous = client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    forged = strict.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert forged.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()
