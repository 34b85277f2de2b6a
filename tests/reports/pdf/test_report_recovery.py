"""A report whose render was lost still arrives: a worker killed mid-render (SIGKILL, the
out-of-memory killer, a restart) or a database gone while the render was being queued.
The page queues the render again, a bounded number of times, then offers the retry."""

from __future__ import annotations

import datetime
import signal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from assessment.models import Assessment
from reports.models import ReportFile
from tests.worker_helpers import start_worker, stop, wait_for

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def worker_settings(settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REPORT_STUCK_AFTER = 300
    return settings


def url(assessment: Assessment) -> str:
    return reverse("report_download", args=[assessment.pk, "en"])


def page(client, assessment: Assessment) -> str:
    response = client.get(url(assessment))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def pdf_arrived(client, assessment: Assessment) -> bytes | None:
    response = client.get(url(assessment))
    assert response.status_code == 200
    if response["Content-Type"] != "application/pdf":
        return None
    return b"".join(response.streaming_content)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_does_not_lose_the_report(
    owner_client, submitted, worker_settings, tmp_path
):
    media = tmp_path / "media"
    assert "Preparing your report…" in page(owner_client, submitted)
    first_task = ReportFile.objects.get().task_id
    marker = tmp_path / "render-reached-storage"
    doomed = start_worker(
        tmp_path / "doomed.log",
        media,
        settings_module="tests.stalling_worker_settings",
        RENDER_STALL_MARKER=str(marker),
    )
    try:
        # Generous: on a busy 2-core machine a worker's start and a render take a while.
        wait_for(marker.exists, "the worker to render the PDF and start storing it", 300)
    finally:
        stop(doomed, signal.SIGKILL)

    # The worker died mid-render: the queue still calls its task running, and nothing
    # else would ever finish it.
    assert DBTaskResult.objects.get(id=first_task).status == "RUNNING"
    report = ReportFile.objects.get()
    assert (report.status, report.file.name, report.attempts) == ("pending", "", 1)
    # Within REPORT_STUCK_AFTER the page keeps waiting for that render.
    assert "Preparing your report…" in page(owner_client, submitted)
    assert ReportFile.objects.get().task_id == first_task

    worker_settings.REPORT_STUCK_AFTER = 0.01  # past it: the render is taken for lost
    wait_for(
        lambda: (
            "Preparing your report…" in page(owner_client, submitted)
            and ReportFile.objects.get().task_id not in ("", first_task)
        ),
        "a page view to queue the lost render again",
    )
    worker_settings.REPORT_STUCK_AFTER = 300
    assert ReportFile.objects.get().attempts == 2

    worker = start_worker(tmp_path / "worker.log", media)
    try:
        body = wait_for(lambda: pdf_arrived(owner_client, submitted), "the report", 300)
    finally:
        stop(worker)
    assert body.startswith(b"%PDF-") and b"%%EOF" in body[-1024:]
    report = ReportFile.objects.get()
    assert report.status == ReportFile.Status.READY and report.attempts == 2
    # The killed render stored nothing, not even a temporary file.
    assert [p.name for p in media.rglob("*") if p.is_file()] == [report.file.name.split("/")[-1]]


def _claim_and_die(report: ReportFile) -> None:
    """What a worker killed mid-render leaves behind: its task claimed, never finished."""
    DBTaskResult.objects.get(id=report.task_id).claim("killed-worker")


@pytest.mark.django_db(transaction=True)
def test_a_render_lost_every_time_fails_after_the_attempts_with_a_retry(
    owner_client, admin_client, submitted, worker_settings
):
    worker_settings.REPORT_RENDER_ATTEMPTS = 2
    page(owner_client, submitted)
    tasks = [ReportFile.objects.get().task_id]
    for attempt in (1, 2):
        report = ReportFile.objects.get()
        assert (report.status, report.attempts, report.task_id) == ("pending", attempt, tasks[-1])
        _claim_and_die(report)
        worker_settings.REPORT_STUCK_AFTER = 300
        assert "Preparing your report…" in page(owner_client, submitted)
        worker_settings.REPORT_STUCK_AFTER = 0.01
        wait_for(
            lambda: (
                page(owner_client, submitted)
                and ReportFile.objects.filter(status="pending", task_id=tasks[-1]).count() == 0
            ),
            "a page view to notice the lost render",
        )
        tasks.append(ReportFile.objects.get().task_id)

    report = ReportFile.objects.get()
    assert report.status == ReportFile.Status.FAILED
    assert "stopped 2 time(s) without finishing" in report.error
    assert DBTaskResult.objects.count() == 2  # no third render was queued
    html = page(owner_client, submitted)
    assert "We could not prepare your report." in html and "Try again" in html
    assert "stopped 2 time(s)" in page(admin_client, submitted)

    # The retry button starts a fresh round of attempts.
    owner_client.post(reverse("report_retry", args=[submitted.pk, "en"]))
    report = ReportFile.objects.get()
    assert (report.status, report.attempts, report.error) == ("pending", 1, "")
    assert DBTaskResult.objects.get(id=report.task_id).status == "READY"


@pytest.mark.django_db(transaction=True)
def test_a_render_waiting_in_a_long_queue_is_not_queued_twice(
    owner_client, submitted, worker_settings
):
    page(owner_client, submitted)
    task = ReportFile.objects.get().task_id
    worker_settings.REPORT_STUCK_AFTER = 0.01
    ReportFile.objects.update(queued_at=timezone.now() - datetime.timedelta(hours=1))
    assert "Preparing your report…" in page(owner_client, submitted)
    assert ReportFile.objects.get().task_id == task  # no worker has taken it yet: waiting
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_dropping_while_queueing_is_no_500_and_the_render_is_queued_again(
    owner_client, submitted, worker_settings
):
    def drop(sender, task_result, **kwargs):
        # The database connection goes away just after the task was queued.
        connection.connection.close()

    task_enqueued.connect(drop)
    try:
        html = page(owner_client, submitted)
    finally:
        task_enqueued.disconnect(drop)
    assert "Preparing your report…" in html
    # The next request gets a new connection (close_old_connections does it in production).
    connection.close()
    report = ReportFile.objects.get()
    assert (report.status, report.task_id) == ("pending", "")
    assert DBTaskResult.objects.count() == 1

    # A moment later it may still be recording its task: left alone.
    assert "Preparing your report…" in page(owner_client, submitted)
    assert DBTaskResult.objects.count() == 1
    # Long after, nothing will: queued again.
    ReportFile.objects.update(queued_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "Preparing your report…" in page(owner_client, submitted)
    report = ReportFile.objects.get()
    assert report.task_id and report.attempts == 2
    assert DBTaskResult.objects.count() == 2
