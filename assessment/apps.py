from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = "Questionnaires and assessments"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from assessment.accounts.session_timeout import stamp_login
        from assessment.models import content_stamp

        content_stamp.connect()

        # Connected here rather than by the middleware's import: a test's force_login
        # (and any login before the first request) must stamp the session too.
        user_logged_in.connect(stamp_login, dispatch_uid="assessment.accounts.session_timeout")
