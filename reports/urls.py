from django.urls import include, path

urlpatterns = [
    path("", include("reports.readout.urls")),
    path("", include("reports.pdf.urls")),
    path("exports/", include("reports.exports.urls")),
    path("", include("reports.reminders.urls")),
]
