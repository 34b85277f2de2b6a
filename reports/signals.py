"""Keep stored reports and benchmarks true to the data after deletions.

Deleting an account (data rights) or an assessment in the admin cascades to report rows
and submitted assessments. The PDF files live in storage, outside the transaction, so
they are removed only once the deletion has committed; a rolled-back deletion keeps
them. Benchmarks are recomputed once per questionnaire version however many assessments
one transaction removed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from assessment.models import Assessment
from reports.benchmarks.tasks import refresh_benchmarks
from reports.models import ReportFile

logger = logging.getLogger(__name__)


def remove_stored_file(storage: Any, name: str) -> None:
    """Delete a report file from storage once its row no longer points at it."""
    try:
        storage.delete(name)
    except OSError:
        # A file already gone is what we wanted; anything else is logged, not raised,
        # because the user's deletion has committed and must not look failed.
        logger.exception("Could not delete report file %s", name)


@receiver(post_delete, sender=ReportFile, dispatch_uid="report_file_removed")
def report_file_removed(sender: type[ReportFile], instance: ReportFile, **kwargs: Any) -> None:
    name = instance.file.name
    if name:  # what `if instance.file` tests
        storage = instance.file.storage
        transaction.on_commit(lambda: remove_stored_file(storage, name))


class _Refresh:
    """An on-commit callback that knows its version, so it is queued once per commit."""

    def __init__(self, version_id: int) -> None:
        self.version_id = version_id

    def __call__(self) -> None:
        refresh_benchmarks.enqueue(self.version_id)


def _already_queued(version_id: int) -> bool:
    # Django keeps the transaction's on-commit callbacks in this list and empties it on
    # rollback, so nothing stale survives a rolled-back deletion (a module-level set would).
    queued = transaction.get_connection().run_on_commit
    return any(isinstance(f, _Refresh) and f.version_id == version_id for _, f, _ in queued)


@receiver(post_delete, sender=Assessment, dispatch_uid="submitted_assessment_removed")
def submitted_assessment_removed(
    sender: type[Assessment], instance: Assessment, **kwargs: Any
) -> None:
    if instance.is_submitted and not _already_queued(instance.questionnaire_id):
        transaction.on_commit(_Refresh(instance.questionnaire_id))
