from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Programmes and reports"

    def ready(self) -> None:
        from reports import signals  # noqa: F401 - connects the deletion receivers
