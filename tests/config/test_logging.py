"""Structured logs: one JSON object a line in production, each carrying the request id
that the response also sends back; gunicorn's access log in the same form."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.test import RequestFactory

from config.jsonlog import JsonFormatter
from config.request_id import RequestIdFilter, RequestIdMiddleware, incoming_or_new
from tests.production_env import ROOT, free_port, production_env


def _record(name="app", msg="hello %s", args=("world",), **extra) -> logging.LogRecord:
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


def test_a_record_becomes_one_json_line():
    line = JsonFormatter().format(_record(request_id="r-1"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "hello world"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "app"
    assert entry["request_id"] == "r-1"
    assert entry["time"].endswith("+00:00")


def test_exceptions_stay_inside_the_json_line():
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = _record(exc_info=sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: bad" in entry["exception"]


def test_gunicorn_access_atoms_become_fields():
    atoms = {"h": "10.0.0.1", "m": "GET", "U": "/healthz", "q": "", "s": "200", "B": 34}
    atoms |= {"M": 5, "a": "curl", "{x-request-id}o": "abc"}
    record = _record(name="gunicorn.access", msg="%(h)s %(s)s", args=(atoms,))
    entry = json.loads(JsonFormatter().format(record))
    assert entry["status"] == 200 and entry["duration_ms"] == 5 and entry["bytes"] == 34
    assert entry["path"] == "/healthz" and entry["request_id"] == "abc"
    assert "query" not in entry  # empty atoms are left out


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [("nginx-3f2a9c", True), ("a b", False), ('x"y', False), ("x" * 500, False), ("", False)],
)
def test_a_proxy_request_id_is_kept_only_when_it_looks_like_one(incoming, kept):
    assert (incoming_or_new(incoming) == incoming) is kept
    assert len(incoming_or_new(None)) == 32


def test_log_lines_inside_a_request_carry_its_id():
    seen: list[logging.LogRecord] = []

    def view(request):
        record = _record()
        RequestIdFilter().filter(record)
        seen.append(record)
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="from-nginx-1")
    response = RequestIdMiddleware(view)(request)
    assert response["X-Request-ID"] == "from-nginx-1"
    assert seen[0].request_id == "from-nginx-1"
    after = _record()
    RequestIdFilter().filter(after)
    assert after.request_id == "-"  # nothing leaks into the next, unrelated log line


@pytest.mark.django_db
def test_responses_send_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert first != second and len(first) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-77")["X-Request-ID"] == "lb-77"


def _get(url: str, **headers: str) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_gunicorn_with_the_project_config_writes_json_lines(tmp_path):
    """config/gunicorn.conf.py as production runs it: JSON access and app lines that
    share the request id."""
    port = free_port()
    (tmp_path / "static").mkdir()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECURE_SSL_REDIRECT="off",
        STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # a loaded 2-core CI machine starts it slowly
        while True:
            try:
                if _get(f"{base}/healthz") == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            assert server.poll() is None, "gunicorn exited"
            time.sleep(0.2)
        assert _get(f"{base}/no-such-page/", **{"X-Request-ID": "probe-42"}) == 404
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert entries, output
    # Every line gunicorn and the app wrote is JSON (warnings aside).
    assert not [line for line in output.splitlines() if line and not line.startswith("{")]
    access = [e for e in entries if e["logger"] == "gunicorn.access" and e["status"] == 404]
    assert access[0]["request_id"] == "probe-42"
    assert access[0]["path"] == "/no-such-page/"
    app = [e for e in entries if e["logger"] == "django.request"]
    assert app[0]["request_id"] == "probe-42"
    assert "Not Found" in app[0]["message"]
