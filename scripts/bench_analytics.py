"""Benchmark the analytics aggregates and a full CSV export at 100,000 submitted assessments.

    .venv/bin/python scripts/bench_analytics.py [--assessments 100000] [--runs 5] [--keep]

Needs PostgreSQL. It creates its own database (BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/mekong_bench; the name must contain "bench", so a
development database is never touched), migrates and seeds it, creates 300 demo
companies with `demo_data`, then copies them inside PostgreSQL (INSERT … SELECT with
shifted ids: users, companies, assessments with their frozen results, answers and
ticked options) until at least --assessments submitted assessments exist; demo_data
itself takes some 20 s per 1,000 companies, far too slow for this. It then prints:

- the time of the analytics dashboard's aggregates (reports.analytics.queries.dashboard,
  every query and the pandas work; the median of --runs runs after one warm-up), also
  with a country filter, and the cohort view, for information; target < 2 s;
- the peak memory (ru_maxrss of the child) of `manage.py export_responses --format csv
  --output FILE` run in a subprocess against the same database; target < 300 MB.

Figures only, no asserts. The database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mekong_bench"
TEMPLATE_COMPANIES = 300
AGGREGATES_TARGET_S = 2.0
EXPORT_TARGET_MB = 300


def main() -> None:
    args = _arguments()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to use database {name!r}: its name must contain 'bench'.")
    _recreate_database(url, name)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        submitted = _load(args.assessments)
        print()
        aggregates = _time_aggregates(args.runs)
        print()
        peak_mb = _export_peak_rss(url)
        print()
        _summary(submitted, aggregates, peak_mb)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"\nDatabase {name} kept (--keep); drop it with: dropdb {name}")
        else:
            _drop_database(url, name)
            print(f"\nDatabase {name} dropped.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    return parser.parse_args()


# --- the database ----------------------------------------------------------------------


def _admin_connection(url: str):
    """A connection to the server's maintenance database, to create and drop ours."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


def _recreate_database(url: str, name: str) -> None:
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    print(f"Database {name} created.")


def _drop_database(url: str, name: str) -> None:
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- loading ---------------------------------------------------------------------------


def _load(target: int) -> int:
    from django.core.management import call_command

    from reports.demo.create import demo_data_create

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    summary = demo_data_create(companies=TEMPLATE_COMPANIES, seed=1)
    print(
        f"Templates: {summary.created} demo companies, {summary.submitted} submitted "
        f"assessments ({time.perf_counter() - started:.1f} s)."
    )
    copies = max(math.ceil(target / summary.submitted) - 1, 0)
    started = time.perf_counter()
    _copy_templates(copies)
    submitted = _count_submitted()
    print(
        f"Copied the templates {copies} times: {submitted:,} submitted assessments "
        f"({time.perf_counter() - started:.1f} s, with VACUUM ANALYZE)."
    )
    return submitted


def _copy_templates(copies: int) -> None:
    """Copy every demo row `copies` times in SQL, each copy's ids shifted by a stride."""
    from django.db import connection

    from assessment.models import Answer, AnswerOption, Assessment, Company, User

    if copies <= 0:
        return
    with connection.cursor() as cursor:
        # Foreign keys point within each copy by construction; skip their triggers.
        cursor.execute("SET session_replication_role = replica")
        stride = {m: _stride(cursor, m) for m in (User, Company, Assessment, Answer, AnswerOption)}
        shifted = {m: f"t.id + g * {stride[m]}" for m in stride}
        plan = [
            (User, {"id": shifted[User], "email": "'copy-' || g || '-' || t.email"}),
            (
                Company,
                {"id": shifted[Company], "owner_id": f"t.owner_id + g * {stride[User]}"},
            ),
            (
                Assessment,
                {"id": shifted[Assessment], "company_id": f"t.company_id + g * {stride[Company]}"},
            ),
            (
                Answer,
                {
                    "id": shifted[Answer],
                    "assessment_id": f"t.assessment_id + g * {stride[Assessment]}",
                },
            ),
            (
                AnswerOption,
                {"id": shifted[AnswerOption], "answer_id": f"t.answer_id + g * {stride[Answer]}"},
            ),
        ]
        for model, overrides in plan:
            step = time.perf_counter()
            table = model._meta.db_table
            columns = [f.column for f in model._meta.concrete_fields]
            names = ", ".join(f'"{c}"' for c in columns)
            select = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
            cursor.execute(
                f'INSERT INTO "{table}" ({names}) '  # noqa: S608 - our own table and columns
                f'SELECT {select} FROM "{table}" t CROSS JOIN generate_series(1, %s) g',
                [copies],
            )
            added = cursor.rowcount
            sequence = f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            cursor.execute(f'{sequence}(SELECT max(id) FROM "{table}"))')  # noqa: S608
            print(f"  {table}: {added:,} rows added ({time.perf_counter() - step:.1f} s)")
        cursor.execute("SET session_replication_role = DEFAULT")
    # Fresh statistics, as a production database would have; without them the planner
    # guesses row counts from the tiny template tables.
    connection.ensure_connection()
    old = connection.connection.autocommit
    connection.connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.connection.autocommit = old


def _stride(cursor, model) -> int:
    cursor.execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{model._meta.db_table}"')  # noqa: S608
    return int(cursor.fetchone()[0])


def _count_submitted() -> int:
    from assessment.models import Assessment

    return Assessment.objects.filter(status=Assessment.Status.SUBMITTED).count()


# --- measuring ---------------------------------------------------------------------------


def _timed(fn, runs: int) -> float:
    fn()  # warm-up: connection, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _time_aggregates(runs: int) -> float:
    from assessment.models import Cohort
    from reports.analytics import queries as analytics_store
    from reports.analytics import stats as analytics

    version = analytics_store.default_version()
    everyone = analytics_store.Filters(version=version)
    thailand = analytics_store.Filters(version=version, country="TH")

    def dashboard(filters):
        return analytics_store.dashboard(filters, overall_name="Overall", all_countries="All")

    board = dashboard(everyone)
    print(
        f"Dashboard counts {board.companies:,} companies (latest of each, consenting) from "
        f"{board.submissions:,} submissions."
    )
    result = _timed(lambda: dashboard(everyone), runs)
    print(f"Dashboard aggregates, no filter:   median {result:.2f} s of {runs} runs")
    seconds = _timed(lambda: dashboard(thailand), runs)
    print(f"Dashboard aggregates, Thailand:    median {seconds:.2f} s of {runs} runs")

    seconds = _timed(_page_request(), runs)
    print(f"The whole page (HTTP, test client): median {seconds:.2f} s of {runs} runs")

    cohort = Cohort.objects.order_by("code").first()

    def cohort_view():
        members, _ = analytics_store.participants(cohort)
        pairing = analytics.pair_cohort(
            members,
            analytics_store.cohort_submissions(cohort),
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
        )
        pillars = analytics_store.versions_with_pillars({version.pk})[version.pk].pillars
        analytics.cohort_changes(pairing.pairs, pillars)
        return pairing

    pairs = len(cohort_view().pairs)
    seconds = _timed(cohort_view, runs)
    print(f"Cohort view ({cohort.code}, {pairs:,} pairs): median {seconds:.2f} s of {runs} runs")
    return result


def _page_request():
    """A GET of /analytics/ by a superuser through Django's test client (no server)."""
    from django.test import Client

    from assessment.models import User

    user = User.objects.create_superuser("bench-admin@example.org", None)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def get():
        response = client.get("/analytics/")
        if response.status_code != 200:  # timing an error page would mean nothing
            raise RuntimeError(f"/analytics/ answered {response.status_code}")
        return response

    return get


def _export_peak_rss(url: str) -> float | None:
    from django.core.management import get_commands

    if "export_responses" not in get_commands():
        print(
            "Export: `manage.py export_responses` does not exist in this branch yet, so its "
            "peak memory is not measured (it comes with the exports work)."
        )
        return None
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "responses.csv"
        command = [
            sys.executable,
            str(ROOT / "manage.py"),
            "export_responses",
            "--format",
            "csv",
            "--output",
            str(output),
        ]
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own command, fixed arguments
            command, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            print(f"Export failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
            return None
        size = output.stat().st_size
        with output.open("rb") as f:
            lines = sum(1 for _ in f)
    # ru_maxrss is in kilobytes on Linux: the largest resident set of any waited-for child.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"Export: {lines - 1:,} data rows, {size / 1e6:.0f} MB of CSV in {seconds:.1f} s; "
        f"peak RSS of the process {peak_mb:.0f} MB"
    )
    return peak_mb


def _summary(submitted: int, aggregates: float, peak_mb: float | None) -> None:
    print(f"Summary at {submitted:,} submitted assessments:")
    met = "met" if aggregates < AGGREGATES_TARGET_S else "NOT met"
    print(
        f"  analytics aggregates  {aggregates:6.2f} s   target < {AGGREGATES_TARGET_S:.0f} s: {met}"
    )
    if peak_mb is None:
        print(f"  CSV export peak RSS   not measured   target < {EXPORT_TARGET_MB} MB")
    else:
        met = "met" if peak_mb < EXPORT_TARGET_MB else "NOT met"
        print(f"  CSV export peak RSS   {peak_mb:6.0f} MB  target < {EXPORT_TARGET_MB} MB: {met}")


if __name__ == "__main__":
    main()
