from django.urls import path

from reports.exports import views

urlpatterns = [
    path("", views.export_responses, name="export_responses"),
]
