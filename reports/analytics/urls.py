from django.urls import path

from reports.analytics import views as views_analytics

urlpatterns = [
    path("", views_analytics.dashboard, name="analytics"),
    path("cohorts/", views_analytics.cohort_list, name="analytics_cohorts"),
    path("cohorts/<slug:code>/", views_analytics.cohort_detail, name="analytics_cohort"),
]
