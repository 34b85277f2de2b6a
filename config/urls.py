from django.conf import settings
from django.contrib import admin
from django.urls import include, path, reverse_lazy

from assessment.views import (
    accounts,
    dashboard,
    data_rights,
    home,
    language,
    profile,
    questionnaire,
    sessions,
    signup,
)
from config.health import healthz
from reports.progress import views as progress_views

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/signup/", signup.signup, name="signup"),
    path("accounts/signup/done/", signup.signup_done, name="signup_done"),
    path(
        "accounts/signup/confirm/<uidb64>/<token>/",
        signup.signup_confirm,
        name="signup_confirm",
    ),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    # Before Django's auth URLs, which hold an unthrottled view at the same path.
    path(
        "accounts/password_change/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("profile/", profile.profile, name="profile"),
    path("profile/data.json", data_rights.my_data, name="my_data"),
    path("profile/delete/", data_rights.delete_account, name="delete_account"),
    path(
        "profile/sessions/end-others/",
        sessions.end_other_sessions,
        name="end_other_sessions",
    ),
    path("dashboard/", progress_views.dashboard, name="dashboard"),
    path("assessments/new/", dashboard.start_assessment, name="assessment_start"),
    path(
        "assessments/<int:pk>/pillar/<int:index>/",
        questionnaire.pillar_page,
        name="assessment_page",
    ),
    path("assessments/<int:pk>/review/", questionnaire.review, name="assessment_review"),
    path("assessments/<int:pk>/submit/", questionnaire.submit, name="assessment_submit"),
    path("", include("reports.urls")),
    path("analytics/", include("reports.analytics.urls")),
    path("analytics/programmes/", include("reports.targeting.urls")),
    # The admin's own password change, throttled like the site's (before the admin's URLs).
    path(
        f"{settings.ADMIN_URL}password_change/",
        admin.site.admin_view(
            accounts.PasswordChangeView.as_view(
                success_url=reverse_lazy("admin:password_change_done")
            )
        ),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]
