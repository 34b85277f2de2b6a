#!/usr/bin/env python3
"""Load test over loopback: gunicorn + PostgreSQL + two task workers, driven by locust.

    .venv/bin/pip install -e '.[loadtest]'
    .venv/bin/python scripts/loadtest/run.py [--users 50] [--duration 60]

Creates a throw-away PostgreSQL database (dropped afterwards), migrates it, loads the
seed questionnaire and demo peers, collects the static files, starts gunicorn with
config/gunicorn.conf.py in production mode (but plain HTTP on 127.0.0.1, so without
the HTTPS redirect and secure cookies) and two `manage.py db_worker` for the PDF reports,
then runs locust headless: each simulated SME goes through the whole journey
(scripts/loadtest/locustfile.py). Prints requests per second, p50 and p95 per page,
the errors, the reports rendered, and whether the targets are met; exits 1 if not.
A benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import multiprocessing
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
P95_TARGET_MS = 300

REPORT_STATS = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from reports.models import ReportFile
status = dict(ReportFile.objects.values_list("status").annotate(n=Count("pk")))
waits = sorted(
    (r.rendered_at - r.created_at).total_seconds()
    for r in ReportFile.objects.filter(status="ready").exclude(rendered_at=None)
)
tasks = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")))
print(json.dumps({"status": status, "waits": waits, "tasks": tasks}))
"""


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def parse_args() -> argparse.Namespace:
    cores = multiprocessing.cpu_count()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated SMEs (default 50)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="new SMEs per second")
    parser.add_argument("--duration", type=int, default=60, help="seconds (default 60)")
    parser.add_argument(
        "--web-workers", type=int, default=2 * cores + 1, help="gunicorn workers (2 x cores + 1)"
    )
    # Two: with one, 41 of 49 reports were still pending at the end of the 60 s run.
    parser.add_argument(
        "--task-workers", type=int, default=2, help="db_worker processes (default 2)"
    )
    parser.add_argument(
        "--worker-nice", type=int, default=10, help="CPU niceness of the task workers"
    )
    parser.add_argument("--peers", type=int, default=60, help="demo companies for benchmarks")
    # A person needs a minute or more to answer a questionnaire page: 3-10 s between
    # steps makes each simulated SME several times busier than a real one.
    parser.add_argument("--think-min", type=float, default=3.0, help="seconds between steps")
    parser.add_argument("--think-max", type=float, default=10.0)
    parser.add_argument(
        "--database",
        default=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server to create the throw-away database on",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def run_manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def start(command: list[str], env: dict[str, str], log: Path, nice: int = 0) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )


def wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited; see {log}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz within 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def children_cpu() -> float:
    """CPU seconds used by this script's finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_tree_cpu(pid: int) -> float:
    """CPU seconds of a running process and its children so far, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        this, parent = int(stat.parent.name), int(fields[1])
        if pid in (this, parent):
            # utime, stime, and the CPU of children already reaped (cutime, cstime)
            total += sum(int(v) for v in fields[11:15]) / tick
    return total


def read_stats(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def ms(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def print_report(
    stats: list[dict[str, str]], failures: list[dict[str, str]], reports: dict, args
) -> bool:
    rows = [r for r in stats if r["Name"] != "Aggregated"]
    total = next(r for r in stats if r["Name"] == "Aggregated")
    print()
    print(
        f"{args.users} simulated SMEs for {args.duration} s; gunicorn {args.web_workers} workers, "
        f"{args.task_workers} task worker(s), think time {args.think_min}-{args.think_max} s"
    )
    cpu = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in args.cpu.items())
    print(
        f"Machine: {os.cpu_count()} cores, load average {args.load_before:.1f} before the run "
        f"(other work skews every figure); CPU used: {cpu} "
        f"(of {os.cpu_count() * args.duration} core-seconds; PostgreSQL not counted)"
    )
    print()
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "max ms")
    header = f"{'page':38} " + " ".join(f"{c:>8}" for c in columns) + f" {'errors':>6}"
    print(header)
    print("-" * len(header))
    for r in sorted(rows, key=lambda r: (r["Type"] == "WAIT", r["Name"])):
        label = f"{r['Type']} {r['Name']}"
        print(
            f"{label[:38]:38} {int(r['Request Count']):8d} {ms(r['Requests/s']):7.2f} "
            f"{ms(r['50%']):7.0f} {ms(r['95%']):7.0f} {ms(r['Max Response Time']):7.0f} "
            f"{int(r['Failure Count']):6d}"
        )
    print("-" * len(header))
    print(
        f"{'all requests':38} {int(total['Request Count']):8d} {ms(total['Requests/s']):8.2f} "
        f"{ms(total['50%']):8.0f} {ms(total['95%']):8.0f} {ms(total['Max Response Time']):8.0f} "
        f"{int(total['Failure Count']):6d}"
    )
    if failures:
        print("\nErrors:")
        for f in failures:
            print(f"  {f['Occurrences']} x {f['Method']} {f['Name']}: {f['Error']}")

    waits = reports["waits"]
    print(f"\nPDF reports: {reports['status']} (tasks: {reports['tasks']})")
    if waits:
        print(
            f"  request to ready, queue included: median {waits[len(waits) // 2]:.1f} s, "
            f"max {waits[-1]:.1f} s"
        )

    errors = int(total["Failure Count"]) + sum(
        int(f["Occurrences"]) for f in failures if f["Method"] == "WAIT"
    )
    pages = [r for r in rows if r["Name"].startswith("questionnaire page")]
    pages_p95 = max(ms(r["95%"]) for r in pages) if pages else float("nan")
    status_rows = [r for r in rows if r["Name"] == "report" and r["Type"] == "GET"]
    status_p95 = ms(status_rows[0]["95%"]) if status_rows else float("nan")
    rendered = reports["status"].get("ready", 0)
    unready = sum(n for k, n in reports["status"].items() if k != "ready")
    slowest = waits[-1] if waits else 0.0
    checks = [
        (
            "every requested PDF ready within 60 s",
            unready == 0 and slowest <= 60,
            f"{rendered} ready, {unready} not; slowest {slowest:.1f} s from request to ready",
        ),
        ("zero errors", errors == 0, f"{errors} errors"),
        (
            f"questionnaire pages p95 < {P95_TARGET_MS} ms",
            pages_p95 < P95_TARGET_MS,
            f"p95 {pages_p95:.0f} ms",
        ),
        (
            "report rendering never stalls pages",
            rendered > 0 and status_p95 < P95_TARGET_MS and pages_p95 < P95_TARGET_MS,
            f"{rendered} PDFs rendered in the worker meanwhile; "
            f"report page p95 {status_p95:.0f} ms",
        ),
    ]
    print("\nTargets:")
    for name, met, detail in checks:
        print(f"  [{'met' if met else 'MISSED'}] {name}: {detail}")
    return all(met for _, met, _ in checks)


def main() -> None:
    args = parse_args()
    if importlib.util.find_spec("locust") is None:
        sys.exit("locust is not installed: .venv/bin/pip install -e '.[loadtest]'")
    if not args.database.startswith(("postgres://", "postgresql://")):
        sys.exit("The load test runs on PostgreSQL: pass --database postgres://...")

    # Other work on the machine skews every figure: say how busy it was.
    args.load_before = os.getloadavg()[0]
    name = f"mekong_loadtest_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="mekong-loadtest-"))
    processes: list[subprocess.Popen] = []
    say(f"Creating the throw-away database {name}")
    admin_sql(args.database, f'CREATE DATABASE "{name}"')
    try:
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "off",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP over loopback: no HTTPS redirect, cookies without the Secure flag.
            "SECURE_SSL_REDIRECT": "off",
            "SECURE_COOKIES": "off",
            "HSTS_SECONDS": "0",
            "DATABASE_URL": with_database(args.database, name),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            # Sign-up mails, where each simulated SME finds its confirmation link.
            "EMAIL_FILE_PATH": str(work / "mail"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(args.web_workers),
            "THINK_MIN": str(args.think_min),
            "THINK_MAX": str(args.think_max),
        }
        say("Migrating, seeding, adding demo peers, collecting static files and catalogues")
        run_manage(env, "migrate", "--noinput", "-v", "0")
        run_manage(env, "seed", "-v", "0")
        run_manage(env, "demo_data", "--companies", str(args.peers), "--seed", "1", "-v", "0")
        run_manage(env, "collectstatic", "--noinput", "-v", "0")
        run_manage(env, "compile_translations", "-v", "0")

        say(
            f"Starting gunicorn ({args.web_workers} workers) and {args.task_workers} task worker(s)"
        )
        gunicorn_log = work / "gunicorn.log"
        server = start(
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
            env,
            gunicorn_log,
        )
        processes.append(server)
        for i in range(args.task_workers):
            processes.append(
                start(
                    [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
                    env,
                    work / f"worker-{i}.log",
                    # As docs/deploy.md runs it (Nice=10): renders yield the CPU to pages.
                    nice=args.worker_nice,
                )
            )
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, server, gunicorn_log)

        say(f"Running locust: {args.users} SMEs for {args.duration} s against {url}")
        before = children_cpu()
        locust = subprocess.run(  # noqa: S603
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.duration}s",
                "--stop-timeout",
                "0",
                "--host",
                url,
                "--csv",
                str(work / "locust"),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        (work / "locust.log").write_text(locust.stdout + locust.stderr)
        args.cpu = {"locust": children_cpu() - before}
        server_cpu = process_tree_cpu(server.pid)
        args.cpu |= {"gunicorn": server_cpu}
        args.cpu |= {"task worker": sum(process_tree_cpu(p.pid) for p in processes[1:])}
        if locust.returncode != 0 or not (work / "locust_stats.csv").exists():
            sys.exit(f"locust failed:\n{locust.stderr[-3000:]}")
        # The workers finish what was asked before the run ended (at most 60 s more): the
        # target is every requested PDF ready within 60 s of its request.
        drain_until = time.monotonic() + 60
        while True:
            # The last line: `shell` may print its own notes first.
            reports = json.loads(run_manage(env, "shell", "-c", REPORT_STATS).splitlines()[-1])
            waiting = sum(n for k, n in reports["status"].items() if k not in ("ready", "failed"))
            if not waiting or time.monotonic() > drain_until:
                break
            time.sleep(2)
        ok = print_report(
            read_stats(work / "locust_stats.csv"),
            read_stats(work / "locust_failures.csv"),
            reports,
            args,
        )
    finally:
        for process in processes:
            stop(process)
        if args.keep:
            print(f"\nKept: database {name}, logs in {work}")
        else:
            admin_sql(args.database, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
