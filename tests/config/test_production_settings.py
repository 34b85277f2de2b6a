"""Production mode (DEBUG off) passes `check --deploy` and turns the hardening on;
development keeps plain HTTP; every switch can be set on its own and fails loudly."""

from __future__ import annotations

import json

import pytest

from tests.production_env import SETTINGS_VARIABLES, production_env, run_manage, run_python

PROBE = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "session_secure": s.SESSION_COOKIE_SECURE,
    "csrf_secure": s.CSRF_COOKIE_SECURE,
    "hsts": s.SECURE_HSTS_SECONDS,
    "hsts_sub": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "proxy_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "static": s.STORAGES["staticfiles"]["BACKEND"],
    "finders": s.WHITENOISE_USE_FINDERS,
    "log_format": s.LOG_FORMAT,
    "proxies": s.TRUSTED_PROXY_COUNT,
    "admin": s.ADMIN_URL,
    "cooloff": s.AXES_COOLOFF_TIME.total_seconds(),
}))
"""


def _probe(env: dict[str, str]) -> dict:
    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _development_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in production_env().items() if k not in SETTINGS_VARIABLES}
    return {**env, **overrides}


def test_check_deploy_reports_nothing_in_production():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_warns_when_hardening_is_switched_off():
    # The same check catches a production that lost its HTTPS settings.
    env = production_env(SECURE_SSL_REDIRECT="off", SECURE_COOKIES="off", HSTS_SECONDS="0")
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_production_turns_on_https_only_cookies_hsts_and_compressed_static():
    probe = _probe(production_env())
    assert probe["ssl_redirect"] and probe["session_secure"] and probe["csrf_secure"]
    assert probe["hsts"] == 365 * 24 * 3600 and probe["hsts_sub"]
    assert probe["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert probe["finders"] is False
    assert probe["log_format"] == "json"
    assert probe["proxy_header"] is None  # only set behind a proxy that overwrites it
    assert probe["admin"] == "admin/"
    assert probe["cooloff"] == 15 * 60


def test_development_keeps_plain_http_and_the_static_folder():
    probe = _probe(_development_env())
    assert not (probe["ssl_redirect"] or probe["session_secure"] or probe["csrf_secure"])
    assert probe["hsts"] == 0
    assert probe["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert probe["finders"] is True
    assert probe["log_format"] == "text"


def test_each_switch_is_set_on_its_own():
    probe = _probe(
        production_env(
            SECURE_SSL_REDIRECT="off",
            SECURE_COOKIES="no",
            HSTS_SECONDS="600",
            SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
            TRUSTED_PROXY_COUNT="1",
            LOG_FORMAT="text",
            ADMIN_URL="staff-7f3a/",
            LOGIN_COOLOFF_MINUTES="30",
        )
    )
    assert not (probe["ssl_redirect"] or probe["session_secure"] or probe["csrf_secure"])
    assert probe["hsts"] == 600
    assert probe["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert probe["proxies"] == 1
    assert probe["log_format"] == "text"
    assert probe["admin"] == "staff-7f3a/"
    assert probe["cooloff"] == 30 * 60


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ADMIN_URL": "/admin/"}, "ADMIN_URL must be a path"),
        ({"ADMIN_URL": "admin"}, "ADMIN_URL must be a path"),
        ({"HSTS_SECONDS": "a year"}, "HSTS_SECONDS must be a whole number"),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT must be a whole number"),
        ({"LOGIN_COOLOFF_MINUTES": "0"}, "LOGIN_COOLOFF_MINUTES must be a whole number"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be json or text"),
        ({"SECURE_COOKIES": "sometimes"}, "SECURE_COOKIES must be one of"),
    ],
)
def test_bad_production_values_stop_start_up(env, message):
    result = run_python(PROBE, production_env(**env))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


ADMIN_PROBE = """
import django
django.setup()
from django.test import Client
from django.urls import reverse
client = Client()
print(reverse("admin:index"))
print(client.get("/staff-7f3a/", secure=True).status_code)
print(client.get("/admin/", secure=True).status_code)
"""


def test_the_admin_moves_to_admin_url():
    result = run_python(ADMIN_PROBE, production_env(ADMIN_URL="staff-7f3a/"))
    assert result.returncode == 0, result.stderr
    index, new_path, old_path = result.stdout.split()
    assert index == "/staff-7f3a/"
    assert new_path == "302"  # to the admin's login page
    assert old_path == "404"
