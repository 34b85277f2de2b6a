from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Programmes and reports"

    def ready(self) -> None:
        # Connect the receivers: deletions (signals), submissions (benchmark tasks).
        from reports import (
            editors,
            signals,  # noqa: F401
        )
        from reports.benchmarks import tasks  # noqa: F401
        from reports.officers import on_post_migrate

        # Sent once per app after every migrate; reports' own signal comes after the
        # assessment app's (INSTALLED_APPS order), when both apps' tables exist.
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="officers_group")
        post_migrate.connect(editors.on_post_migrate, sender=self, dispatch_uid="editor_groups")
