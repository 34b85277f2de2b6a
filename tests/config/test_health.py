"""/healthz: 200 and JSON when the database answers, 503 when it does not; never
redirected to HTTPS, so a load balancer may probe it over plain HTTP."""

from __future__ import annotations

import json

import pytest

from tests.production_env import production_env, run_python

PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client()
for path in ("/healthz", "/"):
    response = client.get(path)
    print(json.dumps({"path": path, "status": response.status_code,
                      "body": response.content.decode()[:200]}))
"""


@pytest.mark.django_db
def test_healthy_database_answers_200_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_only_reads(client):
    assert client.post("/healthz").status_code == 405


def _production(database_url: str) -> tuple[list[dict], str]:
    result = run_python(PROBE, production_env(DATABASE_URL=database_url))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def test_unreachable_database_answers_503(tmp_path):
    # A real failure: an SQLite file in a folder that does not exist cannot be opened.
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    (health, _), stderr = _production(f"sqlite:///{missing}")
    assert health["status"] == 503
    assert json.loads(health["body"]) == {"status": "error", "database": "unavailable"}
    # The reason is logged for the operator, not shown to whoever asks.
    assert "unable to open database file" in stderr
    assert "unable to open" not in health["body"]


def test_stopped_postgresql_answers_503():
    # Nothing listens on port 9 of the loopback: the connection is refused at once.
    (health, _), stderr = _production("postgres://nobody@127.0.0.1:9/none?connect_timeout=2")
    assert health["status"] == 503
    assert "Health check: the database did not answer." in stderr


def test_healthz_is_not_redirected_to_https_in_production(tmp_path):
    (health, home), _ = _production(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert health["status"] == 200
    assert home["status"] == 301  # every other plain-HTTP page goes to HTTPS
