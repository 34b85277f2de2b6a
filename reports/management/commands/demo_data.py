"""Create deterministic, realistic demo companies and assessments (idempotent per seed)."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reports.demo.create import NoPublishedQuestionnaire, demo_data_create


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("give a whole number of at least 1")
    return number


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("give a whole number of at least 0")
    return number


class Command(BaseCommand):
    help = (
        "Create N demo companies with submitted assessments, re-assessments and cohorts. "
        "The same --seed gives the same data; a second run with the same arguments adds nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--companies", type=_positive, default=60, metavar="N")
        parser.add_argument("--seed", type=_non_negative, default=1, metavar="S")

    def handle(self, *args: Any, companies: int, seed: int, **options: Any) -> None:
        progress = self.stdout.write if options["verbosity"] >= 1 else None
        try:
            summary = demo_data_create(companies=companies, seed=seed, progress=progress)
        except NoPublishedQuestionnaire as exc:
            raise CommandError(
                "No questionnaire is published: run `manage.py seed` first."
            ) from exc
        if options["verbosity"] >= 1:
            self.stdout.write("\n".join(summary.lines()))
