"""Real `manage.py db_worker` processes on the test database, for the tests that kill one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.db import connection

from config.storage import AtomicFileSystemStorage

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def wait_for(condition: Callable[[], T], what: str, timeout: float = 120) -> T:
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up after {timeout:g} s waiting for {what}.")
        time.sleep(0.05)
    return value


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def start_worker(
    log: Path, media_root: Path, *, settings_module: str = "config.settings", **env: str
) -> subprocess.Popen[bytes]:
    """A db_worker as docs/deploy.md runs it, on this test's database and media folder."""
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MEDIA_ROOT": str(media_root),
        **env,
    }
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603
            [*command, "--interval", "0.1", "--worker-id", log.stem],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def stop(worker: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop a worker and reap it (SIGKILL if it does not go within 30 s)."""
    if worker.poll() is None:
        worker.send_signal(sig)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=30)


class StallingStorage(AtomicFileSystemStorage):
    """Says the render has reached storage (the file named by RENDER_STALL_MARKER), then
    waits there for the test to kill the worker: a kill mid-render, whatever the speed."""

    def _save(self, name: str, content: Any) -> str:
        Path(os.environ["RENDER_STALL_MARKER"]).write_text(str(os.getpid()))
        time.sleep(300)  # the test kills the process long before
        raise RuntimeError("The worker was not killed.")
