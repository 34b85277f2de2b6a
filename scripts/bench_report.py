#!/usr/bin/env python3
"""Benchmark the PDF report: the whole pipeline against WeasyPrint alone.

    .venv/bin/python scripts/bench_report.py --runs 5 [--languages en,my] [--kind owner|full]

Sets up Django on a throw-away SQLite database in a temporary folder (migrate, seed), makes
a demo firm with a submitted assessment, an earlier one and enough consenting peers for a
benchmark, then in one process, for each language (English and Burmese by default),
renders the owner's report (or `--kind full`) `--runs` times: the pipeline
(queries, benchmarks, recommendations, charts, HTML, PDF: `render_report_pdf`) and
WeasyPrint alone on the same final HTML, with the same options and URL fetcher
(`html_to_pdf`), so that the ratio is the cost of everything but WeasyPrint; and, for
reference, WeasyPrint with its stock settings and URL fetcher on that HTML. It prints the
median time of each, the median ratio of the first two over paired runs (target: at most
1.10), the readout and template times apart (where the difference goes),
the peak Python memory of one traced run of each (tracemalloc; C libraries such as Pango
are not counted, the process's maximum resident size is printed beside), and whether
Debian's libharfbuzz-subset0 is installed (WeasyPrint subsets fonts with it, roughly
twice as fast as with fontTools).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVELS = {"infrastructure": 0.8, "policy_finance": 0.2, "talent": 0.5, "cooperation": 0.35}


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the PDF report pipeline.")
    parser.add_argument("--runs", type=int, default=5, help="timed renders of each (default 5)")
    parser.add_argument(
        "--languages", default="en,my", help="report languages, comma-separated (default en,my)"
    )
    parser.add_argument("--kind", default="owner", choices=("owner", "full"), help="which report")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    workdir = Path(tempfile.mkdtemp(prefix="mekong-bench-"))
    try:
        run(args.runs, args.languages.split(","), args.kind, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


RATIO_TARGET = 1.10
RSS_TARGET_MIB = 200


def run(runs: int, languages: list[str], kind: str, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    print("Setting up a throw-away database (migrate, seed, demo firm and peers)…", flush=True)
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    assessment_id = demo_assessment("en")
    setup_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    benched = {language: bench(assessment_id, language, kind, runs) for language in languages}
    # Read before the traced runs: tracemalloc's own bookkeeping would inflate it.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print("Peak Python memory of one traced run of each (tracemalloc):")
    for language, (_ratio, trace) in benched.items():
        trace(language)
    ratios = {language: ratio for language, (ratio, _trace) in benched.items()}
    print()
    print(f"Summary ({kind} report, ratio pipeline / WeasyPrint alone, target ≤ {RATIO_TARGET}):")
    for language, ratio in ratios.items():
        verdict = "within" if ratio <= RATIO_TARGET else "OVER"
        print(f"  {language:8} {ratio:.3f} ({verdict})")
    verdict = "within" if rss <= RSS_TARGET_MIB else "OVER"
    print(f"Peak resident size of this process: {rss:.0f} MiB ({verdict} {RSS_TARGET_MIB} MiB)")
    print(f"  (of which {setup_rss:.0f} MiB before the first render: migrate, seed, demo data)")
    print(f"libharfbuzz-subset0 installed: {'yes' if harfbuzz_subset_installed() else 'NO'}")


def bench(
    assessment_id: int, language: str, kind: str, runs: int
) -> tuple[float, Callable[[str], None]]:
    """Print the timings of one language; the median ratio pipeline / WeasyPrint alone and
    a function that prints the traced memory peaks (run after the resident size is read)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from weasyprint import HTML

    from reports.pdf.render import (
        FULL,
        html_to_pdf,
        render_report_html,
        render_report_pdf,
        static_base_url,
    )
    from reports.readout.queries import readout_for

    full = kind == FULL

    def pipeline() -> bytes:
        return render_report_pdf(assessment_id, language, kind=kind)

    with CaptureQueriesContext(connection) as queries:
        html = render_report_html(assessment_id, language, kind=kind)
    base_url = static_base_url()

    def weasyprint_alone() -> bytes:
        return html_to_pdf(html)

    def weasyprint_stock() -> bytes:
        return HTML(string=html, base_url=base_url).write_pdf()

    # Warm up each (imports, template compilation), then alternate the timed runs.
    pdf = pipeline()
    weasyprint_alone()
    weasyprint_stock()
    pipeline_times, weasy_times, stock_times = [], [], []
    for _ in range(runs):
        pipeline_times.append(timed(pipeline))
        weasy_times.append(timed(weasyprint_alone))
        stock_times.append(timed(weasyprint_stock))

    median_pipeline = statistics.median(pipeline_times)
    median_weasy = statistics.median(weasy_times)
    # Each pipeline run is paired with the WeasyPrint run right after it, under the same
    # load from the rest of the machine: the median of the paired ratios is steadier on a
    # shared machine than the ratio of the medians.
    ratio = statistics.median(p / w for p, w in zip(pipeline_times, weasy_times, strict=True))
    # Where the difference goes: the readout (queries, benchmarks, recommendations) and
    # the template (charts included), timed apart, many times, as they are short.
    readout_ms = 1000 * statistics.median(
        timed(lambda: readout_for(assessment_id, language=language, with_methodology=full))
        for _ in range(5 * runs)
    )
    html_ms = 1000 * statistics.median(
        timed(lambda: render_report_html(assessment_id, language, kind=kind))
        for _ in range(5 * runs)
    )
    # The fastest runs are the least disturbed by other work on the machine.
    ratio_min = min(pipeline_times) / min(weasy_times)
    print()
    print(
        f"Report: assessment {assessment_id}, {kind}, language {language}, {page_count(pdf)} pages,"
    )
    print(f"        {len(pdf):,} bytes of PDF, {len(html):,} characters of HTML,")
    print(f"        {len(queries.captured_queries)} SQL queries to gather it")
    print(f"Runs:   {runs} of each, after one warm-up")
    print()
    print(f"{'':30}{'median':>10}{'min':>10}{'max':>10}")
    for name, times in (
        ("pipeline (full)", pipeline_times),
        ("WeasyPrint alone", weasy_times),
        ("WeasyPrint, stock fetcher", stock_times),
    ):
        print(f"{name:30}{statistics.median(times):>9.3f}s{min(times):>9.3f}s{max(times):>9.3f}s")
    print()
    verdict = "within" if ratio <= RATIO_TARGET else "OVER"
    print(
        f"Ratio pipeline / WeasyPrint alone (median of paired runs): {ratio:.3f}"
        f" ({verdict} the {RATIO_TARGET} target)"
    )
    print(f"  (fastest run against fastest run: {ratio_min:.3f})")
    print(f"Pipeline overhead: {1000 * (median_pipeline - median_weasy):+.0f} ms per report")
    print(
        f"  of which: readout {readout_ms:.0f} ms, template and charts {html_ms - readout_ms:.0f}"
        f" ms (HTML in all: {html_ms:.0f} ms, {html_ms / (1000 * median_weasy):.1%} of WeasyPrint)"
    )

    def trace(label: str) -> None:
        peaks = [traced_peak(f) for f in (pipeline, weasyprint_alone, weasyprint_stock)]
        pipeline_mib, alone_mib, stock_mib = (peak / 2**20 for peak in peaks)
        print(
            f"  {label:8} pipeline {pipeline_mib:.1f} MiB, WeasyPrint alone {alone_mib:.1f} MiB,"
            f" stock fetcher {stock_mib:.1f} MiB"
        )

    return ratio, trace


def page_count(pdf: bytes) -> str:
    try:
        from pypdf import PdfReader  # a test extra
    except ImportError:
        return "?"
    return str(len(PdfReader(io.BytesIO(pdf)).pages))


def timed(function: Callable[[], object]) -> float:
    gc.collect()  # start each run without the previous run's garbage
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def traced_peak(function: Callable[[], object]) -> int:
    """Peak bytes allocated by Python during one call (a separate, slower run)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def harfbuzz_subset_installed() -> bool:
    if not shutil.which("dpkg-query"):
        return False
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "libharfbuzz-subset0"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "install ok installed"


# --- demo data ------------------------------------------------------------------------


def demo_assessment(language: str) -> int:
    """A Lao handicraft firm's submitted assessment (and an earlier one), with six
    consenting peers in the same country and sector so that a benchmark exists."""
    from assessment.models import QuestionnaireVersion
    from reports.benchmarks.queries import refresh_snapshot

    version = QuestionnaireVersion.objects.get(slug="mekong-sme", status="published")
    for k in range(6):
        submit(firm(f"Peer firm {k + 1}"), version, dict.fromkeys(LEVELS, 0.25 + 0.1 * k))
    refresh_snapshot(version)
    company = firm("Vientiane Weaving Co.")
    submit(company, version, dict.fromkeys(LEVELS, 0.3), language=language)
    return submit(company, version, LEVELS, language=language).pk


def firm(name: str):
    from django.utils import timezone

    from assessment.models import Company, User

    owner = User.objects.create_user(
        f"{name.lower().replace(' ', '-')}@example.org", None, benchmark_consent_at=timezone.now()
    )
    return Company.objects.create(
        owner=owner, name=name, country="LA", sector="creative", size_band="micro"
    )


def submit(company, version, levels: dict[str, float], *, language: str = "en"):
    from assessment.models import Answer, Assessment, Option, Question
    from assessment.models.responses import AnswerOption

    assessment = Assessment.objects.create(
        company=company, questionnaire=version, language=language
    )
    pairs = []
    questions = Question.objects.filter(pillar__questionnaire=version).select_related("pillar")
    for question in questions.prefetch_related("options"):
        share = levels.get(question.pillar.code, 0.5)
        options = list(question.options.all())
        normal = sorted(
            (o for o in options if o.kind == Option.Kind.NORMAL), key=lambda o: (o.points, o.order)
        )
        answer = Answer(assessment=assessment, question=question)
        chosen: list = []
        if question.type == Question.Type.TEXT:
            answer.text = "Slow internet and the cost of software."
        elif question.type == Question.Type.NUMBER:
            band = normal[min(len(normal) - 1, int(share * len(normal)))]
            answer.number = band.band_min or Decimal(0)
        elif question.type == Question.Type.MULTIPLE:
            chosen = normal[: round(share * len(normal))]
            chosen = chosen or [o for o in options if o.kind == Option.Kind.NONE] or normal[:1]
        else:
            target = share * question.max_points
            chosen = [min(normal, key=lambda o: (abs(o.points - target), o.points))]
        pairs.append((answer, chosen))
    Answer.objects.bulk_create([answer for answer, _ in pairs])
    AnswerOption.objects.bulk_create(
        AnswerOption(answer=answer, option=option) for answer, chosen in pairs for option in chosen
    )
    assert assessment.submit()
    return assessment


if __name__ == "__main__":
    main()
