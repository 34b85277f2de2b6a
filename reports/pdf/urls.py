from django.urls import path

from reports.models import ReportFile
from reports.pdf import views

OWNER = {"kind": ReportFile.Kind.OWNER}
FULL = {"kind": ReportFile.Kind.FULL}

urlpatterns = [
    # The owner's report, the default download.
    path(
        "assessments/<int:pk>/report/",
        views.report_in_reader_language,
        name="report_in_reader_language",
    ),
    path(
        "assessments/<int:pk>/report/<str:language>/",
        views.report_download,
        OWNER,
        name="report_download",
    ),
    path(
        "assessments/<int:pk>/report/<str:language>/retry/",
        views.report_retry,
        OWNER,
        name="report_retry",
    ),
    # The full report with the annex.
    path(
        "assessments/<int:pk>/report/<str:language>/full/",
        views.report_download,
        FULL,
        name="report_download_full",
    ),
    path(
        "assessments/<int:pk>/report/<str:language>/full/retry/",
        views.report_retry,
        FULL,
        name="report_retry_full",
    ),
]
