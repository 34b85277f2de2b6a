"""The export page: who may use it, the form's validation, and the two downloads."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from assessment.authoring.questionnaire_yaml import import_dict
from assessment.models import User
from tests.conftest import small_questionnaire_data
from tests.export_helpers import (
    OBSTACLE,
    csv_rows,
    firm,
    submitted,
    with_obstacle,
    xlsx_rows,
    xlsx_sheet,
)

pytestmark = pytest.mark.django_db

URL = reverse("export_responses")
URLS = [URL, URL + "?format=csv", URL + "?format=xlsx&include_free_text=on"]


@pytest.fixture
def officer(client, db) -> User:
    """Staff with the export permission only: what the programme officers' group grants."""
    user = User.objects.create_user("officer@example.org", None, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="export_responses"))
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, questionnaire, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", URLS)
def test_respondents_are_refused(client, company, questionnaire, url):
    submitted(firm(), questionnaire)
    client.force_login(company.owner)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_staff_without_the_permission_are_refused(client, questionnaire, url):
    client.force_login(User.objects.create_user("staff@example.org", None, is_staff=True))
    assert client.get(url).status_code == 403


def test_the_page_offers_the_latest_published_version_and_both_formats(
    client, officer, questionnaire
):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{questionnaire.pk}" selected>' in html
    assert 'name="format" value="csv"' in html and 'name="format" value="xlsx"' in html
    assert 'name="include_free_text"' in html
    assert 'href="/exports/"' in html  # the navigation shows the page to those allowed


def test_respondents_see_no_link_to_the_page(client, company, questionnaire):
    client.force_login(company.owner)
    assert 'href="/exports/"' not in client.get(reverse("dashboard")).content.decode()


def test_csv_download_is_streamed_and_anonymised(client, officer, questionnaire):
    company = firm(country="TH")
    submitted(company, questionnaire)
    submitted(firm(country="VN"), questionnaire)
    response = client.get(URL, {"version": questionnaire.pk, "format": "csv", "country": "TH"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="mekong-responses-test-q-v1-'
    )
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    rows = csv_rows(body)
    assert [r["country"] for r in rows] == ["TH"]
    assert company.name.encode() not in body and company.owner.email.encode() not in body


def test_xlsx_download_is_a_workbook_without_formulas(client, officer, questionnaire):
    submitted(firm(), questionnaire)
    response = client.get(URL, {"version": questionnaire.pk, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert len(xlsx_rows(data)) == 1
    assert all(cell.data_type != "f" for row in xlsx_sheet(data) for cell in row)


def test_free_text_only_when_the_box_is_ticked(client, officer, questionnaire):
    submitted(firm(), questionnaire, with_obstacle())
    query = {"version": questionnaire.pk, "format": "csv"}
    plain = b"".join(client.get(URL, query).streaming_content)
    ticked = b"".join(client.get(URL, {**query, "include_free_text": "on"}).streaming_content)
    assert OBSTACLE.encode() not in plain
    assert csv_rows(ticked)[0]["tal-obstacle"] == OBSTACLE


@pytest.mark.parametrize(
    "tampered",
    [
        {"format": "pdf"},
        {"format": ""},
        {"version": "999999"},
        {"version": "x"},
        {"country": "ZZ"},
        {"sector": "<script>"},
        {"size_band": "giant"},
        {"cohort": "no-such-cohort"},
        {"submitted_from": "2026-13-40"},
        {"submitted_from": "2026-03-02", "submitted_to": "2026-03-01"},
    ],
)
def test_bad_or_tampered_input_is_a_400_page_with_the_error(
    client, officer, questionnaire, tampered
):
    query = {"version": questionnaire.pk, "format": "csv", **tampered}
    response = client.get(URL, query)
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode() or "alert-danger" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_a_draft_version_cannot_be_exported(client, officer, questionnaire):
    draft = import_dict(small_questionnaire_data(number=2))
    assert client.get(URL, {"version": draft.pk, "format": "csv"}).status_code == 400


def test_posting_is_not_allowed(client, officer, questionnaire):
    assert client.post(URL, {"format": "csv"}).status_code == 405


def test_superusers_may_export(admin_client, questionnaire):
    response = admin_client.get(URL, {"version": questionnaire.pk, "format": "csv"})
    assert response.status_code == 200
