from django.urls import path

from reports.readout import plan_marks, views

urlpatterns = [
    path("assessments/<int:pk>/results/", views.results, name="assessment_results"),
    path("assessments/<int:pk>/plan/<slug:code>/", plan_marks.mark, name="plan_mark"),
]
