from django.urls import path

from reports.readout import views

urlpatterns = [
    path("assessments/<int:pk>/results/", views.results, name="assessment_results"),
]
