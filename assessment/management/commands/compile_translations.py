"""Compile the UI catalogues in LOCALE_PATHS without GNU gettext (assessment/i18n/catalogues.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from assessment.i18n.catalogues import catalogues, compile_stale


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo with polib (only those that changed)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Compile every catalogue.")

    def handle(self, *args: Any, **options: Any) -> None:
        compiled = compile_stale(settings.LOCALE_PATHS, force=options["force"])
        total = len(catalogues(settings.LOCALE_PATHS))
        if options["verbosity"]:
            self.stdout.write(
                f"Catalogues: {len(compiled)} compiled, {total - len(compiled)} up to date."
            )
