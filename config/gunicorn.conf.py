"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value comes from the environment (docs/deploy.md lists them). Sync workers:
requests are short and the slow work (PDFs) runs in `manage.py db_worker`.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Where nginx (or the load balancer) sends requests.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# WEB_CONCURRENCY is the name hosting platforms set; gunicorn's rule of thumb otherwise.
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 1)
# A request that takes longer is killed and logged: no page should come near this.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind nginx, which keeps its own connections to clients.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so that a slow leak never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Heartbeat files in memory: a slow disk must not make the master kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# Proxies allowed to set X-Forwarded-* for gunicorn itself (Django reads its own settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn 25's control socket sits at one path per user: two instances on one machine
# (web and load test, or two sites) would fight over it, and nothing here uses it.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request id is the one the app (or nginx) put in X-Request-ID, shared with the app's
# own log lines. With JSON logs these atoms become fields of their own.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s" %({x-request-id}o)s'

_format = os.environ.get(
    "LOG_FORMAT",
    "text" if os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"} else "json",
)
_formatter = "json" if _format.strip().lower() == "json" else "text"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.jsonlog.JsonFormatter"},
        "text": {"format": "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": _formatter,
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        # Not propagated: the app's own logging also writes to the root logger.
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}
