#!/usr/bin/env python3
"""Benchmark a questionnaire page against a bare Django page with as many radio inputs.

    .venv/bin/python scripts/bench_questionnaire_page.py [--requests 200] [--rounds 5]
        [--page N] [--language en] [--conditions]

Sets up Django as served (DEBUG off) on a throw-away SQLite database in a temporary
folder (migrate, seed), makes
a firm with a draft assessment, answers half of the chosen page (the pillar with the most
questions by default), then, through one logged-in test client and the whole middleware
stack, GETs one after the other the questionnaire page and a bare page: a plain template (no base
layout, no form classes, no queries) that draws the same questions with the same number of
radio inputs, their labels and a CSRF token. Each round times `--requests` GETs of each;
it prints the median requests per second of both and the median ratio of the rounds
(issue 17's target: at least 0.5). With `--conditions`, every question of the page after
its first gets a condition on the first (the script's data attributes, the journey).
Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RATIO_TARGET = 0.5

BARE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head>
<body><main><h1>{{ title }}</h1><form method="post">{% csrf_token %}
{% for q in questions %}<fieldset id="q-{{ q.code }}"><legend>{{ q.text }}</legend>
{% for o in q.options %}<div><input type="radio" name="q-{{ q.code }}" value="{{ o.pk }}"
 id="id_q-{{ q.code }}_{{ forloop.counter0 }}"{% if o.checked %} checked{% endif %}>
<label for="id_q-{{ q.code }}_{{ forloop.counter0 }}">{{ o.label }}</label></div>{% endfor %}
</fieldset>{% endfor %}<button type="submit">Next</button></form></main></body></html>"""

# The bench's URLs: the project's, plus the bare page (this module is the URLconf).
urlpatterns: list[Any] = []


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark a questionnaire page.")
    parser.add_argument("--requests", type=int, default=200, help="GETs of each per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--page", type=int, default=0, help="pillar page (default: the largest)")
    parser.add_argument("--language", default="en", help="page language (default en)")
    parser.add_argument("--conditions", action="store_true", help="add conditions to the page")
    parser.add_argument(
        "--profile", action="store_true", help="also print where the page's time goes (cProfile)"
    )
    args = parser.parse_args()
    if args.requests < 1 or args.rounds < 1:
        parser.error("--requests and --rounds must be at least 1")
    workdir = Path(tempfile.mkdtemp(prefix="mekong-bench-page-"))
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # As served: DEBUG off (no SQL logging, no template debug data), over plain HTTP here.
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-" + "x" * 50
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["SECURE_COOKIES"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # Static files straight from static/ (production's manifest needs a collectstatic).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.test import Client
    from django.urls import clear_url_caches, include, path, reverse

    print("Setting up a throw-away database (migrate, seed, a firm and a draft)…", flush=True)
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    assessment, page, questions = _draft(args.page, args.conditions)
    bare = _bare_view(questions)
    urlpatterns[:] = [path("bench/bare/", bare), path("", include("config.urls"))]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()

    client = Client()
    client.force_login(assessment.company.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = args.language
    page_url = reverse("assessment_page", args=[assessment.pk, page])
    urls = {"questionnaire page": page_url, "bare page": "/bench/bare/"}
    for url in urls.values():  # warm-up: templates compiled, caches filled
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    radios = client.get(page_url).content.count(b'type="radio"')
    checkboxes = client.get(page_url).content.count(b'type="checkbox"')
    bare_inputs = client.get("/bench/bare/").content.count(b'type="radio"')
    print(
        f"Page {page}: {len(questions)} questions, {radios} radio and {checkboxes} checkbox "
        f"inputs (the bare page: {bare_inputs} radio inputs); language {args.language}; "
        f"conditions: {'yes' if args.conditions else 'no'}"
    )
    if args.profile:
        _profile(client, page_url, args.requests)
    print(f"Rounds: {args.rounds} of {args.requests} GETs of each, in turn")
    wall: dict[str, list[float]] = {name: [] for name in urls}
    cpu: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(args.rounds):
        # One of each in turn, so that a busy machine slows both alike.
        spent = {name: [0.0, 0.0] for name in urls}
        for _ in range(args.requests):
            for name, url in urls.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                spent[name][0] += time.perf_counter() - start
                spent[name][1] += time.process_time() - start_cpu
        for name in urls:
            wall[name].append(args.requests / spent[name][0])
            cpu[name].append(args.requests / spent[name][1])
    print()
    print(f"{'requests per second':34}{'median':>10}{'min':>10}{'max':>10}")
    for label, rates in (("wall clock", wall), ("this process's CPU time", cpu)):
        for name, values in rates.items():
            print(
                f"{name + ', ' + label:34}{statistics.median(values):>10.1f}"
                f"{min(values):>10.1f}{max(values):>10.1f}"
            )
    print()
    for label, rates in (("wall clock", wall), ("CPU time", cpu)):
        ratios = [
            q / b for q, b in zip(rates["questionnaire page"], rates["bare page"], strict=True)
        ]
        ratio = statistics.median(ratios)
        verdict = "meets" if ratio >= RATIO_TARGET else "BELOW"
        print(
            f"Ratio questionnaire / bare, {label} (median of rounds): {ratio:.2f}x "
            f"({verdict} {RATIO_TARGET}x); per request "
            f"{1000 / statistics.median(rates['questionnaire page']):.1f} ms against "
            f"{1000 / statistics.median(rates['bare page']):.1f} ms"
        )
    print("(CPU time leaves out waiting for other processes on a shared machine.)")


def _profile(client: Any, url: str, requests: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(90)
    stats.sort_stats("tottime").print_stats(25)


def _draft(page: int, with_conditions: bool) -> tuple[Any, int, list[Any]]:
    """A firm's draft on the seed questionnaire, half of `page` answered; the page's questions."""
    from django.db.models import Count

    from assessment.models import Answer, Assessment, Company, Pillar, QuestionnaireVersion, User

    version = QuestionnaireVersion.objects.filter(status="published").latest("number")
    pillars = list(version.pillars.annotate(n=Count("questions")))
    if not page:
        page = max(range(1, len(pillars) + 1), key=lambda i: pillars[i - 1].n)
    pillar: Pillar = pillars[page - 1]
    questions = list(pillar.questions.prefetch_related("options"))
    if with_conditions:
        # Authoring a published version is refused; the bench edits the rows underneath.
        from assessment.models import Question

        first = next(q for q in questions if q.type in ("single", "scale", "yes_no"))
        codes = [o.code for o in first.options.all()][1:]
        for q in questions:
            if q.order > first.order:
                Question.objects.filter(pk=q.pk).update(
                    show_if={"question": first.code, "in": codes}
                )
    user = User.objects.create_user("bench@example.org", "bench-password-1")
    company = Company.objects.create(
        owner=user, name="Bench Co.", country="TH", sector="retail", size_band="small"
    )
    assessment = Assessment.objects.create(company=company, questionnaire=version)
    for q in questions[::2]:
        options = [o for o in q.options.all() if o.kind == "normal"]
        if q.type == "number":
            Answer.objects.create(assessment=assessment, question=q, number=10)
        elif options:
            answer = Answer.objects.create(assessment=assessment, question=q)
            answer.options.set(options[-1:])
    return assessment, page, questions


def _bare_view(questions: list[Any]) -> Any:
    """A view drawing the same questions and as many radio inputs, from plain values."""
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string(BARE)
    data = [
        {
            "code": q.code,
            "text": q.text,
            "options": [
                {"pk": o.pk, "label": o.label, "checked": i == 0} for i, o in enumerate(_drawn(q))
            ],
        }
        for q in questions
    ]

    def bare(request: Any) -> HttpResponse:
        return HttpResponse(template.render({"title": "Bare", "questions": data}, request))

    return bare


def _drawn(question: Any) -> list[Any]:
    """The options the questionnaire page draws as inputs: a number question's bands are
    not drawn (only its special answers), a text question has none."""
    options = list(question.options.all())
    if question.type == "number":
        return [o for o in options if o.kind in ("not_applicable", "dont_know")]
    return [] if question.type == "text" else options


if __name__ == "__main__":
    main()
