from django.urls import path

from reports.targeting import views

urlpatterns = [
    path("", views.reach, name="targeting_reach"),
    path("try/", views.imagine, name="targeting_try"),
]
