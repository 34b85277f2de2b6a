"""Queueing a report's render, and queueing it again when its worker is gone.

A worker killed mid-render (SIGKILL, the out-of-memory killer, a machine restart) never
reports back: its task stays "running" in the queue and the report stays pending. The
download page, which the waiting person reloads every few seconds, checks the pending
render each time and queues it again once it has been running longer than
REPORT_STUCK_AFTER seconds, at most REPORT_RENDER_ATTEMPTS renders in all; then the
report is marked failed and the page offers the retry button.

Every write here tolerates a database that has just gone away: the row then stays
pending without a task id, and the next page view queues it again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus

from reports.models import ReportFile
from reports.pdf.tasks import render_report

logger = logging.getLogger(__name__)

# A pending row with no task id is normally a few milliseconds old (between creating the
# row and recording the task). Older than this, the queue or the database failed in that
# moment and nothing will render it.
NO_TASK_GRACE = timedelta(seconds=10)


def claim_render(report: ReportFile, status: str) -> bool:
    """Move the report from `status` to a fresh PENDING render; False if another request
    did first. The conditional UPDATE is the lock: of two retries at once, one queues."""
    return bool(
        ReportFile.objects.filter(pk=report.pk, status=status).update(
            status=ReportFile.Status.PENDING,
            error="",
            task_id="",
            attempts=1,
            queued_at=timezone.now(),
        )
    )


def queue_render(report: ReportFile) -> ReportFile:
    """Queue the render of a PENDING report and record its task; the report as it is now.

    With the immediate backend the render has run when enqueue() returns.
    """
    try:
        result = render_report.enqueue(report.pk)
    except Exception as exc:  # the queue itself failed: say so rather than wait forever
        logger.exception("Could not queue report %s.", report.pk)
        _record(report, status=ReportFile.Status.FAILED, error=f"Not queued: {_describe(exc)}")
    else:
        _record(report, task_id=str(result.id))
    try:
        report.refresh_from_db()
    except DatabaseError:
        logger.exception("Could not read report %s back; showing it as pending.", report.pk)
    return report


def check_pending(report: ReportFile) -> ReportFile:
    """Mark failed a render whose task failed outside the task's own handling (the worker
    could not import it, say), queue again one whose worker is gone, else leave it."""
    now = timezone.now()
    since = report.queued_at or report.created_at
    stuck_after = timedelta(seconds=settings.REPORT_STUCK_AFTER)
    if not render_report.get_backend().supports_get_result:
        # The immediate backend renders inside enqueue(): a row pending for longer than
        # any render takes was left by a process that died in the middle of one.
        lost = now - since > stuck_after
    elif not report.task_id:
        lost = now - since > NO_TASK_GRACE
    else:
        status, started_at = _task_state(report.task_id)
        if status == TaskResultStatus.FAILED:
            _record(
                report,
                only_if_pending=True,
                status=ReportFile.Status.FAILED,
                error="The rendering task failed.",
            )
            report.refresh_from_db()
            return report
        lost = _task_lost(status, started_at or since, now, stuck_after)
    return _queue_again(report) if lost else report


def _task_state(task_id: str) -> tuple[TaskResultStatus | None, datetime | None]:
    try:
        result = render_report.get_result(task_id)
    except Exception:  # a result unknown to the backend, or pruned from it
        return None, None
    return result.status, result.started_at


def _task_lost(
    status: TaskResultStatus | None, since: datetime, now: datetime, stuck_after: timedelta
) -> bool:
    if status == TaskResultStatus.READY:
        # Still waiting its turn: a long queue is slow, not lost, and a second copy of the
        # task would only make it longer.
        return False
    # RUNNING past the limit: its worker died (a live one stops a render at
    # REPORT_RENDER_TIME_LIMIT). Unknown or finished while the row is still pending:
    # nothing will ever complete it either.
    return now - since > stuck_after


def _queue_again(report: ReportFile) -> ReportFile:
    # Conditional on the task and attempt seen: of two page views noticing the same lost
    # render, one queues it again.
    lost = ReportFile.objects.filter(
        pk=report.pk,
        status=ReportFile.Status.PENDING,
        task_id=report.task_id,
        attempts=report.attempts,
    )
    limit = settings.REPORT_RENDER_ATTEMPTS
    if report.attempts >= limit:
        logger.error("Report %s: render lost %s times; giving up.", report.pk, report.attempts)
        lost.update(
            status=ReportFile.Status.FAILED,
            error=(
                f"The render stopped {report.attempts} time(s) without finishing: the worker "
                "was killed, ran out of memory or was restarted mid-render."
            ),
        )
    elif lost.update(attempts=F("attempts") + 1, queued_at=timezone.now(), task_id=""):
        logger.warning(
            "Report %s: render %s lost; queued again (attempt %s of %s).",
            report.pk,
            report.task_id or "(never queued)",
            report.attempts + 1,
            limit,
        )
        return queue_render(report)
    report.refresh_from_db()
    return report


def _record(report: ReportFile, *, only_if_pending: bool = False, **fields: object) -> None:
    rows = ReportFile.objects.filter(pk=report.pk)
    if only_if_pending:
        rows = rows.filter(status=ReportFile.Status.PENDING)
    try:
        rows.update(**fields)
    except DatabaseError:
        # The database went away between queueing and recording: the row stays pending
        # without a task id, which the next page view queues again (NO_TASK_GRACE).
        logger.exception("Could not record the render of report %s.", report.pk)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]
