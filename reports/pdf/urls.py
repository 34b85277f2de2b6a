from django.urls import path

from reports.pdf import views

urlpatterns = [
    path(
        "assessments/<int:pk>/report/",
        views.report_in_reader_language,
        name="report_in_reader_language",
    ),
    path(
        "assessments/<int:pk>/report/<str:language>/",
        views.report_download,
        name="report_download",
    ),
    path(
        "assessments/<int:pk>/report/<str:language>/retry/",
        views.report_retry,
        name="report_retry",
    ),
]
