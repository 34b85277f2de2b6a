"""Load the seed questionnaire and programme catalogue; running it twice changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessment.authoring.questionnaire_yaml import (
    QuestionnaireFormatError,
    import_dict,
    parse_yaml,
    same_content,
)
from assessment.models import QuestionnaireVersion
from reports.catalogue.from_yaml import CatalogueFormatError, load_catalogue
from reports.catalogue.translations import load_all_translations

SEEDS = Path(settings.BASE_DIR) / "seeds"


class Command(BaseCommand):
    help = (
        "Load seeds/questionnaire_*.yaml, seeds/programmes.yaml and their translations in "
        "seeds/translations/ (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # By number, so the last version of a slug is published last and stays current;
            # the earlier ones are kept (retired) for the assessments answered on them.
            for path in sorted(SEEDS.glob("questionnaire_*.yaml"), key=_slug_and_number):
                self._questionnaire(path)
            created, updated, unchanged = load_catalogue(
                (SEEDS / "programmes.yaml").read_text(encoding="utf-8")
            )
        except (QuestionnaireFormatError, CatalogueFormatError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Programmes: {created} created, {updated} updated, {unchanged} unchanged."
        )
        report = load_all_translations(SEEDS / "translations", SEEDS)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"translations/{warning}"))
        self.stdout.write(report.summary())

    def _questionnaire(self, path: Path) -> None:
        data = parse_yaml(path.read_text(encoding="utf-8"))
        number = data.get("number")
        existing = (
            QuestionnaireVersion.objects.filter(slug=data.get("slug"), number=number).first()
            if number is not None  # every version has a number: none would match
            else None
        )
        draft = QuestionnaireVersion.Status.DRAFT
        if existing is not None and existing.status != draft and same_content(data, existing):
            self.stdout.write(f"{path.name}: {existing.label} unchanged.")
            return
        if existing is not None and existing.status != QuestionnaireVersion.Status.DRAFT:
            # Replacing a published version in place would move submitted scores.
            self.stdout.write(
                self.style.WARNING(
                    f"{path.name}: differs from the published {existing.label}, which is kept. "
                    "Raise the file's version number to seed a new version."
                )
            )
            return
        # One transaction: a version that fails validation is not left behind as a draft
        # that a later run would take for "unchanged".
        try:
            with transaction.atomic():
                version = import_dict(data, replace_draft=True)
                if _later_version_published(version):
                    _retire(version)
                else:
                    version.publish()
        except ValidationError as exc:
            raise CommandError(f"{path.name}: " + " ".join(exc.messages)) from exc
        # The status value, not its (translated) label: this output is for operators.
        self.stdout.write(f"{path.name}: {version.label} loaded and {version.status}.")


def _slug_and_number(path: Path) -> tuple[str, int]:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    number = data.get("number")
    return str(data.get("slug")), number if isinstance(number, int) else 0


def _later_version_published(version: QuestionnaireVersion) -> bool:
    return QuestionnaireVersion.objects.filter(
        slug=version.slug,
        number__gt=version.number,
        status=QuestionnaireVersion.Status.PUBLISHED,
    ).exists()


def _retire(version: QuestionnaireVersion) -> None:
    """Keep an older seed version beside the current one, checked as publishing would."""
    problems = version.validation_problems()
    if problems:
        raise ValidationError(problems)
    version.status = QuestionnaireVersion.Status.RETIRED
    version.save(update_fields=["status"])
