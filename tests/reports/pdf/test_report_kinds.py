"""Two downloads from the results page: the owner's report (the default) and the full
report, each rendered once per language and then served from storage."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.models import ReportFile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pages(response) -> int:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return len(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)


def test_the_results_page_links_both_downloads(owner_client, submitted):
    page = owner_client.get(reverse("assessment_results", args=[submitted.pk])).content.decode()
    assert reverse("report_download", args=[submitted.pk, "en"]) in page
    assert reverse("report_download_full", args=[submitted.pk, "en"]) in page


def test_each_kind_is_rendered_once_then_served_from_storage(owner_client, submitted, renders):
    owner_url = reverse("report_download", args=[submitted.pk, "en"])
    full_url = reverse("report_download_full", args=[submitted.pk, "en"])
    owner_pages = pages(owner_client.get(owner_url))
    assert len(renders) == 1
    full = owner_client.get(full_url)
    assert "-full.pdf" in full["Content-Disposition"]
    full_pages = pages(full)
    assert len(renders) == 2
    assert full_pages > owner_pages

    assert pages(owner_client.get(owner_url)) == owner_pages
    assert pages(owner_client.get(full_url)) == full_pages
    assert len(renders) == 2  # both served from storage
    kinds = ReportFile.objects.values_list("kind", "status")
    assert sorted(kinds) == [("full", "ready"), ("owner", "ready")]


def test_a_failed_full_report_is_retried_as_the_full_report(owner_client, submitted, renders):
    report = ReportFile.objects.create(
        assessment=submitted, kind="full", language="en", status=ReportFile.Status.FAILED
    )
    page = owner_client.get(reverse("report_download_full", args=[submitted.pk, "en"]))
    retry = reverse("report_retry_full", args=[submitted.pk, "en"])
    assert retry in page.content.decode()
    response = owner_client.post(retry)
    assert response["Location"] == reverse("report_download_full", args=[submitted.pk, "en"])
    report.refresh_from_db()
    assert report.status == ReportFile.Status.READY
    assert not ReportFile.objects.filter(kind="owner").exists()
