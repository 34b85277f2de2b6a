"""manage.py render_report ASSESSMENT --output FILE.pdf [--language CODE] [--kind owner|full]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessment.models import Assessment
from reports.models import ReportFile
from reports.pdf.render import language_codes, render_report_pdf


class Command(BaseCommand):
    help = "Render the PDF report of a submitted assessment to a file (nothing is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assessment", type=int, help="The assessment's id.")
        parser.add_argument("--output", "-o", required=True, type=Path, help="The PDF to write.")
        parser.add_argument(
            "--language",
            help="A language code of settings.LANGUAGES (default: the assessment's own).",
        )
        parser.add_argument(
            "--kind",
            choices=ReportFile.Kind.values,
            default=ReportFile.Kind.OWNER,
            help="The owner's report (default) or the full report with the annex.",
        )

    def handle(self, *args, **options) -> None:
        assessment = Assessment.objects.filter(pk=options["assessment"]).first()
        if assessment is None:
            raise CommandError(f"There is no assessment {options['assessment']}.")
        if not assessment.is_submitted:
            raise CommandError(
                f"Assessment {assessment.pk} is a draft: only submitted assessments have a report."
            )
        language = options["language"] or assessment.language
        if language not in language_codes():
            choices = ", ".join(sorted(language_codes()))
            raise CommandError(f"Unknown language {language!r}; choose one of {choices}.")
        pdf = render_report_pdf(assessment.pk, language, kind=options["kind"])
        output: Path = options["output"]
        try:
            output.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc}") from exc
        self.stdout.write(f"Wrote {output} ({len(pdf):,} bytes, language {language}).")
