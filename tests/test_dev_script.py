"""dev.py: what each command installs, and that `start` renders reports inline."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _dev_module():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_start_installs_no_browser_and_test_installs_one():
    dev = _dev_module()
    assert "chromium" not in dev.APP_PACKAGES
    assert "chromium" in dev.TEST_PACKAGES
    for packages in (dev.APP_PACKAGES, dev.TEST_PACKAGES):
        assert "libharfbuzz-subset0" in packages  # fast PDFs for both


def test_start_renders_reports_inline_without_a_worker():
    # dev.py start serves with the environment it was given; without TASKS_BACKEND the
    # render runs inside the request, so no worker is needed for the PDF.
    env = {k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "DATABASE_URL"}}
    probe = (
        "import django; django.setup(); from django_tasks import task_backends; "
        "print(type(task_backends['default']).__name__)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "ImmediateBackend"
