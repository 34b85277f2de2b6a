"""Settings of the worker that the kill test stops mid-render (tests/test_report_recovery.py):
the project's own, with a storage that stalls once the PDF is rendered."""

from config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "tests.worker_helpers.StallingStorage"},
}
