"""Downloading the PDF: rendered once through the Tasks API, then served from storage;
only the owner and staff; a pending page that refreshes; a retry after a failure."""

from __future__ import annotations

import io
import signal

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from assessment.models import Assessment, User
from reports.models import REPORT_TEMPLATE_VERSION, ReportFile
from tests.conftest import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The users of these tests log in with force_login: spare the slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url(assessment: Assessment, language: str = "en") -> str:
    return reverse("report_download", args=[assessment.pk, language])


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    return PdfReader(io.BytesIO(body))


def test_the_first_download_renders_and_the_second_is_served_from_storage(
    owner_client, submitted, renders
):
    first = pdf_of(owner_client.get(url(submitted)))
    assert len(first.pages) >= 2
    report = ReportFile.objects.get()
    assert (report.assessment, report.language) == (submitted, "en")
    assert report.template_version == REPORT_TEMPLATE_VERSION
    assert report.status == ReportFile.Status.READY and report.rendered_at
    assert default_storage.exists(report.file.name)
    assert len(renders) == 1

    second = owner_client.get(url(submitted))
    assert len(pdf_of(second).pages) == len(first.pages)
    assert len(renders) == 1  # no second render
    assert ReportFile.objects.get().rendered_at == report.rendered_at

    # Another language is another report.
    pdf_of(owner_client.get(url(submitted, "th")))
    assert sorted(ReportFile.objects.values_list("language", flat=True)) == ["en", "th"]
    assert len(renders) == 2


def test_staff_can_download_any_report(admin_client, submitted):
    pdf_of(admin_client.get(url(submitted)))


def test_another_user_gets_404(client, submitted):
    client.force_login(User.objects.create_user("other@example.org", "a-long-password-1"))
    assert client.get(url(submitted)).status_code == 404
    assert not ReportFile.objects.exists()


def test_anonymous_is_sent_to_log_in(client, submitted):
    response = client.get(url(submitted))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_draft_has_no_report(owner_client, company, questionnaire):
    draft = Assessment.objects.create(company=company, questionnaire=questionnaire)
    assert owner_client.get(url(draft)).status_code == 404


def test_an_unknown_language_or_assessment_is_404(owner_client, submitted):
    assert owner_client.get(url(submitted, "xx")).status_code == 404
    assert owner_client.get(reverse("report_download", args=[999999, "en"])).status_code == 404


def test_a_pending_report_says_so_and_refreshes_itself(owner_client, submitted, renders):
    ReportFile.objects.create(assessment=submitted, language="en")  # queued elsewhere
    response = owner_client.get(url(submitted))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preparing your report…" in html
    assert '<meta http-equiv="refresh" content="3">' in html
    assert response["Refresh"] == "3"
    assert not renders  # already queued: not queued again


def test_a_failed_report_offers_a_retry_that_renders_it(owner_client, submitted, renders):
    ReportFile.objects.create(
        assessment=submitted, language="en", status=ReportFile.Status.FAILED, error="Boom"
    )
    html = owner_client.get(url(submitted)).content.decode()
    assert "We could not prepare your report." in html
    retry = reverse("report_retry", args=[submitted.pk, "en"])
    assert f'action="{retry}"' in html
    assert "Boom" not in html  # the error is for staff
    response = owner_client.post(retry)
    assert response.status_code == 302 and response["Location"] == url(submitted)
    assert ReportFile.objects.get().status == ReportFile.Status.READY
    assert len(renders) == 1
    pdf_of(owner_client.get(url(submitted)))


def test_retry_needs_post_and_a_reader(client, owner_client, submitted):
    retry = reverse("report_retry", args=[submitted.pk, "en"])
    assert owner_client.get(retry).status_code == 405
    client.force_login(User.objects.create_user("other@example.org", "a-long-password-1"))
    assert client.post(retry).status_code == 404


def test_a_render_past_the_time_limit_fails_with_the_retry(
    owner_client, admin_client, submitted, settings
):
    settings.REPORT_RENDER_TIME_LIMIT = 0.001  # tests run in the main thread, as a worker
    html = owner_client.get(url(submitted)).content.decode()
    report = ReportFile.objects.get()
    assert report.status == ReportFile.Status.FAILED
    assert "RenderTimeout" in report.error
    assert "Try again" in html
    assert "RenderTimeout" in admin_client.get(url(submitted)).content.decode()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the alarm is cleared


def test_a_report_file_gone_from_storage_is_rendered_again(owner_client, submitted, renders):
    ReportFile.objects.create(
        assessment=submitted, language="en", status=ReportFile.Status.READY, file="reports/gone.pdf"
    )
    pdf_of(owner_client.get(url(submitted)))
    assert len(renders) == 1
    assert default_storage.exists(ReportFile.objects.get().file.name)


@pytest.mark.django_db(transaction=True)
def test_with_the_database_worker_the_page_waits_then_serves(
    client, user, company, questionnaire, settings, renders
):
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assessment.submit()
    client.force_login(user)
    assert "Preparing your report…" in client.get(url(assessment)).content.decode()
    assert ReportFile.objects.get().task_id
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
    assert ReportFile.objects.get().status == ReportFile.Status.READY
    pdf_of(client.get(url(assessment)))
    assert len(renders) == 1


def test_the_results_page_links_to_the_report_in_every_language(owner_client, submitted):
    html = owner_client.get(reverse("assessment_results", args=[submitted.pk])).content.decode()
    assert f'id="report-download" class="btn btn-primary" href="{url(submitted)}"' in html
    for code in ("th", "vi", "km", "lo", "my", "zh-hans"):
        assert f'href="{url(submitted, code)}"' in html


# --- manage.py render_report ------------------------------------------------------------


def test_the_command_writes_a_pdf(submitted, tmp_path):
    output = tmp_path / "report.pdf"
    call_command("render_report", str(submitted.pk), "--output", str(output), "--language", "vi")
    reader = PdfReader(output)
    assert len(reader.pages) >= 2
    assert "Vientiane Weaving Co." in reader.pages[0].extract_text()
    assert not ReportFile.objects.exists()  # nothing stored


def test_the_command_refuses_unknown_ids_drafts_and_languages(
    submitted, company, questionnaire, tmp_path
):
    output = str(tmp_path / "r.pdf")
    with pytest.raises(CommandError, match="no assessment 999999"):
        call_command("render_report", "999999", "--output", output)
    draft = Assessment.objects.create(company=company, questionnaire=questionnaire)
    with pytest.raises(CommandError, match="draft"):
        call_command("render_report", str(draft.pk), "--output", output)
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("render_report", str(submitted.pk), "--output", output, "--language", "xx")


def _text(response) -> str:
    return " ".join(page.extract_text() or "" for page in pdf_of(response).pages)


def test_a_changed_translation_renders_the_stored_report_again(
    owner_client, translated, submitted, renders, django_capture_on_commit_callbacks
):
    from assessment.models import QuestionTranslation

    first = _text(owner_client.get(url(submitted, "vi")))
    old = ReportFile.objects.get()
    assert old.translations_stamp
    row = QuestionTranslation.objects.get(question__code="inf-internet", language="vi")
    row.text = "Doanh nghiệp kết nối Internet REVIEWED-42 thế nào?"
    row.save()

    with django_capture_on_commit_callbacks(execute=True):
        second = _text(owner_client.get(url(submitted, "vi")))
    assert "REVIEWED-42" in second and "REVIEWED-42" not in first
    assert len(renders) == 2
    report = ReportFile.objects.get()  # the same row, rendered again
    assert report.pk == old.pk and report.translations_stamp != old.translations_stamp
    assert report.file.name != old.file.name
    assert default_storage.exists(report.file.name)
    assert not default_storage.exists(old.file.name)  # the stale file is gone

    # Unchanged since: served from storage.
    owner_client.get(url(submitted, "vi"))
    assert len(renders) == 2


def test_a_translation_added_in_the_language_renders_again_and_others_do_not(
    owner_client, translated, submitted, renders
):
    from assessment.models import PillarTranslation

    pdf_of(owner_client.get(url(submitted, "th")))
    pdf_of(owner_client.get(url(submitted, "en")))
    assert len(renders) == 2
    # A Lao edit touches neither the Thai nor the English report.
    PillarTranslation.objects.filter(language="lo").update(name="ປ່ຽນແລ້ວ")
    lao = PillarTranslation.objects.filter(language="lo").first()
    lao.save()
    pdf_of(owner_client.get(url(submitted, "th")))
    pdf_of(owner_client.get(url(submitted, "en")))
    assert len(renders) == 2
    # A Thai row that did not exist (the seed loader adds rows in bulk, without save()).
    PillarTranslation.objects.filter(language="th").delete()
    pdf_of(owner_client.get(url(submitted, "th")))
    assert len(renders) == 3
