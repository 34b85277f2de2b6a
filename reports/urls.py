from django.urls import path

from reports import export_views, views

urlpatterns = [
    path("exports/", export_views.export_responses, name="export_responses"),
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
