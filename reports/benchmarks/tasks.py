"""Benchmark recomputation as a background task, queued when an assessment is submitted."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import receiver
from django_tasks import task

from assessment.models import Assessment, QuestionnaireVersion
from assessment.signals import assessment_submitted
from reports.benchmarks.queries import refresh_snapshot

logger = logging.getLogger(__name__)


@task()
def refresh_benchmarks(version_id: int) -> int:
    """Refresh one version's snapshot; returns the number of companies counted."""
    version = QuestionnaireVersion.objects.filter(pk=version_id).first()
    if version is None:  # deleted since the task was queued: nothing to compare
        logger.info("Benchmarks not refreshed: questionnaire version %s is gone.", version_id)
        return 0
    return refresh_snapshot(version).companies


@receiver(assessment_submitted, dispatch_uid="refresh_benchmarks_on_submit")
def refresh_on_submit(sender: type[Assessment], assessment: Assessment, **kwargs: Any) -> None:
    # After the commit, so the refresh reads this submission; robust, because the
    # submission stands even if queueing the refresh fails (the next one catches up).
    version_id = assessment.questionnaire_id
    transaction.on_commit(lambda: refresh_benchmarks.enqueue(version_id), robust=True)
