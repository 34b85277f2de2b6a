"""Rendering a stored PDF report as a task (the Tasks API: inline by default, a worker in
production), called with the ReportFile's primary key."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from reports.models import ReportFile
from reports.pdf.render import html_to_pdf, render_report_html
from reports.pdf.stamp import translations_stamp
from reports.signals import remove_stored_file

logger = logging.getLogger(__name__)


class RenderTimeout(BaseException):
    """One render ran past REPORT_RENDER_TIME_LIMIT seconds.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` on the way
    (WeasyPrint turns a failed fetch into a warning) can swallow it.
    """


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the block with RenderTimeout after `seconds` (0: no limit).

    A worker runs tasks in its main thread, where SIGALRM interrupts a render that
    runs away (a pathological document) and the worker goes on to the next task. In
    other threads (a threaded web server running the immediate backend) signals cannot
    be used, and the request's own timeout applies instead.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise RenderTimeout(f"The report took longer than {seconds:g} seconds to render.")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class ReportNotStored(OSError):
    """The PDF was rendered but writing it to storage failed; nothing was stored."""


# Ahead of the benchmark refreshes that every submission queues: a person is waiting for
# the PDF, while a refresh only makes the next firm's comparison a little fresher.
RENDER_PRIORITY = 10


@task(priority=RENDER_PRIORITY)
def render_report(report_id: int) -> str:
    """Render, store and mark READY; or mark FAILED with the error and re-raise.

    Safe to run twice: a report already READY is left alone.
    """
    report = (
        ReportFile.objects.filter(pk=report_id)
        .annotate(version_id=F("assessment__questionnaire_id"))
        .first()
    )
    if report is None:
        logger.info("Report %s is gone; nothing to render.", report_id)
        return "missing"
    if report.status == ReportFile.Status.READY and report.file:
        return "ready"
    previous = report.file.name if report.file else ""
    try:
        # Before the texts are read: a translation changed meanwhile makes the stamp stale,
        # so the next download renders again rather than keep the older text.
        stamp = translations_stamp(report.version_id, report.language)
        # The queries run before the limit: an alarm in the middle of one would leave the
        # PostgreSQL connection unusable. The limit is for WeasyPrint, which can run away.
        html = render_report_html(report.assessment_id, report.language, kind=report.kind)
        with time_limit(settings.REPORT_RENDER_TIME_LIMIT):
            pdf = html_to_pdf(html)
        name = (
            f"report-{report.assessment_id}-{report.kind}-{report.language}"
            f"-v{report.template_version}.pdf"
        )
        try:
            report.file.save(name, ContentFile(pdf), save=False)
        except OSError as exc:  # a full disk, above all: say so plainly
            raise ReportNotStored(f"The PDF could not be stored: {exc.strerror or exc}") from exc
    except BaseException as exc:
        logger.exception("Report %s failed to render.", report_id)
        ReportFile.objects.filter(pk=report_id).update(
            status=ReportFile.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    ReportFile.objects.filter(pk=report_id).update(
        status=ReportFile.Status.READY,
        file=report.file.name,
        translations_stamp=stamp,
        rendered_at=timezone.now(),
        error="",
    )
    if previous and previous != report.file.name:
        # A render that replaced a stale or lost file: the old one is not served again.
        storage = report.file.storage
        transaction.on_commit(lambda: remove_stored_file(storage, previous))
    return "rendered"
