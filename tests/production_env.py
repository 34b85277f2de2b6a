"""Running the project in a child process with production settings (DEBUG off).

Settings are read once, at start-up, from the environment: production mode can only be
tested honestly in a process started with it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Long and varied enough for `check --deploy` (security.W009).
SECRET_KEY = "prod-test-key-7Hq2Zr9Lw4Kx8Vn3Bc6Mt1Pj5Gd0Fs2Ya7Ue4Io9"

# Every variable the settings read; a developer's own values must not leak into a test.
SETTINGS_VARIABLES = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "TASKS_BACKEND", "STATIC_ROOT",
    "MEDIA_ROOT", "LOG_LEVEL", "LOG_FORMAT", "ADMIN_URL", "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES", "HSTS_SECONDS", "HSTS_INCLUDE_SUBDOMAINS", "HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER", "TRUSTED_PROXY_COUNT", "CSRF_TRUSTED_ORIGINS",
    "LOGIN_FAILURE_LIMIT", "LOGIN_COOLOFF_MINUTES", "WEB_CONCURRENCY", "GUNICORN_BIND",
    # The browser tests set it for Playwright; `check --deploy` rightly refuses it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}  # fmt: skip


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production process; the suite's database unless overridden."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="off",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="mekong.example.org,testserver,127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env.update(overrides)
    return env


def run_python(code: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_manage(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
