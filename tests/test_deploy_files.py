"""The service files docs/deploy.md points to run commands that exist, with options the
commands accept, and restart the worker whatever ends it."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorker

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "docs" / "systemd"


@pytest.fixture(autouse=True)
def production_tasks(settings):
    # As /etc/mekong/env sets it: db_worker refuses any other backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def unit(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((UNITS / name).read_text())
    return parser["Service"]


def db_worker_options(command: str) -> object:
    words = shlex.split(command)
    assert words[words.index("manage.py") + 1] == "db_worker"
    options = words[words.index("db_worker") + 1 :]
    return DbWorker().create_parser("manage.py", "db_worker").parse_args(options)


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def test_the_worker_unit_restarts_always_and_lets_a_render_finish():
    service = unit("mekong-worker@.service")
    assert service["Restart"] == "always"
    assert float(service["TimeoutStopSec"]) > settings.REPORT_RENDER_TIME_LIMIT
    options = db_worker_options(service["ExecStart"])
    assert options.reload is False  # the autoreloader would cut a render short
    assert options.max_tasks and not options.batch


def test_the_procfile_runs_what_the_units_run():
    processes = procfile()
    assert set(processes) == {"web", "worker"}
    worker = unit("mekong-worker@.service")["ExecStart"]
    assert worker.endswith(processes["worker"].removeprefix("python "))
    assert db_worker_options(processes["worker"]).reload is False
    web = unit("mekong-web.service")["ExecStart"]
    assert web.endswith(processes["web"])


def test_deploy_md_points_to_the_files():
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    for name in ("mekong-web.service", "mekong-worker@.service"):
        assert f"docs/systemd/{name}" in deploy
    assert "REPORT_STUCK_AFTER" in deploy and "REPORT_RENDER_ATTEMPTS" in deploy
