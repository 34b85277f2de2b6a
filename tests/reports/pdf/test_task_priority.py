"""With a database worker, a queued PDF render runs before the benchmark refreshes that
submissions queue, so a waiting person is served first."""

from __future__ import annotations

import pytest
from django_tasks import TaskResultStatus

from assessment.models import Assessment
from reports.benchmarks.tasks import refresh_benchmarks
from reports.models import ReportFile
from reports.pdf.tasks import render_report
from tests.conftest import answer_all


@pytest.mark.django_db(transaction=True)
def test_a_render_queued_after_refreshes_runs_first(company, questionnaire, settings, tmp_path):
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path
    assessment = Assessment.objects.create(company=company, questionnaire=questionnaire)
    answer_all(assessment)
    assessment.submit()
    refreshes = [refresh_benchmarks.enqueue(questionnaire.pk) for _ in range(3)]
    report = ReportFile.objects.create(assessment=assessment, language="en")
    render = render_report.enqueue(report.pk)

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,  # one task only: the first the worker picks
        worker_id="priority-test",
        excluded_queue_names=[],
    ).run()

    assert render_report.get_result(render.id).status == TaskResultStatus.SUCCESSFUL
    assert all(
        refresh_benchmarks.get_result(r.id).status == TaskResultStatus.READY for r in refreshes
    )
    report.refresh_from_db()
    assert report.status == ReportFile.Status.READY
