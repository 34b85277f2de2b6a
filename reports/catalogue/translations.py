"""The programme catalogue's translations in seeds/translations/<lang>/programmes.yaml.

The questionnaire's translations are loaded by assessment/i18n/seed.py; this adds the
catalogue's file to the same run, as a loader for its file name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from assessment.i18n.seed import Loader, LoadReport, as_mapping, load_translations
from assessment.models import TranslationStatus
from reports.models import Programme, ProgrammeTranslation


def load_all_translations(folder: Path, seeds: Path) -> LoadReport:
    """The questionnaire's and the catalogue's translations under folder."""
    return load_translations(folder, seeds, loaders={"programmes.yaml": load_programmes})


def load_programmes(data: dict[str, Any], language: str, where: str, report: LoadReport) -> None:
    programmes = {p.code: p for p in Programme.objects.all()}
    loader = Loader(ProgrammeTranslation, programmes.values(), language)
    official: set[str] = set()
    for code, entry in as_mapping(data.get("programmes"), f"{where} programmes", report).items():
        if code not in programmes:
            report.warnings.append(f"{where}: no programme “{code}”.")
            continue
        values = as_mapping(entry, code, report)
        loader.apply(programmes[code], values, f"{where} {code}", report)
        if values.get("official_name") is True:
            official.add(code)
    loader.flush()
    _mark_official_names(language, official)


def _mark_official_names(language: str, official: set[str]) -> None:
    """`official_name: true` in the file: the name is the programme's own in the language,
    shown without the English after it. Like the texts, only seeded drafts take it."""
    seeded = ProgrammeTranslation.objects.filter(
        language=language, from_seed=True, status=TranslationStatus.DRAFT
    )
    now = timezone.now()
    seeded.filter(programme__code__in=official, name_is_official=False).update(
        name_is_official=True, updated_at=now
    )
    seeded.exclude(programme__code__in=official).filter(name_is_official=True).update(
        name_is_official=False, updated_at=now
    )
