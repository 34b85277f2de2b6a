from django.urls import path

from reports.reminders import views

urlpatterns = [
    path("reminders/", views.choose, name="reminders_choose"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="reminders_unsubscribe"),
]
