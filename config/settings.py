"""Settings for Mekong Digital Readiness, all read from environment variables.

Development needs nothing set. A bad value stops start-up with ImproperlyConfigured,
so a typo in production never silently falls back to a default.
"""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Final

import dj_database_url
import django.conf.locale
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from config.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
# Production mode is simply DEBUG off: it turns on HTTPS-only cookies, HSTS, the HTTPS
# redirect, hashed and compressed static files and JSON logs. Each can still be set
# apart (for example plain HTTP over loopback for the load test).
PRODUCTION = not DEBUG

_DEV_SECRET = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET
elif len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    # The database backend's tables (the production worker, `manage.py db_worker`);
    # installed always so that switching TASKS_BACKEND needs no other change.
    "django_tasks_db",
    "csp",
    "axes",
    # Who changed which question, option, level or programme, and how (each admin page's
    # "History"): django-simple-history keeps a row per change.
    "simple_history",
    "assessment",
    "reports",
]

MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.headers.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the request's user on the change history (after authentication).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the two above: it logs out idle and too old sessions and says why.
    "assessment.accounts.session_timeout.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the login page with a message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

_DEFAULT_DB = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_database_url = os.environ.get("DATABASE_URL", "") or _DEFAULT_DB
try:
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
except ValueError as exc:  # dj-database-url raises ValueError for unknown schemes
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Requests and tasks write at once. IMMEDIATE transactions take the write lock at
    # BEGIN and wait up to the timeout for it, instead of failing with "database is
    # locked" when two deferred transactions both try to upgrade to writing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    # Tests use a file too: the in-memory shared-cache database reports "table is
    # locked" at once instead of waiting, which would make concurrency tests meaningless.
    # One file per process, so parallel test runs never share a database.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"mekong-test-{os.getpid()}.sqlite3")
    }
else:
    # Likewise one PostgreSQL test database per process, so that two runs on one
    # server (a developer's and CI's) never drop each other's database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_mekong_{os.getpid()}"}

AUTH_USER_MODEL = "assessment.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out e-mail and address are refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("my", "မြန်မာ"),
    ("zh-hans", "中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django knows no Lao: without this entry get_language_info("lo") and the {% get_language_info %}
# tags fail. The catalogues in locale/ are compiled by `manage.py compile_translations`.
django.conf.locale.LANG_INFO.setdefault(
    "lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"}
)
# Date and number formats for the languages Django has none for (Lao, Burmese).
FORMAT_MODULE_PATH = ["config.formats"]
# The language chosen with the switcher is kept for a year (Django's default is the session).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE: Final = "Lax"  # Final: typed as the literal set_cookie takes
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Reports are stored here; docs/deploy.md shows object storage through django-storages.
    # A file is written whole to a temporary name and then linked into place, so a full
    # disk or a killed worker never leaves a truncated PDF under a report's name.
    "default": {"BACKEND": "config.storage.AtomicFileSystemStorage"},
    # Production serves `collectstatic` output through WhiteNoise: hashed names cached for
    # a year, gzip and Brotli variants made once. Development and the tests serve the
    # files straight from static/ (no collectstatic needed), so the manifest is off there.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# The TrueType fonts are read from disk by the PDF renderer and never sent to browsers:
# compressing 9 MB of them would only slow collectstatic down.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Slow work (PDF rendering, benchmark refresh) runs through the Tasks API: inline in
# development (the immediate backend), a database-backed worker in production:
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
try:
    # Seconds one PDF render may take in a worker before it is stopped and marked failed.
    REPORT_RENDER_TIME_LIMIT = float(os.environ.get("REPORT_RENDER_TIME_LIMIT", "120"))
except ValueError as exc:
    raise ImproperlyConfigured("REPORT_RENDER_TIME_LIMIT must be a number of seconds.") from exc
if not 0 <= REPORT_RENDER_TIME_LIMIT < float("inf"):  # also refuses nan
    raise ImproperlyConfigured("REPORT_RENDER_TIME_LIMIT must be 0 (no limit) or more seconds.")
try:
    # A render still unfinished this many seconds after it started (or was queued, when
    # the backend cannot tell) is taken for lost with its worker (killed, out of memory,
    # a restart) and queued again, REPORT_RENDER_ATTEMPTS times in all, then marked failed.
    REPORT_STUCK_AFTER = float(os.environ.get("REPORT_STUCK_AFTER", "300"))
    REPORT_RENDER_ATTEMPTS = int(os.environ.get("REPORT_RENDER_ATTEMPTS", "3"))
except ValueError as exc:
    raise ImproperlyConfigured(
        "REPORT_STUCK_AFTER must be a number of seconds, REPORT_RENDER_ATTEMPTS a whole number."
    ) from exc
if not REPORT_RENDER_TIME_LIMIT < REPORT_STUCK_AFTER < float("inf"):
    # Below the render limit, a render still running would be queued a second time.
    raise ImproperlyConfigured(
        "REPORT_STUCK_AFTER must be more seconds than REPORT_RENDER_TIME_LIMIT "
        f"({REPORT_RENDER_TIME_LIMIT:g})."
    )
if REPORT_RENDER_ATTEMPTS < 1:
    raise ImproperlyConfigured("REPORT_RENDER_ATTEMPTS must be 1 or more.")

# --- Sessions (assessment/accounts/session_timeout.py) ---
# A login ends after this long without a request, and this long after it began whatever
# the activity. OWASP ASVS 4 (3.3.2) asks level-2 sites for 12 hours absolute and 30
# minutes idle; two hours idle leaves time to gather figures for one questionnaire page.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 120, minimum=1))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_MAX_HOURS", 12, minimum=1))
# The cookie and the stored session go no later than the absolute limit (Django's
# default keeps them for two weeks).
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# The admin's path; anything but the well-known "admin/" keeps it out of drive-by scans.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip()
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/") or ADMIN_URL == "/":
    raise ImproperlyConfigured(
        f"ADMIN_URL must be a path like 'staff-7f3a/': no leading slash, one at the end; "
        f"got {ADMIN_URL!r}"
    )

# --- Transport security: on in production, each switch settable on its own ---
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# A load balancer probes over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=True)
# Set only behind a proxy that terminates TLS and overwrites this header (nginx:
# `proxy_set_header X-Forwarded-Proto $scheme;`); otherwise a client could claim HTTPS.
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
# How many proxies in front of the app append to X-Forwarded-For (nginx alone: 1). The
# login throttle takes the client's address from there; 0 uses the socket's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page uses, refused for the page and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb",
    )
}  # fmt: skip

# --- Content-Security-Policy (django-csp): local assets only, no inline script or style ---
# Enforced in development too, so that an inline script fails where it is written.
# Bootstrap's CSS draws its check marks and arrows as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Login throttling (django-axes) ---
# Five failures lock out one e-mail *from one address* for 15 minutes: an attacker
# elsewhere cannot lock a real user out, and no lockout lasts for good.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Against password spraying (one password tried on many accounts): an address whose
# failures on any accounts reach this limit within the cool-off is paused too. High
# enough for a training room behind one router, where each login clears its own typos.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_HANDLER = "assessment.accounts.address_throttle.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
# The login form's field is "username" (Django's AuthenticationForm) although the user
# model's USERNAME_FIELD is "email"; the callable lower-cases it as the form does, so
# "Owner@x.org" and "owner@x.org" count as one account.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "assessment.accounts.login_throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "assessment.accounts.login_throttle.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "assessment.views.lockout.lockout_response"
AXES_VERBOSE = False

# Mail (sign-up links, password resets): printed to the console unless an SMTP host is
# configured; written to files in EMAIL_FILE_PATH if that is set instead (the load test
# reads its sign-up links there).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
try:
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
except ValueError as exc:
    raise ImproperlyConfigured("EMAIL_PORT must be a whole number.") from exc
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# Where e-mails sent outside a request (reminders) link to: the site's public address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@mekong-readiness.local")

# One JSON object a line in production (what log collectors parse), plain text in
# development; every line carries the request id of the request that wrote it.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text; got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.jsonlog.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step of every page at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
