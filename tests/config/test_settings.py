"""Settings come from the environment and a bad value stops start-up loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default'].get('NAME'), "
    "','.join(s.ALLOWED_HOSTS))"
)


def _start(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_defaults_are_a_development_sqlite_file_in_the_repo():
    result = _start()
    assert result.returncode == 0, result.stderr
    debug, engine, name, hosts = result.stdout.split()
    assert (debug, engine) == ("True", "django.db.backends.sqlite3")
    assert name == str(ROOT / "db.sqlite3")
    assert "127.0.0.1" in hosts


def test_database_url_selects_postgresql():
    result = _start(DATABASE_URL="postgres://someone@127.0.0.1:5432/somedb")
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql somedb" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"DEBUG": "false"}, "SECRET_KEY must be set"),
        ({"DEBUG": "false", "SECRET_KEY": "short"}, "at least 32 characters"),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set"),
        ({"DATABASE_URL": "nosuchdb://x/y"}, "DATABASE_URL is not a valid database URL"),
        ({"REPORT_STUCK_AFTER": "soon"}, "REPORT_STUCK_AFTER must be a number of seconds"),
        ({"REPORT_STUCK_AFTER": "60"}, "more seconds than REPORT_RENDER_TIME_LIMIT (120)"),
        ({"REPORT_RENDER_ATTEMPTS": "0"}, "REPORT_RENDER_ATTEMPTS must be 1 or more"),
        ({"LOGIN_ADDRESS_FAILURE_LIMIT": "0"}, "LOGIN_ADDRESS_FAILURE_LIMIT must be a whole"),
        ({"SESSION_IDLE_MINUTES": "two hours"}, "SESSION_IDLE_MINUTES must be a whole"),
        ({"SESSION_MAX_HOURS": "0"}, "SESSION_MAX_HOURS must be a whole"),
    ],
)
def test_bad_values_fail_at_start_up_with_a_clear_message(env, message):
    result = _start(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_values_are_taken():
    result = _start(DEBUG="off", SECRET_KEY="k" * 40, ALLOWED_HOSTS="mekong.example.org, a.b")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"
    assert result.stdout.split()[-1] == "mekong.example.org,a.b"
